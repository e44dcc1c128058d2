/* sensitivity.c - the instants near a birth at which the lagna, the D9 and
 * D10 lagnas, the Moon's pada, the running dasha or a cusp's sign change
 * (see sensitivity.h). Every change is a crossing of an edge by a
 * continuous quantity of time: the ascendant's or a cusp's sidereal
 * longitude (libswe's houses), the Moon's longitude, or the Vimshottari
 * position of as_of in the 120-year cycle. Samples only bracket the
 * crossings; each is then solved on the quantity itself.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/sensitivity.h"

#include "engine/dasha.h"
#include "engine/eph.h"
#include "engine/rootfind.h"
#include "engine/varga.h"
#include "engine/zodiac.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Seconds between samples. Within a step each quantity is monotonic (the
 * ascendant and the cusps advance with the sidereal time between the polar
 * circles: the ascendant by 0.13 to 1.1 deg a minute up to latitude 60,
 * 10 at most at 66, over a year of minutes; the Moon never turns back, and
 * neither does the Vimshottari position, see vim_position), so the edges
 * between two samples are exactly those crossed, however many. */
#define HOUSES_STEP 60.0
#define MOON_STEP 3600.0
#define SECONDS_PER_DAY 86400.0
#define VIM_CYCLE 120.0 /* years of the Vimshottari cycle, BPHS ch. 46 */
#define MAX_EDGES 64    /* edges one quantity crosses in one step */

static const char *const kind_names[SENS_KIND_COUNT] = {
    "lagna_sign", "lagna_pada", "d9_lagna", "d10_lagna", "moon_pada", "dasha", "house_cusp",
};

const char *sensitivity_kind_name(int kind)
{
    return kind >= 0 && kind < SENS_KIND_COUNT ? kind_names[kind] : "?";
}

int sensitivity_window_parse(const char *text, const char *field, double *seconds,
                             struct error *err)
{
    size_t n = strspn(text, "0123456789");
    double unit = 0;
    if (n >= 1 && n <= 6 && text[0] != '0' && text[n + (text[n] != '\0')] == '\0') {
        unit = text[n] == 's' ? 1 : text[n] == 'm' ? 60 : text[n] == 'h' ? 3600 : 0;
    }
    if (unit == 0)
        return err_set(err, ERR_INVALID_VALUE, field,
                       "window must be a whole number of seconds, minutes or hours: 90s, 30m "
                       "or 2h");
    double v = strtod(text, NULL) * unit;
    if (v > SENSITIVITY_WINDOW_MAX)
        return err_set(err, ERR_INVALID_VALUE, field, "window must be at most 24h (each way)");
    *seconds = v;
    return 0;
}

/* The quantities followed. */
enum quantity {
    Q_ASC,  /* the ascendant, degrees */
    Q_CUSP, /* a house cusp, degrees */
    Q_MOON, /* the Moon, degrees */
    Q_VIM,  /* the Vimshottari position of as_of, years (vim_position) */
};

/* One evaluation at an instant: what a driver's one ephemeris call gives. */
struct probe {
    double t;   /* UT seconds since 1970 */
    double asc; /* houses driver */
    double cusps[12];
    double moon; /* Moon driver */
};

/* A quantity followed, and the edges where its values change. */
struct track {
    enum quantity q;
    int house;              /* Q_CUSP: 1..12 */
    double period;          /* 360 degrees, or 120 years */
    const double *spacings; /* evenly spaced edges: these spacings (Q_VIM: none) */
    int nspacings;
};

/* What every evaluation shares. */
struct scan {
    struct sensitivity *out;
    const struct context *ctx;
    double latitude, longitude;
    char hsys;
    double year_secs;    /* seconds of a dasha year */
    double vim_start[9]; /* years of the cycle before each lord, in order from Ketu */
    double vim_years[9];
    double bounds[81]; /* antardasha starts within the cycle, ascending */
    int rc;            /* the first ephemeris error */
    struct error *err;
};

static double wrap(double d, double period)
{
    d = fmod(d, period);
    if (d > period / 2)
        d -= period;
    else if (d <= -period / 2)
        d += period;
    return d;
}

