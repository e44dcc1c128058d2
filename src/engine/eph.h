/* eph.h - the Swiss Ephemeris wrapper; the only file that sees swephexp.h.
 * libswe keeps its state per thread (Debian builds it with TLS), so every
 * thread that calls in gets its own ephemeris path on first use and
 * swe_close() when it exits. All times are Julian days UT; all angles are
 * degrees, sidereal (the frame's ayanamsa) unless said otherwise.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_EPH_H
#define KUNDLI_EPH_H

#include "common/err.h"
#include "engine/context.h"

#include <stdbool.h>

#define EPH_AYANAMSA_COUNT 47 /* libswe's predefined sidereal modes */
#define AYANAMSA_LAHIRI 1     /* libswe SE_SIDM_LAHIRI, the default */
#define JD_J2000 2451545.0    /* 2000-01-01 12:00 TT, Julian day */

/* Which ephemeris served a computation. */
enum eph_source {
    EPH_SWISS = 0,   /* the Swiss Ephemeris files (DE431-based) */
    EPH_MOSHIER = 1, /* libswe's analytic fallback: a file was missing */
};

/* What every computation of one chart shares. */
struct eph_frame {
    const char *ephe_path; /* the context's Swiss Ephemeris directory; NULL:
                              the one this thread already reads (the
                              default on a fresh thread) */
    int ayanamsa;      /* libswe sidereal mode, 0 .. EPH_AYANAMSA_COUNT-1 */
    bool true_node;    /* true node instead of mean node for Rahu/Ketu */
    bool topocentric;  /* positions for the observer, not the geocentre */
    bool true_positions; /* geometric: no light-time, aberration, deflection */
    double latitude;   /* observer, degrees north */
    double longitude;  /* observer, degrees east */
    double altitude;   /* observer, metres */
};

struct eph_pos {
    double longitude; /* sidereal, [0, 360) */
    double latitude;  /* ecliptic latitude */
    double speed;     /* degrees/day in longitude; negative = retrograde */
};

/* Binds the calling thread to frame: its ephemeris path (NULL keeps the
 * thread's own: a module that changes the frame for a while, as sade sati's
 * search of Saturn, knows no context), its sidereal mode and, for a
 * topocentric frame, the observer. Call before each chart. */
void eph_begin(const struct eph_frame *frame);

/* Position of an enum graha (Ketu is Rahu + 180 deg) at jd_ut in the frame
 * last given to eph_begin(). *source is raised to EPH_MOSHIER if libswe fell
 * back. Returns 0 or ERR_EPHEMERIS (message from libswe). */
int eph_graha(double jd_ut, int graha, struct eph_pos *out, enum eph_source *source, struct error *err);

/* Tropical position (no ayanamsa), for tests against other references. */
int eph_graha_tropical(double jd_ut, int graha, struct eph_pos *out, struct error *err);

/* Sidereal house cusps by libswe house-system letter hsys ('P', 'W', ...).
 * cusps[0..11] are the starts of houses 1..12. Returns the letter of the
 * system actually used: libswe falls back to Porphyry ('O') where the
 * system is undefined (Placidus, Koch near the poles). */
char eph_houses(double jd_ut, double latitude, double longitude, char hsys, double cusps[12],
                double *ascendant, double *mc);

/* Tropical house cusps (no ayanamsa, whatever the frame) by libswe letter
 * hsys at jd_ut for the observer at latitude/longitude (degrees north,
 * east): cusps[0..11] the starts of houses 1..12, *ascendant, *mc, and
 * *armc the right ascension of the meridian (degrees, apparent sidereal
 * time x 15 + longitude). Returns the letter of the system used, as
 * eph_houses(). */
char eph_houses_tropical(double jd_ut, double latitude, double longitude, char hsys,
                         double cusps[12], double *ascendant, double *mc, double *armc);

/* Tropical house cusps by hsys for a right ascension of the meridian armc,
 * a latitude and an obliquity eps (all degrees), as libswe's
 * swe_houses_armc: for a chart whose ARMC is found rather than read off a
 * clock (KP horary). Returns the letter of the system used. */
char eph_houses_armc(double armc, double latitude, double eps, char hsys, double cusps[12],
                     double *ascendant, double *mc);

/* True obliquity of the ecliptic (nutation included) at jd_ut, degrees. */
double eph_obliquity(double jd_ut);

/* Ayanamsa of sidereal mode `mode` at jd_ut, degrees, as eph_ayanamsa()
 * gives it in a frame of that mode; the thread's frame is left as it was.
 * A sidereal position of mode m is its tropical one less this value, so
 * positions of one frame move to another by the difference of the two. */
double eph_ayanamsa_of(double jd_ut, int mode);

/* The files libswe last read on this thread, with their directory
 * ("/usr/share/libswe/ephe/sepl_18.se1"), "" before any: which directory a
 * thread really reads, for diagnostics and tests. */
enum eph_file { EPH_FILE_PLANETS = 0, EPH_FILE_MOON = 1 };
const char *eph_file(enum eph_file which);

