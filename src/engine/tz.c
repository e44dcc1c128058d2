/* tz.c - civil time <-> UT from TZif files (RFC 8536) and their POSIX TZ
 * footers, plus fixed offsets and local mean time. Zones are parsed once into
 * immutable structs published in a fixed-size hash table of atomic pointers:
 * lookups are lock-free, a mutex serialises inserts only.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/tz.h"

#include "common/alloc.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME_MAX_LEN 64
#define ABBR_LEN 16
#define CACHE_SLOTS 2048          /* power of two */
#define CACHE_MAX 1024            /* at most half full, so probes always end */
#define FILE_MAX (256 * 1024)     /* real TZif files are under 10 KB */
#define FOOTER_MAX 128
#define OFF_MAX (26 * 3600)       /* bound on |UT offset|, TZif and footer alike */
#define FIXED_MAX_MIN (14 * 60)   /* fixed offsets: -14:00..+14:00 */
#define T_LIMIT ((int64_t)1 << 42) /* clamp for instants (about 139,000 years) */
#define MAX_CANDS 16              /* distinct offsets examined for one local time */
#define MAX_SCAN 64               /* transitions examined in one local-time window */

enum zone_kind { ZONE_TZIF, ZONE_FIXED, ZONE_LMT };
enum rule_kind { RULE_JULIAN1, RULE_ZERO, RULE_MONTH }; /* Jn, n, Mm.w.d */

/* One transition date of a POSIX TZ rule. */
struct rule_date {
    int kind;
    int day;       /* Jn: 1..365; n: 0..365 */
    int month;     /* Mm.w.d: 1..12 */
    int week;      /* 1..5, 5 = last */
    int wday;      /* 0 = Sunday .. 6 */
    int32_t secs;  /* local time of day, -167..167 h (RFC 8536 extension) */
};

/* A POSIX TZ string ("EST5EDT,M3.2.0,M11.1.0"), offsets as local minus UT. */
struct posix_tz {
    int32_t std_off, dst_off;
    bool has_dst;
    struct rule_date start, end;
    char std_abbr[ABBR_LEN], dst_abbr[ABBR_LEN];
};

struct ttype {
    int32_t utoff;
    bool isdst;
    char abbr[ABBR_LEN];
};

struct tz_zone {
    int kind;
    char name[NAME_MAX_LEN + 1];
    int32_t fixed_off;           /* ZONE_FIXED */
    char fixed_abbr[ABBR_LEN];
    uint32_t timecnt, typecnt;   /* ZONE_TZIF */
    int64_t *trans;              /* strictly ascending UT instants */
    uint8_t *trans_type;         /* type index of each transition */
    struct ttype *types;
    bool has_footer;
    struct posix_tz footer;      /* for instants after the last transition */
};

/* The offset in force at one instant. */
struct local_type {
    int32_t off;
    const char *abbr;
};

static const struct tz_zone utc_zone = {
    .kind = ZONE_FIXED, .name = "UTC", .fixed_off = 0, .fixed_abbr = "UTC"};
static const struct tz_zone lmt_zone = {.kind = ZONE_LMT, .name = "LMT"};

/* The names of the zones and links of a zoneinfo directory, from its
 * tzdata.zi ("Z Asia/Kolkata ..." and "L Asia/Kolkata Asia/Calcutta"):
 * for names given in another case and for "did you mean". */
struct zone_list {
    size_t n;
    char **names; /* into buf */
    char *buf;
};

/* A zone database: its directory and the zones loaded from it. */
struct tz_db {
    const struct alloc *alloc;     /* the owner's; zones and this struct */
    char dir[512];
    pthread_mutex_t lock;          /* serialises cache inserts */
    size_t count;                  /* zones in slots; under lock */
    _Atomic(struct tz_zone *) slots[CACHE_SLOTS];
    _Atomic(struct tz_zone *) fixed[2 * FIXED_MAX_MIN + 1]; /* by offset minutes */
    _Atomic(struct zone_list *) names; /* the zone names of tzdata.zi, read once */
};

/* ---- POSIX TZ strings ------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Reads 1..maxdigits decimal digits as a value in 0..max. */
static bool parse_uint(const char **sp, int maxdigits, int max, int *out)
{
    const char *s = *sp;
    int v = 0, n = 0;
    while (n < maxdigits && is_digit(s[n])) {
        v = v * 10 + (s[n] - '0');
        n++;
    }
    if (n == 0 || v > max)
        return false;
    *sp = s + n;
    *out = v;
    return true;
}

/* A zone abbreviation: alphabetic, or <quoted> with [A-Za-z0-9+-]. */
static bool parse_abbr(const char **sp, char out[ABBR_LEN])
{
    const char *s = *sp;
    size_t n = 0;
    if (*s == '<') {
        s++;
        while (is_alpha(*s) || is_digit(*s) || *s == '+' || *s == '-') {
            if (n >= ABBR_LEN - 1)
                return false;
            out[n++] = *s++;
        }
        if (*s != '>')
            return false;
        s++;
    } else {
        while (is_alpha(*s)) {
            if (n >= ABBR_LEN - 1)
                return false;
            out[n++] = *s++;
        }
    }
    if (n == 0)
        return false;
    out[n] = '\0';
    *sp = s;
    return true;
}

