/* events_curve.c - changes of the grahas' sidereal longitudes over a span
 * of time: each graha's longitude, and the Moon's elongation from the Sun
 * and their sum, are followed as continuous (unwrapped) curves; every
 * crossing of a division edge is bracketed on a monotonic piece of its
 * curve and refined on the ephemeris (see events_curve.h, docs/events.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/events_curve.h"

#include "engine/combustion.h"
#include "engine/events.h"
#include "engine/panchang.h"
#include "engine/rootfind.h"
#include "engine/zodiac.h"

#include <math.h>
#include <string.h>

/* How it works. Each graha's longitude is sampled on a grid of `step` days
 * (the chunks). Within a chunk the curve is monotonic between the roots of
 * its slope (stations), which are found first: by the sign of the
 * ephemeris speed at the chunk's ends, and, when both ends have one sign,
 * by the cubic Hermite interpolant of the chunk (positions and speeds at
 * both ends), whose slope is a quadratic: if it turns to the other sign
 * inside, the speed there is asked of the ephemeris, and two stations are
 * bracketed; if it, or an end, comes near zero, the speed's extremum is
 * searched on the ephemeris itself (slope_roots). Each station is refined
 * by Brent's method on the speed. On
 * each monotonic piece every division edge between the piece's end values
 * is crossed exactly once: its time is guessed on the interpolant and
 * refined by safeguarded Newton steps on the ephemeris (position and
 * speed), inside the piece, to TOL. So two changes within one step, such
 * as a retrograde graha crossing an edge back and forth near a station,
 * are both found, and nothing is reported at a sampling instant.
 *
 * The steps (days) keep each chunk far shorter than the shortest span
 * between two stations of the graha, so a chunk holds at most one station
 * except for the true node (whose direct spells can last minutes: there
 * the tests above find them). Retrograde spells last at least: Mercury
 * 19 days (its ~22-day retrogradations), Venus 40, Mars 58, Jupiter 118,
 * Saturn 133, Uranus, Neptune and Pluto over 150; direct spells longer
 * still (Meeus, "Astronomical Algorithms", 2nd ed., ch. 36, and the
 * tables of stations in any ephemeris). The Sun and the Moon never
 * station, and the mean node is always retrograde. By the greatest speeds
 * (the Moon 15.4 deg/day, Mercury 2.2, Venus 1.3, Mars 0.8; elongation
 * and sum with the Sun under 16.5) no curve moves 8 degrees in a step, so
 * a step's change read modulo 360 (wrap180) is unambiguous. */
static const double steps[GRAHA_COUNT] = {
    [GRAHA_SUN] = 0.5,     [GRAHA_MOON] = 0.5,   [GRAHA_MARS] = 2.0,    [GRAHA_MERCURY] = 1.0,
    [GRAHA_JUPITER] = 4.0, [GRAHA_VENUS] = 2.0,  [GRAHA_SATURN] = 4.0,  [GRAHA_RAHU] = 2.0,
    [GRAHA_KETU] = 2.0,    [GRAHA_URANUS] = 4.0, [GRAHA_NEPTUNE] = 4.0, [GRAHA_PLUTO] = 4.0,
};
#define TRUE_NODE_STEP 0.5
#define SUN_STEP 0.5    /* days between the Sun's tabulated positions */
#define TOL 1e-6        /* days (0.09 s): the roots' tolerance */
#define STOP_EVERY 64   /* chunks between two questions to cs->stop */
#define SLOPE_NEAR 1e-3 /* deg/day: a slope this near zero may hide two stations */
#define DIP_TOL 1e-4    /* days: the golden-section search's resolution */

/* A target in (-180, 180]: d reduced. */
static double wrap180(double d)
{
    d = fmod(d, 360.0);
    if (d > 180.0)
        d -= 360.0;
    else if (d <= -180.0)
        d += 360.0;
    return d;
}

static long mod_long(long a, long n)
{
    long m = a % n;
    return m < 0 ? m + n : m;
}

/* ---- the cubic Hermite interpolant of a curve over one chunk ---------- */

struct hermite {
    double t0, h;  /* chunk start (JD) and length (days) */
    double y0, y1; /* values at both ends, unwrapped */
    double m0, m1; /* slopes at both ends, per day */
};

