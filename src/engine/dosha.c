/* dosha.c - Manglik (Kuja dosha) with its cancellations, Kaal sarp, and
 * Sade sati found by searching Saturn's sidereal longitude over time with a
 * cheap two-body model that the ephemeris corrects (see docs/dosha.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/dosha.h"

#include "engine/civil.h"
#include "engine/dignity.h"
#include "engine/eph.h"
#include "engine/zodiac.h"

#include <math.h>
#include <stddef.h>

/* House (1..12) of sign `sign` counted from sign `from`, whole signs. */
static int house_from(int from, int sign)
{
    return (sign - from + 12) % 12 + 1;
}

/* ---- Manglik ------------------------------------------------------------ */

static const struct {
    const char *name;
    const char *description;
} cancel_text[MANGLIK_CANCEL_COUNT] = {
    [MANGLIK_CANCEL_OWN_SIGN] = {"own_sign", "Mars in its own sign, Aries or Scorpio"},
    [MANGLIK_CANCEL_EXALTED] = {"exalted", "Mars exalted in Capricorn"},
    [MANGLIK_CANCEL_LEO_AQUARIUS] = {"leo_aquarius",
                                     "Mars in Leo or Aquarius gives no dosha (B.V. Raman)"},
    [MANGLIK_CANCEL_JUPITER] = {"jupiter",
                                "Mars conjunct Jupiter or in Jupiter's 5th, 7th or 9th aspect"},
    [MANGLIK_CANCEL_MOON] = {"moon", "Mars conjunct the Moon (B.V. Raman)"},
    [MANGLIK_CANCEL_YOGAKARAKA] = {"yogakaraka",
                                   "Cancer or Leo lagna: Mars is the yogakaraka"},
    [MANGLIK_CANCEL_SECOND_GEMINI_VIRGO] = {"second_gemini_virgo",
                                            "Mars in the 2nd house in Gemini or Virgo"},
    [MANGLIK_CANCEL_FOURTH_ARIES_SCORPIO] = {"fourth_aries_scorpio",
                                             "Mars in the 4th house in Aries or Scorpio"},
    [MANGLIK_CANCEL_SEVENTH_CANCER_CAPRICORN] = {"seventh_cancer_capricorn",
                                                 "Mars in the 7th house in Cancer or Capricorn"},
    [MANGLIK_CANCEL_EIGHTH_SAGITTARIUS_PISCES] = {
        "eighth_sagittarius_pisces", "Mars in the 8th house in Sagittarius or Pisces"},
    [MANGLIK_CANCEL_TWELFTH_TAURUS_LIBRA] = {"twelfth_taurus_libra",
                                             "Mars in the 12th house in Taurus or Libra"},
};

const char *dosha_manglik_cancel_name(int cancel)
{
    return cancel >= 0 && cancel < MANGLIK_CANCEL_COUNT ? cancel_text[cancel].name : "";
}

const char *dosha_manglik_cancel_description(int cancel)
{
    return cancel >= 0 && cancel < MANGLIK_CANCEL_COUNT ? cancel_text[cancel].description : "";
}

/* The house-based cancellation for Mars in house h in sign s, or -1
 * (B.V. Raman's exceptions, see docs/dosha.md). */
static int house_cancel(int h, int s)
{
    switch (h) {
    case 2:
        return s == GEMINI || s == VIRGO ? MANGLIK_CANCEL_SECOND_GEMINI_VIRGO : -1;
    case 4:
        return s == ARIES || s == SCORPIO ? MANGLIK_CANCEL_FOURTH_ARIES_SCORPIO : -1;
    case 7:
        return s == CANCER || s == CAPRICORN ? MANGLIK_CANCEL_SEVENTH_CANCER_CAPRICORN : -1;
    case 8:
        return s == SAGITTARIUS || s == PISCES ? MANGLIK_CANCEL_EIGHTH_SAGITTARIUS_PISCES : -1;
    case 12:
        return s == TAURUS || s == LIBRA ? MANGLIK_CANCEL_TWELFTH_TAURUS_LIBRA : -1;
    default:
        return -1;
    }
}