/* [+-]hh[:mm[:ss]] with hh <= maxh, as signed seconds. */
static bool parse_hms(const char **sp, int maxh, int32_t *out)
{
    const char *s = *sp;
    int sign = 1, h, m = 0, sec = 0;
    if (*s == '+' || *s == '-') {
        sign = *s == '-' ? -1 : 1;
        s++;
    }
    if (!parse_uint(&s, 3, maxh, &h))
        return false;
    if (*s == ':') {
        s++;
        if (!parse_uint(&s, 2, 59, &m))
            return false;
        if (*s == ':') {
            s++;
            if (!parse_uint(&s, 2, 59, &sec))
                return false;
        }
    }
    *sp = s;
    *out = sign * (h * 3600 + m * 60 + sec);
    return true;
}

/* Jn | n | Mm.w.d, then an optional /time (default 02:00). */
static bool parse_rule_date(const char **sp, struct rule_date *d)
{
    const char *s = *sp;
    memset(d, 0, sizeof *d);
    if (*s == 'J') {
        s++;
        d->kind = RULE_JULIAN1;
        if (!parse_uint(&s, 3, 365, &d->day) || d->day < 1)
            return false;
    } else if (*s == 'M') {
        s++;
        d->kind = RULE_MONTH;
        if (!parse_uint(&s, 2, 12, &d->month) || d->month < 1 || *s++ != '.' ||
            !parse_uint(&s, 1, 5, &d->week) || d->week < 1 || *s++ != '.' ||
            !parse_uint(&s, 1, 6, &d->wday))
            return false;
    } else {
        d->kind = RULE_ZERO;
        if (!parse_uint(&s, 3, 365, &d->day))
            return false;
    }
    d->secs = 2 * 3600;
    if (*s == '/') {
        s++;
        if (!parse_hms(&s, 167, &d->secs))
            return false;
    }
    *sp = s;
    return true;
}

/* Parses a NUL-terminated POSIX TZ string as extended by RFC 8536 §3.3. */
static bool parse_posix_tz(const char *s, struct posix_tz *p)
{
    int32_t off;
    memset(p, 0, sizeof *p);
    if (!parse_abbr(&s, p->std_abbr) || !parse_hms(&s, 24, &off))
        return false;
    p->std_off = -off; /* POSIX counts hours west of Greenwich */
    if (*s == '\0')
        return true;
    if (!parse_abbr(&s, p->dst_abbr))
        return false;
    p->has_dst = true;
    p->dst_off = p->std_off + 3600;
    if (*s != ',' && *s != '\0') {
        if (!parse_hms(&s, 24, &off))
            return false;
        p->dst_off = -off;
    }
    if (*s == '\0') /* no rule: tzcode's default, the US rules */
        s = ",M3.2.0,M11.1.0";
    if (*s++ != ',' || !parse_rule_date(&s, &p->start) || *s++ != ',' ||
        !parse_rule_date(&s, &p->end))
        return false;
    return *s == '\0';
}

/* UT instant at which rule date d falls in year, utoff_before being the
 * offset in force just before it. */
static int64_t rule_instant(const struct rule_date *d, int year, int32_t utoff_before)
{
    int64_t day = civil_days_from_date(year, 1, 1);
    if (d->kind == RULE_JULIAN1) {
        /* Feb 29 is never counted: J60 is always March 1. */
        day += d->day - 1 + (civil_is_leap(year) && d->day >= 60);
    } else if (d->kind == RULE_ZERO) {
        day += d->day;
    } else {
        int first = civil_weekday(year, d->month, 1);
        int mday = 1 + (d->wday - first + 7) % 7 + 7 * (d->week - 1);
        int dim = civil_days_in_month(year, d->month);
        while (mday > dim)
            mday -= 7;
        day = civil_days_from_date(year, d->month, mday);
    }
    return day * 86400 + d->secs - utoff_before;
}

/* Whether DST is in force at UT instant t under footer p (p->has_dst). The
 * state is that of the latest rule event at or before t among the years
 * around t; on a tie the start wins, so a rule ending DST exactly when the
 * next year's begins (RFC 8536 §3.3.1, "DST all year") stays in DST. */
static bool footer_is_dst(const struct posix_tz *p, int64_t t)
{
    struct civil c;
    int64_t best = 0;
    bool found = false, dst = false;
    civil_from_seconds(t + p->std_off, &c);
    for (int y = c.year - 2; y <= c.year + 1; y++) {
        int64_t on = rule_instant(&p->start, y, p->std_off);
        int64_t off = rule_instant(&p->end, y, p->dst_off);
        if (off <= t && (!found || off > best)) {
            best = off;
            dst = false;
            found = true;
        }
        if (on <= t && (!found || on >= best)) {
            best = on;
            dst = true;
            found = true;
        }
    }
    return dst;
}