static double herm_value(const struct hermite *c, double t)
{
    double s = (t - c->t0) / c->h, s2 = s * s, s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * c->y0 + (s3 - 2 * s2 + s) * c->h * c->m0 +
           (-2 * s3 + 3 * s2) * c->y1 + (s3 - s2) * c->h * c->m1;
}

/* The slope is A s^2 + B s + C (per unit of s; divide by h for per day). */
static void herm_slope_coef(const struct hermite *c, double *A, double *B, double *C)
{
    *A = 6 * c->y0 + 3 * c->h * c->m0 - 6 * c->y1 + 3 * c->h * c->m1;
    *B = -6 * c->y0 - 4 * c->h * c->m0 + 6 * c->y1 - 2 * c->h * c->m1;
    *C = c->h * c->m0;
}

/* Where in (a, b) the interpolant's slope turns (its extremum), if it
 * does, and the slope there. */
static bool herm_slope_turn(const struct hermite *c, double a, double b, double *t, double *slope)
{
    double A, B, C;
    herm_slope_coef(c, &A, &B, &C);
    if (A == 0)
        return false;
    double s = -B / (2 * A), tm = c->t0 + s * c->h;
    if (!(tm > a && tm < b))
        return false;
    *t = tm;
    *slope = ((A * s + B) * s + C) / c->h;
    return true;
}

/* ---- the Sun, tabulated ----------------------------------------------- */

/* The Sun at from + i * SUN_STEP while before `to`, and at `to`: every
 * chunk end of every graha is one of these points (the steps are
 * multiples of SUN_STEP). Between them the Sun's longitude is the cubic
 * Hermite interpolant of its positions and speeds, off by under 1e-8
 * degrees: its fastest terms (nutation's 13.7-day term of 0.2", the Moon's
 * pull on the Earth of 6" over 29.5 days) bend it by under 0.02"/day^4,
 * and the error of the interpolant is at most h^4/384 of that. So the
 * elongations and sums with the Moon and the planets cost one ephemeris
 * call (the other body's) an evaluation. */
struct sun_table {
    double t0, to;
    int n;
    double *lon, *speed;
};

static int sun_table_make(struct sun_table *st, const struct curve_search *cs,
                          const struct alloc *a, struct error *err)
{
    int n = (int)ceil((cs->to - cs->from) / SUN_STEP - 1e-9) + 1;
    memset(st, 0, sizeof *st);
    st->t0 = cs->from;
    st->to = cs->to;
    st->lon = alloc_malloc(a, 2 * (size_t)n * sizeof(double));
    if (!st->lon)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    st->speed = st->lon + n;
    st->n = n;
    for (int i = 0; i < n; i++) {
        double t = i == n - 1 ? cs->to : cs->from + i * SUN_STEP;
        struct eph_pos p;
        enum eph_source source = EPH_SWISS;
        int rc = eph_graha(t, GRAHA_SUN, &p, &source, err);
        if (rc)
            return rc;
        if (source != EPH_SWISS)
            ((struct curve_search *)cs)->source = source;
        st->lon[i] = p.longitude;
        st->speed[i] = p.speed;
    }
    return 0;
}

/* The table's point at a chunk end t. */
static int sun_point(const struct sun_table *st, double t)
{
    if (t >= st->to)
        return st->n - 1;
    int i = (int)lround((t - st->t0) / SUN_STEP);
    return i < st->n - 1 ? i : st->n - 2;
}

/* The Sun's longitude (not reduced) and speed at any t in the table. */
static void sun_at(const struct sun_table *st, double t, double *lon, double *speed)
{
    int i = (int)floor((t - st->t0) / SUN_STEP);
    if (i > st->n - 2)
        i = st->n - 2;
    if (i < 0)
        i = 0;
    double t0 = st->t0 + i * SUN_STEP, t1 = i + 1 == st->n - 1 ? st->to : t0 + SUN_STEP;
    struct hermite h = {t0,           t1 - t0,
                        st->lon[i],   st->lon[i] + wrap180(st->lon[i + 1] - st->lon[i]),
                        st->speed[i], st->speed[i + 1]};
    double A, B, C, s = (t - t0) / h.h;
    herm_slope_coef(&h, &A, &B, &C);
    *lon = herm_value(&h, t);
    *speed = ((A * s + B) * s + C) / h.h;
}

/* ---- curves ----------------------------------------------------------- */