void dosha_manglik(const struct chart *c, struct manglik *out)
{
    const int mars = c->grahas[GRAHA_MARS].pos.sign;
    const int jupiter = c->grahas[GRAHA_JUPITER].pos.sign;
    const int refs[MANGLIK_REF_COUNT] = {c->ascendant.sign, c->grahas[GRAHA_MOON].pos.sign,
                                         c->grahas[GRAHA_VENUS].pos.sign};
    unsigned general = 0;

    /* Cancellations that hold from every reference. */
    if (mars == ARIES || mars == SCORPIO)
        general |= 1u << MANGLIK_CANCEL_OWN_SIGN;
    if (mars == dignity_exaltation_sign(GRAHA_MARS))
        general |= 1u << MANGLIK_CANCEL_EXALTED;
    if (mars == LEO || mars == AQUARIUS)
        general |= 1u << MANGLIK_CANCEL_LEO_AQUARIUS;
    /* Jupiter's full aspects fall on the 5th, 7th and 9th from it (BPHS
     * ch. 26 v. 3-4); the 1st is conjunction. */
    int hj = house_from(jupiter, mars);
    if (hj == 1 || hj == 5 || hj == 7 || hj == 9)
        general |= 1u << MANGLIK_CANCEL_JUPITER;
    if (mars == refs[MANGLIK_MOON])
        general |= 1u << MANGLIK_CANCEL_MOON;
    if (refs[MANGLIK_LAGNA] == CANCER || refs[MANGLIK_LAGNA] == LEO)
        general |= 1u << MANGLIK_CANCEL_YOGAKARAKA;

    out->present = false;
    out->cancellations = 0;
    out->mars_sign = mars;
    for (int r = 0; r < MANGLIK_REF_COUNT; r++) {
        int h = house_from(refs[r], mars);
        int hc = house_cancel(h, mars);
        unsigned why = general | (hc >= 0 ? 1u << hc : 0);
        out->house[r] = h;
        out->raw[r] = (MANGLIK_HOUSES >> h) & 1u;
        out->cancelled[r] = out->raw[r] && why != 0;
        if (out->raw[r]) {
            out->cancellations |= why;
            if (!why)
                out->present = true;
        }
    }
    out->from_lagna = out->raw[MANGLIK_LAGNA];
    out->from_moon = out->raw[MANGLIK_MOON];
    out->from_venus = out->raw[MANGLIK_VENUS];
}

/* ---- Kaal sarp ---------------------------------------------------------- */

static const char *const kaal_sarp_names[12] = {
    "Anant",  "Kulik",   "Vasuki",   "Shankhpal",   "Padma",  "Mahapadma",
    "Takshak", "Karkotak", "Shankhachur", "Ghatak", "Vishdhar", "Sheshnag",
};

const char *dosha_kaal_sarp_name(int type)
{
    return type >= 0 && type < 12 ? kaal_sarp_names[type] : "";
}