/* ---- Lookups on a loaded zone ---------------------------------------- */

/* Index of the last transition at or before t, or -1. */
static int64_t find_transition(const struct tz_zone *z, int64_t t)
{
    size_t lo = 0, hi = z->timecnt; /* finds the first transition after t */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->trans[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int64_t)lo - 1;
}

static bool in_footer(const struct tz_zone *z, int64_t t)
{
    return z->has_footer && (z->timecnt == 0 || t > z->trans[z->timecnt - 1]);
}

/* The offset and abbreviation in force at UT instant t in a TZif zone. Before
 * the first transition, type 0 applies (RFC 8536 §3.2). */
static struct local_type tzif_at(const struct tz_zone *z, int64_t t)
{
    struct local_type lt;
    if (in_footer(z, t)) {
        const struct posix_tz *p = &z->footer;
        bool dst = p->has_dst && footer_is_dst(p, t);
        lt.off = dst ? p->dst_off : p->std_off;
        lt.abbr = dst ? p->dst_abbr : p->std_abbr;
        return lt;
    }
    int64_t i = find_transition(z, t);
    const struct ttype *ty = &z->types[i < 0 ? 0 : z->trans_type[i]];
    lt.off = ty->utoff;
    lt.abbr = ty->abbr;
    return lt;
}

static void add_offset(int32_t offs[MAX_CANDS], int *n, int32_t off)
{
    for (int i = 0; i < *n; i++)
        if (offs[i] == off)
            return;
    if (*n < MAX_CANDS)
        offs[(*n)++] = off;
}

/* Every UT instant t with t + offset(t) == local, ascending; returns how many
 * (at most MAX_CANDS). Any such t lies within OFF_MAX of local, so its offset
 * is the one in force at local - OFF_MAX or one set by a transition (table or
 * footer) inside that window: each such offset is tried and verified. */
static int tzif_solve(const struct tz_zone *z, int64_t local, int64_t cands[MAX_CANDS])
{
    int32_t offs[MAX_CANDS];
    int noffs = 0, n = 0;
    int64_t t0 = local - OFF_MAX, t1 = local + OFF_MAX;

    add_offset(offs, &noffs, tzif_at(z, t0).off);
    int64_t i = find_transition(z, t0) + 1;
    for (int k = 0; k < MAX_SCAN && i < (int64_t)z->timecnt && z->trans[i] <= t1; k++, i++)
        add_offset(offs, &noffs, z->types[z->trans_type[i]].utoff);
    if (z->has_footer && in_footer(z, t1)) {
        add_offset(offs, &noffs, z->footer.std_off);
        if (z->footer.has_dst)
            add_offset(offs, &noffs, z->footer.dst_off);
    }
    for (int k = 0; k < noffs; k++) {
        int64_t t = local - offs[k];
        if (tzif_at(z, t).off != offs[k])
            continue;
        int j = n++; /* insertion sort: n is tiny */
        while (j > 0 && cands[j - 1] > t) {
            cands[j] = cands[j - 1];
            j--;
        }
        cands[j] = t;
    }
    return n;
}

/* ---- TZif files ------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int32_t be32s(const unsigned char *p)
{
    uint32_t u = be32(p);
    return u <= INT32_MAX ? (int32_t)u : -(int32_t)(~u) - 1;
}

static int64_t be64s(const unsigned char *p)
{
    uint64_t u = (uint64_t)be32(p) << 32 | be32(p + 4);
    return u <= INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1;
}

struct tzif_header {
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static bool read_header(const unsigned char *p, size_t avail, int *version,
                        struct tzif_header *h)
{
    if (avail < 44 || memcmp(p, "TZif", 4) != 0)
        return false;
    *version = p[4];
    h->isutcnt = be32(p + 20);
    h->isstdcnt = be32(p + 24);
    h->leapcnt = be32(p + 28);
    h->timecnt = be32(p + 32);
    h->typecnt = be32(p + 36);
    h->charcnt = be32(p + 40);
    return true;
}

/* Size of the data block after header h; timesize is 4 (v1) or 8 (v2+). */
static uint64_t block_size(const struct tzif_header *h, uint64_t timesize)
{
    return (uint64_t)h->timecnt * timesize + h->timecnt + (uint64_t)h->typecnt * 6 +
           h->charcnt + (uint64_t)h->leapcnt * (timesize + 4) + h->isstdcnt + h->isutcnt;
}

static void zone_free(const struct alloc *a, struct tz_zone *z)
{
    if (!z)
        return;
    alloc_free(a, z->trans);
    alloc_free(a, z->trans_type);
    alloc_free(a, z->types);
    alloc_free(a, z);
}

/* What parsing a TZif file can end in. */
enum parse_result { PARSE_OK, PARSE_BAD, PARSE_NOMEM };