/* A curve: the graha's longitude plus `sun` (-1, 0, 1) times the Sun's:
 * its longitude, its elongation from the Sun (tithi, combustion) or its
 * sum with the Sun (yoga). */
struct curve {
    struct curve_search *cs;
    const struct sun_table *st;
    int body;
    int sun;
};

/* The curve's value (degrees, not reduced) and slope at t. */
static int curve_at(const struct curve *c, double t, double *value, double *slope,
                    struct error *err)
{
    struct eph_pos p;
    int rc = eph_graha(t, c->body, &p, &c->cs->source, err);
    if (rc)
        return rc;
    *value = p.longitude;
    *slope = p.speed;
    if (c->sun) {
        double lon, speed;
        sun_at(c->st, t, &lon, &speed);
        *value += c->sun * lon;
        *slope += c->sun * speed;
    }
    return 0;
}

/* rootfind_fn: the curve's slope (for its stations). */
static int slope_fn(void *arg, double t, double *value, double *slope, struct error *err)
{
    double v;
    *slope = 0;
    return curve_at(arg, t, &v, value, err);
}

/* rootfind_fn: the curve less a level, signed to grow through it. */
struct level_fn {
    const struct curve *c;
    double level;
    int dir;
};

static int level_fn(void *arg, double t, double *value, double *slope, struct error *err)
{
    const struct level_fn *l = arg;
    double v, s;
    int rc = curve_at(l->c, t, &v, &s, err);
    if (rc)
        return rc;
    *value = l->dir * wrap180(v - l->level);
    *slope = l->dir * s;
    return 0;
}

/* Golden-section search of [a, b] for where dir * slope is least (dir: the
 * sign of the slope at both ends), ended as soon as the slope there has the
 * other sign: *t and *slope get that point, or the least found. */
static int slope_dip(const struct curve *c, double a, double b, int dir, double *t, double *slope,
                     struct error *err)
{
    const double r = 0.6180339887498949;
    double x[2] = {b - r * (b - a), a + r * (b - a)}, f[2], v;
    int rc;
    for (int i = 0; i < 2; i++) {
        rc = curve_at(c, x[i], &v, &f[i], err);
        if (rc || dir * f[i] < 0) {
            *t = x[i];
            *slope = f[i];
            return rc;
        }
    }
    while (b - a > DIP_TOL) {
        int i; /* the new point */
        if (dir * f[0] < dir * f[1]) {
            b = x[1];
            x[1] = x[0];
            f[1] = f[0];
            x[0] = b - r * (b - a);
            i = 0;
        } else {
            a = x[0];
            x[0] = x[1];
            f[0] = f[1];
            x[1] = a + r * (b - a);
            i = 1;
        }
        rc = curve_at(c, x[i], &v, &f[i], err);
        if (rc || dir * f[i] < 0) {
            *t = x[i];
            *slope = f[i];
            return rc;
        }
    }
    int best = dir * f[0] < dir * f[1] ? 0 : 1;
    *t = x[best];
    *slope = f[best];
    return 0;
}

/* The roots of the curve's slope in (a, b), where the slope is da at a and
 * db at b; h predicts it between. Up to two, in order, into r. With both
 * ends of one sign the interpolant's slope, a quadratic, may turn to the
 * other sign inside (then the ephemeris is asked where it turns), or come
 * within SLOPE_NEAR of zero, or an end may: then the slope's extremum is
 * searched on the ephemeris itself, for a turn too short for the
 * interpolant (the true node's direct spells can last minutes). */
static int slope_roots(const struct curve *c, const struct hermite *h, double a, double b,
                       double da, double db, double r[2], int *n, struct error *err)
{
    double tm, sm, v;
    int rc, dir = da < 0 ? -1 : 1;
    *n = 0;
    if ((da < 0) != (db < 0)) {
        rc = rootfind_brent(slope_fn, (void *)c, a, b, da, db, TOL, &r[0], err);
        *n = rc == 0;
        return rc;
    }
    bool turn = herm_slope_turn(h, a, b, &tm, &sm);
    if (turn && (sm < 0) != (da < 0)) {
        rc = curve_at(c, tm, &v, &sm, err); /* the interpolant says two: ask */
        if (rc)
            return rc;
    }
    if ((sm < 0) == (da < 0) || !turn) {
        bool near =
            (turn && fabs(sm) < SLOPE_NEAR) || fabs(da) < SLOPE_NEAR || fabs(db) < SLOPE_NEAR;
        if (!near)
            return 0;
        rc = slope_dip(c, a, b, dir, &tm, &sm, err);
        if (rc || (sm < 0) == (da < 0))
            return rc;
    }
    rc = rootfind_brent(slope_fn, (void *)c, a, tm, da, sm, TOL, &r[0], err);
    if (rc == 0)
        rc = rootfind_brent(slope_fn, (void *)c, tm, b, sm, db, TOL, &r[1], err);
    *n = rc == 0 ? 2 : 0;
    return rc;
}