/* Ayanamsa value at jd_ut in the current frame, degrees. */
double eph_ayanamsa(double jd_ut);
/* Delta T (TT - UT) at jd_ut, seconds. */
double eph_delta_t(double jd_ut);

/* Stable lowercase name of a sidereal mode ("lahiri", "true_citra"), and
 * the reverse; eph_ayanamsa_find returns -1 for an unknown name. */
const char *eph_ayanamsa_name(int mode);
int eph_ayanamsa_find(const char *name);

/* Days kept clear of the ends of the files' span: a chart's panchang looks
 * for the sunrise and the limb crossings around the birth, a day or two. */
#define EPH_RANGE_MARGIN 5.0

/* The span of the Swiss Ephemeris files in directory path (NULL: the
 * default) that every thread reads alike, as Julian days UT, each end
 * EPH_RANGE_MARGIN days inside: the run of 600-year blocks holding both a
 * planet file (sepl_NN.se1, seplmNN.se1) and a Moon file (semo_...), the
 * one holding 2000 AD, else the longest, checked by computing the Sun and
 * the Moon near both ends. Lists the directory and reads four positions
 * (~1 ms). Returns 0; ERR_EPHEMERIS when there is no such run (libswe
 * will fall back to its analytic ephemeris: the range is then its span,
 * -3000 .. 3000). */
int eph_range(const char *path, double *from, double *to);

/* "2.10.03" */
const char *eph_version(void);

/* Rising and setting (added for the panchang). */
enum eph_event {
    EPH_RISE = 0,
    EPH_SET = 1,
};

/* The first rising (event EPH_RISE) or setting (EPH_SET) of graha
 * (GRAHA_SUN or GRAHA_MOON) after jd_ut, seen from latitude (degrees north)
 * and longitude (degrees east) at sea level, by the Hindu convention of the
 * panchangas: the centre of the disc on the geometric horizon, without
 * refraction, the body taken on the ecliptic (libswe SE_BIT_HINDU_RISING).
 * Geocentric whatever the frame; it leaves the thread's frame (sidereal mode,
 * topocentric observer) as eph_begin() set it. Writes the Julian day UT to
 * *out. Returns 0; 1 when the body neither rises nor sets within about a
 * day (polar day or night, circumpolar Moon), *out untouched; or
 * ERR_EPHEMERIS (field "date"). The Sun is solved on its hour angle to
 * within 0.5 s of libswe's exact method, about 15-20 us near a date already
 * computed, for |latitude| <= 66; beyond, and for the Moon, swe_rise_trans
 * (the exact method for the Sun, ~1 ms; the Moon ~65 us). */
int eph_rise_set(double jd_ut, int graha, int event, double latitude, double longitude, double *out,
                 struct error *err);

/* Eclipses (added for the events search). Times are Julian days UT, the
 * instant of greatest eclipse as libswe computes it; the ephemeris's
 * sidereal mode plays no part. */
enum eph_eclipse_type {
    EPH_ECLIPSE_TOTAL,
    EPH_ECLIPSE_ANNULAR,   /* solar only */
    EPH_ECLIPSE_HYBRID,    /* solar only: annular-total */
    EPH_ECLIPSE_PARTIAL,
    EPH_ECLIPSE_PENUMBRAL, /* lunar only */
};

/* How much of an eclipse a place sees. */
enum eph_visibility {
    EPH_VISIBLE_NONE,   /* no phase with the body above the horizon */
    EPH_VISIBLE_PARTLY, /* some phase, but not the local maximum */
    EPH_VISIBLE_MAX,    /* the local maximum (and whatever else) */
};

/* The first solar eclipse (lunar when `lunar`) anywhere on Earth whose
 * greatest eclipse falls after jd_ut: libswe's swe_sol_eclipse_when_glob or
 * swe_lun_eclipse_when. Writes that instant to *max and its enum
 * eph_eclipse_type to *type. About 4 ms (solar) or 2 ms (lunar). Returns 0
 * or ERR_EPHEMERIS (field "date"). */
int eph_eclipse_global(double jd_ut, bool lunar, double *max, int *type, struct error *err);

/* The first solar eclipse (lunar when `lunar`) of which some phase is seen
 * above the horizon at latitude/longitude (degrees, sea level) with its
 * local maximum after jd_ut: libswe's swe_sol_eclipse_when_loc or
 * swe_lun_eclipse_when_loc, which decide what is seen. Writes the local
 * maximum to *max and an enum eph_visibility (PARTLY or MAX) to
 * *visibility. The search runs on until it finds one (a place sees a
 * solar eclipse every few years: about 20 ms a call). It leaves libswe's
 * observer at the place: eph_begin() again before a topocentric chart.
 * Returns 0 or ERR_EPHEMERIS (field "date"). */
int eph_eclipse_local(double jd_ut, bool lunar, double latitude, double longitude, double *max,
                      int *visibility, struct error *err);

#endif