/* Parses one data block (and, for v2+, the footer) into z. p points just past
 * the header h, avail bytes from there to the end of the file. */
static enum parse_result parse_block(const unsigned char *p, size_t avail,
                                     const struct tzif_header *h, size_t timesize,
                                     struct tz_zone *z, const struct alloc *al)
{
    uint64_t size = block_size(h, timesize);
    if (h->typecnt == 0 || h->typecnt > 256 || h->charcnt == 0 ||
        (h->isutcnt != 0 && h->isutcnt != h->typecnt) ||
        (h->isstdcnt != 0 && h->isstdcnt != h->typecnt) || size > avail)
        return PARSE_BAD;
    if (h->leapcnt != 0) /* "right/" zones count leap seconds; our time line does not */
        return PARSE_BAD;

    const unsigned char *times = p;
    const unsigned char *idx = times + (size_t)h->timecnt * timesize;
    const unsigned char *types = idx + h->timecnt;
    const char *chars = (const char *)(types + (size_t)h->typecnt * 6);

    z->timecnt = h->timecnt;
    z->typecnt = h->typecnt;
    z->trans = alloc_malloc(al, (size_t)h->timecnt * sizeof *z->trans);
    z->trans_type = alloc_malloc(al, h->timecnt);
    z->types = alloc_calloc(al, h->typecnt, sizeof *z->types);
    if (!z->trans || !z->trans_type || !z->types)
        return PARSE_NOMEM;
    for (uint32_t i = 0; i < h->timecnt; i++) {
        const unsigned char *tp = times + (size_t)i * timesize;
        z->trans[i] = timesize == 8 ? be64s(tp) : be32s(tp);
        if (i > 0 && z->trans[i] <= z->trans[i - 1])
            return PARSE_BAD;
        if (idx[i] >= h->typecnt)
            return PARSE_BAD;
        z->trans_type[i] = idx[i];
    }
    for (uint32_t i = 0; i < h->typecnt; i++) {
        const unsigned char *tp = types + (size_t)i * 6;
        struct ttype *ty = &z->types[i];
        ty->utoff = be32s(tp);
        if (ty->utoff < -OFF_MAX || ty->utoff > OFF_MAX || tp[4] > 1 || tp[5] >= h->charcnt)
            return PARSE_BAD;
        ty->isdst = tp[4];
        const char *a = chars + tp[5];
        size_t left = h->charcnt - tp[5];
        const char *nul = memchr(a, '\0', left);
        if (!nul)
            return PARSE_BAD;
        size_t n = 0;
        for (; a + n < nul && n < ABBR_LEN - 1; n++) {
            if (a[n] < 0x20 || a[n] > 0x7e)
                return PARSE_BAD;
            ty->abbr[n] = a[n];
        }
        ty->abbr[n] = '\0';
    }
    if (timesize == 4)
        return PARSE_OK;

    /* v2+: "\n" footer "\n" follows the block; an empty footer means none. */
    const char *f = (const char *)p + size;
    size_t left = avail - (size_t)size;
    if (left == 0)
        return PARSE_OK;
    if (f[0] != '\n')
        return PARSE_BAD;
    const char *end = memchr(f + 1, '\n', left - 1);
    if (!end)
        return PARSE_BAD;
    size_t flen = (size_t)(end - (f + 1));
    if (flen == 0)
        return PARSE_OK;
    if (flen > FOOTER_MAX || memchr(f + 1, '\0', flen))
        return PARSE_BAD;
    char buf[FOOTER_MAX + 1];
    memcpy(buf, f + 1, flen);
    buf[flen] = '\0';
    if (!parse_posix_tz(buf, &z->footer))
        return PARSE_BAD;
    z->has_footer = true;
    return PARSE_OK;
}

/* Parses a whole TZif file: the 64-bit block of version 2+ files (skipping
 * the 32-bit one), or the 32-bit block of version 1 files. */
static enum parse_result parse_tzif(const unsigned char *buf, size_t len, struct tz_zone *z,
                                    const struct alloc *a)
{
    struct tzif_header h;
    int version;
    if (!read_header(buf, len, &version, &h))
        return PARSE_BAD;
    if (version == 0)
        return parse_block(buf + 44, len - 44, &h, 4, z, a);
    uint64_t skip = 44 + block_size(&h, 4);
    if (skip > len)
        return PARSE_BAD;
    if (!read_header(buf + skip, len - (size_t)skip, &version, &h))
        return PARSE_BAD;
    return parse_block(buf + skip + 44, len - (size_t)skip - 44, &h, 8, z, a);
}

/* Reads a regular file of at most FILE_MAX bytes into *buf (caller frees
 * through a). False if it cannot; *nomem tells an allocation failure. */
