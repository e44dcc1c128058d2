/* eph.c - Swiss Ephemeris wrapper with per-thread initialisation and
 * detection of the silent Moshier fallback (see eph.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/eph.h"

#include "engine/zodiac.h"

#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <swephexp.h>

_Static_assert(SE_NSIDM_PREDEF == EPH_AYANAMSA_COUNT, "libswe ayanamsa count changed");
_Static_assert(SE_SIDM_LAHIRI == AYANAMSA_LAHIRI, "libswe's Lahiri mode");

/* Names follow libswe's SE_SIDM_* constants, lowercased, in index order. */
static const char *const ayanamsa_names[EPH_AYANAMSA_COUNT] = {
    "fagan_bradley", "lahiri", "deluce", "raman", "ushashashi", "krishnamurti",
    "djwhal_khul", "yukteshwar", "jn_bhasin", "babyl_kugler1", "babyl_kugler2",
    "babyl_kugler3", "babyl_huber", "babyl_etpsc", "aldebaran_15tau", "hipparchos",
    "sassanian", "galcent_0sag", "j2000", "j1900", "b1950", "suryasiddhanta",
    "suryasiddhanta_msun", "aryabhata", "aryabhata_msun", "ss_revati", "ss_citra",
    "true_citra", "true_revati", "true_pushya", "galcent_rgilbrand", "galequ_iau1958",
    "galequ_true", "galequ_mula", "galalign_mardyks", "true_mula", "galcent_mula_wilhelm",
    "aryabhata_522", "babyl_britton", "true_sheoran", "galcent_cochrane",
    "galequ_fiorenza", "valens_moon", "lahiri_1940", "lahiri_vp285",
    "krishnamurti_vp291", "lahiri_icrc",
};

/* libswe's files each cover a block of 600 years (NCTIES centuries) named by
 * its first year: sepl_18.se1 is 1800-2400 (Gregorian), seplm54.se1 -5400..
 * -4800 (Julian). */
#define BLOCK_YEARS 600
/* Days around a block's first day within which files of both blocks hold
 * data (a file's segments overrun its block by up to ~61 days). */
#define BLOCK_OVERLAP 80.0

/* Per-thread state. The key's destructor runs swe_close() at thread exit. */
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_key_t close_key;
static _Thread_local bool thread_ready;
static _Thread_local char thread_path[CONTEXT_PATH_MAX]; /* libswe's path now */
static _Thread_local int32 thread_flags;
static _Thread_local int thread_node;
static _Thread_local int thread_sid_mode; /* the mode eph_begin() set */

static void thread_close(void *unused)
{
    (void)unused;
    swe_close();
}

static void make_key(void)
{
    pthread_key_create(&close_key, thread_close);
}

static void thread_init(void)
{
    pthread_once(&key_once, make_key);
    pthread_setspecific(close_key, &thread_ready);
    thread_ready = true;
}

/* Points this thread's libswe at path, unless it already is (setting a path
 * closes libswe's open files, so it is done only on a change). */
static void thread_use_path(const char *path)
{
    if (!path)
        path = EPH_DEFAULT_PATH;
    if (!thread_ready)
        thread_init();
    if (strcmp(thread_path, path) == 0)
        return;
    snprintf(thread_path, sizeof thread_path, "%s", path);
    swe_set_ephe_path(thread_path);
}

/* JD (TT) of January 1 of a block's first year, by libswe's rule: the
 * Gregorian calendar from 1600 on, the Julian before. */
static double block_start(int year)
{
    double g = swe_julday(year, 1, 1, 0.0, SE_GREG_CAL);
    return g >= 2305447.5 ? g : swe_julday(year, 1, 1, 0.0, SE_JUL_CAL);
}

/* The first year of the block of libswe's files that holds tjd (TT), as
 * swi_gen_filename() chooses it. */