/* The time in [a, b] at which the curve (fa at a, fb at b, monotonic in
 * direction dir) reaches level: guessed on h (bisection on the cubic, or
 * the chord where the cubic does not bracket it) and refined on the
 * ephemeris. */
static int solve_level(const struct curve *c, const struct hermite *h, double a, double b,
                       double fa, double fb, double level, int dir, double *t, struct error *err)
{
    double lo = a, hi = b, guess;
    if (dir * (herm_value(h, a) - level) <= 0 && dir * (herm_value(h, b) - level) >= 0) {
        for (int i = 0; i < 40 && hi - lo > 1e-9; i++) {
            double m = 0.5 * (lo + hi);
            if (dir * (herm_value(h, m) - level) < 0)
                lo = m;
            else
                hi = m;
        }
        guess = 0.5 * (lo + hi);
    } else {
        guess = fb != fa ? a + (b - a) * (level - fa) / (fb - fa) : 0.5 * (a + b);
    }
    struct level_fn lf = {c, level, dir};
    return rootfind_newton(level_fn, &lf, a, b, guess, 1e-12, TOL, t, err);
}

/* ---- divisions: which edges a curve crosses and what they separate ---- */

/* One kind of event on a curve's edges: every `spacing` units of the
 * curve's grid from `offset` (units of 360 / grid.units degrees). */
struct ruler {
    int kind;
    double span, origin; /* degrees between edges, and of the first */
    int spacing, offset; /* the same in units of the grid */
};

struct grid {
    double span; /* degrees between levels: the finest ruler's spacing */
    int units;   /* levels in a circle */
    int nrulers;
    struct ruler rulers[6];
};

static void grid_add(struct grid *g, int kind, double span, double origin)
{
    g->rulers[g->nrulers++] = (struct ruler){kind, span, origin, 0, 0};
}

/* The grid that holds every ruler's edges: the finest span that divides
 * them all (3 deg 20' holds signs, nakshatras and padas; 6 holds karanas,
 * tithis, purnima and amavasya). */
static void grid_close(struct grid *g)
{
    static const double candidates[] = {
        PADA_SPAN, PANCHANG_KARANA_SPAN, PANCHANG_TITHI_SPAN, NAKSHATRA_SPAN, 30.0, 180.0};
    g->span = 0;
    for (size_t c = 0; c < sizeof candidates / sizeof candidates[0] && g->span == 0; c++) {
        bool all = true;
        for (int i = 0; i < g->nrulers; i++) {
            double q = g->rulers[i].span / candidates[c], o = g->rulers[i].origin / candidates[c];
            all = all && fabs(q - lround(q)) < 1e-9 && fabs(o - lround(o)) < 1e-9;
        }
        if (all)
            g->span = candidates[c];
    }
    g->units = (int)lround(360.0 / g->span);
    for (int i = 0; i < g->nrulers; i++) {
        g->rulers[i].spacing = (int)lround(g->rulers[i].span / g->span);
        g->rulers[i].offset = (int)lround(g->rulers[i].origin / g->span);
    }
}

/* The coded states (struct event) on either side of level k of the grid
 * for ruler r, or false when k is not one of its edges. */
