/* events.c - the events search (see events.h): its parameters, the kinds'
 * names, rising and setting, eclipses, and the list sorted by time; the
 * longitudes' changes are events_curve.c's.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/events.h"

#include "engine/eph.h"
#include "engine/events_curve.h"
#include "engine/panchang.h"
#include "engine/tz.h"
#include "engine/zodiac.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[EVENT_KIND_COUNT] = {
    "sign_ingress", "nakshatra_ingress", "pada_ingress", "station", "combustion",
    "tithi",        "nakshatra",         "yoga",         "karana",  "sunrise",
    "sunset",       "moonrise",          "moonset",      "eclipse", "sankranti",
    "purnima",      "amavasya",
};

/* The kinds that need the place (latitude and longitude). */
#define PLACE_KINDS                                                                                \
    ((1u << EVENT_SUNRISE) | (1u << EVENT_SUNSET) | (1u << EVENT_MOONRISE) |                       \
     (1u << EVENT_MOONSET) | (1u << EVENT_ECLIPSE))
#define NINE_GRAHAS ((1u << GRAHA_CLASSICAL) - 1)
#define ALL_GRAHAS ((1u << GRAHA_COUNT) - 1)

const char *event_kind_name(int kind)
{
    return kind >= 0 && kind < EVENT_KIND_COUNT ? kind_names[kind] : "?";
}

int event_kind_find(const char *name)
{
    for (int i = 0; i < EVENT_KIND_COUNT; i++)
        if (strcmp(kind_names[i], name) == 0)
            return i;
    return -1;
}

const char *event_state_name(const struct event *e, bool to, char buf[32])
{
    static const char *const eclipse_types[] = {"total", "annular", "hybrid", "partial",
                                                "penumbral"};
    static const char *const visibility[] = {"not_visible", "partly_visible", "visible"};
    int v = to ? e->to : e->from;
    switch (e->kind) {
    case EVENT_SIGN_INGRESS:
    case EVENT_SANKRANTI: return sign_name(v);
    case EVENT_NAKSHATRA_INGRESS:
    case EVENT_NAKSHATRA: return nakshatra_name(v);
    case EVENT_PADA_INGRESS:
        snprintf(buf, 32, "%s %d", nakshatra_name(v / 4), v % 4 + 1);
        return buf;
    case EVENT_STATION: return v == EVENT_RETROGRADE ? "retrograde" : "direct";
    case EVENT_COMBUSTION: return v == EVENT_COMBUST ? "combust" : "visible";
    case EVENT_TITHI: return panchang_tithi_name(v);
    case EVENT_YOGA: return panchang_yoga_name(v);
    case EVENT_KARANA: return panchang_karana_name(v);
    case EVENT_PURNIMA:
    case EVENT_AMAVASYA: return panchang_paksha_name(v);
    case EVENT_ECLIPSE:
        if (!to)
            return v >= 0 && v <= EPH_ECLIPSE_PENUMBRAL ? eclipse_types[v] : "?";
        return v >= 0 && v <= EPH_VISIBLE_MAX ? visibility[v] : "?";
    default: /* rising and setting */
        return v == EVENT_ABOVE_HORIZON ? "above_horizon" : "below_horizon";
    }
}

/* ---- parameters ------------------------------------------------------- */

void events_query_init(struct events_query *q)
{
    memset(q, 0, sizeof *q);
    birth_init(&q->place);
    options_init(&q->options);
}

/* Keeps err's code and message but names the parameter as given. */
static int refield(struct error *err, int rc, const char *key)
{
    if (err)
        snprintf(err->field, sizeof err->field, "%.40s", key);
    return rc;
}

/* from or to: a date (its local midnight), or a date and time, as wall
 * time of the query's zone unless an offset (Z, +05:30) follows. */
