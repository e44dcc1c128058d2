/* panchang.c - tithi, vara, nakshatra, yoga and karana at a birth and over
 * a civil day, sunrise-based periods (rahu kalam, yamaganda, gulika kalam,
 * abhijit muhurta), and the root-finding of each limb's end (see panchang.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/panchang.h"

#include "engine/eph.h"
#include "engine/rootfind.h"
#include "engine/tz.h"
#include "engine/zodiac.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400.0 /* seconds */

/* The limbs follow Surya Siddhanta ch. 2 (v. 64-69 in Burgess's numbering):
 * the nakshatra is the Moon's longitude in parts of 13 deg 20 min; the tithi
 * is the Moon's elongation from the Sun in parts of 12 degrees, 15 in the
 * bright half (shukla) and 15 in the dark (krishna); the yoga is the sum of
 * the Sun's and Moon's longitudes in parts of 13 deg 20 min; the karana is
 * half a tithi. */
static const char *const tithi_names[30] = {
    "Shukla Pratipada",    "Shukla Dwitiya",     "Shukla Tritiya",    "Shukla Chaturthi",
    "Shukla Panchami",     "Shukla Shashthi",    "Shukla Saptami",    "Shukla Ashtami",
    "Shukla Navami",       "Shukla Dashami",     "Shukla Ekadashi",   "Shukla Dwadashi",
    "Shukla Trayodashi",   "Shukla Chaturdashi", "Purnima",           "Krishna Pratipada",
    "Krishna Dwitiya",     "Krishna Tritiya",    "Krishna Chaturthi", "Krishna Panchami",
    "Krishna Shashthi",    "Krishna Saptami",    "Krishna Ashtami",   "Krishna Navami",
    "Krishna Dashami",     "Krishna Ekadashi",   "Krishna Dwadashi",  "Krishna Trayodashi",
    "Krishna Chaturdashi", "Amavasya",
};

static const char *const yoga_names[27] = {
    "Vishkambha", "Priti",  "Ayushman",  "Saubhagya", "Shobhana", "Atiganda",  "Sukarma",
    "Dhriti",     "Shula",  "Ganda",     "Vriddhi",   "Dhruva",   "Vyaghata",  "Harshana",
    "Vajra",      "Siddhi", "Vyatipata", "Variyan",   "Parigha",  "Shiva",     "Siddha",
    "Sadhya",     "Shubha", "Shukla",    "Brahma",    "Indra",    "Vaidhriti",
};

/* Karanas (half-tithis): the fixed karana
 * Kimstughna is the first half of Shukla Pratipada (karana 1); the seven
 * movable ones (Bava .. Vishti) repeat eight times over karanas 2..57; the
 * fixed Shakuni, Chatushpada and Naga close the month (58, 59, 60). */
static const char *const movable_karanas[7] = {
    "Bava", "Balava", "Kaulava", "Taitila", "Gara", "Vanija", "Vishti",
};

