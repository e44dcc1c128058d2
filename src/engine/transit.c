/* transit.c - Saturn's stays in blocks of sidereal signs: a two-body model
 * predicts each sign-edge crossing and the Swiss Ephemeris fixes it; the
 * crossings are kept per thread by (ayanamsa, positions, UTC day). And the
 * next sign change of any graha, and the Moon's stays in a sign, searched
 * with the ephemeris alone.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/transit.h"

#include "engine/rootfind.h"
#include "engine/zodiac.h"

#include <math.h>
#include <stddef.h>

/* ---- the search ---------------------------------------------------------- */

/* Saturn's sidereal longitude is followed through the sign edges it crosses.
 * Each ephemeris call costs 6-30 us, so a plain 10-day scan over the ~52
 * years of a timeline would cost 10-40 ms. Instead a two-body model
 * (Keplerian Earth-Moon barycentre and Saturn, JD_J2000 ecliptic, Standish's
 * elements for 1800-2050; ~0.1 us a call) is scanned, kept calibrated by a
 * constant offset from the last real position, and every edge crossing that
 * is reported is then found with the ephemeris itself (1-3 calls, to ~1 ms).
 * The model only has to be right about which retrograde loop crosses an
 * edge; a loop whose turning point comes within AMBIGUOUS degrees of an
 * edge is settled by the ephemeris. */

#define DEG (M_PI / 180.0)
#define AMBIGUOUS 0.15   /* degrees: settle turning points this near an edge */
#define HALF_WINDOW 290  /* days around the heliocentric crossing searched */
#define STEP 14.5        /* days between model samples */
#define NSAMPLES 41      /* 2 * HALF_WINDOW / STEP + 1 */
#define MAX_NODES 8
#define SATURN_RATE (1222.49362201 / 36525.0) /* mean motion, degrees/day */
#define NEAR 0.05        /* days: plain Newton steps from this near the root */
#define FINAL_STEP 1e-4  /* days (8.6 s): the last step, taken without checking */

struct orbit {
    double a, e, b;   /* semi-major axis (AU), eccentricity, semi-minor axis */
    double m0, n;     /* mean anomaly at the epoch (rad), rad/day */
    double px, py, qx, qy; /* perihelion and 90-degree directions in the ecliptic */
};

/* Standish, "Keplerian Elements for Approximate Positions of the Major
 * Planets" (JPL), table 1: a, e, I, L, long. perihelion, node, and rates per
 * Julian century. */
static const double emb_el[12] = {1.00000261, 0.01671123, -0.00001531, 100.46457166,
                                  102.93768193, 0.0, 0.00000562, -0.00004392,
                                  -0.01294668, 35999.37244981, 0.32327364, 0.0};
static const double saturn_el[12] = {9.53667594, 0.05386179, 2.48599187, 49.95424423,
                                     92.59887831, 113.66242448, -0.00125060, -0.00050991,
                                     0.00193609, 1222.49362201, -0.41897216, -0.28867794};

struct saturn {
    struct orbit earth, planet;
    double t0;        /* epoch of the elements, JD */
    double k;         /* sidereal minus model longitude, degrees */
    int calls;        /* ephemeris calls made */
};

static void orbit_init(struct orbit *o, const double *el, double t0)
{
    double T = (t0 - JD_J2000) / 36525.0;
    double a = el[0] + el[6] * T, e = el[1] + el[7] * T, i = (el[2] + el[8] * T) * DEG;
    double L = el[3] + el[9] * T, peri = el[4] + el[10] * T, node = el[5] + el[11] * T;
    double w = (peri - node) * DEG, O = node * DEG;
    o->a = a;
    o->e = e;
    o->b = a * sqrt(1 - e * e);
    o->m0 = fmod(L - peri, 360.0) * DEG;
    o->n = (el[9] - el[10]) / 36525.0 * DEG;
    o->px = cos(w) * cos(O) - sin(w) * sin(O) * cos(i);
    o->py = cos(w) * sin(O) + sin(w) * cos(O) * cos(i);
    o->qx = -sin(w) * cos(O) - cos(w) * sin(O) * cos(i);
    o->qy = -sin(w) * sin(O) + cos(w) * cos(O) * cos(i);
}

