/* test_config.c - kundlid's settings (service/config.c): the defaults, then
 * the file (--config or KUNDLI_CONFIG), then KUNDLI_* variables, then flags,
 * each overriding the one before, for several settings at once; the file's
 * syntax; the range of each kind of value; and the exact error for bad
 * values, unknown names and a missing file.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "service/config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const names[] = {
    "LISTEN",        "THREADS",         "CACHE_MB",           "CACHE_TTL",
    "DEADLINE_MS",   "MAX_CONNECTIONS", "CONNECTION_TIMEOUT", "CONNECTION_MEMORY_KB",
    "DRAIN_SECONDS", "ACCESS_LOG",      "EPHE_PATH",          "ZONEINFO",
    "CONFIG",
};

/* No KUNDLI_ setting from the caller's environment. */
static int clean_env(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char var[64];
        snprintf(var, sizeof var, "KUNDLI_%s", names[i]);
        unsetenv(var);
    }
    return 0;
}

static char stderr_text[4096];

/* Reads all of fd from the start into buf, NUL-terminated. */
static void slurp(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    lseek(fd, 0, SEEK_SET);
    for (ssize_t r; n < cap - 1 && (r = read(fd, buf + n, cap - 1 - n)) > 0;)
        n += (size_t)r;
    buf[n] = '\0';
}

/* config_load with argv (NULL-terminated, without the program name); what
 * it prints on stderr lands in stderr_text, stdout is discarded. */
static int load(struct config *cfg, char **args)
{
    char *argv[32] = {"kundlid"};
    int argc = 1;
    while (args[argc - 1]) {
        assert_true(argc < 31);
        argv[argc] = args[argc - 1];
        argc++;
    }
    char path[] = "/tmp/kundli-test-config-XXXXXX";
    int tmp = mkstemp(path);
    assert_true(tmp >= 0);
    unlink(path);
    fflush(stdout);
    fflush(stderr);
    int saved_err = dup(2), saved_out = dup(1), null = open("/dev/null", O_WRONLY);
    dup2(tmp, 2);
    dup2(null, 1);
    int rc = config_load(cfg, argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_err, 2);
    dup2(saved_out, 1);
    close(saved_err);
    close(saved_out);
    close(null);
    slurp(tmp, stderr_text, sizeof stderr_text);
    close(tmp);
    return rc;
}
#define LOAD(cfg, ...) load(cfg, (char *[]){__VA_ARGS__, NULL})

