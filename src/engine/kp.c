/* kp.c - Krishnamurti Paddhati: the table of subs, the lords of a
 * longitude, the KP chart, significators and ruling planets (see kp.h and
 * docs/kp.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/kp.h"

#include "engine/chart.h"
#include "engine/civil.h"
#include "engine/eph.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

/* Vimshottari years of each graha (Sun .. Ketu; 0 for the outer planets):
 * K.S. Krishnamurti divides every nakshatra of 13 deg 20 min in these
 * proportions, starting from the nakshatra's own lord and following the
 * dasha order (KP Reader I, "Sub"; KP Reader III, "Significance of each
 * sub"): Ketu 7, Venus 20, Sun 6, Moon 10, Mars 7, Rahu 18, Jupiter 16,
 * Saturn 19, Mercury 17 of 120. */
static const int years[GRAHA_CLASSICAL] = {6, 10, 7, 17, 16, 20, 19, 18, 7};
/* The dasha order from Ketu. */
static const int dasha_order[9] = {
    GRAHA_KETU, GRAHA_VENUS,   GRAHA_SUN,    GRAHA_MOON,    GRAHA_MARS,
    GRAHA_RAHU, GRAHA_JUPITER, GRAHA_SATURN, GRAHA_MERCURY,
};

/* A nakshatra is 120 "years" long: degrees * 9. A value this close below a
 * division's edge (1e-9 arcsecond, as zodiac_part) counts as on it. */
#define YEARS_PER_DEGREE 9.0
#define EDGE (1e-9 / 3600.0 * YEARS_PER_DEGREE)

static int order_index(int graha)
{
    for (int i = 0; i < 9; i++)
        if (dasha_order[i] == graha)
            return i;
    return 0;
}

/* Divides y (0 .. 120 years into a span) among the nine lords from `from`
 * in the Vimshottari proportions; returns the lord holding y and its start
 * (years) in *start. */
static int divide(double y, int from, double *start)
{
    int i = order_index(from), lord = from;
    double at = 0;
    for (int k = 0; k < 9; k++) {
        lord = dasha_order[(i + k) % 9];
        double end = at + years[lord];
        if (y + EDGE < end || k == 8)
            break;
        at = end;
    }
    *start = at;
    return lord;
}

void kp_lords_of(double lon, struct kp_lords *out)
{
    lon = zodiac_norm(lon);
    int nak = zodiac_part(lon, NAKSHATRA_SPAN);
    double y = (lon - nak * NAKSHATRA_SPAN) * YEARS_PER_DEGREE, at;
    if (y < 0)
        y = 0;
    out->sign = sign_lord(zodiac_part(lon, 30.0));
    out->star = nakshatra_lord(nak);
    out->sub = divide(y, out->star, &at);
    /* the sub spread over 120 years again, from its own lord (K. Subramaniam,
     * Astrology for Beginners vol. VI, "Sub sub theory") */
    double inner = (y - at) * 120.0 / years[out->sub];
    out->sub_sub = divide(inner < 0 ? 0 : inner, out->sub, &at);
}

/* ---- the table of 249 subs ------------------------------------------------ */

/* Starts of the 249 subs in whole arcseconds (every edge is a multiple of
 * 20": 800' x years / 120), built once. */
static int sub_start[KP_SUB_COUNT + 1]; /* [KP_SUB_COUNT] = 360 deg */
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
    int n = 0;
    for (int nak = 0; nak < 27; nak++) {
        int s = nak * 48000, lord = nakshatra_lord(nak), i = order_index(lord);
        for (int k = 0; k < 9; k++) {
            int span = years[dasha_order[(i + k) % 9]] * 400;
            int edge = (s / 108000 + 1) * 108000; /* the next sign's start */
            sub_start[n++] = s;
            if (s < edge && s + span > edge) /* split by a sign's edge */
                sub_start[n++] = edge;
            s += span;
        }
    }
    sub_start[n] = 360 * 3600;
}