static void orbit_xy(const struct orbit *o, double dt, double *x, double *y)
{
    double m = o->m0 + o->n * dt;
    double E = m + o->e * sin(m), sn = sin(E), cs = cos(E);
    /* one Newton step (error ~1e-6 rad), applied to sin and cos to first
     * order (error ~1e-6) rather than calling them again */
    double d = -(E - o->e * sn - m) / (1 - o->e * cs);
    double sn2 = sn + d * cs, cs2 = cs - d * sn;
    double xp = o->a * (cs2 - o->e), yp = o->b * sn2;
    *x = o->px * xp + o->qx * yp;
    *y = o->py * xp + o->qy * yp;
}

/* Model longitude of Saturn without the offset k: geocentric, or
 * heliocentric when helio is set. Degrees, not reduced. */
static double model_raw(const struct saturn *s, double t, bool helio)
{
    double xs, ys, xe = 0, ye = 0;
    orbit_xy(&s->planet, t - s->t0, &xs, &ys);
    if (!helio)
        orbit_xy(&s->earth, t - s->t0, &xe, &ye);
    return atan2(ys - ye, xs - xe) / DEG;
}

/* Signed difference a - b reduced to (-180, 180]. */
static double wrap(double d)
{
    d = fmod(d, 360.0);
    if (d > 180)
        d -= 360;
    else if (d <= -180)
        d += 360;
    return d;
}

/* The ephemeris: Saturn's sidereal longitude and speed at t; recalibrates
 * the model there. */
static int saturn_real(struct saturn *s, double t, double *lon, double *speed,
                       struct error *err)
{
    struct eph_pos p;
    enum eph_source source = EPH_SWISS;
    int rc = eph_graha(t, GRAHA_SATURN, &p, &source, err);
    if (rc)
        return rc;
    s->calls++;
    s->k = wrap(p.longitude - model_raw(s, t, false));
    *lon = p.longitude;
    if (speed)
        *speed = p.speed;
    return 0;
}

/* A point of the model curve f(t) = longitude - edge: the ends of the window
 * and the turning points (stations) between them. Between two nodes f is
 * monotonic. */
struct node {
    double t, f;
    int i; /* sample index at or just before t */
};

struct cluster {
    double edge;             /* sidereal longitude of the sign edge */
    double t[NSAMPLES];
    double raw[NSAMPLES];    /* model_raw - edge, unwrapped near the edge */
    struct node nodes[MAX_NODES];
    int nnodes;
};

/* f at sample i with the current offset. */
static double sample_f(const struct saturn *s, const struct cluster *cl, int i)
{
    return cl->raw[i] + s->k;
}

static void find_nodes(const struct saturn *s, struct cluster *cl)
{
    cl->nnodes = 0;
    cl->nodes[cl->nnodes++] = (struct node){cl->t[0], sample_f(s, cl, 0), 0};
    for (int i = 1; i + 1 < NSAMPLES && cl->nnodes < MAX_NODES - 1; i++) {
        double f0 = cl->raw[i - 1], f1 = cl->raw[i], f2 = cl->raw[i + 1];
        if ((f1 - f0) * (f2 - f1) > 0 || (f1 == f0 && f2 == f1))
            continue;
        if (f1 == f2 && i + 2 < NSAMPLES)
            continue; /* flat pair: take the turn at the next sample */
        /* the vertex of the parabola through the three samples */
        double den = f0 - 2 * f1 + f2;
        double dt = den != 0 ? 0.5 * STEP * (f0 - f2) / den : 0;
        double fv = den != 0 ? f1 - (f0 - f2) * (f0 - f2) / (8 * den) : f1;
        if (dt > STEP / 2)
            dt = STEP / 2;
        if (dt < -STEP / 2)
            dt = -STEP / 2;
        cl->nodes[cl->nnodes++] = (struct node){cl->t[i] + dt, fv + s->k, dt < 0 ? i - 1 : i};
    }
    cl->nodes[cl->nnodes++] =
        (struct node){cl->t[NSAMPLES - 1], sample_f(s, cl, NSAMPLES - 1), NSAMPLES - 1};
}