static bool read_file(const char *path, const struct alloc *a, unsigned char **buf,
                      size_t *len, bool *nomem)
{
    bool ok = false;
    unsigned char *data = NULL;
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        goto out;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        st.st_size > FILE_MAX)
        goto out;
    size_t cap = (size_t)st.st_size, n = 0;
    data = alloc_malloc(a, cap);
    if (!data) {
        *nomem = true;
        goto out;
    }
    while (n < cap) {
        ssize_t r = read(fd, data + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    if (n == 0)
        goto out;
    *buf = data;
    *len = n;
    data = NULL;
    ok = true;
out:
    alloc_free(a, data);
    if (fd >= 0)
        close(fd);
    return ok;
}

/* ---- The cache --------------------------------------------------------- */

/* IANA-style names only: [A-Za-z0-9/_+-], no empty component, no "..",
 * no leading "/", and not the duplicate "posix/" and "right/" trees. */
static bool valid_name(const char *s)
{
    size_t n = strnlen(s, NAME_MAX_LEN + 1);
    if (n == 0 || n > NAME_MAX_LEN || s[0] == '/' || s[n - 1] == '/')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!is_alpha(c) && !is_digit(c) && c != '/' && c != '_' && c != '+' && c != '-')
            return false;
        if (c == '/' && s[i + 1] == '/')
            return false;
    }
    if (strncmp(s, "posix/", 6) == 0 || strncmp(s, "right/", 6) == 0 ||
        strcmp(s, "localtime") == 0)
        return false;
    return true;
}

static uint64_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h;
}

static struct tz_zone *cache_find(struct tz_db *db, const char *name, uint64_t h)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        struct tz_zone *z = atomic_load_explicit(&db->slots[(h + i) & (CACHE_SLOTS - 1)],
                                                 memory_order_acquire);
        if (!z)
            return NULL;
        if (strcmp(z->name, name) == 0)
            return z;
    }
    return NULL;
}

/* Publishes z (fully built) unless another thread won the race or the cache
 * is full. Returns the cached zone, or NULL when full; frees z if unused. */
static struct tz_zone *cache_insert(struct tz_db *db, struct tz_zone *z, uint64_t h)
{
    struct tz_zone *res = NULL;
    pthread_mutex_lock(&db->lock);
    res = cache_find(db, z->name, h);
    if (res)
        goto out;
    if (db->count >= CACHE_MAX)
        goto out;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        _Atomic(struct tz_zone *) *slot = &db->slots[(h + i) & (CACHE_SLOTS - 1)];
        if (!atomic_load_explicit(slot, memory_order_relaxed)) {
            atomic_store_explicit(slot, z, memory_order_release);
            db->count++;
            res = z;
            break;
        }
    }
out:
    pthread_mutex_unlock(&db->lock);
    if (res != z)
        zone_free(db->alloc, z);
    return res;
}

/* Loads the TZif zone name from disk and caches it. */
static int load_zone(struct tz_db *db, const char *name, uint64_t h,
                     const struct tz_zone **zone, struct error *err)
{
    int result = 0;
    unsigned char *buf = NULL;
    size_t len = 0;
    bool nomem = false;
    struct tz_zone *z = NULL;
    char path[sizeof db->dir + NAME_MAX_LEN + 2];

    int n = snprintf(path, sizeof path, "%s/%s", db->dir, name);
    if (n < 0 || (size_t)n >= sizeof path || !read_file(path, db->alloc, &buf, &len, &nomem)) {
        result = nomem ? err_set(err, ERR_NO_MEMORY, "birth.timezone",
                                 "out of memory loading time zone \"%s\"", name)
                       : err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone",
                                 "unknown time zone \"%s\"", name);
        goto out;
    }
    z = alloc_calloc(db->alloc, 1, sizeof *z);
    if (!z) {
        result = err_set(err, ERR_NO_MEMORY, "birth.timezone", "out of memory");
        goto out;
    }
    z->kind = ZONE_TZIF;
    memcpy(z->name, name, strlen(name) + 1);
    enum parse_result pr = parse_tzif(buf, len, z, db->alloc);
    if (pr == PARSE_NOMEM) {
        result = err_set(err, ERR_NO_MEMORY, "birth.timezone",
                         "out of memory loading time zone \"%s\"", name);
        goto out;
    }
    if (pr != PARSE_OK) {
        result = err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone",
                         "time zone \"%s\" has an invalid or unsupported TZif file", name);
        goto out;
    }
    *zone = cache_insert(db, z, h);
    z = NULL; /* owned or freed by cache_insert */
    if (!*zone)
        result = err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone",
                         "too many distinct time zones in use to load \"%s\"", name);
out:
    zone_free(db->alloc, z);
    alloc_free(db->alloc, buf);
    return result;
}


/* ---- Zone names: another case, and "did you mean" ----------------------- */

/* The n-th blank-separated word of line (0-based) as [*w, *w + len). */
static size_t word_at(char *line, int n, char **w)
{
    char *p = line;
    for (int i = 0;; i++) {
        p += strspn(p, " \t");
        size_t len = strcspn(p, " \t\n");
        if (i == n || !len) {
            *w = p;
            return len;
        }
        p += len;
    }
}