static int block_of(double tjd)
{
    int y, m, d;
    double h;
    swe_revjul(tjd, tjd >= 2305447.5 ? SE_GREG_CAL : SE_JUL_CAL, &y, &m, &d, &h);
    int c = y / 100;
    if (y < 0 && y % 100 != 0)
        c -= 1;
    while (c % (BLOCK_YEARS / 100) != 0)
        c--;
    return c * 100;
}

/* Makes the next libswe call at jd_ut see the files a fresh thread would.
 * libswe keeps a file open while the dates asked fall within its data, and
 * a file's segments overrun the block its name stands for by up to ~61
 * days; a fresh thread opens the file named for the date's block. So a
 * thread that had just read the block before a boundary answered
 * differently past it (by up to 1e-5 degrees near 1800 and 4800; 200
 * against 503 just past 5400, where the next file is missing). Within
 * BLOCK_OVERLAP days of a block's edge the files are closed first (setting
 * the path again, which keeps the sidereal mode and the observer, and
 * reopens the Moon's file at J2000 as for a fresh thread). Elsewhere only
 * the files of the date's block hold it, whatever is open. */
static void thread_settle(double jd_ut)
{
    /* Where the last call found no edge: [safe_lo, safe_hi] UT. Whether a
     * date just inside it counts as near an edge does not matter: no other
     * file reaches BLOCK_OVERLAP days into a block. */
    static _Thread_local double safe_lo = 1, safe_hi = 0;
    if (jd_ut >= safe_lo && jd_ut <= safe_hi)
        return;
    double tt = jd_ut + swe_deltat_ex(jd_ut, SEFLG_SWIEPH, NULL);
    int b = block_of(tt);
    double lo = block_start(b) + BLOCK_OVERLAP, hi = block_start(b + BLOCK_YEARS) - BLOCK_OVERLAP;
    if (tt < lo || tt > hi) {
        swe_set_ephe_path(thread_path);
        return;
    }
    safe_lo = lo - swe_deltat_ex(lo, SEFLG_SWIEPH, NULL); /* UT, to well within a second */
    safe_hi = hi - swe_deltat_ex(hi, SEFLG_SWIEPH, NULL);
}

void eph_begin(const struct eph_frame *f)
{
    /* NULL keeps the directory this thread reads: a frame made without the
     * context (sade sati's geocentric one, and the caller's frame it puts
     * back) must not move the thread to the default directory, or every
     * later call of the thread would read files of another directory. */
    thread_use_path(f->ephe_path ? f->ephe_path : thread_path[0] ? thread_path : NULL);
    swe_set_sid_mode(f->ayanamsa, 0, 0);
    thread_sid_mode = f->ayanamsa;
    thread_flags = SEFLG_SWIEPH | SEFLG_SPEED | SEFLG_SIDEREAL;
    if (f->topocentric) {
        swe_set_topo(f->longitude, f->latitude, f->altitude);
        thread_flags |= SEFLG_TOPOCTR;
    }
    if (f->true_positions)
        thread_flags |= SEFLG_TRUEPOS;
    thread_node = f->true_node ? SE_TRUE_NODE : SE_MEAN_NODE;
}

static int32 swe_body(int graha)
{
    static const int32 bodies[GRAHA_COUNT] = {
        SE_SUN, SE_MOON, SE_MARS, SE_MERCURY, SE_JUPITER, SE_VENUS,
        SE_SATURN, SE_MEAN_NODE, SE_MEAN_NODE, SE_URANUS, SE_NEPTUNE, SE_PLUTO,
    };
    if (graha == GRAHA_RAHU || graha == GRAHA_KETU)
        return thread_node;
    return bodies[graha];
}

static int calc(double jd_ut, int graha, int32 flags, struct eph_pos *out, enum eph_source *source,
                struct error *err)
{
    double xx[6];
    char serr[AS_MAXCH] = "";
    thread_settle(jd_ut);
    int32 rc = swe_calc_ut(jd_ut, swe_body(graha), flags, xx, serr);
    if (rc < 0) /* serr names files and the directory: not for a response */
        return err_set(err, ERR_EPHEMERIS, "birth.date", "the ephemeris has no data for this date");
    if (source && !(rc & SEFLG_SWIEPH))
        *source = EPH_MOSHIER;
    out->longitude = xx[0];
    out->latitude = xx[1];
    out->speed = xx[3];
    if (graha == GRAHA_KETU) {
        out->longitude = zodiac_norm(xx[0] + 180.0);
        out->latitude = -xx[1];
    }
    return 0;
}

