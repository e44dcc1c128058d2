/* test_gzip.c - the gzip bodies of service/gzip.c against an independent
 * decoder (zlib): a spliced member (head in a stored block, then the
 * pre-deflated tail) inflates to exactly head + tail, with the right CRC-32
 * and length, for empty, small, large and incompressible parts; a wrong CRC
 * or length is caught; gzip_compress and gzip_deflate round-trip too.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "service/gzip.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Fills p[0..n) with bytes: random when compressible is false, else JSON-ish
 * text that deflates well. */
static void fill(unsigned char *p, size_t n, uint64_t seed, bool compressible)
{
    static const char text[] = "{\"name\":\"Moon\",\"sign\":\"Libra\",\"longitude\":186.95,";
    uint64_t x = seed * 0x9E3779B97F4A7C15u + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if (!compressible)
            p[i] = (unsigned char)(x >> 32);
        else if (x % 16 == 0) /* a varying digit now and then */
            p[i] = (unsigned char)('0' + (x >> 8) % 10);
        else
            p[i] = (unsigned char)text[i % (sizeof text - 1)];
    }
}

/* Inflates a whole gzip member (or a raw DEFLATE stream when raw) into a
 * malloc'd buffer; returns zlib's final status and the length in *out_len.
 * Z_STREAM_END with every input byte used is success. */
static int inflate_all(const void *in, size_t n, bool raw, unsigned char **out, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, raw ? -MAX_WBITS : 16 + MAX_WBITS), Z_OK);
    size_t cap = 4096 + 4 * n, len = 0;
    unsigned char *buf = malloc(cap);
    assert_non_null(buf);
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    int rc;
    do {
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        z.next_out = buf + len;
        z.avail_out = (uInt)(cap - len);
        rc = inflate(&z, Z_NO_FLUSH);
        len = cap - z.avail_out;
    } while (rc == Z_OK);
    if (rc == Z_STREAM_END && z.avail_in != 0)
        rc = Z_DATA_ERROR; /* trailing bytes after the member */
    if (rc == Z_BUF_ERROR)
        rc = Z_DATA_ERROR; /* truncated */
    inflateEnd(&z);
    *out = buf;
    *out_len = len;
    return rc;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Splices head_len bytes and tail_len bytes and checks the member. */
static void check_splice(size_t head_len, size_t tail_len, bool compressible, uint64_t seed)
{
    unsigned char *whole = malloc(head_len + tail_len + 1);
    assert_non_null(whole);
    fill(whole, head_len + tail_len, seed, compressible);
    const unsigned char *head = whole, *tail = whole + head_len;

    size_t deflated_len, n;
    void *deflated = gzip_deflate(tail, tail_len, &deflated_len);
    unsigned char *gz = gzip_splice(head, head_len, tail, tail_len, deflated, deflated_len, &n);
    assert_int_equal(n, 10 + 5 + head_len + deflated_len + 8);

    /* RFC 1952 header, then a stored non-final block with LEN and NLEN */
    static const unsigned char magic[3] = {0x1f, 0x8b, 8};
    assert_memory_equal(gz, magic, 3);
    assert_int_equal(gz[3], 0); /* no FLG bits: no name, comment or extra */
    assert_int_equal(gz[10], 0);
    assert_int_equal(gz[11] | gz[12] << 8, head_len);
    assert_int_equal((gz[13] | gz[14] << 8) ^ 0xFFFF, head_len);
    assert_memory_equal(gz + 15, head, head_len);
    /* the trailer: CRC-32 and length of head + tail */
    uint32_t crc = (uint32_t)crc32(0L, Z_NULL, 0);
    crc = (uint32_t)crc32(crc, whole, (uInt)(head_len + tail_len));
    assert_int_equal(le32(gz + n - 8), crc);
    assert_int_equal(le32(gz + n - 4), (uint32_t)(head_len + tail_len));

    unsigned char *out;
    size_t out_len;
    assert_int_equal(inflate_all(gz, n, false, &out, &out_len), Z_STREAM_END);
    assert_int_equal(out_len, head_len + tail_len);
    if (out_len)
        assert_memory_equal(out, whole, out_len);
    free(out);
    free(gz);
    free(deflated);
    free(whole);
}

