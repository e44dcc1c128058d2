/* auth.h - API keys: making them, and checking a request's
 * "Authorization: Bearer KEY". A key is "kd_" + a 16-hex key id + "_" +
 * 32 hex digits of secret (192 random bits in all, from getrandom); the
 * store keeps only its SHA-256 (hex). Valid keys are remembered for
 * AUTH_CACHE_TTL_S seconds, so a request seldom costs a database round
 * trip; a revoked key therefore stops working within that time. Only
 * auth.c sees OpenSSL. Private to src/service (and kundlid's key commands).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_AUTH_H
#define KUNDLI_AUTH_H

#include "common/err.h"

#include <stdbool.h>

#define AUTH_CACHE_TTL_S 10
#define AUTH_KEY_MAX 64     /* a key's text, with its NUL */
#define AUTH_KEY_ID_LEN 16  /* hex digits of a key id */
#define AUTH_USER_MAX 64    /* bytes of a user id (as the store's) */

struct auth; /* the cache of valid keys; thread-safe */
struct store;

/* A new cache / frees it (NULL: nothing). Never NULL. */
struct auth *auth_create(void);
void auth_destroy(struct auth *a);

/* The lowercase hex SHA-256 of text. */
void auth_sha256_hex(const char *text, char out[65]);

/* A new random key into key, its id into key_id and its hash into sha256.
 * 0 or ERR_INTERNAL (no random bytes). */
int auth_key_new(char key[AUTH_KEY_MAX], char key_id[AUTH_KEY_ID_LEN + 1], char sha256[65],
                 struct error *err);

/* Checks an Authorization header value (NULL: none) against the cache,
 * then store s (NULL: not open). On success user gets the key's user and
 * *admin whether it is an admin key. Returns 0; ERR_UNAUTHORIZED (no key,
 * not a Bearer key, unknown or revoked key); ERR_STORE_UNAVAILABLE or
 * ERR_STORE_BUSY when the key is not cached and the store cannot answer. */
int auth_check(struct auth *a, struct store *s, const char *authorization,
               char user[AUTH_USER_MAX + 1], bool *admin, struct error *err);

#endif