int eph_graha(double jd_ut, int graha, struct eph_pos *out, enum eph_source *source, struct error *err)
{
    return calc(jd_ut, graha, thread_flags, out, source, err);
}

int eph_graha_tropical(double jd_ut, int graha, struct eph_pos *out, struct error *err)
{
    thread_use_path(thread_path[0] ? thread_path : NULL);
    return calc(jd_ut, graha, SEFLG_SWIEPH | SEFLG_SPEED, out, NULL, err);
}

char eph_houses(double jd_ut, double lat, double lon, char hsys, double cusps[12], double *asc,
                double *mc)
{
    double c[37], ascmc[10];
    char serr[AS_MAXCH];
    char used = hsys;
    thread_settle(jd_ut);
    if (swe_houses_ex2(jd_ut, SEFLG_SIDEREAL, lat, lon, hsys, c, ascmc, NULL, NULL, serr) < 0)
        used = 'O'; /* libswe has already computed Porphyry cusps */
    memcpy(cusps, c + 1, 12 * sizeof *cusps);
    *asc = ascmc[SE_ASC];
    *mc = ascmc[SE_MC];
    return used;
}

char eph_houses_tropical(double jd_ut, double lat, double lon, char hsys, double cusps[12],
                         double *asc, double *mc, double *armc)
{
    double c[37], ascmc[10];
    char serr[AS_MAXCH];
    char used = hsys;
    thread_settle(jd_ut);
    if (swe_houses_ex2(jd_ut, 0, lat, lon, hsys, c, ascmc, NULL, NULL, serr) < 0)
        used = 'O'; /* libswe has already computed Porphyry cusps */
    memcpy(cusps, c + 1, 12 * sizeof *cusps);
    *asc = ascmc[SE_ASC];
    *mc = ascmc[SE_MC];
    *armc = ascmc[SE_ARMC];
    return used;
}

char eph_houses_armc(double armc, double lat, double eps, char hsys, double cusps[12],
                     double *asc, double *mc)
{
    double c[37], ascmc[10];
    char used = hsys;
    if (swe_houses_armc(armc, lat, eps, hsys, c, ascmc) < 0)
        used = 'O';
    memcpy(cusps, c + 1, 12 * sizeof *cusps);
    *asc = ascmc[SE_ASC];
    *mc = ascmc[SE_MC];
    return used;
}

double eph_obliquity(double jd_ut)
{
    double x[6] = {0};
    char serr[AS_MAXCH];
    thread_settle(jd_ut);
    swe_calc_ut(jd_ut, SE_ECL_NUT, SEFLG_SWIEPH, x, serr);
    return x[0];
}

double eph_ayanamsa_of(double jd_ut, int mode)
{
    double aya = 0;
    char serr[AS_MAXCH];
    if (!thread_ready)
        thread_use_path(NULL);
    thread_settle(jd_ut);
    swe_set_sid_mode(mode, 0, 0);
    swe_get_ayanamsa_ex_ut(jd_ut, SEFLG_SWIEPH, &aya, serr);
    swe_set_sid_mode(thread_sid_mode, 0, 0);
    return aya;
}

const char *eph_file(enum eph_file which)
{
    double from, to;
    int denum;
    const char *name = swe_get_current_file_data((int)which, &from, &to, &denum);
    return name ? name : "";
}

double eph_ayanamsa(double jd_ut)
{
    double aya = 0;
    char serr[AS_MAXCH];
    thread_settle(jd_ut);
    swe_get_ayanamsa_ex_ut(jd_ut, SEFLG_SWIEPH, &aya, serr);
    return aya;
}