static bool ruler_states(const struct grid *g, const struct ruler *r, long k, int dir, int *from,
                         int *to)
{
    long m = mod_long(k - r->offset, g->units);
    if (m % r->spacing)
        return false;
    int count = g->units / r->spacing, upper = (int)(m / r->spacing);
    int lower = (upper + count - 1) % count;
    switch (r->kind) {
    case EVENT_TITHI:
    case EVENT_KARANA:
    case EVENT_YOGA:
        upper++;
        lower++;
        break;
    case EVENT_PURNIMA: /* the full moon ends the bright half */
        upper = PAKSHA_KRISHNA;
        lower = PAKSHA_SHUKLA;
        break;
    case EVENT_AMAVASYA:
        upper = PAKSHA_SHUKLA;
        lower = PAKSHA_KRISHNA;
        break;
    default: /* signs, nakshatras, padas: 0-based indexes */ break;
    }
    *from = dir > 0 ? lower : upper;
    *to = dir > 0 ? upper : lower;
    return true;
}

/* Calls fn for each level L = k * span + offset crossed by a monotonic
 * piece from fa to fb: fa < L <= fb rising (dir 1), fb < L <= fa falling.
 * A value on a level belongs to the division that starts there, so a
 * piece that ends on a level crosses it and the next one, starting there,
 * does not. */
typedef int (*level_cb)(void *arg, long k, double level, struct error *err);

static int each_level(double span, double offset, double fa, double fb, int dir, level_cb fn,
                      void *arg, struct error *err)
{
    long k = (long)floor((fa - offset) / span);
    int rc = 0;
    if (dir > 0) {
        while (k * span + offset <= fa)
            k++;
        for (; rc == 0 && k * span + offset <= fb; k++)
            rc = fn(arg, k, k * span + offset, err);
    } else {
        while (k * span + offset > fa)
            k--;
        while ((k + 1) * span + offset <= fa)
            k++;
        for (; rc == 0 && k * span + offset > fb; k--)
            rc = fn(arg, k, k * span + offset, err);
    }
    return rc;
}

/* ---- tracks: one graha followed over the span ------------------------ */

/* A monotonic piece of a curve within a chunk. */
struct piece {
    double a, b;   /* JD */
    double fa, fb; /* curve values, unwrapped */
    int dir;       /* 1 rising, -1 falling */
};

/* What one graha's track looks for. */
struct track {
    int body;
    double step;
    bool stations; /* the graha can station */
    bool report_stations;
    struct grid lon;   /* edges of its longitude (nrulers 0: none) */
    struct grid elong; /* the Moon's: edges of its elongation */
    struct grid sum;   /* the Moon's: edges of its sum with the Sun */
    bool combust;      /* look for combustion */
};

/* The state of a curve's search on one piece, handed to each level. */
struct level_job {
    struct curve_search *cs;
    const struct curve *c;
    const struct hermite *h;
    const struct grid *g;
    const struct piece *p;
    double orb; /* combustion: the orb of this piece */
};

static int emit(struct curve_search *cs, int kind, int body, double t, int from, int to,
                struct error *err)
{
    if (!(t >= cs->from && t < cs->to))
        return 0;
    return cs->emit(cs->emit_arg, kind, body, t, from, to, err);
}

static int grid_level(void *arg, long k, double level, struct error *err)
{
    const struct level_job *j = arg;
    int from[6], to[6], kinds[6], n = 0;
    for (int i = 0; i < j->g->nrulers; i++)
        if (ruler_states(j->g, &j->g->rulers[i], k, j->p->dir, &from[n], &to[n]))
            kinds[n++] = j->g->rulers[i].kind;
    if (n == 0)
        return 0;
    double t;
    int rc =
        solve_level(j->c, j->h, j->p->a, j->p->b, j->p->fa, j->p->fb, level, j->p->dir, &t, err);
    for (int i = 0; rc == 0 && i < n; i++)
        rc = emit(j->cs, kinds[i], j->c->body, t, from[i], to[i], err);
    return rc;
}

/* Combustion edges: the elongation at +orb or -orb (mod 360). Rising
 * through +orb leaves combustion, rising through -orb enters it. */
static int orb_level(void *arg, long k, double level, struct error *err)
{
    const struct level_job *j = arg;
    double t;
    (void)k;
    int rc =
        solve_level(j->c, j->h, j->p->a, j->p->b, j->p->fa, j->p->fb, level, j->p->dir, &t, err);
    bool leaving = (wrap180(level) > 0) == (j->p->dir > 0);
    if (rc == 0)
        rc = emit(j->cs, EVENT_COMBUSTION, j->c->body, t, leaving ? EVENT_COMBUST : EVENT_VISIBLE,
                  leaving ? EVENT_VISIBLE : EVENT_COMBUST, err);
    return rc;
}