/* Reads the names of tzdata.zi in place into l (buf is the file). */
static bool list_names(struct tz_db *db, struct zone_list *l)
{
    size_t cap = 0;
    for (char *line = l->buf; line && *line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *w;
        size_t len = 0;
        if (line[0] == 'Z' && line[1] == ' ')
            len = word_at(line, 1, &w);
        else if (line[0] == 'L' && line[1] == ' ')
            len = word_at(line, 2, &w);
        if (len && len <= NAME_MAX_LEN) {
            w[len] = '\0';
            if (valid_name(w)) {
                if (l->n == cap) {
                    cap = cap ? 2 * cap : 1024;
                    char **grown = alloc_realloc(db->alloc, l->names, cap * sizeof *grown);
                    if (!grown)
                        return false;
                    l->names = grown;
                }
                l->names[l->n++] = w;
            }
        }
        line = next;
    }
    return true;
}

/* The zone names of db, read on first use; an empty list when tzdata.zi is
 * missing or memory is short (the names then matter only for hints). */
static const struct zone_list *zone_names(struct tz_db *db)
{
    static const struct zone_list none = {0, NULL, NULL};
    struct zone_list *l = atomic_load_explicit(&db->names, memory_order_acquire);
    if (l)
        return l;
    pthread_mutex_lock(&db->lock);
    l = atomic_load_explicit(&db->names, memory_order_relaxed);
    if (!l) {
        char path[sizeof db->dir + 16];
        size_t len = 0;
        bool nomem = false;
        unsigned char *buf = NULL;
        l = alloc_calloc(db->alloc, 1, sizeof *l);
        snprintf(path, sizeof path, "%s/tzdata.zi", db->dir);
        if (l && read_file(path, db->alloc, &buf, &len, &nomem)) {
            char *text = alloc_realloc(db->alloc, buf, len + 1);
            if (text) {
                text[len] = '\0';
                l->buf = text;
                if (!list_names(db, l))
                    l->n = 0;
            } else {
                alloc_free(db->alloc, buf);
            }
        }
        if (l)
            atomic_store_explicit(&db->names, l, memory_order_release);
    }
    pthread_mutex_unlock(&db->lock);
    return l ? l : &none;
}

/* Levenshtein distance of a and b without regard to ASCII case, capped at
 * cap + 1 (names are at most NAME_MAX_LEN). */
static int distance(const char *a, const char *b, int cap)
{
    int la = (int)strnlen(a, NAME_MAX_LEN), lb = (int)strnlen(b, NAME_MAX_LEN);
    int row[NAME_MAX_LEN + 1];
    if (abs(la - lb) > cap)
        return cap + 1;
    for (int j = 0; j <= lb; j++)
        row[j] = j;
    for (int i = 1; i <= la; i++) {
        int diag = row[0], best = i;
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int up = row[j];
            int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            int v = diag + !same;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > cap)
            return cap + 1;
    }
    return row[lb];
}

static bool zone_file_exists(const struct tz_db *db, const char *name)
{
    char path[sizeof db->dir + NAME_MAX_LEN + 2];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", db->dir, name);
    return stat(path, &st) == 0;
}

/* The name of the list spelt as spec but for case, or NULL. */
static const char *canonical_name(struct tz_db *db, const char *spec)
{
    const struct zone_list *l = zone_names(db);
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(l->names[i], spec) == 0)
            return l->names[i];
    return NULL;
}

/* ERR_UNKNOWN_TIMEZONE for spec, with up to 3 names of the list nearest
 * to it (by the whole name, or by its last part: "Kolkatta"). */
static int unknown_zone(struct tz_db *db, const char *spec, struct error *err)
{
    const struct zone_list *l = zone_names(db);
    const char *best[3] = {NULL, NULL, NULL};
    int dist[3] = {0, 0, 0};
    int len = (int)strnlen(spec, NAME_MAX_LEN + 1);
    int cap = len / 4 < 2 ? 2 : len / 4;
    for (size_t i = 0; i < l->n && len <= NAME_MAX_LEN; i++) {
        const char *slash = strrchr(l->names[i], '/');
        int d = distance(spec, l->names[i], cap);
        if (slash && !strchr(spec, '/')) {
            int d2 = distance(spec, slash + 1, cap);
            d = d2 < d ? d2 : d;
        }
        if (d > cap)
            continue;
        for (int k = 0; k < 3; k++) {
            if (best[k] && dist[k] <= d)
                continue;
            for (int m = 2; m > k; m--) {
                best[m] = best[m - 1];
                dist[m] = dist[m - 1];
            }
            best[k] = l->names[i];
            dist[k] = d;
            break;
        }
    }
    if (!best[0])
        return err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone",
                       "unknown time zone \"%.64s\" (an IANA name like Asia/Kolkata, an offset "
                       "like +05:30, or LMT)", spec);
    return err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone",
                   "unknown time zone \"%.64s\"; did you mean %s%s%s%s%s?", spec, best[0],
                   best[1] ? (best[2] ? ", " : " or ") : "", best[1] ? best[1] : "",
                   best[2] ? " or " : "", best[2] ? best[2] : "");
}