double eph_delta_t(double jd_ut)
{
    char serr[AS_MAXCH];
    return swe_deltat_ex(jd_ut, SEFLG_SWIEPH, serr) * 86400.0;
}

const char *eph_ayanamsa_name(int mode)
{
    return mode >= 0 && mode < EPH_AYANAMSA_COUNT ? ayanamsa_names[mode] : "?";
}

int eph_ayanamsa_find(const char *name)
{
    for (int i = 0; i < EPH_AYANAMSA_COUNT; i++)
        if (strcmp(ayanamsa_names[i], name) == 0)
            return i;
    return -1;
}

static char version[AS_MAXCH];

static void read_version(void)
{
    swe_version(version);
}

const char *eph_version(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, read_version);
    return version;
}

/* Sunrise or sunset (Hindu convention: centre of the disc at altitude 0, no
 * refraction, geocentric). At the horizon cos H0 = -tan(lat) tan(dec), and
 * the hour angle grows by about 360 degrees a day. One ephemeris call gives
 * the Sun's RA, dec and their rates; the time is then solved on their linear
 * extrapolation (and on the sidereal time's, read once), and a second call
 * at that time refines it to ~1 ms. Against libswe's exact method
 * (SE_BIT_FORCE_SLOW_METHOD) it agrees to 0.16 s for |lat| <= 60 and to
 * 0.45 s up to 66 (14,000 random cases 1800-2400, half of them starting
 * within a second of the event); swe_rise_trans's own fast path is off by up
 * to 7 s at lat 57, and costs three times as much. The residue is mostly
 * libswe's Hindu method ignoring the Sun's ecliptic latitude (< 1").
 * Returns 0, 1 (no such event near, or no convergence:
 * the caller falls back to swe_rise_trans) or -1 on an ephemeris error. */
static int sun_horizon(double jd_ut, int event, double lat, double lon, double *out, char *serr)
{
    const double rad = 0.017453292519943295;      /* pi / 180 */
    const double sidereal_rate = 360.98564736629; /* degrees of GAST a day */
    const double tanlat = tan(lat * rad);
    double xx[6];
    /* The second pass is for an event that fell just before jd_ut. */
    for (double from = jd_ut; from < jd_ut + 1.0; from += 0.5) {
        double gast0 = swe_sidtime(from) * 15.0, t = from;
        bool forward = true, converged = false;
        for (int call = 0; call < 4 && !converged; call++) {
            double tc = t;
            if (swe_calc_ut(tc, SE_SUN, SEFLG_SWIEPH | SEFLG_EQUATORIAL | SEFLG_SPEED, xx, serr) <
                0)
                return -1;
            for (int k = 0; k < 20; k++) {
                double dt = t - tc;
                double c = -tanlat * tan((xx[1] + xx[4] * dt) * rad);
                if (c < -0.98 || c > 0.98)
                    return 1; /* near polar day or night: leave it to libswe */
                double h0 = acos(c) / rad;
                double ha = gast0 + sidereal_rate * (t - from) + lon - (xx[0] + xx[3] * dt);
                double gap = fmod((event == EPH_SET ? h0 : -h0) - ha, 360.0);
                if (forward) { /* the first step goes forward to the next event */
                    if (gap < 0)
                        gap += 360.0;
                    forward = false;
                } else if (gap > 180.0) {
                    gap -= 360.0;
                } else if (gap <= -180.0) {
                    gap += 360.0;
                }
                t += gap / 360.0;
                if (fabs(gap) < 1e-7)
                    break;
            }
            /* extrapolated over under 3 minutes: exact to far below 1 ms */
            converged = call > 0 && fabs(t - tc) < 0.002;
        }
        if (!converged)
            return 1;
        if (t >= jd_ut) {
            *out = t;
            return 0;
        }
    }
    return 1;
}

