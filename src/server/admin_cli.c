/* admin_cli.c - kundlid keys ... and kundlid db ... (see admin_cli.h).
 * Output is one JSON object per line on stdout; errors go to stderr.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "server/admin_cli.h"

#include "common/jsonw.h"
#include "service/auth.h"
#include "service/config.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

#define ARGS_MAX 64

static const char usage_text[] =
    "usage: kundlid keys create --user NAME [--admin] [--SETTING VALUE ...]\n"
    "       kundlid keys list [--SETTING VALUE ...]\n"
    "       kundlid keys revoke KEY_ID [--SETTING VALUE ...]\n"
    "       kundlid db stats [--SETTING VALUE ...]\n"
    "       kundlid db backup FILE [--SETTING VALUE ...]\n"
    "\n"
    "Operator commands on the store of saved charts and API keys, chosen by\n"
    "database_url and the db_* settings as for the service (see kundlid --help);\n"
    "they may run while the service runs.\n"
    "\n"
    "  keys create   makes a random API key for user NAME (an admin key with --admin)\n"
    "                and prints it once with its key_id: only its SHA-256 is kept\n"
    "  keys list     prints every key (key_id, user, admin, created_at, revoked_at)\n"
    "  keys revoke   revokes a key; the service stops taking it within 10 s\n"
    "  db stats      prints which indexes serve the store's queries\n"
    "  db backup     copies a SQLite store into FILE while it is in use (PostgreSQL:\n"
    "                use pg_dump, see docs/OPERATIONS.md)\n"
    "\n"
    "Exit status: 0 done, 1 the store could not do it, 2 bad usage.\n";

bool admin_cli_is_command(const char *arg)
{
    return strcmp(arg, "keys") == 0 || strcmp(arg, "db") == 0;
}

static int usage(const char *why)
{
    if (why)
        fprintf(stderr, "kundlid: %s\n", why);
    fputs(usage_text, stderr);
    return 2;
}

static void print_doc(struct jsonw *w)
{
    if (jw_finish(w, NULL) == 0)
        printf("%.*s\n", (int)w->len, w->buf);
    jw_reset(w);
}

static int open_store(const struct config *cfg, struct store **out)
{
    struct store_config sc = {
        .url = cfg->database_url,
        .pool_max = 2,
        .pool_min = -1,
        .idle_s = cfg->db_idle_s,
        .wait_ms = cfg->db_wait_ms,
    };
    struct error err;
    if (store_open(&sc, out, &err) != 0) {
        fprintf(stderr, "kundlid: cannot open the store: %s\n", err.message);
        return 1;
    }
    return 0;
}

static int key_line(void *ctx, const struct store_key *k)
{
    struct jsonw *w = ctx;
    jw_obj(w);
    jw_kstr(w, "key_id", k->key_id);
    jw_kstr(w, "user", k->user_id);
    jw_kbool(w, "admin", k->admin);
    jw_kint(w, "created_at", (long long)(k->created_at / 1000000));
    jw_key(w, "revoked_at");
    if (k->revoked_at)
        jw_int(w, (long long)(k->revoked_at / 1000000));
    else
        jw_null(w);
    jw_obj_end(w);
    print_doc(w);
    return 0;
}

static int index_line(void *ctx, const struct store_index_use *u)
{
    struct jsonw *w = ctx;
    jw_obj(w);
    jw_key(w, "query");
    if (u->query)
        jw_str(w, u->query);
    else
        jw_null(w);
    jw_kstr(w, "table", u->table ? u->table : "");
    jw_kstr(w, "index", u->index ? u->index : "");
    jw_key(w, "plan");
    if (u->plan)
        jw_str(w, u->plan);
    else
        jw_null(w);
    jw_key(w, "scans");
    if (u->scans >= 0)
        jw_int(w, u->scans);
    else
        jw_null(w);
    jw_obj_end(w);
    print_doc(w);
    return 0;
}

/* The command's own words and flags, apart from the settings. */
struct cmd {
    const char *group, *verb;
    const char *user, *arg;
    bool admin;
};