/* Years of the 120-year cycle (from the start of a Ketu mahadasha) that
 * the Moon at longitude moon stands for: the lords before its nakshatra's,
 * and the part of its lord's years that its elapsed part of the nakshatra
 * is (BPHS ch. 46: the balance is the unelapsed part). Increasing with the
 * Moon, by 6/13.33 to 20/13.33 years a degree, and continuous: at the end
 * of a nakshatra its lord's years are all spent and the next lord's begin,
 * and 120 degrees are one cycle. */
static double vim_cycle_years(const struct scan *s, double moon)
{
    double lon = zodiac_norm(moon);
    int nak = zodiac_part(lon, NAKSHATRA_SPAN);
    double f = (lon - nak * NAKSHATRA_SPAN) / NAKSHATRA_SPAN;
    int i = nak % 9;
    return s->vim_start[i] + f * s->vim_years[i] + VIM_CYCLE * (nak / 9);
}

/* The Vimshottari position of as_of for a birth at t with the Moon at
 * moon: the cycle's years at birth plus the years from birth to as_of.
 * The periods running at as_of are those holding this position (mod 120).
 * It increases with t: the Moon adds at least 11.7 deg a day, over 5 dasha
 * years, while as_of - t loses one day. */
static double vim_position(const struct scan *s, double moon, double t)
{
    return vim_cycle_years(s, moon) + (s->out->as_of - t) / s->year_secs;
}

/* Evaluates the driver of track tr at t into p: libswe's houses for the
 * ascendant and the cusps, the Moon for the Moon and the dasha (p's other
 * fields are left as they were). */
static void probe_at(struct scan *s, const struct track *tr, double t, struct probe *p)
{
    double jd = civil_jd_from_seconds(t);
    p->t = t;
    if (tr->q == Q_ASC || tr->q == Q_CUSP) {
        double mc;
        eph_houses(jd, s->latitude, s->longitude, s->hsys, p->cusps, &p->asc, &mc);
        return;
    }
    struct eph_pos m = {0};
    int rc = eph_graha(jd, GRAHA_MOON, &m, NULL, s->err);
    if (rc && !s->rc)
        s->rc = rc;
    p->moon = m.longitude;
}

/* Track tr's quantity in probe p (evaluated by its driver). */
static double quantity(const struct scan *s, const struct track *tr, const struct probe *p)
{
    switch (tr->q) {
    case Q_ASC: return zodiac_norm(p->asc);
    case Q_CUSP: return zodiac_norm(p->cusps[tr->house - 1]);
    case Q_MOON: return p->moon;
    default: return vim_position(s, p->moon, p->t);
    }
}

static int pada_of(double lon)
{
    struct zodiac_pos z;
    zodiac_locate(lon, &z);
    return z.nakshatra * 4 + z.pada - 1;
}

/* The Vimshottari maha and antar running at as_of for a birth at t with
 * the Moon at moon, by the dasha module itself (maha * 16 + antar), or
 * SENSITIVITY_NONE. */
static int dasha_value(const struct scan *s, double moon, double t)
{
    struct dasha_vimshottari v; /* ~22 KB */
    struct dasha_current cur;
    dasha_vimshottari_from_moon(moon, t, 0, s->out->chart.options.dasha_year_days, 1, &v);
    dasha_vimshottari_current(&v, s->out->as_of, &cur);
    return cur.found ? cur.period[0].lord * 16 + cur.period[1].lord : SENSITIVITY_NONE;
}

/* The value of kind (house, for a cusp) in probe p. */
static int value_of(const struct scan *s, int kind, int house, const struct probe *p)
{
    switch (kind) {
    case SENS_LAGNA_SIGN: return zodiac_part(zodiac_norm(p->asc), 30.0);
    case SENS_LAGNA_PADA: return pada_of(p->asc);
    case SENS_D9_LAGNA: return varga_sign(9, p->asc, NULL);
    case SENS_D10_LAGNA: return varga_sign(10, p->asc, NULL);
    case SENS_MOON_PADA: return pada_of(p->moon);
    case SENS_DASHA: return dasha_value(s, p->moon, p->t);
    default: return zodiac_part(zodiac_norm(p->cusps[house - 1]), 30.0);
    }
}

static int add(struct scan *s, int kind, int house, double t, int from, int to)
{
    struct sensitivity *out = s->out;
    if (out->count == SENSITIVITY_MAX)
        return err_set(s->err, ERR_INVALID_VALUE, "window",
                       "more than %d changes within the window; give a smaller window",
                       SENSITIVITY_MAX);
    out->changes[out->count++] =
        (struct sensitivity_change){.ut = t, .kind = kind, .house = house, .from = from, .to = to};
    return 0;
}