void dosha_kaal_sarp(const struct chart *c, struct kaal_sarp *out)
{
    const double rahu = c->grahas[GRAHA_RAHU].pos.longitude;
    const int rahu_sign = c->grahas[GRAHA_RAHU].pos.sign;
    const int ketu_sign = (rahu_sign + 6) % 12;
    unsigned ahead = 0, behind = 0; /* off-axis grahas Rahu->Ketu, Ketu->Rahu */
    int n_ahead = 0, n_behind = 0;

    out->on_axis = 0;
    for (int g = 0; g < GRAHA_SEVEN; g++) {
        int s = c->grahas[g].pos.sign;
        if (s == rahu_sign || s == ketu_sign) {
            out->on_axis |= 1u << g; /* conjunct a node: counted as on the axis */
            continue;
        }
        if (zodiac_norm(c->grahas[g].pos.longitude - rahu) < 180.0) {
            ahead |= 1u << g;
            n_ahead++;
        } else {
            behind |= 1u << g;
            n_behind++;
        }
    }
    out->rahu_house = house_from(c->ascendant.sign, rahu_sign);
    out->savya = n_ahead >= n_behind;
    out->outside = -1;
    if (n_ahead == 0 || n_behind == 0) {
        out->status = out->on_axis ? KAAL_SARP_PARTIAL : KAAL_SARP_FULL;
    } else if (n_ahead == 1 || n_behind == 1) {
        unsigned lone = n_ahead == 1 ? ahead : behind;
        out->status = KAAL_SARP_PARTIAL;
        out->savya = n_behind == 1; /* the six others lie Rahu->Ketu */
        for (int g = 0; g < GRAHA_SEVEN; g++)
            if (lone == 1u << g)
                out->outside = g;
    } else {
        out->status = KAAL_SARP_NONE;
    }
    out->present = out->status != KAAL_SARP_NONE;
    out->type = out->present ? out->rahu_house - 1 : -1;
}

/* ---- Sade sati ---------------------------------------------------------- */

/* Saturn's sidereal longitude is found where it crosses the edges of the
 * three signs around the Moon. Each ephemeris call costs 6-30 us, so a plain
 * 10-day scan over the ~40 years searched would cost 10-40 ms. Instead a
 * two-body model (Keplerian Earth-Moon barycentre and Saturn, J2000
 * ecliptic, Standish's elements for 1800-2050; ~0.1 us a call) is scanned,
 * kept calibrated by a constant offset from the last real position, and
 * every edge crossing that is reported is then found with the ephemeris
 * itself (2-3 calls, to a few seconds). The model only has to be right about
 * which retrograde loop crosses an edge; a loop whose turning point comes
 * within AMBIGUOUS degrees of an edge is settled by the ephemeris. */

