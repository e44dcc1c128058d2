/* gzip.c - libdeflate compression per thread, and the gzip member of a
 * head + pre-deflated tail (RFC 1951 stored block, RFC 1952 framing).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/gzip.h"

#include "app/mem.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_key_t key;

static void free_compressor(void *c)
{
    libdeflate_free_compressor(c);
}

static void make_key(void)
{
    pthread_key_create(&key, free_compressor);
}

static struct libdeflate_compressor *compressor(void)
{
    pthread_once(&key_once, make_key);
    struct libdeflate_compressor *c = pthread_getspecific(key);
    if (!c) {
        c = libdeflate_alloc_compressor(1);
        if (!c)
            abort(); /* only fails on out-of-memory */
        pthread_setspecific(key, c);
    }
    return c;
}

void *gzip_deflate(const void *in, size_t n, size_t *out_len)
{
    struct libdeflate_compressor *c = compressor();
    size_t cap = libdeflate_deflate_compress_bound(c, n);
    void *out = xmalloc(cap);
    *out_len = libdeflate_deflate_compress(c, in, n, out, cap);
    return out;
}

void *gzip_compress(const void *in, size_t n, size_t *out_len)
{
    struct libdeflate_compressor *c = compressor();
    size_t cap = libdeflate_gzip_compress_bound(c, n);
    void *out = xmalloc(cap);
    *out_len = libdeflate_gzip_compress(c, in, n, out, cap);
    return out;
}

static void put_le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

void *gzip_splice(const void *head, size_t head_len, const void *tail, size_t tail_len,
                  const void *tail_deflated, size_t deflated_len, size_t *out_len)
{
    /* 10-byte header: magic, CM=deflate, no flags, no mtime, XFL 0, OS unknown */
    static const unsigned char header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
    size_t n = sizeof header + 5 + head_len + deflated_len + 8;
    unsigned char *out = xmalloc(n);
    unsigned char *p = out;
    memcpy(p, header, sizeof header);
    p += sizeof header;
    /* stored block: BFINAL=0, BTYPE=00, padded to the byte; LEN, NLEN */
    p[0] = 0;
    p[1] = (unsigned char)head_len;
    p[2] = (unsigned char)(head_len >> 8);
    p[3] = (unsigned char)~head_len;
    p[4] = (unsigned char)(~head_len >> 8);
    p += 5;
    memcpy(p, head, head_len);
    p += head_len;
    memcpy(p, tail_deflated, deflated_len);
    p += deflated_len;
    uint32_t crc = libdeflate_crc32(libdeflate_crc32(0, head, head_len), tail, tail_len);
    put_le32(p, crc);
    put_le32(p + 4, (uint32_t)(head_len + tail_len));
    *out_len = n;
    return out;
}