static const char *const vara_names[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

static const char *const vara_sanskrit[7] = {
    "Ravivara", "Somavara", "Mangalavara", "Budhavara", "Guruvara", "Shukravara", "Shanivara",
};

/* Which eighth of daytime (sunrise to sunset), by weekday from Sunday.
 * Rahu kalam: Sun 8, Mon 2, Tue 7, Wed 5, Thu 6, Fri 4, Sat 3, as printed in
 * South Indian panchangas (e.g. the tables with a 06:00 sunrise: Sunday
 * 16:30-18:00, Monday 07:30-09:00 ...). Gulika kalam is Saturn's eighth and
 * yamaganda Jupiter's when the eight parts of the day are given to the
 * weekday lords in order from the lord of the day, the eighth part lordless
 * (the kalavela scheme of BPHS ch. 3 on Gulika); the same tables print them. */
static const int kalam_parts[KALAM_COUNT][7] = {
    {8, 2, 7, 5, 6, 4, 3}, /* rahu kalam */
    {5, 4, 3, 2, 1, 7, 6}, /* yamaganda */
    {7, 6, 5, 4, 3, 2, 1}, /* gulika kalam */
};

static const char *const kalam_names[KALAM_COUNT] = {"rahu_kalam", "yamaganda", "gulika_kalam"};

int panchang_tithi_of(double elongation)
{
    return zodiac_part(zodiac_norm(elongation), PANCHANG_TITHI_SPAN) + 1;
}

int panchang_karana_of(double elongation)
{
    return zodiac_part(zodiac_norm(elongation), PANCHANG_KARANA_SPAN) + 1;
}

int panchang_yoga_of(double sun, double moon)
{
    return zodiac_part(zodiac_norm(sun + moon), PANCHANG_YOGA_SPAN) + 1;
}

int panchang_paksha_of(int tithi)
{
    return tithi <= 15 ? PAKSHA_SHUKLA : PAKSHA_KRISHNA;
}

const char *panchang_paksha_name(int paksha)
{
    return paksha == PAKSHA_KRISHNA ? "krishna" : "shukla";
}

const char *panchang_tithi_name(int tithi)
{
    return tithi >= 1 && tithi <= 30 ? tithi_names[tithi - 1] : "?";
}

const char *panchang_yoga_name(int yoga)
{
    return yoga >= 1 && yoga <= 27 ? yoga_names[yoga - 1] : "?";
}

static const char *const fixed_karanas[4] = {"Shakuni", "Chatushpada", "Naga", "Kimstughna"};

int panchang_karana_index(int karana)
{
    if (karana < 1 || karana > 60)
        return -1;
    if (karana == 1)
        return 10; /* Kimstughna */
    if (karana >= 58)
        return 7 + karana - 58; /* Shakuni, Chatushpada, Naga */
    return (karana - 2) % 7;
}

const char *panchang_karana_name(int karana)
{
    int i = panchang_karana_index(karana);
    if (i < 0)
        return "?";
    return i < 7 ? movable_karanas[i] : fixed_karanas[i - 7];
}

const char *panchang_vara_name(int vara)
{
    return vara >= 0 && vara < 7 ? vara_names[vara] : "?";
}

const char *panchang_vara_sanskrit(int vara)
{
    return vara >= 0 && vara < 7 ? vara_sanskrit[vara] : "?";
}

const char *panchang_kalam_name(int kalam)
{
    return kalam >= 0 && kalam < KALAM_COUNT ? kalam_names[kalam] : "?";
}

int panchang_kalam_part(int kalam, int vara)
{
    if (kalam < 0 || kalam >= KALAM_COUNT || vara < 0 || vara > 6)
        return 0;
    return kalam_parts[kalam][vara];
}

/* ---- time helpers ---------------------------------------------------- */

static struct panchang_time instant(const struct tz_zone *zone, double lon, double ut)
{
    struct tz_conv conv;
    tz_ut_to_local(zone, ut, lon, &conv);
    return (struct panchang_time){true, ut, (int)lround(conv.offset)};
}

/* UT seconds of local midnight starting the civil date d. Where midnight
 * falls in a DST gap (zones that change at 00:00), the first existing
 * whole hour after it; in an overlap, the earlier reading. */
static int local_midnight(const struct tz_zone *zone, const struct civil *d, double lon, double *ut,
                          struct error *err)
{
    struct civil m = {d->year, d->month, d->day, 0, 0, 0};
    struct tz_conv conv;
    int rc = 0;
    for (m.hour = 0; m.hour < 4; m.hour++) {
        rc = tz_local_to_ut(zone, &m, lon, 0, &conv, err);
        if (rc != ERR_NONEXISTENT_LOCAL_TIME)
            break;
    }
    if (rc)
        return rc;
    *ut = conv.ut - m.hour * 3600.0;
    return 0;
}

/* First sunrise/sunset etc. after jd as UT seconds; 1 when there is none. */
static int event_after(double jd, int graha, int event, double lat, double lon, double *ut,
                       struct error *err)
{
    double t;
    int rc = eph_rise_set(jd, graha, event, lat, lon, &t, err);
    if (rc == 0)
        *ut = civil_seconds_from_jd(t);
    return rc;
}

/* Keeps err's code and message but names the request field instead. */
static int refield(struct error *err, int rc, const char *field)
{
    if (err) {
        size_t n = strlen(field);
        if (n >= sizeof err->field)
            n = sizeof err->field - 1;
        memcpy(err->field, field, n);
        err->field[n] = '\0';
    }
    return rc;
}

/* ---- at birth ---------------------------------------------------------- */

int panchang_at_birth(const struct chart *c, struct panchang *out, struct error *err)
{
    const double sun = c->grahas[GRAHA_SUN].pos.longitude;
    const struct zodiac_pos *moon = &c->grahas[GRAHA_MOON].pos;
    const double lat = c->birth.latitude, lon = c->birth.longitude;
    const struct civil *d = &c->birth.local;
    const struct tz_zone *zone;
    double midnight, rise = 0, set;
    int rc;

    memset(out, 0, sizeof *out);
    out->elongation = zodiac_norm(moon->longitude - sun);
    out->yoga_longitude = zodiac_norm(sun + moon->longitude);
    out->tithi = panchang_tithi_of(out->elongation);
    out->paksha = panchang_paksha_of(out->tithi);
    out->karana = panchang_karana_of(out->elongation);
    out->yoga = panchang_yoga_of(sun, moon->longitude);
    out->nakshatra = moon->nakshatra + 1;
    out->pada = moon->pada;

    zone = c->zone;
    if (local_midnight(zone, d, lon, &midnight, NULL)) {
        /* Cannot happen for a date that chart_compute accepted; fall back to
         * the wall clock read in the birth's own offset. */
        midnight = c->tz.ut - (d->hour * 3600.0 + d->minute * 60.0 + d->second);
    }

    /* The Vedic (savana) day and its vara run from sunrise to sunrise
     * (Surya Siddhanta ch. 1): before the civil date's sunrise the birth
     * belongs to the previous day's vara. */
    int weekday = civil_weekday(d->year, d->month, d->day);
    out->vara = weekday;
    double jd_mid = civil_jd_from_seconds(midnight);
    rc = event_after(jd_mid, GRAHA_SUN, EPH_RISE, lat, lon, &rise, err);
    if (rc < 0)
        return refield(err, rc, "birth.date");
    if (rc == 1 || rise > c->tz.ut) {
        rc = event_after(jd_mid - 1.0, GRAHA_SUN, EPH_RISE, lat, lon, &rise, err);
        if (rc < 0)
            return refield(err, rc, "birth.date");
        if (rc == 1 || rise > c->tz.ut)
            return 0; /* no sunrise before the birth: polar night or day */
        if (rise < midnight)
            out->vara = (weekday + 6) % 7;
    }
    out->sunrise = instant(zone, lon, rise);
    rc = event_after(civil_jd_from_seconds(rise), GRAHA_SUN, EPH_SET, lat, lon, &set, err);
    if (rc < 0)
        return refield(err, rc, "birth.date");
    if (rc == 0 && set - rise < DAY)
        out->sunset = instant(zone, lon, set);
    return 0;
}

/* ---- the daily panchang ---------------------------------------------- */

int panchang_param_set(struct birth *b, struct chart_options *o, const char *key,
                       const char *value, struct error *err)
{
    static const char *const keys[] = {"date", "tz",        "timezone", "lat", "latitude",
                                       "lon",  "longitude", "ayanamsa", "lang"};
    bool known = false;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        known = known || strcmp(key, keys[i]) == 0;
    if (!known)
        return err_set(err, ERR_UNKNOWN_FIELD, key, "unknown parameter '%.40s'", key);
    int rc = birth_param_set(b, o, key, value, err);
    if (rc == 0 && strcmp(key, "date") == 0 && b->local.year >= CIVIL_YEAR_MAX)
        rc = err_set(err, ERR_DATE_OUT_OF_RANGE, "", "date must be between %04d-01-01 and "
                     "%04d-12-31", CIVIL_YEAR_MIN, CIVIL_YEAR_MAX - 1);
    return rc ? refield(err, rc, key) : 0;
}

static int check_request(const struct birth *rq, const struct chart_options *o,
                         struct error *err)
{
    static const struct {
        unsigned bit;
        const char *field;
    } need[] = {
        {BIRTH_HAVE_DATE, "date"},
        {BIRTH_HAVE_TZ, "tz"},
        {BIRTH_HAVE_LAT, "lat"},
        {BIRTH_HAVE_LON, "lon"},
    };
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (!(rq->have & need[i].bit))
            return err_set(err, ERR_MISSING_FIELD, need[i].field, "%s is required", need[i].field);
    const struct civil *d = &rq->local;
    if (d->year < CIVIL_YEAR_MIN || d->year >= CIVIL_YEAR_MAX || d->month < 1 || d->month > 12 ||
        d->day < 1 || d->day > civil_days_in_month(d->year, d->month))
        return err_set(err, ERR_INVALID_DATE, "date", "date must be an existing calendar date");
    if (!(rq->latitude >= -90 && rq->latitude <= 90))
        return err_set(err, ERR_INVALID_LATITUDE, "lat", "latitude must be between -90 and 90");
    if (!(rq->longitude >= -180 && rq->longitude <= 180))
        return err_set(err, ERR_INVALID_LONGITUDE, "lon", "longitude must be between -180 and 180");
    if (o->ayanamsa < 0 || o->ayanamsa >= EPH_AYANAMSA_COUNT)
        return err_set(err, ERR_UNKNOWN_AYANAMSA, "ayanamsa", "unknown ayanamsa %d", o->ayanamsa);
    return 0;
}

/* The four limbs as angles that only ever increase with time; LIMB_SUN,
 * the sidereal Sun (sankrantis, the lunar month), is no limb of the day. */
enum limb { LIMB_TITHI, LIMB_NAKSHATRA, LIMB_YOGA, LIMB_KARANA, LIMB_COUNT, LIMB_SUN = LIMB_COUNT };

static const double limb_span[LIMB_COUNT] = {
    PANCHANG_TITHI_SPAN,
    NAKSHATRA_SPAN,
    PANCHANG_YOGA_SPAN,
    PANCHANG_KARANA_SPAN,
};

/* The limb's angle (degrees) and its rate (degrees/day) at jd (UT). The
 * elongation and Sun + Moon always grow: the Moon never moves slower than
 * about 11.7 deg/day, the Sun never faster than 1.02 (nor slower than
 * 0.95). */
static int limb_angle(int limb, double jd, double *angle, double *rate, enum eph_source *source,
                      struct error *err)
{
    struct eph_pos s, m;
    int rc = eph_graha(jd, GRAHA_SUN, &s, source, err);
    if (rc == 0)
        rc = eph_graha(jd, GRAHA_MOON, &m, source, err);
    if (rc)
        return rc;
    switch (limb) {
    case LIMB_SUN:
        *angle = s.longitude;
        *rate = s.speed;
        break;
    case LIMB_NAKSHATRA:
        *angle = m.longitude;
        *rate = m.speed;
        break;
    case LIMB_YOGA:
        *angle = zodiac_norm(s.longitude + m.longitude);
        *rate = s.speed + m.speed;
        break;
    default: /* tithi, karana */
        *angle = zodiac_norm(m.longitude - s.longitude);
        *rate = m.speed - s.speed;
        break;
    }
    return 0;
}

/* target - angle, reduced to (-180, 180]. */
static double angle_gap(double target, double angle)
{
    double d = fmod(target - angle, 360.0);
    if (d > 180.0)
        d -= 360.0;
    else if (d <= -180.0)
        d += 360.0;
    return d;
}

/* One limb's angle less its target, as rootfind_newton wants it: below
 * zero before the crossing, and the limb's rate as the slope. */
struct limb_target {
    int limb;
    double target;
    enum eph_source *source;
};

static int limb_value(void *arg, double t, double *value, double *slope, struct error *err)
{
    const struct limb_target *lt = arg;
    double a;
    int rc = limb_angle(lt->limb, t, &a, slope, lt->source, err);
    if (rc == 0)
        *value = -angle_gap(lt->target, a);
    return rc;
}

/* The instant (JD UT) near guess at which the limb's angle reaches target.
 * Newton's method on the ephemeris rate (a secant with the analytic
 * derivative), safeguarded by bisection inside the bracket it builds: the
 * angle is monotonic, so each evaluation tells on which side the root is.
 * Stops when the step is below 1e-6 day (0.09 s). */
static int find_crossing(int limb, double target, double guess, double *jd, enum eph_source *source,
                         struct error *err)
{
    struct limb_target lt = {limb, target, source};
    return rootfind_newton(limb_value, &lt, -INFINITY, INFINITY, guess, 1.0, 1e-6, jd, err);
}

/* Fills list with the limb's spans from sunrise sr to the next sunrise nsr
 * (JD UT). */
static int limb_spans(int limb, double sr, double nsr, const struct tz_zone *zone, double lon,
                      struct panchang_spans *list, enum eph_source *source, struct error *err)
{
    const double span = limb_span[limb];
    const int parts = (int)lround(360.0 / span);
    double a, r, start, end;
    int rc = limb_angle(limb, sr, &a, &r, source, err);
    if (rc)
        return rc;
    int k = zodiac_part(a, span); /* 0-based part holding at sunrise */
    rc = find_crossing(limb, k * span, sr - (a - k * span) / r, &start, source, err);
    if (rc)
        return rc;
    list->count = 0;
    for (;;) {
        rc = find_crossing(limb, (k + 1) * span, start + span / r, &end, source, err);
        if (rc)
            return rc;
        struct panchang_span *s = &list->span[list->count++];
        s->number = k + 1;
        s->start = instant(zone, lon, civil_seconds_from_jd(start));
        s->end = instant(zone, lon, civil_seconds_from_jd(end));
        if (end >= nsr || list->count == PANCHANG_MAX_SPANS)
            break;
        start = end;
        k = (k + 1) % parts;
    }
    return 0;
}

/* The p-th (1-based) of n equal parts of [from, to]. */
static struct panchang_period period_part(const struct tz_zone *zone, double lon, double from,
                                          double to, int p, int n)
{
    double len = (to - from) / n;
    return (struct panchang_period){p, instant(zone, lon, from + (p - 1) * len),
                                    instant(zone, lon, from + p * len)};
}

static int no_sun(const struct birth *rq, struct error *err)
{
    const struct civil *d = &rq->local;
    return err_set(err, ERR_INVALID_VALUE, "lat",
                   "the Sun does not both rise and set on %04d-%02d-%02d at latitude %.4f "
                   "(polar day or night); the daily panchang needs a sunrise",
                   d->year, d->month, d->day, rq->latitude);
}

int panchang_daily(const struct context *ctx, const struct birth *rq, const struct chart_options *o,
                   struct panchang_day *out, struct error *err)
{
    const double lat = rq->latitude, lon = rq->longitude;
    const struct tz_zone *zone;
    double midnight, next_midnight, sr = 0, ss = 0, nsr = 0, t = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = check_request(rq, o, err);
    if (rc)
        return rc;
    rc = tz_zone_get(ctx->tz, rq->timezone, &zone, err);
    if (rc)
        return err_set(err, rc, "tz",
                       "unknown time zone '%.40s' (an IANA name like "
                       "Asia/Kolkata, an offset like +05:30, or LMT)",
                       rq->timezone);
    out->date = (struct civil){rq->local.year, rq->local.month, rq->local.day, 0, 0, 0};
    out->zone_name = tz_zone_name(zone);
    out->latitude = lat;
    out->longitude = lon;
    out->ayanamsa = o->ayanamsa;
    out->lang = o->lang;
    out->ephemeris = EPH_SWISS;
    out->vara = civil_weekday(rq->local.year, rq->local.month, rq->local.day);

    struct civil next;
    civil_date_from_days(civil_days_from_date(rq->local.year, rq->local.month, rq->local.day) + 1,
                         &next.year, &next.month, &next.day);
    rc = local_midnight(zone, &out->date, lon, &midnight, err);
    if (rc == 0)
        rc = local_midnight(zone, &next, lon, &next_midnight, err);
    if (rc == 0) /* the day and the next, searched for their sunrises */
        rc = context_check_span(ctx, civil_jd_from_seconds(midnight), 0.0, 2.0, "date", err);
    if (rc)
        return refield(err, rc, "date");

    struct eph_frame frame = {
        .ephe_path = ctx->ephe_path, .ayanamsa = o->ayanamsa, .latitude = lat, .longitude = lon};
    eph_begin(&frame);

    /* The day: this date's sunrise to the next sunrise; sunset between. */
    rc = event_after(civil_jd_from_seconds(midnight), GRAHA_SUN, EPH_RISE, lat, lon, &sr, err);
    if (rc < 0)
        return rc;
    if (rc == 1 || sr >= next_midnight)
        return no_sun(rq, err);
    rc = event_after(civil_jd_from_seconds(sr) + 1e-3, GRAHA_SUN, EPH_RISE, lat, lon, &nsr, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        rc = event_after(civil_jd_from_seconds(sr), GRAHA_SUN, EPH_SET, lat, lon, &ss, err);
    if (rc < 0)
        return rc;
    if (rc == 1 || ss >= nsr || nsr - sr > 2 * DAY)
        return no_sun(rq, err);
    out->sunrise = instant(zone, lon, sr);
    out->sunset = instant(zone, lon, ss);
    out->next_sunrise = instant(zone, lon, nsr);

    /* Moonrise and moonset: the first of each within the day, if any. */
    rc = event_after(civil_jd_from_seconds(sr), GRAHA_MOON, EPH_RISE, lat, lon, &t, err);
    if (rc < 0)
        return rc;
    if (rc == 0 && t < nsr)
        out->moonrise = instant(zone, lon, t);
    rc = event_after(civil_jd_from_seconds(sr), GRAHA_MOON, EPH_SET, lat, lon, &t, err);
    if (rc < 0)
        return rc;
    if (rc == 0 && t < nsr)
        out->moonset = instant(zone, lon, t);

    double jd_sr = civil_jd_from_seconds(sr), jd_nsr = civil_jd_from_seconds(nsr);
    struct panchang_spans *lists[LIMB_COUNT] = {&out->tithi, &out->nakshatra, &out->yoga,
                                                &out->karana};
    for (int l = 0; l < LIMB_COUNT; l++) {
        rc = limb_spans(l, jd_sr, jd_nsr, zone, lon, lists[l], &out->ephemeris, err);
        if (rc)
            return refield(err, rc, "date");
    }
    out->ayanamsa_value = eph_ayanamsa(jd_sr);

    /* Daytime in eighths for the kalams, and in fifteen muhurtas of which
     * the 8th, abhijit, is centred on local apparent noon. */
    out->rahu_kalam = period_part(zone, lon, sr, ss, panchang_kalam_part(KALAM_RAHU, out->vara), 8);
    out->yamaganda =
        period_part(zone, lon, sr, ss, panchang_kalam_part(KALAM_YAMAGANDA, out->vara), 8);
    out->gulika_kalam =
        period_part(zone, lon, sr, ss, panchang_kalam_part(KALAM_GULIKA, out->vara), 8);
    out->abhijit_muhurta = period_part(zone, lon, sr, ss, 8, 15);
    return 0;
}

/* ---- angles over time, and the lunar month ----------------------------- */

static int angle_limb(int angle)
{
    switch (angle) {
    case PANCHANG_ANGLE_MOON: return LIMB_NAKSHATRA;
    case PANCHANG_ANGLE_SUN_MOON: return LIMB_YOGA;
    case PANCHANG_ANGLE_SUN: return LIMB_SUN;
    default: return LIMB_TITHI;
    }
}

int panchang_angle(int angle, double jd_ut, double *value, double *rate, enum eph_source *source,
                   struct error *err)
{
    return limb_angle(angle_limb(angle), jd_ut, value, rate, source, err);
}

int panchang_angle_crossing(int angle, double target, double guess, double *jd,
                            enum eph_source *source, struct error *err)
{
    return find_crossing(angle_limb(angle), zodiac_norm(target), guess, jd, source, err);
}

/* The amanta months, each named by the sankranti it holds: Chaitra holds
 * the Sun's entry into Mesha (Aries), Vaishakha into Vrishabha, and so on
 * (the rule of the true luni-solar almanacs: Sewell and Dikshit, The
 * Indian Calendar, 1896, on adhika and kshaya masas). */
static const char *const masa_names[12] = {
    "Chaitra", "Vaishakha", "Jyeshtha",     "Ashadha", "Shravana", "Bhadrapada",
    "Ashvina", "Kartika",   "Margashirsha", "Pausha",  "Magha",    "Phalguna",
};

const char *panchang_masa_name(int number)
{
    return number >= 1 && number <= 12 ? masa_names[number - 1] : "?";
}

#define SYNODIC_MONTH 29.530589 /* mean new moon to new moon, days */

/* The new moon (elongation 0) near guess, JD UT. */
static int new_moon_near(double guess, double *jd, enum eph_source *source, struct error *err)
{
    return find_crossing(LIMB_TITHI, 0.0, guess, jd, source, err);
}

static int sun_sign_at(double jd, int *sign, enum eph_source *source, struct error *err)
{
    struct eph_pos s;
    int rc = eph_graha(jd, GRAHA_SUN, &s, source, err);
    if (rc == 0)
        *sign = zodiac_part(zodiac_norm(s.longitude), 30.0);
    return rc;
}

int panchang_masa_at(double jd_ut, struct panchang_masa *out, enum eph_source *source,
                     struct error *err)
{
    double e, r, start, end;
    int rc = limb_angle(LIMB_TITHI, jd_ut, &e, &r, source, err);
    if (rc == 0) /* the last new moon: the elongation grows about 12.19 deg/day */
        rc = new_moon_near(jd_ut - e / 12.19, &start, source, err);
    if (rc == 0 && start > jd_ut) /* numerically just after jd_ut: the one before */
        rc = new_moon_near(start - SYNODIC_MONTH, &start, source, err);
    if (rc == 0)
        rc = new_moon_near(start + SYNODIC_MONTH, &end, source, err);
    if (rc == 0 && end <= jd_ut) { /* jd_ut on the next new moon itself */
        start = end;
        rc = new_moon_near(start + SYNODIC_MONTH, &end, source, err);
    }
    return rc ? rc : panchang_masa_between(start, end, out, source, err);
}

int panchang_masa_between(double start, double end, struct panchang_masa *out,
                          enum eph_source *source, struct error *err)
{
    int s0, s1;
    int rc = sun_sign_at(start, &s0, source, err);
    if (rc == 0)
        rc = sun_sign_at(end, &s1, source, err);
    if (rc)
        return rc;
    /* Amanta: new moon to new moon. The month whose new moon finds the Sun
     * in Mina (Pisces, 11) holds Mesha sankranti: Chaitra (1). A month
     * with no sankranti (the Sun in one sign at both new moons) is adhika
     * and takes the name of the month after it (Sewell and Dikshit, as
     * above; the rare kshaya month, with two sankrantis, is named here by
     * the first). */
    out->number = (s0 + 1) % 12 + 1;
    out->adhika = s0 == s1;
    out->start = start;
    out->end = end;
    return 0;
}
