/* panchang.h - the five limbs of the Hindu almanac (tithi, vara, nakshatra,
 * yoga, karana) with sunrise and sunset: at a birth (a section of the chart)
 * and for a whole civil day at a place (the daily panchang: each limb with
 * its start and end times, moonrise and moonset, rahu kalam, yamaganda,
 * gulika kalam and abhijit muhurta). Classical choices are in docs/panchang.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_PANCHANG_H
#define KUNDLI_PANCHANG_H

#include "common/err.h"
#include "engine/birth.h"
#include "engine/chart.h"
#include "engine/civil.h"

#include <stdbool.h>

#define PANCHANG_TITHI_SPAN 12.0        /* degrees of elongation per tithi */
#define PANCHANG_KARANA_SPAN 6.0        /* half a tithi */
#define PANCHANG_YOGA_SPAN (40.0 / 3.0) /* 13 deg 20 min of Sun + Moon */
#define PANCHANG_MAX_SPANS 6            /* limbs that touch one day, at most */

enum paksha { PAKSHA_SHUKLA, PAKSHA_KRISHNA };

/* The inauspicious eighths of daytime (see panchang_kalam_part). */
enum kalam { KALAM_RAHU, KALAM_YAMAGANDA, KALAM_GULIKA, KALAM_COUNT };

/* An instant that may not happen (no sunrise in a polar night, no moonrise
 * in a given day). */
struct panchang_time {
    bool valid; /* false: the event does not occur; ut and offset are 0 */
    double ut;  /* seconds since 1970-01-01T00:00:00 UT */
    int offset; /* local minus UT at that instant in the place's zone, s */
};

/* The panchang of a birth. Limb numbers are 1-based, vara 0-based. */
struct panchang {
    int vara;                     /* 0 = Sunday .. 6 = Saturday: weekday of the
                                     Vedic day (sunrise to sunrise) of the birth */
    int tithi;                    /* 1 .. 30; 1..15 shukla, 16..30 krishna */
    enum paksha paksha;
    int nakshatra;                /* 1 .. 27, of the Moon (1 = Ashwini) */
    int pada;                     /* 1 .. 4 */
    int yoga;                     /* 1 .. 27 (1 = Vishkambha) */
    int karana;                   /* 1 .. 60, the half-tithi; see panchang_karana_name */
    double elongation;            /* Moon minus Sun, degrees [0, 360) */
    double yoga_longitude;        /* sidereal Sun plus Moon, degrees [0, 360) */
    struct panchang_time sunrise; /* the sunrise opening the birth's Vedic day */
    struct panchang_time sunset;  /* the sunset after that sunrise */
};

/* Computes the panchang at the birth of chart c (computed by
 * chart_compute): the limbs from the chart's sidereal Sun and Moon (so
 * topocentric when the chart is), vara, sunrise and sunset at the birth
 * place. A birth before the day's sunrise belongs to the previous vara.
 * Where the Sun does not rise (polar night or day) sunrise/sunset are not
 * valid and vara is the civil weekday. Two rise/set computations (three
 * for a birth before sunrise), no root-finding: about 35 us (55 us before
 * sunrise) right after chart_compute; ~1 ms per event beyond latitude 66.
 * Thread-safe.
 * Returns 0, ERR_UNKNOWN_TIMEZONE or ERR_EPHEMERIS with err filled. */
int panchang_at_birth(const struct chart *c, struct panchang *out, struct error *err);

/* ---- the daily panchang ------------------------------------------------ */

/* One tithi (nakshatra, yoga, karana) among those that touch the day. */
struct panchang_span {
    int number;                 /* 1-based number within its limb */
    struct panchang_time start; /* when it began (often before sunrise) */
    struct panchang_time end;   /* when it ends (the last one: after the next sunrise) */
};

struct panchang_spans {
    int count;                                     /* 1 .. PANCHANG_MAX_SPANS */
    struct panchang_span span[PANCHANG_MAX_SPANS]; /* span[0] holds at sunrise */
};

struct panchang_period {
    int part; /* which eighth of daytime (1..8), or which
                 muhurta of daytime (8 of 15) for abhijit */
    struct panchang_time start, end;
};

struct panchang_day {
    struct civil date;          /* the civil date asked for */
    const char *zone_name;      /* normalised zone spec (owned by the tz cache) */
    double latitude, longitude; /* degrees */
    int ayanamsa;               /* libswe sidereal mode */
    int lang;                   /* options' enum lang, for the writers */
    double ayanamsa_value;      /* degrees, at sunrise */
    enum eph_source ephemeris;
    int vara;                   /* 0 = Sunday .. 6: the day from this sunrise */
    struct panchang_time sunrise, sunset, next_sunrise;
    struct panchang_time moonrise, moonset; /* first after sunrise, before the
                                               next sunrise; may be invalid */
    /* The limbs in force from sunrise to the next sunrise, in order: the
     * first holds at sunrise, each later one begins where the previous ends. */
    struct panchang_spans tithi, nakshatra, yoga, karana;
    struct panchang_period rahu_kalam, yamaganda, gulika_kalam, abhijit_muhurta;
};

/* Sets one parameter of a daily panchang from text, through the one birth
 * parser (birth_param_set): "date" (YYYY-MM-DD), "tz" or "timezone", "lat"
 * or "latitude", "lon" or "longitude" into b, "ayanamsa" and "lang" (the
 * display names' language, stored for the writers) into o. Errors
 * name the parameter as given ("tz", "lat", ...). Returns 0, the parser's
 * error, or ERR_UNKNOWN_FIELD for any other key. */
int panchang_param_set(struct birth *b, struct chart_options *o, const char *key,
                       const char *value, struct error *err);