int kp_sub_row(int number, struct kp_sub *out)
{
    if (number < 1 || number > KP_SUB_COUNT)
        return -1;
    pthread_once(&table_once, build_table);
    out->number = number;
    out->start = sub_start[number - 1] / 3600.0;
    out->end = sub_start[number] / 3600.0;
    out->sign = sub_start[number - 1] / 108000;
    out->nakshatra = sub_start[number - 1] / 48000;
    kp_lords_of(out->start, &out->lords);
    out->lords.sub_sub = out->lords.sub;
    return 0;
}

int kp_sub_number(double lon)
{
    pthread_once(&table_once, build_table);
    double sec = zodiac_norm(lon) * 3600.0 + 1e-9;
    int lo = 0, hi = KP_SUB_COUNT - 1;
    while (lo < hi) { /* the last start <= sec */
        int mid = (lo + hi + 1) / 2;
        if (sub_start[mid] <= sec)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo + 1;
}

/* ---- ruling planets ------------------------------------------------------- */

#define RAD (M_PI / 180.0)

/* Mean obliquity of the ecliptic (IAU 1980, Meeus ch. 22), degrees: for
 * the Sun's altitude only, where its 9" of nutation are a second of time. */
static double mean_obliquity(double jd_ut)
{
    double t = (jd_ut - JD_J2000) / 36525.0;
    return 23.439291111 + (-46.8150 * t - 0.00059 * t * t + 0.001813 * t * t * t) / 3600.0;
}

/* The lord of the weekday of the Vedic day (sunrise to sunrise) holding
 * jd_ut at the place: the weekdays are ruled Sunday .. Saturday by Sun,
 * Moon, Mars, Mercury, Jupiter, Venus, Saturn, which is enum graha's
 * order. The civil day is counted at local mean time; before local noon
 * the moment belongs to the previous day when the Sun's centre is still
 * below the horizon (the panchangas' sunrise: no refraction). Beyond
 * latitude 66 the sunrise itself is found (eph_rise_set), and where the
 * Sun does not rise the civil weekday is kept. sun_lon is the Sun's
 * tropical longitude, armc the meridian's right ascension, degrees. */
static int day_lord(double jd_ut, double lat, double lon, double sun_lon, double armc,
                    struct error *err)
{
    const double lmt = jd_ut + 0.5 + lon / 360.0;
    long long day = (long long)floor(lmt);
    if (lmt - floor(lmt) < 0.5) { /* morning: has the Sun risen? */
        if (fabs(lat) <= 66.0) {
            double eps = mean_obliquity(jd_ut) * RAD, l = sun_lon * RAD;
            double dec = asin(sin(eps) * sin(l));
            double ra = atan2(cos(eps) * sin(l), cos(l));
            double alt =
                sin(lat * RAD) * sin(dec) + cos(lat * RAD) * cos(dec) * cos(armc * RAD - ra);
            if (alt < 0)
                day--;
        } else {
            double rise;
            int rc = eph_rise_set(jd_ut - 0.5, GRAHA_SUN, EPH_RISE, lat, lon, &rise, err);
            if (rc < 0)
                return rc;
            if (rc == 0 && rise > jd_ut)
                day--;
        }
    }
    return (int)(((day + 1) % 7 + 7) % 7);
}

static void add_planet(struct kp_ruling *r, int g)
{
    for (int i = 0; i < r->count; i++)
        if (r->planets[i] == g)
            return;
    if (r->count < GRAHA_CLASSICAL)
        r->planets[r->count++] = g;
}

/* The ruling planets from the moment's sidereal lagna, Moon and Rahu (KP
 * frame), the Sun's tropical longitude and the ARMC. */
static int ruling(double jd_ut, double lat, double lon, double lagna, double moon, double rahu,
                  double sun_tropical, double armc, struct kp_ruling *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    out->jd_ut = jd_ut;
    int lord = day_lord(jd_ut, lat, lon, sun_tropical, armc, err);
    if (lord < 0)
        return lord;
    out->day_lord = lord;
    out->lagna_longitude = zodiac_norm(lagna);
    out->moon_longitude = zodiac_norm(moon);
    kp_lords_of(out->lagna_longitude, &out->lagna);
    kp_lords_of(out->moon_longitude, &out->moon);
    /* Strongest first, as K.S. Krishnamurti ranks them (KP Reader VI,
     * "Ruling planets"): lagna star lord, lagna sign lord, Moon star lord,
     * Moon sign lord, day lord; then the sub lords of lagna and Moon. */
    add_planet(out, out->lagna.star);
    add_planet(out, out->lagna.sign);
    add_planet(out, out->moon.star);
    add_planet(out, out->moon.sign);
    add_planet(out, out->day_lord);
    add_planet(out, out->lagna.sub);
    add_planet(out, out->moon.sub);
    /* A node joins when it is in the sign or the star of a ruling planet
     * (the node acts for its sign lord and star lord). */
    int nplanets = out->count;
    for (int node = GRAHA_RAHU; node <= GRAHA_KETU; node++) {
        struct kp_lords l;
        kp_lords_of(rahu + (node == GRAHA_KETU ? 180.0 : 0.0), &l);
        for (int i = 0; i < nplanets; i++)
            if (out->planets[i] != node && (out->planets[i] == l.sign || out->planets[i] == l.star))
                out->nodes |= 1u << node;
        if (out->nodes & (1u << node))
            add_planet(out, node);
    }
    return 0;
}

int kp_ruling_planets(double jd_ut, double latitude, double longitude, int ayanamsa,
                      struct kp_ruling *out, struct error *err)
{
    struct eph_pos moon, rahu, sun;
    double cusps[12], asc, mc, armc;
    int rc = eph_graha_tropical(jd_ut, GRAHA_MOON, &moon, err);
    if (!rc)
        rc = eph_graha_tropical(jd_ut, GRAHA_RAHU, &rahu, err);
    if (!rc)
        rc = eph_graha_tropical(jd_ut, GRAHA_SUN, &sun, err);
    if (rc)
        return rc;
    double aya = eph_ayanamsa_of(jd_ut, ayanamsa);
    eph_houses_tropical(jd_ut, latitude, longitude, 'P', cusps, &asc, &mc, &armc);
    return ruling(jd_ut, latitude, longitude, asc - aya, moon.longitude - aya, rahu.longitude - aya,
                  sun.longitude, armc, out, err);
}

/* ---- the chart ------------------------------------------------------------ */

int kp_armc_of_ascendant(double asc, double lat, double eps, double *armc)
{
    const double rad = M_PI / 180.0;
    double sl = sin(asc * rad);
    double dec = asin(sin(eps * rad) * sl);
    double ra = atan2(cos(eps * rad) * sl, cos(asc * rad)) / rad;
    double c = -tan(lat * rad) * tan(dec);
    if (c < -1.0 || c > 1.0)
        return -1; /* circumpolar: never on the horizon */
    /* A point rises at hour angle -H0, cos H0 = -tan(lat) tan(dec); the
     * meridian's right ascension is then its own plus that hour angle. */
    double a = zodiac_norm(ra - acos(c) / rad);
    /* Refined on the ascendant's formula (Meeus ch. 14): asc =
     * atan2(cos ARMC, -(sin ARMC cos eps + tan lat sin eps)). */
    for (int i = 0; i < 8; i++) {
        double got = atan2(cos(a * rad),
                           -(sin(a * rad) * cos(eps * rad) + tan(lat * rad) * sin(eps * rad))) /
                     rad;
        double d = remainder(asc - got, 360.0);
        if (fabs(d) < 1e-12)
            break;
        a = zodiac_norm(a + d); /* d(asc)/d(armc) is near 1 */
    }
    *armc = a;
    return 0;
}

static int bhava_of(const struct kp *k, double lon)
{
    for (int h = 0; h < 12; h++) {
        double start = k->cusps[h].longitude;
        double span = zodiac_norm(k->cusps[(h + 1) % 12].longitude - start);
        if (zodiac_norm(lon - start) < span)
            return h + 1;
    }
    return 1;
}

/* The four levels (KP Reader IV / VI; docs/kp.md): for house h,
 *  1. the grahas in the star of an occupant of h,
 *  2. the occupants of h,
 *  3. the grahas in the star of the lord of h (the lord of the cusp's sign),
 *  4. the lord of h.
 * Rahu and Ketu own no sign: each acts as an agent of the lord of the sign
 * it occupies, so for every house that lord owns the node counts at level 4
 * and the grahas in the node's star at level 3. */
static void significators(struct kp *k)
{
    unsigned occupants[12] = {0};
    memset(k->level, 0, sizeof k->level);
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        occupants[k->house[g] - 1] |= 1u << g;
    for (int h = 0; h < 12; h++) {
        int owner = k->cusps[h].lords.sign;
        unsigned owners = 1u << owner;
        for (int node = GRAHA_RAHU; node <= GRAHA_KETU; node++)
            if (k->grahas[node].lords.sign == owner)
                owners |= 1u << node;
        k->level[h][1] = occupants[h];
        k->level[h][3] = owners;
        for (int g = 0; g < GRAHA_CLASSICAL; g++) {
            int star = k->grahas[g].lords.star;
            if (occupants[h] & (1u << star))
                k->level[h][0] |= 1u << g;
            if (owners & (1u << star))
                k->level[h][2] |= 1u << g;
        }
    }
}

int kp_compute(const struct chart *c, struct kp *out, struct error *err)
{
    const struct chart_options *o = &c->options;
    const double lat = c->birth.latitude, lon = c->birth.longitude;
    double cusps[12], asc, mc;
    char used;

    memset(out, 0, sizeof *out);
    out->ayanamsa = o->kp_ayanamsa;
    out->horary = o->kp_horary;
    double aya = eph_ayanamsa_of(c->jd_ut, o->kp_ayanamsa);
    out->ayanamsa_value = aya;
    if (o->kp_horary > 0) {
        struct kp_sub row;
        kp_sub_row(o->kp_horary, &row);
        double eps = eph_obliquity(c->jd_ut);
        if (kp_armc_of_ascendant(zodiac_norm(row.start + aya), lat, eps, &out->armc))
            return err_set(err, ERR_INVALID_VALUE, "options.kp_horary",
                           "the ascendant of horary number %d (%.4f deg) never rises at "
                           "latitude %.4f",
                           o->kp_horary, row.start, lat);
        used = eph_houses_armc(out->armc, lat, eps, 'P', cusps, &asc, &mc);
        cusps[0] = row.start + aya; /* the sub's start itself, not its round-off */
        cusps[6] = cusps[0] + 180.0;
    } else {
        used = eph_houses_tropical(c->jd_ut, lat, lon, 'P', cusps, &asc, &mc, &out->armc);
    }
    out->placidus = used == 'P';
    for (int h = 0; h < 12; h++) {
        out->cusps[h].longitude = zodiac_norm(cusps[h] - aya);
        kp_lords_of(out->cusps[h].longitude, &out->cusps[h].lords);
    }
    /* Sidereal positions of two modes differ by the difference of their
     * ayanamsas alone (eph.h): the chart's grahas move into the KP frame. */
    const double shift = c->ayanamsa_value - aya;
    out->ngrahas = c->ngrahas;
    for (int g = 0; g < c->ngrahas; g++) {
        out->grahas[g].longitude = zodiac_norm(c->grahas[g].pos.longitude + shift);
        kp_lords_of(out->grahas[g].longitude, &out->grahas[g].lords);
        out->house[g] = bhava_of(out, out->grahas[g].longitude);
    }
    significators(out);
    out->ruling_as_of = o->as_of_given && isfinite(o->as_of);
    if (out->ruling_as_of)
        return kp_ruling_planets(civil_jd_from_seconds(o->as_of), lat, lon, o->kp_ayanamsa,
                                 &out->ruling, err);
    /* At the chart's moment: its own Moon, node, Sun and lagna (for a
     * horary chart the lagna of the moment, not the number's). */
    double lagna = out->cusps[0].longitude, armc = out->armc;
    if (o->kp_horary > 0) {
        eph_houses_tropical(c->jd_ut, lat, lon, 'P', cusps, &asc, &mc, &armc);
        lagna = asc - aya;
    }
    return ruling(c->jd_ut, lat, lon, lagna, out->grahas[GRAHA_MOON].longitude,
                  out->grahas[GRAHA_RAHU].longitude,
                  c->grahas[GRAHA_SUN].pos.longitude + c->ayanamsa_value, armc, &out->ruling, err);
}