int eph_rise_set(double jd_ut, int graha, int event, double latitude, double longitude, double *out,
                 struct error *err)
{
    double geopos[3] = {longitude, latitude, 0.0};
    double t = 0;
    char serr[AS_MAXCH] = "";
    int32 rsmi = (event == EPH_SET ? SE_CALC_SET : SE_CALC_RISE) | SE_BIT_HINDU_RISING;
    thread_use_path(thread_path[0] ? thread_path : NULL);
    thread_settle(jd_ut);
    if (graha == GRAHA_SUN && fabs(latitude) <= 66.0) {
        int rc = sun_horizon(jd_ut, event, latitude, longitude, out, serr);
        if (rc < 0)
            return err_set(err, ERR_EPHEMERIS, "date", "the ephemeris has no data for this date");
        thread_settle(jd_ut); /* sun_horizon may have moved to another block */
        if (rc == 0)
            return 0;
    }
    /* Near polar day or night libswe's fast path can miss by minutes (at lat
     * 64 on 2020-06-21, searching just after a sunrise, it returns the next
     * sunrise 22 min late); its exact method costs ~1 ms. */
    if (graha == GRAHA_SUN)
        rsmi |= SE_BIT_FORCE_SLOW_METHOD;
    /* Pressure and temperature are unused without refraction. */
    int32 rc = swe_rise_trans(jd_ut, graha == GRAHA_MOON ? SE_MOON : SE_SUN, NULL, SEFLG_SWIEPH,
                              rsmi, geopos, 0.0, 0.0, &t, serr);
    if (rc == -2)
        return 1;
    if (rc < 0) /* serr names files and the directory: not for a response */
        return err_set(err, ERR_EPHEMERIS, "date", "the ephemeris has no data for this date");
    *out = t;
    return 0;
}

/* ---- eclipses --------------------------------------------------------- */

int eph_eclipse_global(double jd_ut, bool lunar, double *max, int *type, struct error *err)
{
    double tret[10] = {0};
    char serr[AS_MAXCH] = "";
    thread_use_path(thread_path[0] ? thread_path : NULL);
    thread_settle(jd_ut);
    int32 rc = lunar ? swe_lun_eclipse_when(jd_ut, SEFLG_SWIEPH, 0, tret, 0, serr)
                     : swe_sol_eclipse_when_glob(jd_ut, SEFLG_SWIEPH, 0, tret, 0, serr);
    if (rc <= 0) /* serr names files and the directory: not for a response */
        return err_set(err, ERR_EPHEMERIS, "date", "the ephemeris has no data for this date");
    if (rc & SE_ECL_TOTAL)
        *type = EPH_ECLIPSE_TOTAL;
    else if (rc & SE_ECL_ANNULAR)
        *type = EPH_ECLIPSE_ANNULAR;
    else if (rc & SE_ECL_ANNULAR_TOTAL)
        *type = EPH_ECLIPSE_HYBRID;
    else if (rc & SE_ECL_PARTIAL)
        *type = EPH_ECLIPSE_PARTIAL;
    else
        *type = EPH_ECLIPSE_PENUMBRAL;
    *max = tret[0];
    return 0;
}

int eph_eclipse_local(double jd_ut, bool lunar, double latitude, double longitude, double *max,
                      int *visibility, struct error *err)
{
    double geopos[3] = {longitude, latitude, 0.0}, tret[10] = {0}, attr[20] = {0};
    char serr[AS_MAXCH] = "";
    thread_use_path(thread_path[0] ? thread_path : NULL);
    thread_settle(jd_ut);
    int32 rc = lunar ? swe_lun_eclipse_when_loc(jd_ut, SEFLG_SWIEPH, geopos, tret, attr, 0, serr)
                     : swe_sol_eclipse_when_loc(jd_ut, SEFLG_SWIEPH, geopos, tret, attr, 0, serr);
    if (rc <= 0)
        return err_set(err, ERR_EPHEMERIS, "date", "the ephemeris has no data for this date");
    *max = tret[0];
    *visibility = (rc & SE_ECL_MAX_VISIBLE) ? EPH_VISIBLE_MAX : EPH_VISIBLE_PARTLY;
    return 0;
}

/* ---- the range of the installed files ------------------------------------ */