/* "+HH:MM", "+HHMM" or "+HH" (or "-"), within 14:00, as minutes east. */
static bool parse_fixed(const char *s, int *minutes)
{
    int sign = s[0] == '-' ? -1 : 1, h, m = 0;
    size_t n = strnlen(s, 8);
    const char *p = s + 1;
    if (n != 3 && n != 5 && n != 6)
        return false;
    if (!is_digit(p[0]) || !is_digit(p[1]))
        return false;
    h = (p[0] - '0') * 10 + (p[1] - '0');
    p += 2;
    if (n == 6 && *p++ != ':')
        return false;
    if (n != 3) {
        if (!is_digit(p[0]) || !is_digit(p[1]) || p[2] != '\0')
            return false;
        m = (p[0] - '0') * 10 + (p[1] - '0');
    }
    if (m >= 60 || h * 60 + m > FIXED_MAX_MIN)
        return false;
    *minutes = sign * (h * 60 + m);
    return true;
}

/* The shared zone for a fixed offset, created on first use (lock-free: the
 * loser of a creation race frees its copy, which nobody has seen). */
static const struct tz_zone *fixed_zone(struct tz_db *db, int minutes)
{
    _Atomic(struct tz_zone *) *slot = &db->fixed[minutes + FIXED_MAX_MIN];
    struct tz_zone *z = atomic_load_explicit(slot, memory_order_acquire);
    if (z)
        return z;
    struct tz_zone *nz = alloc_calloc(db->alloc, 1, sizeof *nz);
    if (!nz)
        return NULL;
    nz->kind = ZONE_FIXED;
    nz->fixed_off = minutes * 60;
    civil_format_offset(nz->fixed_off, nz->fixed_abbr);
    memcpy(nz->name, nz->fixed_abbr, sizeof nz->fixed_abbr);
    if (atomic_compare_exchange_strong_explicit(slot, &z, nz, memory_order_acq_rel,
                                                memory_order_acquire))
        return nz;
    alloc_free(db->alloc, nz);
    return z;
}

/* ---- Public API -------------------------------------------------------- */

int tz_db_new(const char *dir, const struct alloc *a, struct tz_db **out, struct error *err)
{
    *out = NULL;
    if (!dir || !dir[0])
        dir = TZ_DEFAULT_DIR;
    size_t n = strlen(dir);
    if (n >= sizeof((struct tz_db *)0)->dir)
        return err_set(err, ERR_INVALID_ARGUMENT, "zoneinfo", "zoneinfo path too long");
    struct tz_db *db = alloc_calloc(a, 1, sizeof *db);
    if (!db)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    db->alloc = a;
    memcpy(db->dir, dir, n + 1);
    pthread_mutex_init(&db->lock, NULL);
    *out = db;
    return 0;
}

void tz_db_free(struct tz_db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        zone_free(db->alloc, atomic_load_explicit(&db->slots[i], memory_order_relaxed));
    for (size_t i = 0; i < 2 * FIXED_MAX_MIN + 1; i++)
        zone_free(db->alloc, atomic_load_explicit(&db->fixed[i], memory_order_relaxed));
    struct zone_list *l = atomic_load_explicit(&db->names, memory_order_relaxed);
    if (l) {
        alloc_free(db->alloc, l->names);
        alloc_free(db->alloc, l->buf);
        alloc_free(db->alloc, l);
    }
    pthread_mutex_destroy(&db->lock);
    alloc_free(db->alloc, db);
}

int tz_zone_get(struct tz_db *db, const char *spec, const struct tz_zone **zone,
                struct error *err)
{
    int minutes;
    *zone = NULL;
    if (!spec || !spec[0])
        return err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone", "empty time zone");
    if (strcmp(spec, "UTC") == 0 || strcmp(spec, "Z") == 0 || strcmp(spec, "GMT") == 0) {
        *zone = &utc_zone;
        return 0;
    }
    if (strcmp(spec, "LMT") == 0) {
        *zone = &lmt_zone;
        return 0;
    }
    if (spec[0] == '+' || spec[0] == '-') {
        if (!parse_fixed(spec, &minutes))
            return err_set(err, ERR_UNKNOWN_TIMEZONE, "birth.timezone",
                           "invalid UTC offset \"%.16s\" (expected +HH:MM within "
                           "-14:00..+14:00)", spec);
        *zone = fixed_zone(db, minutes);
        if (!*zone)
            return err_set(err, ERR_NO_MEMORY, "birth.timezone", "out of memory");
        return 0;
    }
    if (!valid_name(spec))
        return unknown_zone(db, spec, err);
    uint64_t h = hash_name(spec);
    const struct tz_zone *z = cache_find(db, spec, h);
    if (z) {
        *zone = z;
        return 0;
    }
    /* "asia/kolkata" is Asia/Kolkata: answered in the list's spelling */
    const char *canonical = canonical_name(db, spec);
    if (canonical && strcmp(canonical, spec) != 0) {
        spec = canonical;
        h = hash_name(spec);
        z = cache_find(db, spec, h);
        if (z) {
            *zone = z;
            return 0;
        }
    }
    int rc = load_zone(db, spec, h, zone, err);
    if (rc == ERR_UNKNOWN_TIMEZONE && !canonical && !zone_file_exists(db, spec))
        return unknown_zone(db, spec, err); /* no such zone: suggest some */
    return rc;
}

