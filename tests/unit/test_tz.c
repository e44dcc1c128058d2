/* test_tz.c - unit tests of engine/tz: the tzdata reference rows, historical
 * and footer (POSIX TZ) rules, fixed offsets, LMT, hand-made and corrupted
 * TZif files, concurrent lookups and the cache ceiling.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/err.h"
#include "engine/tz.h"
#include "testutil.h"

#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SYSTEM_DIR "/usr/share/zoneinfo"

static char tmpdir[64];

static struct civil mk(int y, int mo, int d, int h, int mi, int s)
{
    struct civil c = {y, mo, d, h, mi, s};
    return c;
}

/* Seconds since 1970 of y-m-d h:mi:s read as UT. */
static double ut_of(int y, int mo, int d, int h, int mi, int s)
{
    struct civil c = mk(y, mo, d, h, mi, s);
    return (double)civil_to_seconds(&c);
}

static const struct tz_zone *zone(const char *spec)
{
    const struct tz_zone *z = NULL;
    struct error e;
    err_clear(&e);
    int rc = tz_zone_get(spec, &z, &e);
    if (rc != 0)
        fail_msg("tz_zone_get(%s): %s", spec, e.message);
    assert_non_null(z);
    return z;
}

/* Converts local time in spec, asserting success, UT, offset and abbrev. */
static void expect_ut(const char *spec, struct civil local, int fold, double ut, double offset,
                      const char *abbrev, int status)
{
    struct tz_conv out;
    struct error e;
    err_clear(&e);
    int rc = tz_local_to_ut(zone(spec), &local, 0.0, fold, &out, &e);
    if (rc != 0)
        fail_msg("%s fold %d: %s", spec, fold, e.message);
    assert_true(out.ut == ut);
    assert_true(out.offset == offset);
    assert_string_equal(out.abbrev, abbrev);
    assert_int_equal(out.status, status);
}

static int convert(const char *spec, struct civil local, int fold, struct error *e)
{
    struct tz_conv out;
    err_clear(e);
    return tz_local_to_ut(zone(spec), &local, 0.0, fold, &out, e);
}

/* "YYYY-MM-DDTHH:MM:SS" with an optional trailing "Z". */
static void parse_iso(const char *s, struct civil *c)
{
    char date[11], time[9];
    size_t n = strlen(s);
    assert_true(n == 19 || (n == 20 && s[19] == 'Z'));
    assert_int_equal(s[10], 'T');
    memcpy(date, s, 10);
    date[10] = '\0';
    memcpy(time, s + 11, 8);
    time[8] = '\0';
    assert_int_equal(civil_parse_date(date, c), 0);
    assert_int_equal(civil_parse_time(time, c), 0);
}

static void test_reference_rows(void **state)
{
    (void)state;
    FILE *f = fopen(KUNDLI_TESTDATA "/tz_civil_to_ut.tsv", "r");
    assert_non_null(f);
    char line[512];
    bool header = false;
    int rows = 0, ok = 0, gap = 0, overlap = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *fl[5] = {0};
        assert_int_equal(tu_split_tabs(line, fl, 5), 5);
        if (!header) {
            assert_string_equal(fl[0], "zone");
            header = true;
            continue;
        }
        struct civil local, u0, u1;
        parse_iso(fl[1], &local);
        parse_iso(fl[3], &u0);
        parse_iso(fl[4], &u1);
        double ut0 = (double)civil_to_seconds(&u0), ut1 = (double)civil_to_seconds(&u1);
        const struct tz_zone *z = zone(fl[0]);
        assert_string_equal(tz_zone_name(z), fl[0]);
        struct tz_conv out;
        struct error e;
        if (strcmp(fl[2], "ok") == 0) {
            assert_true(ut0 == ut1);
            for (int fold = -1; fold <= 1; fold++) {
                err_clear(&e);
                int rc = tz_local_to_ut(z, &local, 0.0, fold, &out, &e);
                if (rc != 0 || out.ut != ut0)
                    fail_msg("%s %s fold %d: rc %d (%s) ut %.0f, want %s", fl[0], fl[1], fold,
                             rc, e.message, out.ut, fl[3]);
                assert_int_equal(out.status, TZ_UNIQUE);
                /* the offset found must map the instant back to the local time */
                assert_true(out.ut + out.offset == (double)civil_to_seconds(&local));
                struct tz_conv back;
                tz_ut_to_local(z, out.ut, 0.0, &back);
                assert_true(back.offset == out.offset);
                assert_string_equal(back.abbrev, out.abbrev);
            }
            ok++;
        } else if (strcmp(fl[2], "overlap") == 0) {
            assert_true(ut0 < ut1);
            double want[2] = {ut0, ut1};
            for (int fold = 0; fold <= 1; fold++) {
                err_clear(&e);
                int rc = tz_local_to_ut(z, &local, 0.0, fold, &out, &e);
                if (rc != 0 || out.ut != want[fold])
                    fail_msg("%s %s fold %d: rc %d (%s) ut %.0f, want %.0f", fl[0], fl[1], fold,
                             rc, e.message, out.ut, want[fold]);
                assert_int_equal(out.status, TZ_OVERLAP);
                assert_true(out.ut + out.offset == (double)civil_to_seconds(&local));
            }
            err_clear(&e);
            assert_int_equal(tz_local_to_ut(z, &local, 0.0, -1, &out, &e),
                             ERR_AMBIGUOUS_LOCAL_TIME);
            assert_int_equal(e.code, ERR_AMBIGUOUS_LOCAL_TIME);
            assert_string_equal(e.field, "birth.fold");
            overlap++;
        } else if (strcmp(fl[2], "gap") == 0) {
            for (int fold = -1; fold <= 1; fold++) {
                err_clear(&e);
                int rc = tz_local_to_ut(z, &local, 0.0, fold, &out, &e);
                if (rc != ERR_NONEXISTENT_LOCAL_TIME)
                    fail_msg("%s %s fold %d: rc %d ut %.0f, want a gap", fl[0], fl[1], fold, rc,
                             out.ut);
                assert_string_equal(e.field, "birth.time");
                assert_non_null(strstr(e.message, fl[0]));
            }
            gap++;
        } else {
            fail_msg("unknown status %s", fl[2]);
        }
        rows++;
    }
    fclose(f);
    print_message("tz reference rows: %d (ok %d, gap %d, overlap %d)\n", rows, ok, gap, overlap);
    assert_true(header);
    assert_int_equal(rows, 150);
    assert_true(gap > 0 && overlap > 0);
}