/* Samples the model over the window around the heliocentric crossing th. */
static void cluster_sample(const struct saturn *s, struct cluster *cl, double edge, double th)
{
    cl->edge = edge;
    for (int i = 0; i < NSAMPLES; i++) {
        cl->t[i] = th - HALF_WINDOW + i * STEP;
        cl->raw[i] = wrap(model_raw(s, cl->t[i], false) - edge + s->k) - s->k;
    }
}

/* The monotonic segment (index of its first node) holding the first or the
 * last crossing of the edge, or -1. */
static int target_segment(const struct cluster *cl, bool last)
{
    int found = -1;
    for (int j = 0; j + 1 < cl->nnodes; j++) {
        if ((cl->nodes[j].f < 0) != (cl->nodes[j + 1].f < 0)) {
            found = j;
            if (!last)
                break;
        }
    }
    return found;
}

/* Model estimate of the crossing inside segment j, interpolated between
 * the samples (or node) that bracket it. */
static double segment_guess(const struct saturn *s, const struct cluster *cl, int j)
{
    const struct node *a = &cl->nodes[j], *b = &cl->nodes[j + 1];
    double ta = a->t, fa = a->f;
    for (int i = a->i + 1; i <= b->i && cl->t[i] < b->t; i++) {
        double fi = sample_f(s, cl, i);
        if (cl->t[i] <= ta)
            continue;
        if ((fi < 0) != (fa < 0))
            return ta + (cl->t[i] - ta) * fa / (fa - fi);
        ta = cl->t[i];
        fa = fi;
    }
    return ta + (b->t - ta) * fa / (fa - b->f);
}

/* Root in segment j of the model corrected by the ephemeris at t_ref:
 * f(t) + gdot * (t - t_ref), where the offset k was set at t_ref and gdot is
 * the real minus the model speed there. Illinois false position. */
static double model_root(const struct saturn *s, const struct cluster *cl, int j, double t_ref,
                         double gdot)
{
    double lo = cl->nodes[j].t, hi = cl->nodes[j + 1].t;
#define F(t) (wrap(model_raw(s, (t), false) + s->k - cl->edge) + gdot * ((t) - t_ref))
    double flo = F(lo), fhi = F(hi);
    int side = 0;
    if ((flo < 0) == (fhi < 0))
        return t_ref; /* the correction moved the root out: let Newton go on */
    for (int n = 0; n < 60 && hi - lo > 1e-4; n++) {
        double t = (lo * fhi - hi * flo) / (fhi - flo);
        double ft = F(t);
        if ((ft < 0) == (flo < 0)) {
            lo = t;
            flo = ft;
            if (side == -1)
                fhi /= 2;
            side = -1;
        } else {
            hi = t;
            fhi = ft;
            if (side == 1)
                flo /= 2;
            side = 1;
        }
    }
#undef F
    return (lo * fhi - hi * flo) / (fhi - flo);
}

/* The first (last false) or last crossing of longitude `edge` by Saturn
 * around th, the time the model's heliocentric longitude crosses it. */
static int crossing(struct saturn *s, double edge, double th, bool last, double *out,
                    struct error *err)
{
    struct cluster cl;
    double t, lon, v;
    int rc, j;