static int set_instant(const char *key, const char *value, struct civil *c, int *offset,
                       bool *absolute, struct error *err)
{
    char date[11], time[9] = "00:00";
    size_t n = strlen(value), tn;
    const char *rest = value + 10;
    *absolute = false;
    *offset = 0;
    if (n < 10)
        goto bad;
    memcpy(date, value, 10);
    date[10] = '\0';
    memset(c, 0, sizeof *c);
    int rc = civil_parse_date(date, c);
    if (rc == ERR_DATE_OUT_OF_RANGE)
        return err_set(err, rc, key, "%s must be between %04d-01-01 and %04d-12-31", key,
                       CIVIL_YEAR_MIN, CIVIL_YEAR_MAX);
    if (rc)
        goto bad;
    if (*rest == '\0')
        return 0;
    if (*rest != 'T')
        goto bad;
    rest++;
    tn = strcspn(rest, "Z+- ");
    if (tn != 5 && tn != 8)
        goto bad;
    memcpy(time, rest, tn);
    time[tn] = '\0';
    if (civil_parse_time(time, c))
        goto bad;
    rest += tn;
    if (*rest == '\0')
        return 0;
    *absolute = true;
    if (strcmp(rest, "Z") == 0)
        return 0;
    if ((rest[0] == '+' || rest[0] == '-') && strlen(rest) == 6 && rest[3] == ':') {
        int h = (rest[1] - '0') * 10 + (rest[2] - '0'), m = (rest[4] - '0') * 10 + (rest[5] - '0');
        bool digits = true;
        for (int i = 1; i < 6; i++)
            digits = digits && (i == 3 || (rest[i] >= '0' && rest[i] <= '9'));
        if (digits && h <= 18 && m <= 59) {
            *offset = (rest[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
            return 0;
        }
    }
bad:
    return err_set(err, ERR_INVALID_DATE, key,
                   "%s must be YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], optionally with Z or an "
                   "offset +HH:MM (in a query string send + as %%2B)",
                   key);
}

/* A comma-separated list of names into bits; "all" is every one. */
static int set_list(const char *key, const char *value, unsigned all, int (*find)(const char *),
                    unsigned *out, struct error *err)
{
    char name[32];
    unsigned bits = 0;
    const char *p = value;
    for (;;) {
        size_t n = strcspn(p, ",");
        if (n == 0 || n >= sizeof name)
            return err_set(err, ERR_INVALID_VALUE, key, "%s: an empty or overlong name in '%.40s'",
                           key, value);
        memcpy(name, p, n);
        name[n] = '\0';
        int i = strcmp(name, "all") == 0 ? -2 : find(name);
        if (i == -1)
            return err_set(err, ERR_INVALID_VALUE, key,
                           "%s: unknown name '%s' (see docs/events.md; or all)", key, name);
        bits |= i == -2 ? all : 1u << i;
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
    *out = bits;
    return 0;
}

int events_param_set(struct events_query *q, const char *key, const char *value, struct error *err)
{
    static const char *const place_keys[] = {
        "tz", "timezone", "lat", "latitude", "lon", "longitude", "ayanamsa", "node", "positions",
    };
    bool from = strcmp(key, "from") == 0, to = strcmp(key, "to") == 0;
    bool known = false;
    for (size_t i = 0; i < sizeof place_keys / sizeof place_keys[0]; i++)
        known = known || strcmp(key, place_keys[i]) == 0;
    if (!known && !from && !to && strcmp(key, "kinds") != 0 && strcmp(key, "bodies") != 0)
        return err_set(err, ERR_UNKNOWN_FIELD, key, "unknown parameter '%.40s'", key);
    if (value[0] == '\0')
        return err_set(err, ERR_MISSING_FIELD, key, "%.40s is empty; give a value or leave it out",
                       key);
    if (from) {
        int rc = set_instant(key, value, &q->from, &q->from_offset, &q->from_absolute, err);
        if (rc == 0)
            q->have |= EVENTS_HAVE_FROM;
        return rc;
    }
    if (to) {
        int rc = set_instant(key, value, &q->to, &q->to_offset, &q->to_absolute, err);
        if (rc == 0)
            q->have |= EVENTS_HAVE_TO;
        return rc;
    }
    if (strcmp(key, "kinds") == 0)
        return set_list(key, value, EVENTS_ALL_KINDS, event_kind_find, &q->kinds, err);
    if (strcmp(key, "bodies") == 0)
        return set_list(key, value, ALL_GRAHAS, graha_find, &q->bodies, err);
    int rc = birth_param_set(&q->place, &q->options, key, value, err);
    return rc ? refield(err, rc, key) : 0;
}

/* ---- the list --------------------------------------------------------- */

void events_list_free(struct events_list *l)
{
    if (l->items)
        alloc_free(l->alloc, l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

static int list_add(struct events_list *l, const struct event *e, struct error *err)
{
    if (l->count == EVENTS_MAX)
        return err_set(err, ERR_INVALID_VALUE, "to",
                       "more than %d events: narrow the span or the kinds", EVENTS_MAX);
    if (l->count == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 1024;
        struct event *items = alloc_realloc(l->alloc, l->items, cap * sizeof *items);
        if (!items)
            return err_set(err, ERR_NO_MEMORY, "", "out of memory");
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = *e;
    return 0;
}

/* Everything a search shares. */
struct finder {
    const struct context *ctx;
    const struct events_query *q;
    struct events_list *out;
    double from, to; /* JD UT */
    double lat, lon;
    unsigned kinds;
};

static int add_event(void *arg, int kind, int body, double jd, int from, int to, struct error *err)
{
    struct finder *f = arg;
    struct event e = {civil_seconds_from_jd(jd), 0,           (unsigned char)kind,
                      (signed char)body,         (short)from, (short)to};
    return list_add(f->out, &e, err);
}

static bool stopped(const struct finder *f)
{
    return f->q->stop && f->q->stop(f->q->stop_arg);
}

static int cmp_events(const void *pa, const void *pb)
{
    const struct event *a = pa, *b = pb;
    if (a->ut != b->ut)
        return a->ut < b->ut ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind - b->kind;
    if (a->body != b->body)
        return a->body - b->body;
    if (a->to != b->to)
        return a->to - b->to;
    return a->from - b->from;
}

/* libswe's true node jumps by up to ~5e-5 degrees at some instants (the
 * boundaries of the lunar ephemeris's segments, from which the osculating
 * node is derived), and its speed, a difference across the jump, is wrong
 * for a few seconds there: a sign change of the speed that reverses within
 * GLITCH seconds is such a jump, not a turn of the node (which would move
 * it by under 1e-9 degrees). Both stations are dropped. Real stations of
 * the planets are weeks apart. */
#define GLITCH 60.0

static void drop_glitches(struct events_list *l)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->count; i++) {
        struct event *e = &l->items[i];
        if (e->kind == EVENT_STATION) {
            size_t j = i + 1;
            while (j < l->count && l->items[j].ut - e->ut < GLITCH &&
                   !(l->items[j].kind == EVENT_STATION && l->items[j].body == e->body))
                j++;
            if (j < l->count && l->items[j].ut - e->ut < GLITCH) {
                l->items[j].kind = EVENT_KIND_COUNT; /* dropped: skipped below */
                continue;
            }
        }
        if (e->kind != EVENT_KIND_COUNT)
            l->items[kept++] = *e;
    }
    l->count = kept;
}

/* ---- rising and setting ----------------------------------------------- */

/* Every rising (or setting) of the Sun or the Moon in the span, by the
 * panchang's convention (eph_rise_set: the centre of the disc on the
 * horizon, no refraction). Where none comes within about a day (polar day
 * or night, a circumpolar Moon) the search steps half a day on. */
static int rise_set(struct finder *f, int kind, int graha, int event, struct error *err)
{
    double t = f->from;
    for (long n = 1; t < f->to; n++) {
        double x;
        int rc = eph_rise_set(t, graha, event, f->lat, f->lon, &x, err);
        if (rc < 0)
            return refield(err, rc, "from");
        if (n % 64 == 0 && stopped(f))
            return err_set(err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
        if (rc == 1) {
            t += 0.5;
            continue;
        }
        if (x >= f->to)
            break;
        if (x >= f->from) {
            bool rise = event == EPH_RISE;
            rc = add_event(f, kind, graha, x, rise ? EVENT_BELOW_HORIZON : EVENT_ABOVE_HORIZON,
                           rise ? EVENT_ABOVE_HORIZON : EVENT_BELOW_HORIZON, err);
            if (rc)
                return rc;
        }
        t = fmax(x, t) + 1e-3; /* 86 s: well before the next one */
    }
    return 0;
}

/* ---- eclipses --------------------------------------------------------- */

/* Whether an ephemeris error at jd comes from searching past the end of
 * the files (the next eclipse after the span, or a visible one years on)
 * rather than inside the span. */
static bool past_files(const struct finder *f, double jd)
{
    return jd > f->ctx->jd_max - 800.0;
}

/* Every solar (lunar) eclipse whose greatest eclipse falls in the span,
 * with how much of it the place sees. The places's visible eclipses come
 * from a second search that runs ahead of the global one: an eclipse is
 * visible when that search has one within half a day of it. */
static int eclipses(struct finder *f, bool lunar, struct error *err)
{
    double t = f->from, seen = -INFINITY;
    int seen_visibility = EPH_VISIBLE_NONE;
    for (;;) {
        double max;
        int type, rc = eph_eclipse_global(t, lunar, &max, &type, err);
        if (rc)
            return past_files(f, t) ? 0 : refield(err, rc, "to");
        if (max >= f->to)
            break;
        if (max >= f->from) {
            if (seen < max - 0.5) {
                rc = eph_eclipse_local(max - 0.5, lunar, f->lat, f->lon, &seen, &seen_visibility,
                                       err);
                if (rc && !past_files(f, max))
                    return refield(err, rc, "to");
                if (rc)
                    seen = INFINITY;
            }
            int vis = fabs(seen - max) < 0.5 ? seen_visibility : EPH_VISIBLE_NONE;
            rc = add_event(f, EVENT_ECLIPSE, lunar ? GRAHA_MOON : GRAHA_SUN, max, type, vis, err);
            if (rc)
                return rc;
        }
        if (stopped(f))
            return err_set(err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
        t = fmax(max, t) + 1.0; /* eclipses of a kind are at least a month apart */
    }
    return 0;
}

/* ---- the search ------------------------------------------------------- */

/* UT seconds of from or to. A date alone is its local midnight, or the
 * first existing hour after it where the zone skips midnight; a wall time
 * that occurs twice is the earlier. */
static int instant_ut(const struct tz_zone *zone, const struct civil *c, int offset, bool absolute,
                      double lon, const char *key, double *ut, struct error *err)
{
    struct tz_conv conv;
    if (absolute) {
        *ut = (double)civil_to_seconds(c) - offset;
        return 0;
    }
    bool date_only = c->hour == 0 && c->minute == 0 && c->second == 0;
    struct civil m = *c;
    int rc = 0;
    for (int h = 0; h < (date_only ? 4 : 1); h++) {
        m.hour = c->hour + h;
        rc = tz_local_to_ut(zone, &m, lon, 0, &conv, err);
        if (rc != ERR_NONEXISTENT_LOCAL_TIME)
            break;
    }
    if (rc)
        return refield(err, rc, key);
    *ut = conv.ut;
    return 0;
}

static int check_query(const struct events_query *q, unsigned kinds, struct error *err)
{
    if (!(q->have & EVENTS_HAVE_FROM))
        return err_set(err, ERR_MISSING_FIELD, "from", "from is required");
    if (!(q->have & EVENTS_HAVE_TO))
        return err_set(err, ERR_MISSING_FIELD, "to", "to is required");
    if (!(q->place.have & BIRTH_HAVE_TZ))
        return err_set(err, ERR_MISSING_FIELD, "tz", "tz is required");
    if ((kinds & PLACE_KINDS) && !(q->place.have & BIRTH_HAVE_LAT))
        return err_set(err, ERR_MISSING_FIELD, "lat",
                       "lat is required for rising, setting and eclipses");
    if ((kinds & PLACE_KINDS) && !(q->place.have & BIRTH_HAVE_LON))
        return err_set(err, ERR_MISSING_FIELD, "lon",
                       "lon is required for rising, setting and eclipses");
    if (!(q->place.latitude >= -90 && q->place.latitude <= 90))
        return err_set(err, ERR_INVALID_LATITUDE, "lat", "latitude must be between -90 and 90");
    if (!(q->place.longitude >= -180 && q->place.longitude <= 180))
        return err_set(err, ERR_INVALID_LONGITUDE, "lon", "longitude must be between -180 and 180");
    if (q->options.ayanamsa < 0 || q->options.ayanamsa >= EPH_AYANAMSA_COUNT)
        return err_set(err, ERR_UNKNOWN_AYANAMSA, "ayanamsa", "unknown ayanamsa %d",
                       q->options.ayanamsa);
    return 0;
}

int events_find(const struct context *ctx, const struct events_query *q, struct events_list *out,
                struct error *err)
{
    const unsigned kinds = q->kinds ? q->kinds : EVENTS_ALL_KINDS;
    const struct tz_zone *zone;
    double from_ut, to_ut;
    int rc;

    memset(out, 0, sizeof *out);
    out->alloc = &ctx->alloc;
    rc = check_query(q, kinds, err);
    if (rc)
        return rc;
    rc = tz_zone_get(ctx->tz, q->place.timezone, &zone, err);
    if (rc)
        return err_set(err, rc, "tz",
                       "unknown time zone '%.40s' (an IANA name like Asia/Kolkata, an offset "
                       "like +05:30, or LMT)",
                       q->place.timezone);
    if (strcmp(tz_zone_name(zone), "LMT") == 0 && !(q->place.have & BIRTH_HAVE_LON))
        return err_set(err, ERR_MISSING_FIELD, "lon", "lon is required for tz LMT");
    rc = instant_ut(zone, &q->from, q->from_offset, q->from_absolute, q->place.longitude, "from",
                    &from_ut, err);
    if (rc == 0)
        rc = instant_ut(zone, &q->to, q->to_offset, q->to_absolute, q->place.longitude, "to",
                        &to_ut, err);
    if (rc)
        return rc;
    if (!(to_ut > from_ut))
        return err_set(err, ERR_INVALID_VALUE, "to", "to must be after from");
    if (to_ut - from_ut > EVENTS_MAX_DAYS * 86400.0)
        return err_set(err, ERR_INVALID_VALUE, "to",
                       "the span is at most %d days (10 years); split longer searches",
                       EVENTS_MAX_DAYS);

    struct finder f = {ctx,
                       q,
                       out,
                       civil_jd_from_seconds(from_ut),
                       civil_jd_from_seconds(to_ut),
                       q->place.latitude,
                       q->place.longitude,
                       kinds};
    /* rising and setting look up to a day past the span */
    rc = context_check_span(ctx, f.from, 1.0, 0.0, "from", err);
    if (rc == 0)
        rc = context_check_span(ctx, f.to, 0.0, 1.0, "to", err);
    if (rc)
        return rc;

    struct eph_frame frame = {.ephe_path = ctx->ephe_path,
                              .ayanamsa = q->options.ayanamsa,
                              .true_node = q->options.node == NODE_TRUE,
                              .true_positions = q->options.true_positions,
                              .latitude = f.lat,
                              .longitude = f.lon};
    eph_begin(&frame);

    struct curve_search cs = {.from = f.from,
                              .to = f.to,
                              .kinds = kinds,
                              .bodies = q->bodies ? q->bodies : NINE_GRAHAS,
                              .true_node = frame.true_node,
                              .source = EPH_SWISS,
                              .stop = q->stop,
                              .stop_arg = q->stop_arg,
                              .emit = add_event,
                              .emit_arg = &f};
    rc = events_curves(&cs, &ctx->alloc, err);

    static const struct {
        int kind, graha, event;
    } horizon[] = {
        {EVENT_SUNRISE, GRAHA_SUN, EPH_RISE},
        {EVENT_SUNSET, GRAHA_SUN, EPH_SET},
        {EVENT_MOONRISE, GRAHA_MOON, EPH_RISE},
        {EVENT_MOONSET, GRAHA_MOON, EPH_SET},
    };
    for (size_t i = 0; rc == 0 && i < sizeof horizon / sizeof horizon[0]; i++)
        if (kinds & (1u << horizon[i].kind))
            rc = rise_set(&f, horizon[i].kind, horizon[i].graha, horizon[i].event, err);
    if (rc == 0 && (kinds & (1u << EVENT_ECLIPSE)))
        rc = eclipses(&f, false, err);
    if (rc == 0 && (kinds & (1u << EVENT_ECLIPSE)))
        rc = eclipses(&f, true, err);
    if (rc)
        return rc;

    if (out->count)
        qsort(out->items, out->count, sizeof *out->items, cmp_events);
    drop_glitches(out);
    for (size_t i = 0; i < out->count; i++) {
        struct tz_conv conv;
        tz_ut_to_local(zone, out->items[i].ut, f.lon, &conv);
        out->items[i].offset = (int)lround(conv.offset);
    }
    return 0;
}