/* Computes the panchang of b's civil date (b's time is not used) at b's
 * place, with o's ayanamsa: the Vedic day
 * running from that date's sunrise to the next. End times are found by
 * root-finding on the Sun and Moon longitudes to well under 1 s. Takes
 * about 0.6 ms (a few ms beyond latitude 66). Thread-safe (binds the
 * calling thread's ephemeris frame).
 * Returns 0; ERR_MISSING_FIELD (a required field not given);
 * ERR_UNKNOWN_TIMEZONE (field "tz"); ERR_INVALID_VALUE (field "lat": the Sun
 * does not rise or set that day at that latitude); ERR_DATE_OUT_OF_RANGE
 * (field "date": the day outside ctx's ephemeris range); ERR_EPHEMERIS. */
int panchang_daily(const struct context *ctx, const struct birth *b, const struct chart_options *o,
                   struct panchang_day *out, struct error *err);

/* ---- the limbs from angles, and their names ---------------------------- */

/* Tithi 1..30 of an elongation (Moon - Sun, degrees, any value): tithi n
 * spans [12(n-1), 12n) degrees, so exactly 12 deg begins tithi 2. */
int panchang_tithi_of(double elongation);
/* Karana 1..60 of an elongation: karana n spans [6(n-1), 6n) degrees. */
int panchang_karana_of(double elongation);
/* Yoga 1..27 of sidereal Sun + Moon (degrees): yoga n spans
 * [13deg20'(n-1), 13deg20' n). */
int panchang_yoga_of(double sun, double moon);

int panchang_paksha_of(int tithi);            /* enum paksha */
const char *panchang_paksha_name(int paksha); /* "shukla", "krishna" */
const char *panchang_tithi_name(int tithi);   /* "Shukla Pratipada" .. "Purnima",
                                                 "Krishna Pratipada" .. "Amavasya" */
const char *panchang_yoga_name(int yoga);     /* "Vishkambha" .. "Vaidhriti" */
const char *panchang_karana_name(int karana); /* of 1..60: "Kimstughna", "Bava" ... "Naga" */
/* Which of the 11 karanas karana 1..60 is: 0 Bava .. 6 Vishti (the seven
 * movable ones, repeating over karanas 2..57), 7 Shakuni, 8 Chatushpada,
 * 9 Naga, 10 Kimstughna (the fixed ones: 58, 59, 60, 1); -1 out of range.
 * The order of lang.h's KARANA names. */
int panchang_karana_index(int karana);
const char *panchang_vara_name(int vara);     /* "Sunday" .. "Saturday" */
const char *panchang_vara_sanskrit(int vara); /* "Ravivara" .. "Shanivara" */
const char *panchang_kalam_name(int kalam);   /* "rahu_kalam", "yamaganda", "gulika_kalam" */

/* Which eighth (1..8) of daytime holds kalam on weekday vara (0 = Sunday). */
int panchang_kalam_part(int kalam, int vara);

/* ---- angles over time, and the lunar month ----------------------------- */

/* The angles whose divisions make the limbs, each growing with time. */
enum panchang_angle {
    PANCHANG_ANGLE_ELONGATION, /* Moon - Sun: tithi, karana */
    PANCHANG_ANGLE_MOON,       /* sidereal Moon: nakshatra, pada, the Moon's sign */
    PANCHANG_ANGLE_SUN_MOON,   /* sidereal Sun + Moon: yoga */
    PANCHANG_ANGLE_SUN,        /* sidereal Sun: the solar month (sankranti) */
};

/* The angle (degrees, [0, 360)) at jd_ut and its rate (degrees/day), in
 * the frame the calling thread was last given (eph_begin: its ayanamsa).
 * *source is raised to EPH_MOSHIER on a fallback. Returns 0 or
 * ERR_EPHEMERIS. */
int panchang_angle(int angle, double jd_ut, double *value, double *rate, enum eph_source *source,
                   struct error *err);

/* The instant (JD UT) near guess at which the angle reaches target
 * (degrees): Newton's method on the ephemeris rate, safeguarded by
 * bisection, until a step is below 1e-6 day (the root is then good to a few
 * milliseconds). guess must lie within about half a turn's time of the
 * root wanted. Returns 0 or ERR_EPHEMERIS. */
int panchang_angle_crossing(int angle, double target, double guess, double *jd,
                            enum eph_source *source, struct error *err);

/* A lunar month, amanta (new moon to new moon). */
struct panchang_masa {
    int number;   /* 1 = Chaitra .. 12 = Phalguna (panchang_masa_name) */
    bool adhika;  /* no sankranti within it: the intercalary month, named
                     after the month that follows it */
    double start; /* its new moon, JD UT */
    double end;   /* the next new moon, JD UT */
};

/* The lunar month holding jd_ut (start <= jd_ut < end), named by the
 * sidereal sign of the Sun (the frame's ayanamsa) at its new moon: the
 * month in whose course the Sun enters Mesha is Chaitra (Sewell and
 * Dikshit, The Indian Calendar, 1896). About 15 ephemeris calls. Returns 0 or ERR_EPHEMERIS. */
int panchang_masa_at(double jd_ut, struct panchang_masa *out, enum eph_source *source,
                     struct error *err);

/* The same for the month between two consecutive new moons already found
 * (JD UT): for a search that walks the new moons itself. */
int panchang_masa_between(double start, double end, struct panchang_masa *out,
                          enum eph_source *source, struct error *err);

/* "Chaitra", "Vaishakha", ... "Phalguna"; "?" outside 1..12. */
const char *panchang_masa_name(int number);

#endif