    cluster_sample(s, &cl, edge, th);
    find_nodes(s, &cl);
    j = target_segment(&cl, last);
    /* Calibrate near the crossing; the new offset may move it to another
     * loop, so repeat while the segment changes. */
    for (int tries = 0; j >= 0 && tries < 3; tries++) {
        t = segment_guess(s, &cl, j);
        rc = saturn_real(s, t, &lon, &v, err);
        if (rc)
            return rc;
        find_nodes(s, &cl);
        int again = target_segment(&cl, last);
        if (again == j)
            break;
        j = again;
    }
    /* A turning point this close to the edge decides whether its loop
     * crosses: ask the ephemeris there (the longitude hardly moves near a
     * station, so the model's time for it is good enough). */
    for (int n = 1; j >= 0 && n + 1 < cl.nnodes; n++) {
        if (fabs(cl.nodes[n].f) >= AMBIGUOUS)
            continue;
        rc = saturn_real(s, cl.nodes[n].t, &lon, &v, err);
        if (rc)
            return rc;
        find_nodes(s, &cl);
        j = target_segment(&cl, last);
        if (j < 0)
            break;
        t = segment_guess(s, &cl, j);
        rc = saturn_real(s, t, &lon, &v, err);
        if (rc)
            return rc;
    }
    if (j < 0)
        return err_set(err, ERR_INTERNAL, "options.as_of",
                       "no crossing of %.0f deg by Saturn near JD %.1f", edge, th);
    /* Newton with the ephemeris, each step predicted by the corrected model
     * while far, plain once within NEAR days, and ended by a linear step of
     * under FINAL_STEP days. That last step is right to ~1 ms even where
     * the apparent longitude bends sharply: behind the Sun, light
     * deflection changes Saturn's speed by 10% within hours. */
    for (int n = 0; n < 10; n++) {
        double f = wrap(lon - edge), next;
        if (fabs(f) < 1e-10)
            break;
        if (fabs(v) > 1e-3 && fabs(f / v) < FINAL_STEP) {
            t -= f / v;
            break;
        }
        if (fabs(v) > 1e-3 && fabs(f / v) < NEAR) {
            next = t - f / v;
        } else {
            double mspeed = model_raw(s, t + 0.5, false) - model_raw(s, t - 0.5, false);
            next = model_root(s, &cl, j, t, v - wrap(mspeed));
            if (next == t && fabs(v) > 1e-3)
                next = t - f / v;
        }
        t = next;
        rc = saturn_real(s, t, &lon, &v, err);
        if (rc)
            return rc;
    }
    *out = t;
    return 0;
}

/* When the model's heliocentric longitude reaches lon, starting near t. */
static double helio_time(const struct saturn *s, double t, double lon)
{
    for (int n = 0; n < 8; n++) {
        double d = wrap(lon - model_raw(s, t, true) - s->k);
        t += d / SATURN_RATE;
        if (fabs(d) < 1e-3)
            break;
    }
    return t;
}

/* ---- the timeline -------------------------------------------------------- */

/* Saturn crossing the edge at the start of `sign`: once, or three times
 * when a retrograde loop straddles the edge. */
struct passage {
    int sign;
    double th;    /* when the model's heliocentric longitude crosses the edge,
                     JD: every geocentric crossing lies within REACH of it */
    double first; /* first crossing, JD UT; NAN until asked */
    double last;  /* last crossing, JD UT; NAN until asked */
};

/* The passages of one (ayanamsa, positions, UTC day), filled as asked.
 * Every crossing is searched from the same state, the model as calibrated
 * at the day's midnight, so its time depends on the key alone and not on
 * which charts came first: a memoised answer is bit for bit the fresh one. */
struct timeline {
    bool used;
    int ayanamsa;
    bool true_positions;
    double day;          /* JD UT of the UTC midnight */
    unsigned long stamp; /* memo.clock when last used */
    struct saturn model; /* the search state; model.k is reset to k0 */
    double k0;
    double at;           /* the instant last asked, JD UT */
    double longitude;    /* Saturn there, sidereal degrees */
    int count;
    struct passage passages[TRANSIT_MAX_PASSAGES];
};

#define REACH (HALF_WINDOW + 30.0) /* days */

/* Like libswe's own state, the memo is thread-local: no locks, and a thread
 * sees only what it computed. Fixed size, no heap, gone with the thread. */
static _Thread_local struct {
    struct timeline timelines[TRANSIT_MEMO];
    unsigned long clock;
    long builds, hits;
} memo;

/* One query: the geocentric frame, set before its first ephemeris call. */
struct query {
    struct eph_frame geo;
    bool swapped; /* eph_begin(&geo) done: the caller's frame is to be restored */
};

static void use_geo(struct query *q)
{
    if (!q->swapped)
        eph_begin(&q->geo);
    q->swapped = true;
}

/* Midnight UT (JD x.5) starting the UTC day that holds jd. */
static double utc_day(double jd)
{
    return floor(jd - 0.5) + 0.5;
}

/* Calibrates the model at the day's midnight and lists the passages whose
 * heliocentric crossing falls in the window: the heliocentric longitude
 * only goes forward, so they come in sign order. */