#define BLOCK_FIRST (-13200)   /* DE431's first year, rounded to a block */
#define BLOCK_SLOTS 52         /* blocks from BLOCK_FIRST to 18000 */
#define MOSHIER_START 625000.5 /* libswe's analytic ephemeris: -3000 .. */
#define MOSHIER_END 2818000.5  /* .. 3000, JD TT */

/* The first year of the block a file name stands for, when name is
 * prefix + "_NN.se1" (year NN00) or prefix + "mNN.se1" (year -NN00). */
static bool file_block(const char *name, const char *prefix, int *year)
{
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n) != 0 || (name[n] != '_' && name[n] != 'm'))
        return false;
    const char *d = name + n + 1;
    if (d[0] < '0' || d[0] > '9' || d[1] < '0' || d[1] > '9' || strcmp(d + 2, ".se1") != 0)
        return false;
    int c = (d[0] - '0') * 10 + (d[1] - '0');
    *year = (name[n] == 'm' ? -c : c) * 100;
    return *year % BLOCK_YEARS == 0 && *year >= BLOCK_FIRST &&
           *year < BLOCK_FIRST + BLOCK_SLOTS * BLOCK_YEARS;
}

/* UT of the instant tt (JD TT). */
static double ut_of(double tt)
{
    double ut = tt;
    for (int i = 0; i < 3; i++)
        ut = tt - swe_deltat_ex(ut, SEFLG_SWIEPH, NULL);
    return ut;
}

/* libswe serves body at tjd (TT) from its files. */
static bool serves(double tjd, int32 body)
{
    double xx[6];
    char serr[AS_MAXCH];
    thread_settle(tjd);
    int32 rc = swe_calc(tjd, body, SEFLG_SWIEPH, xx, serr);
    return rc >= 0 && (rc & SEFLG_SWIEPH);
}

int eph_range(const char *path, double *from, double *to)
{
    bool planets[BLOCK_SLOTS] = {false}, moon[BLOCK_SLOTS] = {false};
    struct dirent *e;
    int year, best = -1, best_len = 0, rc = 0;
    thread_use_path(path);
    DIR *dir = opendir(thread_path);
    if (dir) {
        while ((e = readdir(dir)) != NULL) {
            if (file_block(e->d_name, "sepl", &year))
                planets[(year - BLOCK_FIRST) / BLOCK_YEARS] = true;
            else if (file_block(e->d_name, "semo", &year))
                moon[(year - BLOCK_FIRST) / BLOCK_YEARS] = true;
        }
        closedir(dir);
    }
    /* The run of blocks with both files: the one holding 2000 AD, else the
     * longest. */
    const int now = (1800 - BLOCK_FIRST) / BLOCK_YEARS;
    for (int i = 0; i < BLOCK_SLOTS;) {
        int j = i;
        while (j < BLOCK_SLOTS && planets[j] && moon[j])
            j++;
        if (j > i && i <= now && now < j) {
            best = i;
            best_len = j - i;
            break;
        }
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    double t0 = MOSHIER_START, t1 = MOSHIER_END;
    if (best >= 0) {
        t0 = block_start(BLOCK_FIRST + best * BLOCK_YEARS);
        t1 = block_start(BLOCK_FIRST + (best + best_len) * BLOCK_YEARS);
        /* The files exist; check that libswe reads them at both ends. */
        if (!serves(t0 + EPH_RANGE_MARGIN, SE_SUN) || !serves(t0 + EPH_RANGE_MARGIN, SE_MOON) ||
            !serves(t1 - EPH_RANGE_MARGIN, SE_SUN) || !serves(t1 - EPH_RANGE_MARGIN, SE_MOON)) {
            t0 = MOSHIER_START;
            t1 = MOSHIER_END;
            best = -1;
        }
    }
    if (best < 0)
        rc = ERR_EPHEMERIS;
    *from = ut_of(t0) + EPH_RANGE_MARGIN;
    *to = ut_of(t1) - EPH_RANGE_MARGIN;
    return rc;
}