static int grid_levels(struct level_job *j, struct error *err)
{
    if (j->g->nrulers == 0)
        return 0;
    return each_level(j->g->span, 0.0, j->p->fa, j->p->fb, j->p->dir, grid_level, j, err);
}

static int orb_levels(struct level_job *j, struct error *err)
{
    int rc = each_level(360.0, j->orb, j->p->fa, j->p->fb, j->p->dir, orb_level, j, err);
    if (rc == 0)
        rc = each_level(360.0, -j->orb, j->p->fa, j->p->fb, j->p->dir, orb_level, j, err);
    return rc;
}

/* One end of a chunk, or a station inside it. */
struct point {
    double t;
    double lon, speed; /* the graha, from the ephemeris */
    double sun, sun_speed;
};

static int point_at(const struct curve *lon, const struct sun_table *st, double t, struct point *p,
                    struct error *err)
{
    p->t = t;
    if (lon->body == GRAHA_SUN && st) {
        int i = sun_point(st, t);
        p->lon = st->lon[i];
        p->speed = st->speed[i];
    } else {
        int rc = curve_at(lon, t, &p->lon, &p->speed, err);
        if (rc)
            return rc;
    }
    p->sun = p->sun_speed = 0;
    if (st) {
        int i = sun_point(st, t);
        if (fabs((i == st->n - 1 ? st->to : st->t0 + i * SUN_STEP) - t) < 1e-9) {
            p->sun = st->lon[i];
            p->sun_speed = st->speed[i];
        } else {
            sun_at(st, t, &p->sun, &p->sun_speed);
        }
    }
    return 0;
}

/* Combustion of a graha over one monotonic piece of its longitude (dir,
 * the sign of its speed, picks the orb: Mercury and Venus have a smaller
 * one retrograde): the elongation's own turning points (greatest
 * elongations) split it further. e is the elongation curve, h its
 * interpolant over the chunk, pa and pb the piece's ends. */