static int timeline_init(struct timeline *tl, struct query *q, double day, struct error *err)
{
    const double from = day - TRANSIT_BEFORE, to = day + TRANSIT_AFTER;
    double lon, guess;
    int rc, e;

    use_geo(q);
    tl->ayanamsa = q->geo.ayanamsa;
    tl->true_positions = q->geo.true_positions;
    tl->day = day;
    tl->count = 0;
    tl->model.t0 = day;
    tl->model.calls = 0;
    orbit_init(&tl->model.earth, emb_el, day);
    orbit_init(&tl->model.planet, saturn_el, day);
    rc = saturn_real(&tl->model, day, &tl->longitude, NULL, err);
    if (rc)
        return rc;
    tl->k0 = tl->model.k;
    tl->at = day;
    lon = zodiac_norm(model_raw(&tl->model, from, true) + tl->k0);
    e = (int)floor(lon / 30.0) + 1; /* the first edge after `from` */
    guess = from + (30.0 * e - lon) / SATURN_RATE;
    for (;; e++) {
        double th = helio_time(&tl->model, guess, 30.0 * (e % 12));
        if (th > to)
            break;
        if (tl->count == TRANSIT_MAX_PASSAGES)
            return err_set(err, ERR_INTERNAL, "options.as_of", "too many Saturn passages");
        tl->passages[tl->count++] = (struct passage){e % 12, th, NAN, NAN};
        guess = th + 30.0 / SATURN_RATE;
    }
    return 0;
}

/* The first (last false) or last crossing of passage i, searched once. */
static int passage_time(struct timeline *tl, struct query *q, int i, bool last, double *out,
                        struct error *err)
{
    struct passage *p = &tl->passages[i];
    double *slot = last ? &p->last : &p->first;
    if (isnan(*slot)) {
        double t;
        int rc;
        use_geo(q);
        tl->model.k = tl->k0;
        rc = crossing(&tl->model, 30.0 * p->sign, p->th, last, &t, err);
        if (rc)
            return rc;
        *slot = t;
    }
    *out = *slot;
    return 0;
}

/* This thread's timeline for the key, the least recently used one
 * replaced when it is not held. */
static int timeline_get(struct query *q, double jd_ut, struct timeline **out,
                        struct error *err)
{
    const double day = utc_day(jd_ut);
    struct timeline *victim = &memo.timelines[0];
    int rc;

    for (int i = 0; i < TRANSIT_MEMO; i++) {
        struct timeline *x = &memo.timelines[i];
        if (x->used && x->day == day && x->ayanamsa == q->geo.ayanamsa &&
            x->true_positions == q->geo.true_positions) {
            memo.hits++;
            x->stamp = ++memo.clock;
            x->model.calls = 0;
            *out = x;
            return 0;
        }
        if (victim->used && (!x->used || x->stamp < victim->stamp))
            victim = x; /* a free one, else the least recently used */
    }
    victim->used = false;
    rc = timeline_init(victim, q, day, err);
    if (rc)
        return rc;
    victim->used = true;
    victim->stamp = ++memo.clock;
    memo.builds++;
    *out = victim;
    return 0;
}

/* Stays in the block of signs: each starts at the first crossing of the
 * passage into `sign` and ends at the last of the passage nsigns later (the
 * passages enter consecutive signs). A stay whose passages lie wholly
 * before or after jd is known to be over, or to come, without searching. */
static int stays(struct timeline *tl, struct query *q, double jd, int sign, int nsigns,
                 struct transit_span *current, struct transit_span *next, struct error *err)
{
    for (int i = 0; i + nsigns < tl->count; i++) {
        const struct passage *in = &tl->passages[i], *out = &tl->passages[i + nsigns];
        struct transit_span sp;
        int rc;
        if (in->sign != sign || out->th + REACH < jd)
            continue;
        rc = passage_time(tl, q, i, false, &sp.start, err);
        if (!rc)
            rc = passage_time(tl, q, i + nsigns, true, &sp.end, err);
        if (rc)
            return rc;
        if (sp.start > jd) {
            *next = sp;
            return 0;
        }
        if (jd <= sp.end)
            *current = sp;
    }
    return err_set(err, ERR_INTERNAL, "options.as_of",
                   "no transit of Saturn through %d signs in the window around JD %.1f", nsigns,
                   jd);
}

