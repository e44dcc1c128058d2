/* webhook.h - delivers the monitor's alerts to an HTTP(S) URL: each one a
 * JSON body POSTed by a background thread, with a time limit and retries.
 * The queue is bounded; a full queue drops the new alert (counted), so
 * neither requests nor the monitor ever wait for the receiver. The only
 * file that sees libcurl.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_WEBHOOK_H
#define KUNDLI_WEBHOOK_H

#include <stdbool.h>
#include <stddef.h>

struct metrics;
struct webhook; /* opaque */

#define WEBHOOK_QUEUE_MAX 64 /* alerts waiting to be sent, at most */
#define WEBHOOK_TRIES 3      /* tries per alert, 0.25 s then 0.5 s apart */
#define WEBHOOK_BODY_MAX 1024 /* bytes of one alert's JSON */

/* Starts the sender thread for url (http:// or https:// only; libcurl's
 * other protocols are refused), each try limited to timeout_ms (connect
 * included). Outcomes are counted in m (webhook_sent_total,
 * webhook_failures_total, webhook_dropped_total). Never NULL (allocation
 * failure aborts; a thread that cannot start aborts). */
struct webhook *webhook_start(const char *url, int timeout_ms, struct metrics *m);

/* Queues a copy of body (len <= WEBHOOK_BODY_MAX bytes, JSON) for
 * delivery and returns at once: true if queued, false if dropped (the
 * queue was full, or body too long). Thread-safe; never blocks on the
 * network. */
bool webhook_post(struct webhook *w, const char *body, size_t len);

/* Stops the thread: a back-off ends at once, a transfer in progress is
 * abandoned at libcurl's next progress call (within about a second), and
 * alerts still queued are dropped (not counted). Frees w; NULL is
 * a no-op. */
void webhook_stop(struct webhook *w);

#endif