static void test_historical(void **state)
{
    (void)state;
    /* India kept +06:30 war time from 1942-09-01 to 1945-10-15. */
    expect_ut("Asia/Kolkata", mk(1943, 3, 10, 10, 0, 0), -1, ut_of(1943, 3, 10, 3, 30, 0),
              23400, "+0630", TZ_UNIQUE);
    expect_ut("Asia/Kolkata", mk(1946, 3, 10, 10, 0, 0), -1, ut_of(1946, 3, 10, 4, 30, 0),
              19800, "IST", TZ_UNIQUE);
    /* Before the first transition: local mean time (type 0), 5:53:28 for Kolkata. */
    expect_ut("Asia/Kolkata", mk(1, 1, 1, 12, 0, 0), -1, ut_of(1, 1, 1, 6, 6, 32), 21208,
              "LMT", TZ_UNIQUE);
    expect_ut("America/New_York", mk(1850, 6, 1, 12, 0, 0), -1, ut_of(1850, 6, 1, 16, 56, 2),
              -17762, "LMT", TZ_UNIQUE);

    struct tz_conv out;
    tz_ut_to_local(zone("Asia/Kolkata"), ut_of(2000, 6, 1, 0, 0, 0), 0.0, &out);
    assert_true(out.offset == 19800);
    assert_string_equal(out.abbrev, "IST");
    assert_true(out.ut == ut_of(2000, 6, 1, 0, 0, 0));
    assert_int_equal(out.status, TZ_UNIQUE);
    assert_string_equal(tz_zone_name(zone("Asia/Kolkata")), "Asia/Kolkata");
    assert_ptr_equal(zone("Asia/Kolkata"), zone("Asia/Kolkata"));
}