int transit_saturn_stays(const struct eph_frame *frame, double jd_ut, int sign, int nsigns,
                         struct transit_span *current, struct transit_span *next,
                         double *longitude, int *calls, struct error *err)
{
    /* The geocentric frame of the search reads the caller's directory (NULL:
     * the one this thread reads, eph_begin), and so does the frame put
     * back at the end. */
    struct query q = {.geo = {.ephe_path = frame->ephe_path,
                              .ayanamsa = frame->ayanamsa,
                              .true_positions = frame->true_positions}};
    struct timeline *tl = NULL;
    int rc;

    *current = (struct transit_span){NAN, NAN};
    *next = (struct transit_span){NAN, NAN};
    if (calls)
        *calls = 0;
    if (!isfinite(jd_ut) || sign < 0 || sign > 11 || nsigns < 1 || nsigns > TRANSIT_MAX_SIGNS)
        return err_set(err, ERR_INVALID_VALUE, "options.as_of",
                       "transit: bad instant or block of signs");
    rc = timeline_get(&q, jd_ut, &tl, err);
    if (rc)
        goto out;
    if (!(tl->at == jd_ut)) {
        struct eph_pos p;
        enum eph_source source = EPH_SWISS;
        use_geo(&q);
        rc = eph_graha(jd_ut, GRAHA_SATURN, &p, &source, err);
        if (rc)
            goto out;
        tl->model.calls++;
        tl->at = jd_ut;
        tl->longitude = p.longitude;
    }
    *longitude = tl->longitude;
    rc = stays(tl, &q, jd_ut, sign, nsigns, current, next, err);
out:
    if (calls && tl)
        *calls = tl->model.calls;
    if (q.swapped)
        eph_begin(frame);
    return rc;
}

void transit_memo_clear(void)
{
    for (int i = 0; i < TRANSIT_MEMO; i++)
        memo.timelines[i].used = false;
}

void transit_memo_stats(struct transit_memo_stats *out)
{
    out->entries = 0;
    out->passages = 0;
    out->crossings = 0;
    for (int i = 0; i < TRANSIT_MEMO; i++) {
        const struct timeline *tl = &memo.timelines[i];
        if (!tl->used)
            continue;
        out->entries++;
        out->passages += tl->count;
        for (int k = 0; k < tl->count; k++)
            out->crossings += !isnan(tl->passages[k].first) + !isnan(tl->passages[k].last);
    }
    out->capacity = TRANSIT_MEMO;
    out->bytes = sizeof memo;
    out->builds = memo.builds;
    out->hits = memo.hits;
}

/* ---- sign changes of any graha ------------------------------------------ */

/* The greatest |speed| in sidereal longitude of each graha, degrees/day,
 * geocentric: the largest found by swetest over 1800-2400 in daily steps
 * (Sun 1.020, Moon 15.401, Mercury 2.203, Venus 1.259, Mars 0.792, Jupiter
 * 0.243, Saturn 0.131, mean node 0.0530, true node 0.259) plus 5-25%. A
 * graha at distance d from both edges of its sign cannot leave it within
 * d / SPEED_MAX days. */
static const double speed_max[GRAHA_CLASSICAL] = {
    [GRAHA_SUN] = 1.07,     [GRAHA_MOON] = 16.2,     [GRAHA_MARS] = 0.84,
    [GRAHA_MERCURY] = 2.32, [GRAHA_JUPITER] = 0.256, [GRAHA_VENUS] = 1.33,
    [GRAHA_SATURN] = 0.138, [GRAHA_RAHU] = 0.056,    [GRAHA_KETU] = 0.056,
};
#define TRUE_NODE_SPEED_MAX 0.32

/* The floor of the steps, days: under half the shortest time between two
 * stations (swetest 1800-2400: Mercury 16 days, Venus 40, Mars 60, Jupiter
 * 104, Saturn 110; the true node wavers, its stations as little as hours
 * apart), so a step holds at most one station; the Sun, the Moon and the
 * mean node never station. */
static const double step_min[GRAHA_CLASSICAL] = {
    [GRAHA_SUN] = 0.02,    [GRAHA_MOON] = 0.002,   [GRAHA_MARS] = 15.0,
    [GRAHA_MERCURY] = 2.0, [GRAHA_JUPITER] = 25.0, [GRAHA_VENUS] = 10.0,
    [GRAHA_SATURN] = 25.0, [GRAHA_RAHU] = 0.5,     [GRAHA_KETU] = 0.5,
};
#define TRUE_NODE_STEP_MIN 0.01