static void test_splice_sizes(void **state)
{
    (void)state;
    static const size_t heads[] = {0, 1, 2, 255, 256, 1000, 4096, 65534, 65535};
    static const size_t tails[] = {0, 1, 37, 5000, 300000};
    uint64_t seed = 1;
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        for (size_t j = 0; j < sizeof tails / sizeof tails[0]; j++) {
            check_splice(heads[i], tails[j], true, seed++);
            check_splice(heads[i], tails[j], false, seed++);
        }
}

static void test_splice_large_tail(void **state)
{
    (void)state;
    check_splice(700, 4u << 20, true, 99);   /* a 4 MiB document */
    check_splice(65535, 1u << 20, false, 7); /* incompressible */
}

/* A body whose trailer is wrong must be refused by a gzip reader: the
 * CRC and length are what clients check. */
static void test_bad_trailer_detected(void **state)
{
    (void)state;
    unsigned char whole[3000];
    fill(whole, sizeof whole, 5, true);
    size_t dl, n, out_len;
    void *d = gzip_deflate(whole + 1000, 2000, &dl);
    unsigned char *gz = gzip_splice(whole, 1000, whole + 1000, 2000, d, dl, &n);
    unsigned char *out;
    assert_int_equal(inflate_all(gz, n, false, &out, &out_len), Z_STREAM_END);
    free(out);
    for (size_t at = n - 8; at < n; at++) {
        gz[at] ^= 0x01;
        assert_int_equal(inflate_all(gz, n, false, &out, &out_len), Z_DATA_ERROR);
        free(out);
        gz[at] ^= 0x01;
    }
    /* a tail other than the one deflated: the CRC no longer matches */
    unsigned char other[2000];
    memcpy(other, whole + 1000, sizeof other);
    other[1234] ^= 0x20;
    unsigned char *gz2 = gzip_splice(whole, 1000, other, sizeof other, d, dl, &n);
    assert_int_equal(inflate_all(gz2, n, false, &out, &out_len), Z_DATA_ERROR);
    free(out);
    /* truncated */
    assert_int_equal(inflate_all(gz, n - 1, false, &out, &out_len), Z_DATA_ERROR);
    free(out);
    free(gz2);
    free(gz);
    free(d);
}

static void test_compress_and_deflate(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 1023, 1024, 100000};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t len = sizes[i], n, out_len;
        unsigned char *in = malloc(len + 1), *out;
        fill(in, len, 11 + i, i % 2 == 0);
        void *gz = gzip_compress(in, len, &n);
        assert_true(n >= 18);
        assert_int_equal(inflate_all(gz, n, false, &out, &out_len), Z_STREAM_END);
        assert_int_equal(out_len, len);
        if (len)
            assert_memory_equal(out, in, len);
        free(out);
        free(gz);
        void *raw = gzip_deflate(in, len, &n);
        assert_true(n >= 1);
        assert_int_equal(inflate_all(raw, n, true, &out, &out_len), Z_STREAM_END);
        assert_int_equal(out_len, len);
        if (len)
            assert_memory_equal(out, in, len);
        free(out);
        free(raw);
        free(in);
    }
    /* level 1 still compresses JSON-like text well */
    unsigned char text[100000];
    size_t n;
    fill(text, sizeof text, 3, true);
    void *gz = gzip_compress(text, sizeof text, &n);
    print_message("100,000 bytes of text: %zu gzipped\n", n);
    assert_true(n < sizeof text / 4);
    free(gz);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_splice_sizes),
        cmocka_unit_test(test_splice_large_tail),
        cmocka_unit_test(test_bad_trailer_detected),
        cmocka_unit_test(test_compress_and_deflate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