const char *tz_zone_name(const struct tz_zone *zone)
{
    return zone->name;
}

static void set_abbr(struct tz_conv *out, const char *abbr)
{
    size_t n = strnlen(abbr, sizeof out->abbrev - 1);
    memcpy(out->abbrev, abbr, n);
    out->abbrev[n] = '\0';
}

/* Range checks on the caller's wall time, so the arithmetic cannot overflow. */
static int check_civil(const struct civil *c, struct error *err)
{
    if (c->month < 1 || c->month > 12 || c->day < 1 ||
        c->day > civil_days_in_month(c->year, c->month))
        return err_set(err, ERR_INVALID_DATE, "birth.date", "invalid local date");
    if (c->year < CIVIL_YEAR_MIN || c->year > CIVIL_YEAR_MAX)
        return err_set(err, ERR_DATE_OUT_OF_RANGE, "birth.date",
                       "year %d is outside %d..%d", c->year, CIVIL_YEAR_MIN, CIVIL_YEAR_MAX);
    if (c->hour < 0 || c->hour > 23 || c->minute < 0 || c->minute > 59 || c->second < 0 ||
        c->second > 59)
        return err_set(err, ERR_INVALID_TIME, "birth.time", "invalid local time");
    return 0;
}

int tz_local_to_ut(const struct tz_zone *zone, const struct civil *local, double longitude,
                   int fold, struct tz_conv *out, struct error *err)
{
    if (fold < -1 || fold > 1)
        return err_set(err, ERR_INVALID_FOLD, "birth.fold",
                       "fold must be 0 (earlier) or 1 (later), got %d", fold);
    int rc = check_civil(local, err);
    if (rc != 0)
        return rc;
    int64_t l = civil_to_seconds(local);
    memset(out, 0, sizeof *out);
    out->status = TZ_UNIQUE;
    if (zone->kind == ZONE_FIXED) {
        out->offset = zone->fixed_off;
        out->ut = (double)(l - zone->fixed_off);
        set_abbr(out, zone->fixed_abbr);
        return 0;
    }
    if (zone->kind == ZONE_LMT) {
        out->offset = longitude * 240.0;
        out->ut = (double)l - out->offset;
        set_abbr(out, "LMT");
        return 0;
    }

    int64_t cands[MAX_CANDS];
    int n = tzif_solve(zone, l, cands);
    if (n == 0)
        return err_set(err, ERR_NONEXISTENT_LOCAL_TIME, "birth.time",
                       "%04d-%02d-%02d %02d:%02d:%02d does not exist in %s "
                       "(clocks jumped forward)",
                       local->year, local->month, local->day, local->hour, local->minute,
                       local->second, zone->name);
    int64_t t = cands[0];
    if (n > 1) {
        if (fold < 0)
            return err_set(err, ERR_AMBIGUOUS_LOCAL_TIME, "birth.fold",
                           "%04d-%02d-%02d %02d:%02d:%02d occurs twice in %s (clocks "
                           "went back); pass fold 0 for the earlier or 1 for the later",
                           local->year, local->month, local->day, local->hour,
                           local->minute, local->second, zone->name);
        t = fold == 0 ? cands[0] : cands[n - 1];
        out->status = TZ_OVERLAP;
    }
    struct local_type lt = tzif_at(zone, t);
    out->ut = (double)t;
    out->offset = lt.off;
    set_abbr(out, lt.abbr);
    return 0;
}

void tz_ut_to_local(const struct tz_zone *zone, double ut, double longitude,
                    struct tz_conv *out)
{
    memset(out, 0, sizeof *out);
    out->ut = ut;
    out->status = TZ_UNIQUE;
    if (zone->kind == ZONE_FIXED) {
        out->offset = zone->fixed_off;
        set_abbr(out, zone->fixed_abbr);
        return;
    }
    if (zone->kind == ZONE_LMT) {
        out->offset = longitude * 240.0;
        set_abbr(out, "LMT");
        return;
    }
    int64_t t;
    if (!(ut > (double)-T_LIMIT)) /* also catches NaN */
        t = -T_LIMIT;
    else if (ut > (double)T_LIMIT)
        t = T_LIMIT;
    else
        t = (int64_t)floor(ut);
    struct local_type lt = tzif_at(zone, t);
    out->offset = lt.off;
    set_abbr(out, lt.abbr);
}