static void test_footer(void **state)
{
    (void)state;
    /* After the last transition (2037 in fat files) only the footer knows DST. */
    expect_ut("America/New_York", mk(2040, 7, 1, 12, 0, 0), -1, ut_of(2040, 7, 1, 16, 0, 0),
              -14400, "EDT", TZ_UNIQUE);
    expect_ut("America/New_York", mk(2040, 1, 15, 12, 0, 0), -1, ut_of(2040, 1, 15, 17, 0, 0),
              -18000, "EST", TZ_UNIQUE);
    expect_ut("America/New_York", mk(5399, 7, 1, 12, 0, 0), -1, ut_of(5399, 7, 1, 16, 0, 0),
              -14400, "EDT", TZ_UNIQUE);
    expect_ut("America/New_York", mk(2040, 11, 4, 1, 30, 0), 0, ut_of(2040, 11, 4, 5, 30, 0),
              -14400, "EDT", TZ_OVERLAP);
    expect_ut("America/New_York", mk(2040, 11, 4, 1, 30, 0), 1, ut_of(2040, 11, 4, 6, 30, 0),
              -18000, "EST", TZ_OVERLAP);
    struct error e;
    assert_int_equal(convert("America/New_York", mk(2040, 3, 11, 2, 30, 0), 0, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);
    assert_int_equal(convert("America/New_York", mk(2021, 3, 14, 2, 30, 0), -1, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);
    assert_string_equal(e.field, "birth.time");
    assert_string_equal(e.message, "2021-03-14 02:30:00 does not exist in America/New_York "
                                   "(clocks jumped forward)");
    assert_int_equal(convert("America/New_York", mk(2021, 11, 7, 1, 30, 0), -1, &e),
                     ERR_AMBIGUOUS_LOCAL_TIME);
    assert_string_equal(e.field, "birth.fold");
    assert_non_null(strstr(e.message, "fold 0"));
    assert_non_null(strstr(e.message, "1"));

    /* Southern hemisphere: DST spans the new year. */
    expect_ut("Australia/Sydney", mk(2050, 1, 15, 12, 0, 0), -1, ut_of(2050, 1, 15, 1, 0, 0),
              39600, "AEDT", TZ_UNIQUE);
    expect_ut("Australia/Sydney", mk(2050, 7, 15, 12, 0, 0), -1, ut_of(2050, 7, 15, 2, 0, 0),
              36000, "AEST", TZ_UNIQUE);
    expect_ut("Australia/Sydney", mk(2050, 4, 3, 2, 30, 0), 0, ut_of(2050, 4, 2, 15, 30, 0),
              39600, "AEDT", TZ_OVERLAP);
    expect_ut("Australia/Sydney", mk(2050, 4, 3, 2, 30, 0), 1, ut_of(2050, 4, 2, 16, 30, 0),
              36000, "AEST", TZ_OVERLAP);
    assert_int_equal(convert("Australia/Sydney", mk(2050, 10, 2, 2, 30, 0), 1, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);

    /* Jerusalem "M3.4.4/26": DST starts at 26:00 on the 4th Thursday = Friday 02:00. */
    assert_int_equal(convert("Asia/Jerusalem", mk(2045, 3, 24, 2, 30, 0), 0, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);
    expect_ut("Asia/Jerusalem", mk(2045, 3, 24, 3, 30, 0), -1, ut_of(2045, 3, 24, 0, 30, 0),
              10800, "IDT", TZ_UNIQUE);
    /* Nuuk "M3.5.0/-1": DST starts at -1:00 on the last Sunday = Saturday 23:00. */
    assert_int_equal(convert("America/Nuuk", mk(2045, 3, 25, 23, 30, 0), 0, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);
    expect_ut("America/Nuuk", mk(2045, 3, 25, 22, 30, 0), -1, ut_of(2045, 3, 26, 0, 30, 0),
              -7200, "-02", TZ_UNIQUE);
    /* Dublin's negative DST: IST is "standard" and GMT the winter rule. */
    expect_ut("Europe/Dublin", mk(2045, 1, 10, 12, 0, 0), -1, ut_of(2045, 1, 10, 12, 0, 0), 0,
              "GMT", TZ_UNIQUE);
    expect_ut("Europe/Dublin", mk(2045, 7, 10, 12, 0, 0), -1, ut_of(2045, 7, 10, 11, 0, 0),
              3600, "IST", TZ_UNIQUE);
}

static void test_fixed_and_lmt(void **state)
{
    (void)state;
    const struct tz_zone *z = zone("+05:30");
    assert_string_equal(tz_zone_name(z), "+05:30");
    assert_ptr_equal(zone("+0530"), z);
    expect_ut("+05:30", mk(2000, 1, 1, 12, 0, 0), -1, ut_of(2000, 1, 1, 6, 30, 0), 19800,
              "+05:30", TZ_UNIQUE);
    expect_ut("-03:00", mk(2000, 1, 1, 12, 0, 0), 1, ut_of(2000, 1, 1, 15, 0, 0), -10800,
              "-03:00", TZ_UNIQUE);
    expect_ut("+05", mk(2000, 1, 1, 12, 0, 0), 0, ut_of(2000, 1, 1, 7, 0, 0), 18000, "+05:00",
              TZ_UNIQUE);
    expect_ut("+14:00", mk(2000, 1, 1, 12, 0, 0), -1, ut_of(1999, 12, 31, 22, 0, 0), 50400,
              "+14:00", TZ_UNIQUE);
    expect_ut("-14:00", mk(2000, 1, 1, 12, 0, 0), -1, ut_of(2000, 1, 2, 2, 0, 0), -50400,
              "-14:00", TZ_UNIQUE);
    assert_string_equal(tz_zone_name(zone("+05")), "+05:00");
    static const char *const utc[] = {"UTC", "Z", "GMT"};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(tz_zone_name(zone(utc[i])), "UTC");
        expect_ut(utc[i], mk(2000, 1, 1, 12, 0, 0), -1, ut_of(2000, 1, 1, 12, 0, 0), 0, "UTC",
                  TZ_UNIQUE);
    }

    static const char *const bad[] = {
        "+15:00", "+05:60", "+14:01", "abc", "", "../etc/passwd", "Asia/Nowhere",
        "/etc/passwd", "Asia/../Asia/Kolkata", "+5:30", "+05:30:00", "+05-30", "05:30",
        "right/Asia/Kolkata", "Asia//Kolkata", "Asia/Kolkata/", "Asia/Kolkata ", "Asia",
        "Europe/Lon$don",
        "Aaaaaaaaaa/Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const struct tz_zone *bz = (const struct tz_zone *)&bz;
        struct error e;
        err_clear(&e);
        int rc = tz_zone_get(bad[i], &bz, &e);
        if (rc != ERR_UNKNOWN_TIMEZONE)
            fail_msg("\"%s\" was accepted", bad[i]);
        assert_null(bz);
        assert_int_equal(e.code, ERR_UNKNOWN_TIMEZONE);
        assert_string_equal(e.field, "birth.timezone");
    }

    /* Local mean time: 240 s of time per degree of longitude east. */
    z = zone("LMT");
    assert_string_equal(tz_zone_name(z), "LMT");
    struct civil local = mk(1900, 1, 1, 12, 0, 0);
    struct tz_conv out;
    struct error e;
    assert_int_equal(tz_local_to_ut(z, &local, 80.2785, -1, &out, &e), 0);
    assert_true(fabs(out.offset - 19266.84) < 1e-6);
    assert_true(fabs(out.ut - (ut_of(1900, 1, 1, 12, 0, 0) - 19266.84)) < 1e-6);
    assert_string_equal(out.abbrev, "LMT");
    tz_ut_to_local(z, out.ut, 80.2785, &out);
    assert_true(fabs(out.offset - 19266.84) < 1e-6);
    tz_ut_to_local(z, 0.0, -75.0, &out);
    assert_true(out.offset == -18000.0);
}

static void test_fold_and_input_checks(void **state)
{
    (void)state;
    struct error e;
    static const char *const specs[] = {"Asia/Kolkata", "+05:30", "LMT", "UTC"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(convert(specs[i], mk(2000, 1, 1, 12, 0, 0), 2, &e), ERR_INVALID_FOLD);
        assert_int_equal(convert(specs[i], mk(2000, 1, 1, 12, 0, 0), -2, &e),
                         ERR_INVALID_FOLD);
        assert_string_equal(e.field, "birth.fold");
    }
    assert_int_equal(convert("America/New_York", mk(2021, 3, 14, 2, 30, 0), 5, &e),
                     ERR_INVALID_FOLD);
    assert_int_equal(convert("Asia/Kolkata", mk(2001, 2, 29, 12, 0, 0), -1, &e),
                     ERR_INVALID_DATE);
    assert_int_equal(convert("Asia/Kolkata", mk(2001, 2, 28, 24, 0, 0), -1, &e),
                     ERR_INVALID_TIME);
    assert_int_equal(convert("Asia/Kolkata", mk(0, 1, 1, 0, 0, 0), -1, &e),
                     ERR_DATE_OUT_OF_RANGE);
    assert_int_equal(convert("Asia/Kolkata", mk(5400, 1, 1, 0, 0, 0), -1, &e),
                     ERR_DATE_OUT_OF_RANGE);

    /* ut_to_local clamps absurd instants instead of overflowing. */
    struct tz_conv out;
    tz_ut_to_local(zone("America/New_York"), 1e300, 0.0, &out);
    assert_true(out.offset == -18000 || out.offset == -14400);
    tz_ut_to_local(zone("America/New_York"), -1e300, 0.0, &out);
    assert_true(out.offset == -17762);
    tz_ut_to_local(zone("America/New_York"), NAN, 0.0, &out);
    assert_true(out.offset == -17762);
}

/* ---- Hand-made TZif files ---------------------------------------------- */

struct buf {
    unsigned char data[8192];
    size_t len;
};

static void put(struct buf *b, const void *p, size_t n)
{
    if (n == 0)
        return;
    assert_true(b->len + n <= sizeof b->data);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put32(struct buf *b, uint32_t v)
{
    unsigned char p[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    put(b, p, 4);
}

static void put64(struct buf *b, int64_t v)
{
    put32(b, (uint32_t)((uint64_t)v >> 32));
    put32(b, (uint32_t)(uint64_t)v);
}

struct ttype_spec {
    int32_t utoff;
    int isdst;
    const char *abbr;
};

static void put_header(struct buf *b, char version, uint32_t timecnt, uint32_t typecnt,
                       uint32_t charcnt)
{
    unsigned char hdr[20] = {'T', 'Z', 'i', 'f', (unsigned char)version};
    put(b, hdr, sizeof hdr);
    put32(b, 0); /* isutcnt */
    put32(b, 0); /* isstdcnt */
    put32(b, 0); /* leapcnt */
    put32(b, timecnt);
    put32(b, typecnt);
    put32(b, charcnt);
}

/* Builds a TZif file: version 0 writes one 32-bit block; '2'..'4' write a
 * minimal v1 block, the 64-bit block and the footer. */
static void build_tzif(struct buf *b, char version, size_t ntrans, const int64_t *times,
                       const unsigned char *idx, size_t ntypes, const struct ttype_spec *types,
                       const char *footer)
{
    char chars[128];
    size_t charcnt = 0;
    unsigned char abbrind[16];
    for (size_t i = 0; i < ntypes; i++) {
        size_t n = strlen(types[i].abbr) + 1;
        abbrind[i] = (unsigned char)charcnt;
        memcpy(chars + charcnt, types[i].abbr, n);
        charcnt += n;
    }
    b->len = 0;
    if (version != 0) {
        put_header(b, version, 0, 1, 1);
        put32(b, 0);
        unsigned char z3[3] = {0, 0, 0};
        put(b, z3, 3);
    }
    put_header(b, version, (uint32_t)ntrans, (uint32_t)ntypes, (uint32_t)charcnt);
    for (size_t i = 0; i < ntrans; i++) {
        if (version == 0)
            put32(b, (uint32_t)(int32_t)times[i]);
        else
            put64(b, times[i]);
    }
    put(b, idx, ntrans);
    for (size_t i = 0; i < ntypes; i++) {
        put32(b, (uint32_t)types[i].utoff);
        unsigned char t2[2] = {(unsigned char)types[i].isdst, abbrind[i]};
        put(b, t2, 2);
    }
    put(b, chars, charcnt);
    if (version != 0) {
        put(b, "\n", 1);
        put(b, footer, strlen(footer));
        put(b, "\n", 1);
    }
}

static void write_zone(const char *name, const void *data, size_t len)
{
    char path[256], dir[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    *slash = '\0';
    mkdir(dir, 0700);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static int setup_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/kundli_test_tz_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

/* Removes dir and everything below it. */
static int remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    for (;;) {
        struct dirent *de = readdir(d);
        if (!de)
            break;
        char path[512];
        struct stat st;
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    closedir(d);
    return rmdir(dir);
}

static int teardown_tmpdir(void **state)
{
    (void)state;
    tz_set_dir(NULL);
    return tmpdir[0] ? remove_tree(tmpdir) : 0;
}

static void test_handmade_files(void **state)
{
    (void)state;
    struct buf b;

    /* A slim New York: one transition (LMT -> EST, 1883) and the footer. */
    static const int64_t ny_t[] = {-2717650800};
    static const unsigned char ny_i[] = {1};
    static const struct ttype_spec ny_ty[] = {{-17762, 0, "LMT"}, {-18000, 0, "EST"}};
    build_tzif(&b, '2', 1, ny_t, ny_i, 2, ny_ty, "EST5EDT,M3.2.0,M11.1.0");
    write_zone("Test/SlimNY", b.data, b.len);

    /* Version 1 only: the 32-bit block, no footer; the last type holds forever. */
    static const int64_t v1_t[] = {0, 1000000000};
    static const unsigned char v1_i[] = {1, 2};
    static const struct ttype_spec v1_ty[] = {
        {3600, 0, "AAA"}, {7200, 1, "BBB"}, {-3600, 0, "CCC"}};
    build_tzif(&b, 0, 2, v1_t, v1_i, 3, v1_ty, "");
    write_zone("Test/V1", b.data, b.len);

    /* Footer-only zones exercising Jn, zero-based n and all-year DST. */
    static const struct ttype_spec j_ty[] = {{10800, 0, "XST"}};
    build_tzif(&b, '3', 0, NULL, NULL, 1, j_ty, "XST-3XDT,J60/0,J300/24");
    write_zone("Test/Julian", b.data, b.len);
    build_tzif(&b, '3', 0, NULL, NULL, 1, j_ty, "XST-3XDT,59/0,299/24");
    write_zone("Test/Zero", b.data, b.len);
    build_tzif(&b, '3', 0, NULL, NULL, 1, j_ty, "<+03>-3<+04>,0/0,J365/25");
    write_zone("Test/AllYear", b.data, b.len);
    build_tzif(&b, '3', 0, NULL, NULL, 1, j_ty, "<+0530>-5:30");
    write_zone("Test/Quoted", b.data, b.len);

    tz_set_dir(tmpdir);
    expect_ut("Test/SlimNY", mk(2021, 7, 1, 12, 0, 0), -1, ut_of(2021, 7, 1, 16, 0, 0), -14400,
              "EDT", TZ_UNIQUE);
    expect_ut("Test/SlimNY", mk(2021, 1, 1, 12, 0, 0), -1, ut_of(2021, 1, 1, 17, 0, 0), -18000,
              "EST", TZ_UNIQUE);
    expect_ut("Test/SlimNY", mk(1850, 1, 1, 12, 0, 0), -1, ut_of(1850, 1, 1, 16, 56, 2),
              -17762, "LMT", TZ_UNIQUE);
    expect_ut("Test/SlimNY", mk(2021, 11, 7, 1, 30, 0), 1, ut_of(2021, 11, 7, 6, 30, 0),
              -18000, "EST", TZ_OVERLAP);
    struct error e;
    assert_int_equal(convert("Test/SlimNY", mk(2021, 3, 14, 2, 30, 0), 0, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);

    expect_ut("Test/V1", mk(1969, 12, 31, 23, 0, 0), -1, ut_of(1969, 12, 31, 22, 0, 0), 3600,
              "AAA", TZ_UNIQUE);
    expect_ut("Test/V1", mk(1990, 1, 1, 0, 0, 0), -1, ut_of(1989, 12, 31, 22, 0, 0), 7200,
              "BBB", TZ_UNIQUE);
    expect_ut("Test/V1", mk(2040, 7, 1, 0, 0, 0), -1, ut_of(2040, 7, 1, 1, 0, 0), -3600, "CCC",
              TZ_UNIQUE);
    /* 1970-01-01 01:00..02:00 local is skipped when +01 becomes +02 at 00:00 UT. */
    assert_int_equal(convert("Test/V1", mk(1970, 1, 1, 1, 30, 0), -1, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);

    /* J60 is March 1 even in leap years; DST starts there at 00:00. */
    assert_int_equal(convert("Test/Julian", mk(2024, 3, 1, 0, 30, 0), -1, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);
    assert_int_equal(convert("Test/Julian", mk(2023, 3, 1, 0, 30, 0), -1, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);
    expect_ut("Test/Julian", mk(2024, 2, 29, 23, 30, 0), -1, ut_of(2024, 2, 29, 20, 30, 0),
              10800, "XST", TZ_UNIQUE);
    expect_ut("Test/Julian", mk(2024, 3, 1, 1, 30, 0), -1, ut_of(2024, 2, 29, 21, 30, 0), 14400,
              "XDT", TZ_UNIQUE);
    /* J300/24 = October 28 00:00 DST: 23:00..24:00 on Oct 27 happens twice. */
    expect_ut("Test/Julian", mk(2024, 10, 27, 23, 30, 0), 0, ut_of(2024, 10, 27, 19, 30, 0),
              14400, "XDT", TZ_OVERLAP);
    expect_ut("Test/Julian", mk(2024, 10, 27, 23, 30, 0), 1, ut_of(2024, 10, 27, 20, 30, 0),
              10800, "XST", TZ_OVERLAP);
    /* Zero-based day 59 is Feb 29 in leap years and March 1 otherwise. */
    assert_int_equal(convert("Test/Zero", mk(2024, 2, 29, 0, 30, 0), -1, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);
    assert_int_equal(convert("Test/Zero", mk(2023, 3, 1, 0, 30, 0), -1, &e),
                     ERR_NONEXISTENT_LOCAL_TIME);
    expect_ut("Test/Zero", mk(2023, 2, 28, 0, 30, 0), -1, ut_of(2023, 2, 27, 21, 30, 0), 10800,
              "XST", TZ_UNIQUE);
    /* DST all year (RFC 8536 §3.3.1): no gap or overlap at the new year. */
    for (int y = 2020; y <= 2030; y++) {
        expect_ut("Test/AllYear", mk(y, 1, 1, 0, 30, 0), -1, ut_of(y - 1, 12, 31, 20, 30, 0),
                  14400, "+04", TZ_UNIQUE);
        expect_ut("Test/AllYear", mk(y, 12, 31, 23, 30, 0), -1, ut_of(y, 12, 31, 19, 30, 0),
                  14400, "+04", TZ_UNIQUE);
    }
    expect_ut("Test/Quoted", mk(2030, 1, 1, 12, 0, 0), -1, ut_of(2030, 1, 1, 6, 30, 0), 19800,
              "+0530", TZ_UNIQUE);
    tz_set_dir(NULL);
}

/* Offset of the 64-bit header in build_tzif's output (after its minimal v1 block). */
#define V2_HEADER (44 + 7)

/* A valid minimal header plus body; corrupt variants must be refused. */
static void test_hostile_headers(void **state)
{
    (void)state;
    struct buf b;
    static const int64_t t2[] = {100, 50};
    static const unsigned char i2[] = {0, 0};
    static const unsigned char ibad[] = {0, 7};
    static const struct ttype_spec ty[] = {{3600, 0, "AAA"}};
    static const struct ttype_spec tybig[] = {{27 * 3600, 0, "AAA"}};
    static const struct ttype_spec tymin[] = {{INT32_MIN, 0, "AAA"}};
    static const char *const footers[] = {
        "EST5EDT,M13.2.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0",
        "EST5EDT,J0,J365", "EST5EDT,366,1", "EST25", "EST5EDT,M3.2.0/168,M11.1.0", "5EST",
        "<EST5", "EST", "EST5EDT,M3.2.0", "EST5EDT,M3.2.0,M11.1.0,", "ABCDEFGHIJKLMNOPQ5"};
    int refused = 0, n = 0;
    char name[64];

    build_tzif(&b, '2', 2, t2, i2, 1, ty, ""); /* transitions out of order */
    write_zone("Bad/Order", b.data, b.len);
    build_tzif(&b, '2', 2, (const int64_t[]){1, 2}, ibad, 1, ty, ""); /* type index 7 */
    write_zone("Bad/Index", b.data, b.len);
    build_tzif(&b, '2', 0, NULL, NULL, 1, tybig, ""); /* offset beyond 26 h */
    write_zone("Bad/Offset", b.data, b.len);
    build_tzif(&b, '2', 0, NULL, NULL, 1, tymin, "");
    write_zone("Bad/OffsetMin", b.data, b.len);
    build_tzif(&b, '2', 0, NULL, NULL, 1, ty, "EST5EDT");
    b.len--; /* no newline after the footer */
    write_zone("Bad/NoNewline", b.data, b.len);
    build_tzif(&b, '2', 0, NULL, NULL, 1, ty, "");
    b.data[V2_HEADER + 32] = 0xff; /* timecnt of the 64-bit header: 0xff000000 */
    write_zone("Bad/Count", b.data, b.len);
    build_tzif(&b, '2', 0, NULL, NULL, 1, ty, "");
    b.data[V2_HEADER + 39] = 0; /* typecnt 0 */
    write_zone("Bad/NoTypes", b.data, b.len);
    build_tzif(&b, '2', 0, NULL, NULL, 1, ty, "");
    b.data[b.len - 2 - 4 - 1] = 9; /* abbreviation index past the characters */
    write_zone("Bad/Abbr", b.data, b.len);
    build_tzif(&b, '2', 0, NULL, NULL, 1, ty, "");
    b.data[b.len - 4] = 0x01; /* control character in an abbreviation */
    write_zone("Bad/AbbrChar", b.data, b.len);
    write_zone("Bad/Empty", "", 0);
    write_zone("Bad/Text", "hello, world\n", 13);
    for (size_t i = 0; i < sizeof footers / sizeof footers[0]; i++) {
        build_tzif(&b, '2', 0, NULL, NULL, 1, ty, footers[i]);
        snprintf(name, sizeof name, "Bad/Footer%zu", i);
        write_zone(name, b.data, b.len);
    }

    static const char *const names[] = {
        "Bad/Order", "Bad/Index", "Bad/Offset", "Bad/OffsetMin", "Bad/NoNewline", "Bad/Count",
        "Bad/NoTypes", "Bad/Abbr", "Bad/AbbrChar", "Bad/Empty", "Bad/Text"};
    tz_set_dir(tmpdir);
    for (size_t i = 0; i < sizeof names / sizeof names[0] + sizeof footers / sizeof footers[0];
         i++) {
        const struct tz_zone *z;
        struct error e;
        if (i < sizeof names / sizeof names[0])
            snprintf(name, sizeof name, "%s", names[i]);
        else
            snprintf(name, sizeof name, "Bad/Footer%zu", i - sizeof names / sizeof names[0]);
        err_clear(&e);
        int rc = tz_zone_get(name, &z, &e);
        if (rc != ERR_UNKNOWN_TIMEZONE)
            fail_msg("%s was accepted", name);
        assert_string_equal(e.field, "birth.timezone");
        refused++;
        n++;
    }
    tz_set_dir(NULL);
    assert_int_equal(refused, n);
}

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return *s >> 33;
}

/* Truncated and bit-flipped copies of real files must load or be refused,
 * never crash, and loaded ones must convert without crashing. */
static void test_corrupt_files(void **state)
{
    (void)state;
    static const char *const sources[] = {"America/New_York", "Australia/Sydney"};
    static unsigned char orig[16384], copy[16384];
    uint64_t seed = 12345;
    int loaded = 0, refused = 0, k = 0;
    char name[64], path[128];

    for (size_t s = 0; s < 2; s++) {
        snprintf(path, sizeof path, SYSTEM_DIR "/%s", sources[s]);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        size_t len = fread(orig, 1, sizeof orig, f);
        fclose(f);
        assert_true(len > 100 && len < sizeof orig);
        for (int v = 0; v < 160; v++) {
            size_t n = len;
            memcpy(copy, orig, len);
            if (v < 60) {
                n = (size_t)(lcg(&seed) % len); /* truncated */
            } else {
                int flips = 1 + (int)(lcg(&seed) % 3);
                for (int j = 0; j < flips; j++)
                    copy[lcg(&seed) % len] ^= (unsigned char)(1u << (lcg(&seed) % 8));
            }
            snprintf(name, sizeof name, "Fuzz/F%d", k++);
            write_zone(name, copy, n);
        }
    }

    tz_set_dir(tmpdir);
    for (int i = 0; i < k; i++) {
        const struct tz_zone *z;
        struct error e;
        snprintf(name, sizeof name, "Fuzz/F%d", i);
        int rc = tz_zone_get(name, &z, &e);
        if (rc != 0) {
            assert_int_equal(rc, ERR_UNKNOWN_TIMEZONE);
            refused++;
            continue;
        }
        loaded++;
        static const int years[] = {1, 1883, 1970, 2021, 2040, 5399};
        for (size_t y = 0; y < 6; y++) {
            for (int m = 1; m <= 12; m += 3) {
                struct civil c = mk(years[y], m, 1, 2, 30, 0);
                struct tz_conv out;
                for (int fold = -1; fold <= 1; fold++) {
                    int r = tz_local_to_ut(z, &c, 0.0, fold, &out, &e);
                    assert_true(r == 0 || r == ERR_NONEXISTENT_LOCAL_TIME ||
                                r == ERR_AMBIGUOUS_LOCAL_TIME);
                    if (r == 0)
                        assert_true(out.ut + out.offset == (double)civil_to_seconds(&c));
                }
            }
        }
        static const double uts[] = {-1e300, -7e10, -2e9, 0, 1.6e9, 2.3e9, 1e11, 1e300};
        for (size_t j = 0; j < 8; j++) {
            struct tz_conv out;
            tz_ut_to_local(z, uts[j], 0.0, &out);
            assert_true(fabs(out.offset) <= 26 * 3600);
        }
    }
    tz_set_dir(NULL);
    print_message("corrupt TZif files: %d loaded, %d refused\n", loaded, refused);
    assert_int_equal(loaded + refused, k);
    assert_true(refused > 0);
}

/* ---- Threads ------------------------------------------------------------ */

#define CASES 12
#define ITERATIONS 100000

struct tcase {
    const char *spec;
    struct civil local;
    int fold;
};

static const struct tcase cases[CASES] = {
    {"Asia/Kolkata", {1943, 3, 10, 10, 0, 0}, -1},
    {"America/New_York", {2040, 7, 1, 12, 0, 0}, -1},
    {"America/New_York", {2021, 11, 7, 1, 30, 0}, 1},
    {"America/New_York", {2021, 3, 14, 2, 30, 0}, 0},
    {"Australia/Sydney", {2050, 4, 3, 2, 30, 0}, 0},
    {"Europe/London", {1967, 10, 29, 1, 50, 0}, -1},
    {"Pacific/Auckland", {2000, 6, 1, 15, 2, 13}, -1},
    {"America/Sao_Paulo", {1986, 10, 25, 0, 50, 0}, -1},
    {"+05:30", {2000, 1, 1, 0, 0, 0}, -1},
    {"UTC", {2000, 1, 1, 0, 0, 0}, 0},
    {"LMT", {1900, 1, 1, 6, 0, 0}, -1},
    {"Asia/Kathmandu", {1985, 12, 31, 23, 59, 59}, -1},
};

/* Zones no earlier test loads, so the threads race to load them. */
static const char *const race_zones[4] = {
    "Africa/Nairobi", "America/Denver", "Europe/Rome", "Asia/Seoul"};

struct result {
    int rc;
    struct tz_conv conv, back;
};

struct worker {
    pthread_barrier_t *barrier;
    const struct result *expect;
    const struct tz_zone *raced[4];
    long mismatches, done;
};

static void run_case(const struct tcase *c, struct result *r)
{
    const struct tz_zone *z;
    struct error e;
    memset(r, 0, sizeof *r);
    r->rc = tz_zone_get(c->spec, &z, &e);
    if (r->rc != 0)
        return;
    r->rc = tz_local_to_ut(z, &c->local, 77.5, c->fold, &r->conv, &e);
    tz_ut_to_local(z, 1.7e9 + c->local.second * 3600.0, 77.5, &r->back);
}

static bool same(const struct result *a, const struct result *b)
{
    return a->rc == b->rc && a->conv.ut == b->conv.ut && a->conv.offset == b->conv.offset &&
           a->conv.status == b->conv.status && strcmp(a->conv.abbrev, b->conv.abbrev) == 0 &&
           a->back.offset == b->back.offset && strcmp(a->back.abbrev, b->back.abbrev) == 0;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct error e;
    pthread_barrier_wait(w->barrier);
    for (int i = 0; i < 4; i++)
        if (tz_zone_get(race_zones[i], &w->raced[i], &e) != 0)
            w->mismatches++;
    for (long i = 0; i < ITERATIONS; i++) {
        struct result r;
        run_case(&cases[i % CASES], &r);
        if (!same(&r, &w->expect[i % CASES]))
            w->mismatches++;
        w->done++;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    struct result expect[CASES];
    for (int i = 0; i < CASES; i++)
        run_case(&cases[i], &expect[i]);
    assert_int_equal(expect[3].rc, ERR_NONEXISTENT_LOCAL_TIME);
    assert_int_equal(expect[0].rc, 0);
    assert_true(expect[0].conv.ut == ut_of(1943, 3, 10, 3, 30, 0));

    pthread_barrier_t barrier;
    assert_int_equal(pthread_barrier_init(&barrier, NULL, 2), 0);
    struct worker w[2];
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].barrier = &barrier;
        w[i].expect = expect;
        assert_int_equal(pthread_create(&th[i], NULL, worker_main, &w[i]), 0);
    }
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    pthread_barrier_destroy(&barrier);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(w[i].mismatches, 0);
        assert_int_equal(w[i].done, ITERATIONS);
    }
    for (int i = 0; i < 4; i++) {
        assert_non_null(w[0].raced[i]);
        assert_ptr_equal(w[0].raced[i], w[1].raced[i]);
        assert_ptr_equal(w[0].raced[i], zone(race_zones[i]));
    }
}

/* Well under 1 us; ThreadSanitizer makes every atomic load several times
 * dearer, and AddressSanitizer every memory access (it measures 500-1000 ns). */
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define LOOKUP_NS_MAX 5000.0
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define LOOKUP_NS_MAX 5000.0
#endif
#endif
#ifndef LOOKUP_NS_MAX
#define LOOKUP_NS_MAX 1000.0
#endif

static double thread_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void test_lookup_speed(void **state)
{
    (void)state;
    const struct tz_zone *z, *first = zone("America/Argentina/Buenos_Aires");
    struct error e;
    const int n = 200000;
    double t0 = thread_cpu_ns();
    for (int i = 0; i < n; i++) {
        tz_zone_get("America/Argentina/Buenos_Aires", &z, &e);
        assert_ptr_equal(z, first);
    }
    double per = (thread_cpu_ns() - t0) / n;
    print_message("cached zone lookup: %.0f ns\n", per);
    assert_true(per < LOOKUP_NS_MAX);
}

/* Must run last: fills the zone cache to its ceiling. */
static void test_cache_ceiling(void **state)
{
    (void)state;
    struct buf b;
    static const struct ttype_spec ty[] = {{3600, 0, "AAA"}};
    char name[64];
    build_tzif(&b, '2', 0, NULL, NULL, 1, ty, "");
    for (int i = 0; i < 1100; i++) {
        snprintf(name, sizeof name, "Cap/C%d", i);
        write_zone(name, b.data, b.len);
    }
    tz_set_dir(tmpdir);
    int loaded = 0, full = -1;
    struct error e;
    for (int i = 0; i < 1100; i++) {
        const struct tz_zone *z;
        snprintf(name, sizeof name, "Cap/C%d", i);
        int rc = tz_zone_get(name, &z, &e);
        if (rc == 0) {
            loaded++;
            continue;
        }
        assert_int_equal(rc, ERR_UNKNOWN_TIMEZONE);
        assert_non_null(strstr(e.message, "too many"));
        if (full < 0)
            full = i;
    }
    tz_set_dir(NULL);
    print_message("cache ceiling reached after %d more zones\n", loaded);
    assert_true(full > 0 && full < 1024);
    assert_int_equal(loaded, full);
    /* Zones already cached keep working; fixed offsets need no slot. */
    expect_ut("Asia/Kolkata", mk(1943, 3, 10, 10, 0, 0), -1, ut_of(1943, 3, 10, 3, 30, 0),
              23400, "+0630", TZ_UNIQUE);
    expect_ut("+07:00", mk(2000, 1, 1, 7, 0, 0), -1, ut_of(2000, 1, 1, 0, 0, 0), 25200,
              "+07:00", TZ_UNIQUE);
    const struct tz_zone *z;
    assert_int_equal(tz_zone_get("Asia/Nowhere", &z, &e), ERR_UNKNOWN_TIMEZONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_rows),
        cmocka_unit_test(test_historical),
        cmocka_unit_test(test_footer),
        cmocka_unit_test(test_fixed_and_lmt),
        cmocka_unit_test(test_fold_and_input_checks),
        cmocka_unit_test(test_handmade_files),
        cmocka_unit_test(test_hostile_headers),
        cmocka_unit_test(test_corrupt_files),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_lookup_speed),
        cmocka_unit_test(test_cache_ceiling),
    };
    return cmocka_run_group_tests(tests, setup_tmpdir, teardown_tmpdir);
}