#define ROOT_DAYS 1e-8 /* ~1 ms: the root's bracket, or Newton's last step */

struct probe {
    double t, lon, v; /* JD UT, sidereal longitude, degrees/day */
};

static int probe_at(int graha, double t, struct probe *p, int *calls, struct error *err)
{
    struct eph_pos e;
    enum eph_source source = EPH_SWISS;
    int rc = eph_graha(t, graha, &e, &source, err);
    if (rc)
        return rc;
    if (calls)
        (*calls)++;
    *p = (struct probe){t, e.longitude, e.speed};
    return 0;
}

static int sign_of(double lon)
{
    return zodiac_part(zodiac_norm(lon), 30.0);
}

/* The longitude's distance past `edge`, signed so that it increases
 * through the crossing (dir), for rootfind_newton. */
struct edge_arg {
    int graha;
    double edge, dir;
    int *calls;
};

static int edge_fn(void *arg, double t, double *value, double *slope, struct error *err)
{
    struct edge_arg *e = arg;
    struct probe p;
    int rc = probe_at(e->graha, t, &p, e->calls, err);
    if (rc)
        return rc;
    *value = e->dir * wrap(p.lon - e->edge);
    *slope = e->dir * p.v;
    return 0;
}

/* The instant in [a, b] (a earlier) at which the longitude crosses `edge`,
 * given one crossing there and the longitude monotonic: the shared
 * safeguarded Newton iteration (engine/rootfind.h) from the secant, inside
 * the bracket, to ~1 ms. */
static int edge_root(int graha, double edge, struct probe a, struct probe b, double *out,
                     int *calls, struct error *err)
{
    double fa = wrap(a.lon - edge), fb = wrap(b.lon - edge);
    struct edge_arg arg = {graha, edge, fa < fb ? 1.0 : -1.0, calls};
    if (fa == 0 || fb == 0) {
        *out = fa == 0 ? a.t : b.t;
        return 0;
    }
    double guess = a.t + (b.t - a.t) * fa / (fa - fb);
    return rootfind_newton(edge_fn, &arg, a.t, b.t, guess, 1e-9, ROOT_DAYS, out, err);
}

/* The station between a and b (their speeds of opposite signs), by
 * bisection on the sign of the speed, to a few minutes. */
static int station(int graha, struct probe a, struct probe b, struct probe *out, int *calls,
                   struct error *err)
{
    int rc;
    for (int n = 0; n < 40 && b.t - a.t > 2e-3; n++) {
        struct probe m;
        rc = probe_at(graha, 0.5 * (a.t + b.t), &m, calls, err);
        if (rc)
            return rc;
        if ((m.v < 0) == (a.v < 0))
            a = m;
        else
            b = m;
    }
    return probe_at(graha, 0.5 * (a.t + b.t), out, calls, err);
}

/* The exit from sign s0 between a (inside) and b (outside, or at a station
 * outside), the longitude monotonic in between: which edge, and when. */
static int exit_time(int graha, int s0, struct probe a, struct probe b, double *when, int *sign,
                     int *calls, struct error *err)
{
    double mid = 30.0 * s0 + 15.0;
    bool forward = wrap(b.lon - mid) > 0;
    *sign = forward ? (s0 + 1) % 12 : (s0 + 11) % 12;
    return edge_root(graha, forward ? 30.0 * (s0 + 1) : 30.0 * s0, a, b, when, calls, err);
}