static int combustion_piece(struct curve_search *cs, const struct curve *e, const struct hermite *h,
                            const struct point *pa, double ea, const struct point *pb, double eb,
                            bool retrograde, struct error *err)
{
    double r[2], at[4], ev[4];
    int n = 0, rc;
    double da = pa->speed - pa->sun_speed, db = pb->speed - pb->sun_speed;
    rc = slope_roots(e, h, pa->t, pb->t, da, db, r, &n, err);
    if (rc)
        return rc;
    at[0] = pa->t;
    ev[0] = ea;
    for (int i = 0; i < n; i++) {
        double v, s;
        rc = curve_at(e, r[i], &v, &s, err);
        if (rc)
            return rc;
        at[i + 1] = r[i];
        ev[i + 1] = ev[i] + wrap180(v - ev[i]);
    }
    at[n + 1] = pb->t;
    ev[n + 1] = eb;
    int dir = da < 0 ? -1 : 1;
    for (int i = 0; i <= n; i++, dir = -dir) {
        struct piece p = {at[i], at[i + 1], ev[i], ev[i + 1], dir};
        struct level_job j = {cs, e, h, NULL, &p, combustion_orb(e->body, retrograde)};
        rc = orb_levels(&j, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* One chunk [p0.t, p1.t] of a track; lon0, el0, sum0 are the curves'
 * unwrapped values at its start, and get their values at its end. */
static int track_chunk(struct curve_search *cs, const struct track *tr, const struct sun_table *st,
                       const struct point *p0, const struct point *p1, double *lon0, double *el0,
                       double *sum0, struct error *err)
{
    struct curve lon = {cs, st, tr->body, 0}, el = {cs, st, tr->body, -1},
                 sum = {cs, st, tr->body, 1};
    const double h = p1->t - p0->t;
    double dlon = wrap180(p1->lon - p0->lon), dsun = wrap180(p1->sun - p0->sun);
    double lon1 = *lon0 + dlon, el1 = *el0 + dlon - dsun, sum1 = *sum0 + dlon + dsun;
    struct hermite hl = {p0->t, h, *lon0, lon1, p0->speed, p1->speed};
    struct hermite he = {p0->t, h, *el0, el1, p0->speed - p0->sun_speed, p1->speed - p1->sun_speed};
    struct hermite hs = {
        p0->t, h, *sum0, sum1, p0->speed + p0->sun_speed, p1->speed + p1->sun_speed};
    struct point pts[4];
    double lons[4], els[4];
    int n = 0, rc = 0;
    double r[2];

    /* The stations split the chunk into monotonic pieces of longitude. */
    if (tr->stations) {
        rc = slope_roots(&lon, &hl, p0->t, p1->t, p0->speed, p1->speed, r, &n, err);
        if (rc)
            return rc;
    }
    pts[0] = *p0;
    lons[0] = *lon0;
    els[0] = *el0;
    for (int i = 0; i < n; i++) {
        rc = point_at(&lon, st, r[i], &pts[i + 1], err);
        if (rc)
            return rc;
        double d = wrap180(pts[i + 1].lon - p0->lon);
        lons[i + 1] = *lon0 + d;
        els[i + 1] = *el0 + d - wrap180(pts[i + 1].sun - p0->sun);
    }
    pts[n + 1] = *p1;
    lons[n + 1] = lon1;
    els[n + 1] = el1;

    int dir = p0->speed < 0 ? -1 : 1;
    for (int i = 0; i <= n; i++, dir = -dir) {
        struct piece p = {pts[i].t, pts[i + 1].t, lons[i], lons[i + 1], dir};
        struct level_job j = {cs, &lon, &hl, &tr->lon, &p, 0};
        rc = grid_levels(&j, err);
        if (rc == 0 && tr->combust && tr->body != GRAHA_MOON)
            rc = combustion_piece(cs, &el, &he, &pts[i], els[i], &pts[i + 1], els[i + 1], dir < 0,
                                  err);
        if (rc)
            return rc;
        if (i == n)
            break;
        /* the station closing this piece */
        int was = dir < 0 ? EVENT_RETROGRADE : EVENT_DIRECT;
        if (tr->report_stations)
            rc = emit(cs, EVENT_STATION, tr->body, pts[i + 1].t, was,
                      was == EVENT_DIRECT ? EVENT_RETROGRADE : EVENT_DIRECT, err);
        /* a graha whose orb changes with its motion (Mercury, Venus) can
         * become combust or visible at the station itself */
        if (rc == 0 && tr->combust) {
            double gap = fabs(wrap180(els[i + 1]));
            bool before = gap < combustion_orb(tr->body, dir < 0);
            bool after = gap < combustion_orb(tr->body, dir > 0);
            if (before != after)
                rc = emit(cs, EVENT_COMBUSTION, tr->body, pts[i + 1].t,
                          before ? EVENT_COMBUST : EVENT_VISIBLE,
                          after ? EVENT_COMBUST : EVENT_VISIBLE, err);
        }
        if (rc)
            return rc;
    }

    /* The Moon's elongation and sum with the Sun always rise: the Moon
     * never moves slower than 11.7 deg/day, the Sun never faster than 1.02. */
    if (tr->body == GRAHA_MOON) {
        struct piece p = {p0->t, p1->t, *el0, el1, 1};
        struct level_job j = {cs, &el, &he, &tr->elong, &p, combustion_orb(GRAHA_MOON, false)};
        rc = grid_levels(&j, err);
        if (rc == 0 && tr->combust)
            rc = orb_levels(&j, err);
        if (rc == 0) {
            struct piece q = {p0->t, p1->t, *sum0, sum1, 1};
            struct level_job k = {cs, &sum, &hs, &tr->sum, &q, 0};
            rc = grid_levels(&k, err);
        }
        if (rc)
            return rc;
    }
    *lon0 = lon1;
    *el0 = el1;
    *sum0 = sum1;
    return 0;
}

static int track_run(struct curve_search *cs, const struct track *tr, const struct sun_table *st,
                     struct error *err)
{
    struct curve lon = {cs, st, tr->body, 0};
    struct point p0, p1;
    int rc = point_at(&lon, st, cs->from, &p0, err);
    if (rc)
        return rc;
    double lon0 = p0.lon, el0 = p0.lon - p0.sun, sum0 = p0.lon + p0.sun;
    for (long k = 1; p0.t < cs->to; k++) {
        double t1 = cs->from + k * tr->step;
        if (t1 > cs->to)
            t1 = cs->to;
        rc = point_at(&lon, st, t1, &p1, err);
        if (rc == 0)
            rc = track_chunk(cs, tr, st, &p0, &p1, &lon0, &el0, &sum0, err);
        if (rc)
            return rc;
        if (k % STOP_EVERY == 0 && cs->stop && cs->stop(cs->stop_arg))
            return err_set(err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
        p0 = p1;
    }
    return 0;
}

/* ---- the search ------------------------------------------------------- */

static bool want(const struct curve_search *cs, int kind)
{
    return (cs->kinds >> kind) & 1u;
}

/* The track of graha b, or false when nothing is asked of it. */
static bool track_make(const struct curve_search *cs, int b, struct track *tr)
{
    bool mine = (cs->bodies >> b) & 1u;
    memset(tr, 0, sizeof *tr);
    tr->body = b;
    tr->step = steps[b];
    tr->stations = b != GRAHA_SUN && b != GRAHA_MOON &&
                   ((b != GRAHA_RAHU && b != GRAHA_KETU) || cs->true_node);
    if ((b == GRAHA_RAHU || b == GRAHA_KETU) && cs->true_node)
        tr->step = TRUE_NODE_STEP;
    tr->report_stations = mine && tr->stations && want(cs, EVENT_STATION);
    tr->combust = mine && want(cs, EVENT_COMBUSTION) && combustion_orb(b, false) > 0;
    if (mine && want(cs, EVENT_SIGN_INGRESS))
        grid_add(&tr->lon, EVENT_SIGN_INGRESS, 30.0, 0.0);
    if (b == GRAHA_SUN && want(cs, EVENT_SANKRANTI))
        grid_add(&tr->lon, EVENT_SANKRANTI, 30.0, 0.0);
    if (mine && want(cs, EVENT_NAKSHATRA_INGRESS))
        grid_add(&tr->lon, EVENT_NAKSHATRA_INGRESS, NAKSHATRA_SPAN, 0.0);
    if (b == GRAHA_MOON && want(cs, EVENT_NAKSHATRA))
        grid_add(&tr->lon, EVENT_NAKSHATRA, NAKSHATRA_SPAN, 0.0);
    if (mine && want(cs, EVENT_PADA_INGRESS))
        grid_add(&tr->lon, EVENT_PADA_INGRESS, PADA_SPAN, 0.0);
    if (b == GRAHA_MOON) {
        if (want(cs, EVENT_KARANA))
            grid_add(&tr->elong, EVENT_KARANA, PANCHANG_KARANA_SPAN, 0.0);
        if (want(cs, EVENT_TITHI))
            grid_add(&tr->elong, EVENT_TITHI, PANCHANG_TITHI_SPAN, 0.0);
        if (want(cs, EVENT_PURNIMA))
            grid_add(&tr->elong, EVENT_PURNIMA, 360.0, 180.0);
        if (want(cs, EVENT_AMAVASYA))
            grid_add(&tr->elong, EVENT_AMAVASYA, 360.0, 0.0);
        if (want(cs, EVENT_YOGA))
            grid_add(&tr->sum, EVENT_YOGA, PANCHANG_YOGA_SPAN, 0.0);
    }
    struct grid *grids[] = {&tr->lon, &tr->elong, &tr->sum};
    for (int i = 0; i < 3; i++)
        if (grids[i]->nrulers)
            grid_close(grids[i]);
    return tr->report_stations || tr->combust || tr->lon.nrulers || tr->elong.nrulers ||
           tr->sum.nrulers;
}

int events_curves(struct curve_search *cs, const struct alloc *a, struct error *err)
{
    struct track tracks[GRAHA_COUNT];
    struct sun_table st = {0};
    bool need_sun = false;
    int n = 0, rc = 0;

    for (int b = 0; b < GRAHA_COUNT; b++)
        if (track_make(cs, b, &tracks[n])) {
            /* the Sun's table serves combustion, the Moon's elongation
             * and sum, and the Sun's own track */
            const struct track *t = &tracks[n];
            need_sun =
                need_sun || t->combust || b == GRAHA_SUN || t->elong.nrulers || t->sum.nrulers;
            n++;
        }
    if (need_sun)
        rc = sun_table_make(&st, cs, a, err);
    for (int i = 0; rc == 0 && i < n; i++)
        rc = track_run(cs, &tracks[i], need_sun ? &st : NULL, err);
    alloc_free(a, st.lon);
    return rc;
}