int admin_cli_main(int argc, char **argv)
{
    struct cmd c = {.group = argv[1]};
    char *rest[ARGS_MAX];
    int n = 0;
    rest[n++] = argv[0];
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (strcmp(a, "--user") == 0) {
            if (i + 1 >= argc)
                return usage("--user needs a value");
            c.user = argv[++i];
        } else if (strcmp(a, "--admin") == 0) {
            c.admin = true;
        } else if (strncmp(a, "--", 2) == 0) {
            if (i + 1 >= argc || n + 2 >= ARGS_MAX)
                return usage("a setting needs a value");
            rest[n++] = argv[i];
            rest[n++] = argv[++i];
        } else if (!c.verb) {
            c.verb = a;
        } else if (!c.arg) {
            c.arg = a;
        } else {
            return usage("too many arguments");
        }
    }
    if (!c.verb)
        return usage("which command?");
    bool keys = strcmp(c.group, "keys") == 0;
    bool create = keys && strcmp(c.verb, "create") == 0;
    bool list = keys && strcmp(c.verb, "list") == 0;
    bool revoke = keys && strcmp(c.verb, "revoke") == 0;
    bool stats = !keys && strcmp(c.verb, "stats") == 0;
    bool backup = !keys && strcmp(c.verb, "backup") == 0;
    if (!create && !list && !revoke && !stats && !backup)
        return usage("unknown command");
    if ((revoke || backup) != (c.arg != NULL))
        return usage(revoke ? "keys revoke takes one KEY_ID"
                     : backup ? "db backup takes one FILE"
                              : "this command takes no argument");
    if (create != (c.user != NULL) || (c.admin && !create))
        return usage(create ? "keys create needs --user NAME" : "--user and --admin are for keys create");

    static struct config cfg;
    int rc = config_load(&cfg, n, rest);
    if (rc)
        return rc == CONFIG_HELP ? 0 : 2;
    struct store *st = NULL;
    if (open_store(&cfg, &st) != 0)
        return 1;
    struct error err;
    struct jsonw w;
    jw_init(&w, 1 << 20);
    err_clear(&err);
    int status = 0;
    if (create) {
        struct store_key k = {.admin = c.admin};
        char key[AUTH_KEY_MAX];
        rc = auth_key_new(key, k.key_id, k.sha256, &err);
        snprintf(k.user_id, sizeof k.user_id, "%s", c.user);
        if (strlen(c.user) >= sizeof k.user_id)
            rc = err_set(&err, ERR_INVALID_VALUE, "user", "a user name has at most %d bytes",
                         STORE_USER_MAX);
        if (rc == 0)
            rc = store_key_insert(st, &k, &err);
        if (rc == 0) {
            jw_obj(&w);
            jw_kstr(&w, "key", key);
            jw_kstr(&w, "key_id", k.key_id);
            jw_kstr(&w, "user", k.user_id);
            jw_kbool(&w, "admin", k.admin);
            jw_obj_end(&w);
            print_doc(&w);
            fputs("kundlid: keep the key now: it is not shown again\n", stderr);
        }
    } else if (list) {
        rc = store_key_list(st, key_line, &w, &err);
    } else if (revoke) {
        rc = store_key_revoke(st, c.arg, &err);
        if (rc == 0)
            printf("{\"revoked\":\"%s\"}\n", c.arg);
    } else if (stats) {
        rc = store_index_usage(st, index_line, &w, &err);
    } else {
        rc = store_backup(st, c.arg, &err);
        if (rc == 0)
            fprintf(stderr, "kundlid: backup written to %s\n", c.arg);
    }
    if (rc) {
        fprintf(stderr, "kundlid: %s\n", err.message);
        status = rc == ERR_INVALID_VALUE && create ? 2 : 1;
    }
    jw_free(&w);
    store_close(st);
    return status;
}