int transit_next_sign_change(const struct eph_frame *frame, int graha, double jd_ut, double *when,
                             int *sign, int *calls, struct error *err)
{
    struct probe a, b, s;
    int rc, s0;

    if (graha < 0 || graha >= GRAHA_CLASSICAL || !isfinite(jd_ut))
        return err_set(err, ERR_INVALID_VALUE, "options.as_of", "transit: bad graha or instant");
    bool true_node = frame->true_node && (graha == GRAHA_RAHU || graha == GRAHA_KETU);
    double vmax = true_node ? TRUE_NODE_SPEED_MAX : speed_max[graha];
    double hmin = true_node ? TRUE_NODE_STEP_MIN : step_min[graha];
    eph_begin(frame);
    rc = probe_at(graha, jd_ut, &a, calls, err);
    if (rc)
        return rc;
    s0 = sign_of(a.lon);
    while (a.t < jd_ut + TRANSIT_SIGN_REACH) {
        double dist = 15.0 - fabs(wrap(a.lon - (30.0 * s0 + 15.0)));
        double safe = dist / vmax, h = safe > hmin ? safe : hmin;
        rc = probe_at(graha, a.t + h, &b, calls, err);
        if (rc)
            return rc;
        bool turned = (a.v < 0) != (b.v < 0);
        if (sign_of(b.lon) != s0) {
            /* out at b; with a station between, the exit is before it when
             * the station is outside already, else after it */
            if (turned) {
                rc = station(graha, a, b, &s, calls, err);
                if (rc)
                    return rc;
                if (sign_of(s.lon) != s0)
                    b = s;
                else
                    a = s;
            }
            return exit_time(graha, s0, a, b, when, sign, calls, err);
        }
        if (turned && h > safe) {
            /* in at both ends of a step that could reach an edge: out and
             * back again only through the station between */
            rc = station(graha, a, b, &s, calls, err);
            if (rc)
                return rc;
            if (sign_of(s.lon) != s0)
                return exit_time(graha, s0, a, s, when, sign, calls, err);
        }
        a = b;
    }
    return err_set(err, ERR_INTERNAL, "options.as_of",
                   "no sign change of %s within %.0f days of JD %.1f", graha_name(graha),
                   TRANSIT_SIGN_REACH, jd_ut);
}

/* The Moon's speed, degrees/day, is always within these (swetest
 * 1800-2400: 11.76 .. 15.40). */
#define MOON_SPEED_MIN 11.2
#define MOON_SPEED_MAX 16.2

/* The first instant after t (JD UT) at which the Moon's longitude is lon
 * (after > 0), or the last before t (after < 0): bracketed by its least and
 * greatest speed, then solved. */
static int moon_crossing(double t, double lon, int after, double *out, int *calls,
                         struct error *err)
{
    struct probe p, a, b;
    int rc = probe_at(GRAHA_MOON, t, &p, calls, err);
    if (rc)
        return rc;
    double arc = after > 0 ? zodiac_norm(lon - p.lon) : zodiac_norm(p.lon - lon);
    if (arc == 0 && after > 0)
        arc = 360.0;
    double near = arc / MOON_SPEED_MAX, far = arc / MOON_SPEED_MIN;
    rc = probe_at(GRAHA_MOON, t + after * near, &a, calls, err);
    if (rc == 0)
        rc = probe_at(GRAHA_MOON, t + after * far, &b, calls, err);
    if (rc)
        return rc;
    return after > 0 ? edge_root(GRAHA_MOON, lon, a, b, out, calls, err)
                     : edge_root(GRAHA_MOON, lon, b, a, out, calls, err);
}

int transit_moon_stays(const struct eph_frame *frame, int sign, double jd_ut,
                       struct transit_span *current, struct transit_span *next, int *calls,
                       struct error *err)
{
    struct probe p;
    double from;
    int rc;

    *current = (struct transit_span){NAN, NAN};
    *next = (struct transit_span){NAN, NAN};
    if (sign < 0 || sign > 11 || !isfinite(jd_ut))
        return err_set(err, ERR_INVALID_VALUE, "options.as_of", "transit: bad sign or instant");
    eph_begin(frame);
    rc = probe_at(GRAHA_MOON, jd_ut, &p, calls, err);
    if (rc)
        return rc;
    from = jd_ut;
    if (sign_of(p.lon) == sign) {
        rc = moon_crossing(jd_ut, 30.0 * sign, -1, &current->start, calls, err);
        if (rc == 0)
            rc = moon_crossing(jd_ut, 30.0 * (sign + 1), 1, &current->end, calls, err);
        if (rc)
            return rc;
        from = current->end;
    }
    rc = moon_crossing(from, 30.0 * sign, 1, &next->start, calls, err);
    if (rc == 0)
        rc = moon_crossing(next->start, 30.0 * (sign + 1), 1, &next->end, calls, err);
    return rc;
}
