/* auth.c - API keys and their check (see auth.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/auth.h"

#include "app/mem.h"
#include "service/service.h"
#include "store/store.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#define CACHE_SLOTS 1024 /* direct-mapped by the hash's first digits */
#define TOKEN_MAX 128    /* longer Authorization values are not keys */

struct slot {
    char sha256[65]; /* "" when empty */
    char user[AUTH_USER_MAX + 1];
    bool admin;
    double expires; /* service_now() seconds */
};

struct auth {
    pthread_mutex_t mu;
    struct slot slots[CACHE_SLOTS];
};

struct auth *auth_create(void)
{
    struct auth *a = xcalloc(1, sizeof *a);
    pthread_mutex_init(&a->mu, NULL);
    return a;
}

void auth_destroy(struct auth *a)
{
    if (!a)
        return;
    pthread_mutex_destroy(&a->mu);
    free(a);
}

static void hex(const unsigned char *raw, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[raw[i] >> 4];
        out[2 * i + 1] = digits[raw[i] & 15];
    }
    out[2 * n] = '\0';
}

void auth_sha256_hex(const char *text, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(text, strlen(text), md, &n, EVP_sha256(), NULL) != 1 || n != 32) {
        fputs("kundlid: SHA-256 failed\n", stderr);
        abort();
    }
    hex(md, 32, out);
}

static int random_bytes(unsigned char *p, size_t n, struct error *err)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(p + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return err_set(err, ERR_INTERNAL, "", "no random bytes from the kernel");
        got += (size_t)r;
    }
    return 0;
}

int auth_key_new(char key[AUTH_KEY_MAX], char key_id[AUTH_KEY_ID_LEN + 1], char sha256[65],
                 struct error *err)
{
    unsigned char raw[AUTH_KEY_ID_LEN / 2 + 16];
    char secret[33];
    int rc = random_bytes(raw, sizeof raw, err);
    if (rc)
        return rc;
    hex(raw, AUTH_KEY_ID_LEN / 2, key_id);
    hex(raw + AUTH_KEY_ID_LEN / 2, 16, secret);
    snprintf(key, AUTH_KEY_MAX, "kd_%s_%s", key_id, secret);
    auth_sha256_hex(key, sha256);
    return 0;
}

/* The token of "Bearer TOKEN", or NULL. */
static const char *bearer(const char *h)
{
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    size_t n = strlen(h);
    if (n == 0 || n > TOKEN_MAX)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = h[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return NULL;
    }
    return h;
}

static struct slot *slot_of(struct auth *a, const char sha256[65])
{
    unsigned idx = (unsigned)strtoul((char[5]){sha256[0], sha256[1], sha256[2], sha256[3], 0},
                                     NULL, 16);
    return &a->slots[idx % CACHE_SLOTS];
}

int auth_check(struct auth *a, struct store *s, const char *authorization,
               char user[AUTH_USER_MAX + 1], bool *admin, struct error *err)
{
    const char *token = bearer(authorization);
    if (!token)
        return err_set(err, ERR_UNAUTHORIZED, "",
                       authorization ? "the Authorization header is not a Bearer API key"
                                     : "this endpoint needs an API key (Authorization: Bearer)");
    char sha[65];
    auth_sha256_hex(token, sha);
    double now = service_now();
    struct slot *sl = slot_of(a, sha);
    bool hit = false;
    pthread_mutex_lock(&a->mu);
    if (sl->sha256[0] && sl->expires > now && CRYPTO_memcmp(sl->sha256, sha, 64) == 0) {
        memcpy(user, sl->user, AUTH_USER_MAX + 1);
        *admin = sl->admin;
        hit = true;
    }
    pthread_mutex_unlock(&a->mu);
    if (hit)
        return 0;
    if (!s)
        return err_set(err, ERR_STORE_UNAVAILABLE, "", "the database cannot be reached; retry later");
    struct store_key k;
    int rc = store_key_find(s, sha, &k, err);
    if (rc == ERR_NOT_FOUND || (rc == 0 && CRYPTO_memcmp(k.sha256, sha, 64) != 0))
        return err_set(err, ERR_UNAUTHORIZED, "", "unknown or revoked API key");
    if (rc)
        return rc;
    snprintf(user, AUTH_USER_MAX + 1, "%s", k.user_id);
    *admin = k.admin;
    pthread_mutex_lock(&a->mu);
    memcpy(sl->sha256, sha, sizeof sl->sha256);
    memcpy(sl->user, user, AUTH_USER_MAX + 1);
    sl->admin = k.admin;
    sl->expires = now + AUTH_CACHE_TTL_S;
    pthread_mutex_unlock(&a->mu);
    return 0;
}