#define DEG (M_PI / 180.0)
#define J2000 2451545.0
#define AMBIGUOUS 0.15   /* degrees: settle turning points this near an edge */
#define HALF_WINDOW 290  /* days around the heliocentric crossing searched */
#define STEP 14.5        /* days between model samples */
#define NSAMPLES 41      /* 2 * HALF_WINDOW / STEP + 1 */
#define MAX_NODES 8
#define SATURN_RATE (1222.49362201 / 36525.0) /* mean motion, degrees/day */

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
    double T = (t0 - J2000) / 36525.0;
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
    int source = 0;
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
    /* Newton with the ephemeris, each step predicted by the corrected model. */
    for (int n = 0; n < 8; n++) {
        double f = wrap(lon - edge);
        if (fabs(f) < 1e-7 || (fabs(v) > 1e-3 && fabs(f / v) < 0.05)) {
            t -= fabs(v) > 1e-3 ? f / v : 0;
            break;
        }
        double mspeed = model_raw(s, t + 0.5, false) - model_raw(s, t - 0.5, false);
        double next = model_root(s, &cl, j, t, v - wrap(mspeed));
        if (next == t && fabs(v) > 1e-3)
            next = t - f / v;
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

/* Cycle `rev` revolutions after the last heliocentric entry into the 12th
 * sign before t0 (d0 degrees ago). */
static int cycle(struct saturn *s, int moon_sign, double d0, int rev,
                 struct sade_sati_cycle *out, struct error *err)
{
    double e0 = 30.0 * ((moon_sign + 11) % 12), e3 = 30.0 * ((moon_sign + 2) % 12);
    double base = s->t0 + (360.0 * rev - d0) / SATURN_RATE;
    double th0 = helio_time(s, base, e0);
    double th3 = helio_time(s, base + 90.0 / SATURN_RATE, e3);
    int rc = crossing(s, e0, th0, false, &out->start, err);
    if (rc)
        return rc;
    return crossing(s, e3, th3, true, &out->end, err);
}

const char *dosha_sade_sati_phase_name(int phase)
{
    static const char *const names[] = {"none", "rising", "peak", "setting"};
    return phase >= 0 && phase <= SADE_SATI_SETTING ? names[phase] : "";
}

int dosha_sade_sati(const struct chart *c, double as_of_ut, struct sade_sati *out,
                    struct error *err)
{
    struct saturn s;
    struct sade_sati_cycle first;
    const struct eph_frame frame = {
        .ayanamsa = c->options.ayanamsa,
        .true_node = c->options.node == NODE_TRUE,
        .topocentric = c->options.topocentric,
        .latitude = c->birth.latitude,
        .longitude = c->birth.longitude,
        .altitude = c->birth.altitude,
    };
    double lon, d0;
    int rc;

    if (!isfinite(as_of_ut))
        return err_set(err, ERR_INVALID_VALUE, "options.as_of", "as_of must be a finite instant");
    out->moon_sign = c->grahas[GRAHA_MOON].pos.sign;
    out->as_of = civil_jd_from_seconds(as_of_ut);
    out->active = false;
    out->current = (struct sade_sati_cycle){NAN, NAN};
    out->next = (struct sade_sati_cycle){NAN, NAN};

    eph_begin(&frame);
    s.t0 = out->as_of;
    s.calls = 0;
    orbit_init(&s.earth, emb_el, s.t0);
    orbit_init(&s.planet, saturn_el, s.t0);
    rc = saturn_real(&s, s.t0, &lon, NULL, err);
    if (rc)
        return rc;
    out->saturn_longitude = lon;
    out->saturn_sign = zodiac_part(lon, 30.0);
    switch ((out->saturn_sign - out->moon_sign + 12) % 12) {
    case 11:
        out->phase = SADE_SATI_RISING;
        break;
    case 0:
        out->phase = SADE_SATI_PEAK;
        break;
    case 1:
        out->phase = SADE_SATI_SETTING;
        break;
    default:
        out->phase = SADE_SATI_NONE;
    }

    /* Degrees the model's heliocentric Saturn has gone past the start of
     * the 12th sign. The geocentric longitude strays at most ~6.5 deg from
     * it, so beyond 98 deg the cycle is over and before 352 deg (one
     * revolution on) the next has not begun. */
    d0 = zodiac_norm(model_raw(&s, s.t0, true) + s.k - 30.0 * ((out->moon_sign + 11) % 12));
    if (d0 <= 98) {
        rc = cycle(&s, out->moon_sign, d0, 0, &first, err);
        if (!rc && out->as_of < first.start) {
            out->next = first;
        } else if (!rc && out->as_of <= first.end) {
            out->active = true;
            out->current = first;
            rc = cycle(&s, out->moon_sign, d0, 1, &out->next, err);
        } else if (!rc) {
            rc = cycle(&s, out->moon_sign, d0, 1, &out->next, err);
        }
    } else if (d0 >= 352) {
        rc = cycle(&s, out->moon_sign, d0, 1, &first, err);
        if (!rc && out->as_of >= first.start) {
            out->active = true;
            out->current = first;
            rc = cycle(&s, out->moon_sign, d0, 2, &out->next, err);
        } else if (!rc) {
            out->next = first;
        }
    } else {
        rc = cycle(&s, out->moon_sign, d0, 1, &out->next, err);
    }
    out->ephemeris_calls = s.calls;
    return rc;
}

/* ---- all three ---------------------------------------------------------- */

int dosha_compute(const struct chart *c, double as_of_ut, struct doshas *out, struct error *err)
{
    dosha_manglik(c, &out->manglik);
    dosha_kaal_sarp(c, &out->kaal_sarp);
    return dosha_sade_sati(c, as_of_ut, &out->sade_sati, err);
}
