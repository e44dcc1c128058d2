/* storage.h - the service's hold on the store (store/store.h): opened at
 * start if it can be, else retried every second in the background; the
 * same thread pings an open store every second for /readyz. Storage
 * endpoints ask for the store per request and answer 503 while there is
 * none. Private to src/service.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_STORAGE_H
#define KUNDLI_STORAGE_H

#include "common/err.h"
#include "service/service.h"

#include <stdbool.h>

struct store;

/* Tries to open the store of s->cfg (database_url, db_* settings) now,
 * then starts the keeper thread, which retries while it is not open and
 * pings it while it is. Sets s->storage. Never fails: a store that cannot
 * be opened is reported through storage_get and storage_status. */
void storage_start(struct service *s);

/* The open store, or NULL with err set to ERR_STORE_UNAVAILABLE. The
 * store lives until storage_stop(). */
struct store *storage_get(struct service *s, struct error *err);

/* A store call's result code: ERR_STORE_UNAVAILABLE marks the store not
 * ready until the keeper's next successful ping. */
void storage_note(struct service *s, int rc);

/* For /readyz: the backend's name ("sqlite" or "postgresql", from the
 * URL when not open) and whether the last open or ping succeeded. */
bool storage_status(struct service *s, const char **backend);

/* Stops the keeper and closes the store (no request may use it after).
 * NULL s->storage: nothing. */
void storage_stop(struct service *s);

#endif