/* Keeps each kind of tr whose value differs on the two sides of a crossing
 * bracketed by probes a (before) and b (after). */
static int record(struct scan *s, const struct track *tr, const struct probe *a,
                  const struct probe *b)
{
    static const int asc_kinds[] = {SENS_LAGNA_SIGN, SENS_LAGNA_PADA, SENS_D9_LAGNA,
                                    SENS_D10_LAGNA};
    static const int moon_kinds[] = {SENS_MOON_PADA, SENS_DASHA};
    static const int cusp_kinds[] = {SENS_HOUSE_CUSP};
    static const int vim_kinds[] = {SENS_DASHA};
    const int *kinds = tr->q == Q_ASC    ? asc_kinds
                       : tr->q == Q_CUSP ? cusp_kinds
                       : tr->q == Q_MOON ? moon_kinds
                                         : vim_kinds;
    int n = tr->q == Q_ASC ? 4 : tr->q == Q_MOON ? 2 : 1;
    double t = 0.5 * (a->t + b->t);
    for (int i = 0; i < n; i++) {
        int from = value_of(s, kinds[i], tr->house, a);
        int to = value_of(s, kinds[i], tr->house, b);
        if (from != to) {
            int rc = add(s, kinds[i], kinds[i] == SENS_HOUSE_CUSP ? tr->house : 0, t, from, to);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* Brent's method (rootfind_brent) finds the crossing to ROOT_TOL; the
 * values are then read SIDE either side of it, which straddles the true
 * crossing (zeroin leaves it within ROOT_TOL plus a rounding of the Julian
 * day, ~50 us). */
#define ROOT_TOL 0.004
#define SIDE 0.006
/* both under SENSITIVITY_TOLERANCE (0.01 s): a change is placed within it */

/* g = quantity - edge of one track at a Julian day, for rootfind_brent. */
struct crossing {
    struct scan *s;
    const struct track *tr;
    double edge;
    struct probe p;
};

static int crossing_at(void *arg, double jd, double *value, double *slope, struct error *err)
{
    struct crossing *x = arg;
    (void)err; /* the scan keeps its first error */
    probe_at(x->s, x->tr, civil_seconds_from_jd(jd), &x->p);
    *value = wrap(quantity(x->s, x->tr, &x->p) - x->edge, x->tr->period);
    *slope = 0;
    return x->s->rc;
}

/* Solves for the instant at which tr's quantity crosses edge e between
 * probes *a and *b (a->t < b->t), where it lies below the edge at one end
 * (ga < 0 or gb < 0) and at or above it at the other (a value on an edge
 * belongs to the part that begins there, as zodiac_part has it), and
 * leaves *a and *b SIDE before and after the crossing. Returns 0 or the
 * ephemeris's error. */
static int refine(struct scan *s, const struct track *tr, double e, struct probe *a,
                  struct probe *b, double ga, double gb)
{
    struct crossing x = {.s = s, .tr = tr, .edge = e, .p = *a};
    double root;
    int rc =
        rootfind_brent(crossing_at, &x, civil_jd_from_seconds(a->t), civil_jd_from_seconds(b->t),
                       ga, gb, ROOT_TOL / SECONDS_PER_DAY, &root, s->err);
    if (rc)
        return s->rc ? s->rc : rc;
    double t = civil_seconds_from_jd(root);
    probe_at(s, tr, t - SIDE, a);
    probe_at(s, tr, t + SIDE, b);
    return s->rc;
}

/* The edges crossed moving from q0 by d (d != 0, |d| < period / 2), in
 * the order they are met, into edges[]; returns their count. An edge is
 * crossed going up when q0 < edge <= q0 + d, going down when
 * q0 + d < edge <= q0. */
static int crossed(const struct scan *s, const struct track *tr, double q0, double d, double *edges)
{
    double lo = d > 0 ? q0 : q0 + d, hi = d > 0 ? q0 + d : q0;
    int n = 0;
    if (tr->q == Q_VIM) {
        for (double cycle = floor(lo / VIM_CYCLE); cycle * VIM_CYCLE <= hi; cycle++)
            for (int i = 0; i < 81 && n < MAX_EDGES; i++) {
                double edge = cycle * VIM_CYCLE + s->bounds[i];
                if (edge > lo && edge <= hi)
                    edges[n++] = edge;
            }
    } else {
        for (int k = 0; k < tr->nspacings; k++) {
            double sp = tr->spacings[k];
            for (double m = floor(lo / sp) + 1; m * sp <= hi + 1e-12 && n < MAX_EDGES; m++) {
                double edge = m * sp;
                bool dup = false;
                for (int j = 0; j < n && !dup; j++)
                    dup = fabs(edges[j] - edge) < 1e-9;
                if (!dup && edge > lo && edge <= hi)
                    edges[n++] = edge;
            }
        }
    }
    /* in the order of motion: ascending going up, descending going down */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && (d > 0 ? edges[j] < edges[j - 1] : edges[j] > edges[j - 1]); j--) {
            double x = edges[j];
            edges[j] = edges[j - 1];
            edges[j - 1] = x;
        }
    return n;
}

/* Samples the driver of tracks[0..n) (all of one driver) every step
 * seconds across the window and solves every edge crossed between two
 * samples. */
static int sweep(struct scan *s, const struct track *tracks, int n, double step)
{
    const struct sensitivity *out = s->out;
    double from = out->birth - out->window, to = out->birth + out->window;
    int steps = (int)ceil((to - from) / step);
    struct probe prev, cur;
    double qprev[13], qcur[13];
    memset(&prev, 0, sizeof prev);
    probe_at(s, &tracks[0], from, &prev);
    for (int k = 0; k < n; k++)
        qprev[k] = quantity(s, &tracks[k], &prev);
    for (int i = 1; i <= steps && !s->rc; i++) {
        double t = i == steps ? to : from + i * step;
        cur = prev;
        probe_at(s, &tracks[0], t, &cur);
        for (int k = 0; k < n; k++)
            qcur[k] = quantity(s, &tracks[k], &cur);
        for (int k = 0; k < n; k++) {
            const struct track *tr = &tracks[k];
            double d = wrap(qcur[k] - qprev[k], tr->period), edges[MAX_EDGES];
            if (d == 0)
                continue;
            int ne = crossed(s, tr, qprev[k], d, edges);
            for (int j = 0; j < ne; j++) {
                struct probe a = prev, b = cur;
                double ga = wrap(qprev[k] - edges[j], tr->period);
                double gb = wrap(qcur[k] - edges[j], tr->period);
                int rc = refine(s, tr, edges[j], &a, &b, ga, gb);
                if (rc == 0)
                    rc = record(s, tr, &a, &b);
                if (rc)
                    return rc;
            }
        }
        prev = cur;
        memcpy(qprev, qcur, sizeof qprev);
    }
    return s->rc;
}

static int by_time(const void *x, const void *y)
{
    const struct sensitivity_change *a = x, *b = y;
    if (a->ut != b->ut)
        return a->ut < b->ut ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind - b->kind;
    return a->house - b->house;
}

/* The Vimshottari lords in order from Ketu (Ashwini's lord) with their
 * years, and the start of every antardasha within the cycle: each
 * mahadasha divided in proportion to the years, from its own lord (BPHS
 * ch. 46). */
static void vim_tables(struct scan *s)
{
    double start = 0;
    int lord = GRAHA_KETU;
    for (int i = 0; i < 9; i++) {
        s->vim_start[i] = start;
        s->vim_years[i] = dasha_vimshottari_years(lord);
        start += s->vim_years[i];
        lord = dasha_vimshottari_next(lord);
    }
    int n = 0;
    for (int i = 0; i < 9; i++) {
        double sub = 0;
        for (int j = 0; j < 9; j++) {
            s->bounds[n++] = s->vim_start[i] + s->vim_years[i] * sub / VIM_CYCLE;
            sub += s->vim_years[(i + j) % 9];
        }
    }
}

static void state_at_birth(struct scan *s)
{
    struct sensitivity *out = s->out;
    struct track asc = {.q = Q_ASC}, moon = {.q = Q_MOON};
    struct probe p;
    memset(&p, 0, sizeof p);
    probe_at(s, &asc, out->birth, &p);
    probe_at(s, &moon, out->birth, &p);
    for (int k = 0; k < SENS_KIND_COUNT; k++)
        out->at_birth.value[k] = k == SENS_HOUSE_CUSP ? 0 : value_of(s, k, 0, &p);
    for (int h = 1; h <= 12; h++)
        out->at_birth.cusp[h - 1] = value_of(s, SENS_HOUSE_CUSP, h, &p);
}

int sensitivity_compute(const struct context *ctx, const struct birth *b,
                        const struct chart_options *o, double window, struct sensitivity *out,
                        struct error *err)
{
    static const double sign_edges[] = {30.0};
    static const double asc_edges[] = {PADA_SPAN, 3.0}; /* padas and D9 parts, D10 parts */
    static const double pada_edges[] = {PADA_SPAN};
    struct scan s = {.out = out, .ctx = ctx, .err = err};
    int rc;

    memset(out, 0, sizeof *out);
    if (!(window >= 1 && window <= SENSITIVITY_WINDOW_MAX))
        return err_set(err, ERR_INVALID_VALUE, "window", "window must be between 1s and 24h");
    if (!isfinite(o->as_of))
        return err_set(err, ERR_INVALID_VALUE, "options.as_of", "as_of must be a date");
    rc = chart_compute(ctx, b, o, &out->chart, NULL, err);
    if (rc)
        return rc;
    const struct chart *c = &out->chart;
    rc = context_check_span(ctx, c->jd_ut, window / SECONDS_PER_DAY, window / SECONDS_PER_DAY,
                            "window", err);
    if (rc)
        return rc;
    out->birth = c->tz.ut;
    out->window = window;
    out->as_of = o->as_of;
    out->margin_earlier = out->margin_later = NAN;
    s.latitude = c->birth.latitude;
    s.longitude = c->birth.longitude;
    s.hsys = chart_house_letter(o->house_system);
    s.year_secs = o->dasha_year_days * SECONDS_PER_DAY;
    vim_tables(&s);
    struct eph_frame frame;
    chart_frame(ctx, &c->birth, o, &frame);
    eph_begin(&frame);

    /* The cusps followed: none in whole signs (each house is a sign from
     * the lagna's); the first only where it is not the ascendant (Sripati's
     * bhava begins half a house before it). */
    struct track houses[13];
    int nh = 0;
    houses[nh++] = (struct track){Q_ASC, 0, 360.0, asc_edges, 2};
    for (int h = 1; h <= 12 && o->house_system != HOUSES_WHOLE_SIGN; h++)
        if (h > 1 || o->house_system == HOUSES_SRIPATI) {
            houses[nh++] = (struct track){Q_CUSP, h, 360.0, sign_edges, 1};
            out->houses |= 1u << (h - 1);
        }
    /* the sign edges (multiples of 30) are among the padas' */
    rc = sweep(&s, houses, nh, HOUSES_STEP);
    if (rc == 0) {
        struct track moon[2] = {{Q_MOON, 0, 360.0, pada_edges, 1}, {Q_VIM, 0, VIM_CYCLE, NULL, 0}};
        rc = sweep(&s, moon, 2, MOON_STEP);
    }
    if (rc)
        return rc;
    state_at_birth(&s);

    /* in time order; a dasha change met by both Moon tracks once */
    qsort(out->changes, (size_t)out->count, sizeof out->changes[0], by_time);
    int kept = 0;
    for (int i = 0; i < out->count; i++) {
        const struct sensitivity_change *ch = &out->changes[i];
        bool dup = false;
        for (int j = kept - 1; j >= 0 && ch->ut - out->changes[j].ut < 1.0 && !dup; j--)
            dup = out->changes[j].kind == ch->kind && out->changes[j].house == ch->house &&
                  out->changes[j].from == ch->from && out->changes[j].to == ch->to;
        if (!dup)
            out->changes[kept++] = *ch;
    }
    out->count = kept;
    for (int i = 0; i < out->count; i++) {
        struct sensitivity_change *ch = &out->changes[i];
        struct tz_conv local;
        tz_ut_to_local(c->zone, ch->ut, c->birth.longitude, &local);
        ch->offset = local.offset;
        double secs = (double)llround(ch->ut - out->birth);
        if (ch->ut < out->birth)
            out->margin_earlier = -secs;
        else if (isnan(out->margin_later))
            out->margin_later = secs;
    }
    return 0;
}