/* A config file with the given text; returns its path (static buffer). */
static const char *file_with(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/kundli-test-conf-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_defaults(void **state)
{
    (void)state;
    struct config c;
    assert_int_equal(load(&c, (char *[]){NULL}), 0);
    assert_string_equal(stderr_text, "");
    assert_string_equal(c.listen_host, "127.0.0.1");
    assert_int_equal(c.listen_port, 8080);
    assert_int_equal(c.threads, 0);
    assert_int_equal(c.cache_mb, 64);
    assert_int_equal(c.cache_ttl, 86400);
    assert_int_equal(c.deadline_ms, 5000);
    assert_int_equal(c.max_connections, 4096);
    assert_int_equal(c.connection_timeout, 30);
    assert_int_equal(c.connection_memory_kb, 16);
    assert_int_equal(c.drain_seconds, 10);
    assert_true(c.access_log);
    assert_string_equal(c.ephe_path, "/usr/share/libswe/ephe");
    assert_string_equal(c.zoneinfo, "/usr/share/zoneinfo");
}

/* Ten settings, each given by a different set of sources. */
static void test_precedence(void **state)
{
    (void)state;
    const char *file = file_with("# kundlid settings\n"
                                 "cache_mb = 3\n"
                                 "deadline_ms = 1\n"
                                 "threads = 2\n"
                                 "access_log = false\n"
                                 "listen = 0.0.0.0:9000\n"
                                 "ephe_path = /file/ephe\n"
                                 "zoneinfo = /file/zoneinfo\n"
                                 "max_connections = 11\n");
    setenv("KUNDLI_CONFIG", file, 1);
    setenv("KUNDLI_DEADLINE_MS", "4000", 1);
    setenv("KUNDLI_THREADS", "3", 1);
    setenv("KUNDLI_LISTEN", "127.0.0.2:9001", 1);
    setenv("KUNDLI_CACHE_TTL", "60", 1);
    setenv("KUNDLI_CONNECTION_TIMEOUT", "7", 1);
    struct config c;
    assert_int_equal(LOAD(&c, "--threads", "4", "--cache-mb", "5", "--connection-timeout", "9",
                          "--ephe-path", "/flag/ephe"),
                     0);
    assert_string_equal(stderr_text, "");
    assert_int_equal(c.cache_mb, 5);                 /* file < flag */
    assert_int_equal(c.deadline_ms, 4000);           /* file < env */
    assert_int_equal(c.threads, 4);                  /* file < env < flag */
    assert_false(c.access_log);                      /* file */
    assert_int_equal(c.cache_ttl, 60);               /* env */
    assert_int_equal(c.connection_timeout, 9);       /* env < flag */
    assert_string_equal(c.listen_host, "127.0.0.2"); /* file < env */
    assert_int_equal(c.listen_port, 9001);
    assert_string_equal(c.ephe_path, "/flag/ephe"); /* file < flag */
    assert_string_equal(c.zoneinfo, "/file/zoneinfo");
    assert_int_equal(c.max_connections, 11);
    assert_int_equal(c.drain_seconds, 10); /* default */

    /* --config overrides KUNDLI_CONFIG; the other file's values are not read */
    const char *file1 = strdup(file);
    const char *file2 = file_with("cache_mb = 7\n");
    assert_int_equal(LOAD(&c, "--config", (char *)file2), 0);
    assert_int_equal(c.cache_mb, 7);
    assert_int_equal(c.max_connections, 4096);
    assert_int_equal(c.threads, 3); /* the environment still counts */
    unlink(file2);
    unlink(file1);
    free((void *)file1);
    clean_env(NULL);

    /* without a file: env < flag, and the last flag wins */
    setenv("KUNDLI_ACCESS_LOG", "0", 1);
    assert_int_equal(LOAD(&c, "--drain-seconds", "1", "--drain-seconds", "2"), 0);
    assert_false(c.access_log);
    assert_int_equal(c.drain_seconds, 2);
    assert_int_equal(LOAD(&c, "--access-log", "true"), 0);
    assert_true(c.access_log);
    clean_env(NULL);
}

static void test_file_syntax(void **state)
{
    (void)state;
    const char *file = file_with("\n"
                                 "   # indented comment\n"
                                 "\tcache_mb\t=\t12   # trailing comment\r\n"
                                 "threads=1\n"
                                 "  listen   =  localhost:0  \n"
                                 "zoneinfo = /a b/c\n"
                                 "deadline_ms = 77");
    struct config c;
    assert_int_equal(LOAD(&c, "--config", (char *)file), 0);
    assert_int_equal(c.cache_mb, 12);
    assert_int_equal(c.threads, 1);
    assert_string_equal(c.listen_host, "localhost");
    assert_int_equal(c.listen_port, 0);
    assert_string_equal(c.zoneinfo, "/a b/c");
    assert_int_equal(c.deadline_ms, 77); /* the last line needs no newline */
    unlink(file);
}

/* Each kind of value at its limits. */
static void test_ranges(void **state)
{
    (void)state;
    struct config c;
    static const struct {
        const char *flag, *value;
        int ok;
    } cases[] = {
        {"--threads", "0", 1},
        {"--threads", "256", 1},
        {"--threads", "257", 0},
        {"--threads", "-1", 0},
        {"--cache-mb", "0", 1},
        {"--cache-mb", "1048576", 1},
        {"--cache-mb", "1048577", 0},
        {"--cache-ttl", "1", 1},
        {"--cache-ttl", "0", 0},
        {"--cache-ttl", "31536000", 1},
        {"--cache-ttl", "31536001", 0},
        {"--deadline-ms", "600000", 1},
        {"--deadline-ms", "600001", 0},
        {"--max-connections", "1000000", 1},
        {"--max-connections", "0", 0},
        {"--connection-timeout", "3600", 1},
        {"--connection-timeout", "3601", 0},
        {"--connection-memory-kb", "8", 1},
        {"--connection-memory-kb", "7", 0},
        {"--connection-memory-kb", "1024", 1},
        {"--connection-memory-kb", "1025", 0},
        {"--drain-seconds", "0", 1},
        {"--drain-seconds", "601", 0},
        {"--threads", "+5", 1},
        {"--threads", " 5", 1},
        {"--threads", "5 ", 0},
        {"--threads", "0x10", 0},
        {"--threads", "5.0", 0},
        {"--threads", "", 0},
        {"--threads", "99999999999999999999", 0},
        {"--access-log", "true", 1},
        {"--access-log", "1", 1},
        {"--access-log", "false", 1},
        {"--access-log", "0", 1},
        {"--access-log", "yes", 0},
        {"--access-log", "TRUE", 0},
        {"--listen", "127.0.0.1:0", 1},
        {"--listen", "h:65535", 1},
        {"--listen", "[::1]:80", 1},
        {"--listen", "h:65536", 0},
        {"--listen", "h:-1", 0},
        {"--listen", "h:", 0},
        {"--listen", ":80", 0},
        {"--listen", "h", 0},
        {"--listen", "h:80x", 0},
        {"--listen", "", 0},
        {"--ephe-path", "", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = LOAD(&c, (char *)cases[i].flag, (char *)cases[i].value);
        if (rc != (cases[i].ok ? 0 : CONFIG_ERROR))
            fail_msg("%s '%s': got %d, want %s (%s)", cases[i].flag, cases[i].value, rc,
                     cases[i].ok ? "0" : "CONFIG_ERROR", stderr_text);
    }
    assert_int_equal(LOAD(&c, "--threads", "+5"), 0);
    assert_int_equal(c.threads, 5);
    assert_int_equal(LOAD(&c, "--listen", "[::1]:80"), 0);
    assert_string_equal(c.listen_host, "[::1]");
    assert_int_equal(c.listen_port, 80);

    /* host names up to 63 characters, paths up to 255 */
    char host[80], path[300];
    memset(host, 'h', 63);
    memcpy(host + 63, ":1", 3);
    assert_int_equal(LOAD(&c, "--listen", host), 0);
    assert_int_equal(strlen(c.listen_host), 63);
    memset(host, 'h', 64);
    memcpy(host + 64, ":1", 3);
    assert_int_equal(LOAD(&c, "--listen", host), CONFIG_ERROR);
    memset(path, 'p', 255);
    path[255] = '\0';
    assert_int_equal(LOAD(&c, "--zoneinfo", path), 0);
    assert_int_equal(strlen(c.zoneinfo), 255);
    path[255] = 'p';
    path[256] = '\0';
    assert_int_equal(LOAD(&c, "--zoneinfo", path), CONFIG_ERROR);
    assert_non_null(strstr(stderr_text, "zoneinfo"));
    assert_non_null(strstr(stderr_text, "too long"));
}

static void test_errors(void **state)
{
    (void)state;
    struct config c;
    assert_int_equal(LOAD(&c, "--threads", "many"), CONFIG_ERROR);
    assert_string_equal(stderr_text,
                        "kundlid: flag: threads = 'many': must be a whole number 0..256\n");
    assert_int_equal(LOAD(&c, "--access-log", "yes"), CONFIG_ERROR);
    assert_string_equal(stderr_text, "kundlid: flag: access_log = 'yes': must be true or false\n");
    assert_int_equal(LOAD(&c, "--listen", "nohost"), CONFIG_ERROR);
    assert_string_equal(stderr_text, "kundlid: flag: listen = 'nohost': must be HOST:PORT, "
                                     "e.g. 127.0.0.1:8080\n");
    assert_int_equal(LOAD(&c, "--bogus", "1"), CONFIG_ERROR);
    assert_string_equal(stderr_text, "kundlid: unknown option '--bogus' (try --help)\n");
    assert_int_equal(LOAD(&c, "--cache_mb", "1"), 0); /* '_' works in flags too */
    assert_int_equal(c.cache_mb, 1);
    assert_int_equal(LOAD(&c, "--threads"), CONFIG_ERROR);
    assert_string_equal(stderr_text, "kundlid: --threads needs a value\n");
    assert_int_equal(LOAD(&c, "threads", "4"), CONFIG_ERROR);
    assert_string_equal(stderr_text, "kundlid: unexpected argument 'threads' (try --help)\n");
    assert_int_equal(LOAD(&c, "-t", "4"), CONFIG_ERROR);

    /* a bad variable names itself; an empty one is bad too */
    setenv("KUNDLI_CACHE_TTL", "soon", 1);
    assert_int_equal(LOAD(&c, "--threads", "1"), CONFIG_ERROR);
    assert_string_equal(stderr_text, "kundlid: KUNDLI_CACHE_TTL: cache_ttl = 'soon': must be a "
                                     "whole number 1..31536000\n");
    /* ... even when a flag would override it */
    assert_int_equal(LOAD(&c, "--cache-ttl", "5"), CONFIG_ERROR);
    setenv("KUNDLI_CACHE_TTL", "", 1);
    assert_int_equal(LOAD(&c, (char *)NULL), CONFIG_ERROR);
    clean_env(NULL);

    /* the file: its name and line in the message */
    const char *file = file_with("cache_mb = 3\ncolour = red\n");
    char want[256];
    assert_int_equal(LOAD(&c, "--config", (char *)file), CONFIG_ERROR);
    snprintf(want, sizeof want, "kundlid: %s:2: unknown setting 'colour'\n", file);
    assert_string_equal(stderr_text, want);
    unlink(file);
    file = file_with("cache_mb 3\n");
    assert_int_equal(LOAD(&c, "--config", (char *)file), CONFIG_ERROR);
    snprintf(want, sizeof want, "kundlid: %s:1: expected name = value\n", file);
    assert_string_equal(stderr_text, want);
    unlink(file);
    file = file_with("\n\ndeadline_ms = 0\n");
    assert_int_equal(LOAD(&c, "--config", (char *)file), CONFIG_ERROR);
    snprintf(want, sizeof want,
             "kundlid: %s: deadline_ms = '0': must be a whole number 1..600000\n", file);
    assert_string_equal(stderr_text, want);
    /* a bad file fails even when the variable and the flag set the value */
    setenv("KUNDLI_DEADLINE_MS", "100", 1);
    assert_int_equal(LOAD(&c, "--config", (char *)file, "--deadline-ms", "200"), CONFIG_ERROR);
    clean_env(NULL);
    unlink(file);
    /* a file that is not there */
    setenv("KUNDLI_CONFIG", "/nonexistent/kundlid.conf", 1);
    assert_int_equal(LOAD(&c, (char *)NULL), CONFIG_ERROR);
    assert_string_equal(stderr_text, "kundlid: cannot read config file "
                                     "/nonexistent/kundlid.conf: No such file or directory\n");
    clean_env(NULL);
    assert_int_equal(LOAD(&c, "--config", "/nonexistent/x.conf"), CONFIG_ERROR);
}

static void test_help(void **state)
{
    (void)state;
    struct config c;
    assert_int_equal(LOAD(&c, "--help"), CONFIG_HELP);
    assert_int_equal(LOAD(&c, "-h"), CONFIG_HELP);
    assert_int_equal(LOAD(&c, "--version"), CONFIG_HELP);
    /* help comes first, even after a bad flag */
    assert_int_equal(LOAD(&c, "--threads", "many", "--help"), CONFIG_HELP);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    config_usage(f);
    fclose(f);
    static const char *const want[] = {
        "--listen",
        "KUNDLI_LISTEN",
        "default 127.0.0.1:8080",
        "--cache-mb",
        "KUNDLI_CACHE_MB",
        "default 64",
        "--connection-memory-kb",
        "KUNDLI_CONNECTION_MEMORY_KB",
        "default 16",
        "--access-log",
        "KUNDLI_ACCESS_LOG",
        "default true",
        "--zoneinfo",
        "KUNDLI_ZONEINFO",
        "default /usr/share/zoneinfo",
        "--config FILE",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(text, want[i]))
            fail_msg("usage lacks '%s'", want[i]);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_defaults, clean_env),
        cmocka_unit_test_setup(test_precedence, clean_env),
        cmocka_unit_test_setup(test_file_syntax, clean_env),
        cmocka_unit_test_setup(test_ranges, clean_env),
        cmocka_unit_test_setup(test_errors, clean_env),
        cmocka_unit_test_setup(test_help, clean_env),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
