/* duplex.h - POST /v1/kundli/stream both ways at once, on a port of its own
 * (stream_port): each body line is answered as soon as it is computed,
 * while the body still comes, with TCP's backpressure in both directions.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_DUPLEX_H
#define KUNDLI_DUPLEX_H

#include "service/service.h"

/* Listens on s->cfg's listen host and stream_port (0: any free port, put
 * in *port_out) with an accepting thread; at most stream_connections
 * streams at once (one thread each), more are answered 503. Returns 0, or
 * -1 (reported through service_diag). */
int duplex_start(struct service *s, int *port_out);

/* Stops accepting, and reading: each stream under way answers the lines it
 * has read and closes, its answer unfinished (no last chunk). */
void duplex_quiesce(struct service *s);

/* Cuts the streams still under way, waits for their threads and frees the
 * listener. Before the work pool and caches go. NULL listener: nothing. */
void duplex_stop(struct service *s);

#endif
