/* test_cache_redis.c - the parts of the L2 cache that need no server (the
 * server itself is tested end to end by tests/e2e/redis_test.py): the
 * chart value format both ways and every way a value of another format is
 * refused, the parsing of redis_url, and the version in a GET's reply.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

/* the .c itself, to reach the static encoder, decoder and URL parser */
#include "service/cache_redis.c"

#include <stdlib.h>
#include <string.h>

static void test_value_round_trip(void **state)
{
    (void)state;
    static const char json[] = ",\"planets\":[1,2,3]}";
    static const char defl[] = "\x01\x02\x03\x04\x05";
    size_t n;
    unsigned char *v = encode(json, strlen(json), defl, 5, 0x0102030405060708u, &n);
    assert_int_equal(n, VALUE_HEAD + strlen(json) + 5);
    /* the layout, byte for byte: format, flags, tag LE, JSON length LE */
    static const unsigned char head[VALUE_HEAD] = {1, 1, 8, 7, 6, 5, 4, 3, 2, 1, 19, 0, 0, 0};
    assert_memory_equal(v, head, VALUE_HEAD);
    struct cache_blob b;
    assert_true(decode((const char *)v, n, &b));
    assert_int_equal(b.json_len, strlen(json));
    assert_memory_equal(b.json, json, b.json_len);
    assert_int_equal(b.deflated_len, 5);
    assert_memory_equal(b.deflated, defl, 5);
    assert_true(b.tag == 0x0102030405060708u);
    cache_redis_blob_free(&b);
    free(v);

    v = encode(json, strlen(json), NULL, 7, 42, &n); /* no DEFLATE copy */
    assert_int_equal(n, VALUE_HEAD + strlen(json));
    assert_int_equal(v[1], 0);
    assert_true(decode((const char *)v, n, &b));
    assert_null(b.deflated);
    assert_int_equal(b.deflated_len, 0);
    assert_true(b.tag == 42);
    cache_redis_blob_free(&b);
    free(v);
}

static void test_value_refused(void **state)
{
    (void)state;
    static const char json[] = "{\"a\":1}";
    size_t n;
    struct cache_blob b;
    unsigned char *v = encode(json, strlen(json), "zz", 2, 1, &n);
    unsigned char *w = malloc(n);

    assert_false(decode((const char *)v, VALUE_HEAD - 1, &b)); /* too short */
    memcpy(w, v, n);
    w[0] = 2; /* a later format */
    assert_false(decode((const char *)w, n, &b));
    memcpy(w, v, n);
    w[1] |= 2; /* an unknown flag */
    assert_false(decode((const char *)w, n, &b));
    memcpy(w, v, n);
    w[1] = 0; /* bytes after the JSON but no DEFLATE flag */
    assert_false(decode((const char *)w, n, &b));
    memcpy(w, v, n);
    w[10] = (unsigned char)(strlen(json) + 3); /* JSON longer than the value */
    assert_false(decode((const char *)w, n, &b));
    memcpy(w, v, n);
    w[10] = 0; /* no JSON */
    assert_false(decode((const char *)w, n, &b));
    assert_false(decode((const char *)v, n - 2, &b)); /* flag set, copy missing */
    assert_true(decode((const char *)v, n, &b));
    cache_redis_blob_free(&b);
    free(w);
    free(v);
}

static void test_url(void **state)
{
    (void)state;
    struct cache_redis r;
    struct error err;
    memset(&r, 0, sizeof r);
    assert_int_equal(parse_url(&r, "redis://127.0.0.1:6380/2", &err), 0);
    assert_string_equal(r.host, "127.0.0.1");
    assert_int_equal(r.port, 6380);
    assert_int_equal(r.db, 2);
    assert_string_equal(r.password, "");

    memset(&r, 0, sizeof r);
    assert_int_equal(parse_url(&r, "redis://cache.internal", &err), 0);
    assert_string_equal(r.host, "cache.internal");
    assert_int_equal(r.port, 6379);
    assert_int_equal(r.db, 0);

    memset(&r, 0, sizeof r);
    assert_int_equal(parse_url(&r, "redis://:s3cr@t@h:1/", &err), 0);
    assert_string_equal(r.user, "");
    assert_string_equal(r.password, "s3cr@t");
    assert_string_equal(r.host, "h");
    assert_int_equal(r.port, 1);

    memset(&r, 0, sizeof r);
    assert_int_equal(parse_url(&r, "redis://kundli:pw@h", &err), 0);
    assert_string_equal(r.user, "kundli");
    assert_string_equal(r.password, "pw");

    static const char *const bad[] = {
        "",
        "127.0.0.1:6379",
        "rediss://h",
        "redis://",
        "redis://:6379",
        "redis://h:",
        "redis://h:0",
        "redis://h:65536",
        "redis://h:12x",
        "redis://h/x",
        "redis://h/1/2",
        "redis://pw@h",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&r, 0, sizeof r);
        err_clear(&err);
        assert_int_equal(parse_url(&r, bad[i], &err), ERR_INVALID_VALUE);
        assert_string_equal(err.field, "redis_url");
        assert_null(strstr(err.message, "pw")); /* never echoes a password */
    }
}

static void test_version_of(void **state)
{
    (void)state;
    redisReply nil = {.type = REDIS_REPLY_NIL};
    redisReply num = {.type = REDIS_REPLY_STRING, .str = (char *)"1234", .len = 4};
    redisReply neg = {.type = REDIS_REPLY_STRING, .str = (char *)"-1", .len = 2};
    redisReply text = {.type = REDIS_REPLY_STRING, .str = (char *)"12a", .len = 3};
    redisReply err = {.type = REDIS_REPLY_ERROR, .str = (char *)"ERR", .len = 3};
    assert_int_equal(version_of(&nil), 0);
    assert_int_equal(version_of(&num), 1234);
    assert_int_equal(version_of(&neg), -1);
    assert_int_equal(version_of(&text), -1);
    assert_int_equal(version_of(&err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_round_trip),
        cmocka_unit_test(test_value_refused),
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_version_of),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
