/* strength.c - shadbala, ishta and kashta phala, bhava bala and vimshopaka
 * bala (see strength.h; the rules and their sources in docs/strength.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/strength.h"

#include "engine/civil.h"
#include "engine/dignity.h"
#include "engine/drishti.h"
#include "engine/eph.h"
#include "engine/zodiac.h"

#include <math.h>
#include <string.h>

const int strength_saptavarga[STRENGTH_SAPTAVARGA] = {VARGA_D1, VARGA_D2,  VARGA_D3, VARGA_D7,
                                                      VARGA_D9, VARGA_D12, VARGA_D30};

/* Deep exaltation points, sidereal degrees (BPHS ch. 3): Sun 10 Aries,
 * Moon 3 Taurus, Mars 28 Capricorn, Mercury 15 Virgo, Jupiter 5 Cancer,
 * Venus 27 Pisces, Saturn 20 Libra. The debilitation point is opposite. */
static const double exaltation[STRENGTH_GRAHAS] = {10, 33, 298, 165, 95, 357, 200};

/* The shortest arc between two longitudes, 0 .. 180. */
static double arc(double a, double b)
{
    double d = zodiac_norm(a - b);
    return d > 180.0 ? 360.0 - d : d;
}

double strength_uchcha(int g, double lon)
{
    return arc(lon, exaltation[g] + 180.0) / 3.0;
}

const char *strength_school_name(int school)
{
    static const char *const names[STRENGTH_SCHOOL_COUNT] = {"raman", "bphs"};
    return school >= 0 && school < STRENGTH_SCHOOL_COUNT ? names[school] : "?";
}

int strength_school_find(const char *name)
{
    for (int i = 0; i < STRENGTH_SCHOOL_COUNT; i++)
        if (strcmp(name, strength_school_name(i)) == 0)
            return i;
    return -1;
}

/* The ladder of saptavargaja bala by the compound relation (enum relation:
 * great friend .. great enemy): Raman sec. 30 halves it at each step; BPHS
 * 27.2-4 (Santhanam) gives 20, 15, 10, 4 and 2 (pramudita .. khala). */
static const double saptavarga_value[STRENGTH_SCHOOL_COUNT][5] = {
    [STRENGTH_SCHOOL_RAMAN] = {22.5, 15.0, 7.5, 3.75, 1.875},
    [STRENGTH_SCHOOL_BPHS] = {20.0, 15.0, 10.0, 4.0, 2.0},
};

/* The compound relation of g towards the lord of sign, both read in the
 * rasi chart (natural + temporary; Santhanam's note to BPHS 27.2-4 and
 * Raman: the temporary relation is that of the rasi chart). */
static int relation_to_lord(int g, int sign, const int d1_signs[STRENGTH_GRAHAS])
{
    int lord = sign_lord(sign);
    return dignity_compound(g, d1_signs[g], lord, d1_signs[lord]);
}

double strength_saptavargaja(int g, const int signs[STRENGTH_SAPTAVARGA], double d1_degree,
                             const int d1_signs[STRENGTH_GRAHAS], int school)
{
    double sum = 0;
    for (int i = 0; i < STRENGTH_SAPTAVARGA; i++) {
        int sign = signs[i];
        enum relation rel;
        /* Moolatrikona counts in the rasi only (Raman sec. 30). */
        if (i == 0 &&
            dignity_of(g, sign, d1_degree, d1_signs[sign_lord(sign)], &rel) == DIGNITY_MOOLATRIKONA)
            sum += 45.0;
        else if (dignity_owns(g, sign))
            sum += 30.0;
        else
            sum += saptavarga_value[school][relation_to_lord(g, sign, d1_signs)];
    }
    return sum;
}

static bool likes_even(int g)
{
    return g == GRAHA_MOON || g == GRAHA_VENUS;
}

double strength_ojayugma(int g, int d1_sign, int d9_sign)
{
    /* enum sign 0 = Aries: an even index is an odd sign. */
    double v = 0;
    if ((d1_sign % 2 == 1) == likes_even(g))
        v += 15.0;
    if ((d9_sign % 2 == 1) == likes_even(g))
        v += 15.0;
    return v;
}

double strength_kendradi(int house)
{
    switch (house % 3) {
    case 1: return 60.0;  /* 1, 4, 7, 10 */
    case 2: return 30.0;  /* 2, 5, 8, 11 */
    default: return 15.0; /* 3, 6, 9, 12 */
    }
}

double strength_drekkana(int g, double degree)
{
    /* the decanate each graha is strong in: male, neuter, female */
    static const int part[STRENGTH_GRAHAS] = {0, 2, 0, 1, 0, 2, 1};
    int d = degree < 10.0 ? 0 : degree < 20.0 ? 1 : 2;
    return d == part[g] ? 15.0 : 0.0;
}

double strength_dig(int g, double lon, double asc, double mc)
{
    double powerless;
    switch (g) {
    case GRAHA_SUN:
    case GRAHA_MARS: powerless = mc + 180.0; break;
    case GRAHA_MOON:
    case GRAHA_VENUS: powerless = mc; break;
    case GRAHA_MERCURY:
    case GRAHA_JUPITER: powerless = asc + 180.0; break;
    default: /* Saturn */ powerless = asc; break;
    }
    return arc(lon, powerless) / 3.0;
}

double strength_nathonnatha(int g, double hours_from_noon)
{
    double u = fabs(hours_from_noon);
    if (u > 12.0)
        u = 12.0;
    switch (g) {
    case GRAHA_MERCURY: return 60.0;
    case GRAHA_SUN:
    case GRAHA_JUPITER:
    case GRAHA_VENUS: return 5.0 * (12.0 - u);
    default: /* the Moon, Mars, Saturn: strong at night */ return 5.0 * u;
    }
}

double strength_paksha(int g, double elongation, bool benefic)
{
    double e = arc(elongation, 0.0);
    double v = benefic ? e / 3.0 : 60.0 - e / 3.0;
    return g == GRAHA_MOON ? 2.0 * v : v;
}

double strength_tribhaga(int g, int part)
{
    static const int lord[6] = {GRAHA_MERCURY, GRAHA_SUN,   GRAHA_SATURN,
                                GRAHA_MOON,    GRAHA_VENUS, GRAHA_MARS};
    if (g == GRAHA_JUPITER)
        return 60.0;
    return part >= 0 && part < 6 && lord[part] == g ? 60.0 : 0.0;
}

double strength_ayana(int g, double dec)
{
    double k;
    switch (g) {
    case GRAHA_MERCURY: k = fabs(dec); break;
    case GRAHA_MOON:
    case GRAHA_SATURN: k = -dec; break;
    default: k = dec; break;
    }
    return (24.0 + k) * 60.0 / 48.0;
}

/* Raman ch. V: the kranti at 0, 15, .. 90 degrees of bhuja, minutes of
 * arc (the declinations of a greatest obliquity of 24 degrees). */
static const double kranti_table[7] = {0, 362, 703, 1002, 1238, 1388, 1440};

double strength_kranti_raman(double sayana)
{
    double lon = zodiac_norm(sayana);
    double bhuja = fmod(lon, 180.0);
    if (bhuja > 90.0)
        bhuja = 180.0 - bhuja;
    int i = (int)(bhuja / 15.0);
    if (i > 5)
        i = 5;
    double minutes =
        kranti_table[i] + (kranti_table[i + 1] - kranti_table[i]) * (bhuja - 15.0 * i) / 15.0;
    return lon < 180.0 ? minutes / 60.0 : -minutes / 60.0; /* north from Aries to Virgo */
}

/* Days from creation to 1860-01-01 by the Surya Siddhanta, as Ebenezer
 * Burgess's translation gives them (the figure BPHS 27.13 is worked with). */
#define AHARGANA_1860 714404108573LL

long long strength_ahargana(int year, int month, int day)
{
    return AHARGANA_1860 +
           (long long)(civil_days_from_date(year, month, day) - civil_days_from_date(1860, 1, 1));
}

/* BPHS 27.13: (quotient of ahargana / 360) * 3 + 1, divided by 7, leaves
 * the weekday (remainder 1 = Sunday) on which the year began; for the month
 * the quotient of ahargana / 30, times 2, plus 1. enum graha numbers the
 * weekday lords Sunday .. Saturday. */
int strength_abda_lord(long long a)
{
    return (int)((a / 360 * 3) % 7);
}

int strength_masa_lord(long long a)
{
    return (int)((a / 30 * 2) % 7);
}

int strength_hora_lord(int vara, int n)
{
    /* the Chaldean order, slowest first */
    static const int order[7] = {GRAHA_SATURN, GRAHA_JUPITER, GRAHA_MARS, GRAHA_SUN,
                                 GRAHA_VENUS,  GRAHA_MERCURY, GRAHA_MOON};
    int first = 0;
    for (int i = 0; i < 7; i++)
        if (order[i] == vara)
            first = i;
    return order[((first + n) % 7 + 7) % 7];
}

/* The midpoint of two longitudes the short way round. */
static double midpoint(double a, double b)
{
    double d = zodiac_norm(b - a);
    if (d > 180.0)
        d -= 360.0;
    return zodiac_norm(a + d / 2.0);
}

double strength_cheshta_kendra(int g, double true_lon, double own_mean, double mean_sun)
{
    double seeghrochcha, mean;
    if (g == GRAHA_MERCURY || g == GRAHA_VENUS) {
        seeghrochcha = own_mean;
        mean = mean_sun;
    } else {
        seeghrochcha = mean_sun;
        mean = own_mean;
    }
    return arc(seeghrochcha, midpoint(mean, true_lon)) / 3.0;
}

double strength_mean_longitude(int g, double t)
{
    /* Meeus, Astronomical Algorithms (2nd ed.) table 31.A, mean equinox of
     * date, the constant and linear terms; the Sun is the Earth's + 180. */
    static const double l0[STRENGTH_GRAHAS] = {280.466457, 0,          355.433000, 252.250906,
                                               34.351519,  181.979801, 50.077444};
    static const double l1[STRENGTH_GRAHAS] = {
        36000.7698278, 0, 19141.6964471, 149474.0722491, 3036.3027748, 58519.2130302, 1223.5110686};
    return zodiac_norm(l0[g] + l1[g] * t);
}

/* Raman's Tables IV-IX (the epoch data and the daily motions behind his
 * product tables; transcribed in PyJHora's strength.py): the epoch is
 * 1 January 1900, 0h local mean time at 76 E, i.e. 1899-12-31 18:56 UT. */
#define RAMAN_EPOCH_UT (2415020.5 - 76.0 / 360.0)

double strength_raman_mean_longitude(int g, double jd_ut)
{
    /* sidereal places at the epoch, Sun .. Saturn (the Moon unused); for
     * Mercury and Venus their seeghrochchas */
    static const double epoch[STRENGTH_GRAHAS] = {257.4568, 0,      270.22, 164.0,
                                                  220.04,   328.51, 236.74};
    /* degrees a day: Table IV (Sun), V (Mars), VI (Jupiter), VII (Saturn),
     * VIII (Mercury's seeghrochcha), IX (Venus') */
    static const double motion[STRENGTH_GRAHAS] = {0.9856026545, 0,        0.524019333, 4.092318,
                                                   0.083096333,  1.602146, 0.0334393333};
    /* the book's corrections, a + b t degrees with t years since the epoch */
    static const double a[STRENGTH_GRAHAS] = {0, 0, 0, 6.67, -3.3, -5.0, 5.0};
    static const double b[STRENGTH_GRAHAS] = {0, 0, 0, -0.00133, -0.0067, -0.0001, 0.001};
    double days = jd_ut - RAMAN_EPOCH_UT;
    double years = days / 365.25;
    return zodiac_norm(epoch[g] + fmod(motion[g] * days, 360.0) + a[g] + b[g] * years);
}

double strength_naisargika(int g)
{
    static const int n[STRENGTH_GRAHAS] = {7, 6, 2, 3, 4, 5, 1};
    return 60.0 * n[g] / 7.0;
}

void strength_benefics(const int signs[GRAHA_CLASSICAL], double elongation,
                       bool out[STRENGTH_GRAHAS])
{
    bool waxing = zodiac_norm(elongation) < 180.0;
    out[GRAHA_SUN] = false;
    out[GRAHA_MOON] = waxing;
    out[GRAHA_MARS] = false;
    out[GRAHA_JUPITER] = true;
    out[GRAHA_VENUS] = true;
    out[GRAHA_SATURN] = false;
    int good = 0, bad = 0;
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        if (g == GRAHA_MERCURY || signs[g] != signs[GRAHA_MERCURY])
            continue;
        if (g == GRAHA_JUPITER || g == GRAHA_VENUS || (g == GRAHA_MOON && waxing))
            good++;
        else
            bad++;
    }
    out[GRAHA_MERCURY] = bad <= good;
}

double strength_drik(int g, const double lons[STRENGTH_GRAHAS], const bool benefic[STRENGTH_GRAHAS])
{
    double pinda = 0;
    for (int h = 0; h < STRENGTH_GRAHAS; h++) {
        if (h == g)
            continue;
        double d = drishti_virupa(h, lons[h], lons[g]);
        pinda += benefic[h] ? d : -d;
    }
    return pinda / 4.0;
}

double strength_bhava_drishti(double madhya, const double lons[STRENGTH_GRAHAS],
                              const bool benefic[STRENGTH_GRAHAS])
{
    double sum = 0;
    for (int h = 0; h < STRENGTH_GRAHAS; h++) {
        double d = drishti_virupa(h, lons[h], madhya);
        if (h == GRAHA_JUPITER || h == GRAHA_MERCURY)
            sum += d;
        else
            sum += (benefic[h] ? d : -d) / 4.0;
    }
    return sum;
}

double strength_bhava_dig(int house, double madhya)
{
    double lon = zodiac_norm(madhya);
    int sign = zodiac_part(lon, 30.0);
    bool first_half = lon - 30.0 * sign < 15.0;
    int zero; /* the house where the sign's class has no strength */
    switch (sign) {
    case GEMINI:
    case VIRGO:
    case LIBRA:
    case AQUARIUS:
        zero = 7; /* nara */
        break;
    case CANCER:
    case PISCES:
        zero = 10; /* jalachara */
        break;
    case SCORPIO:
        zero = 1; /* keeta */
        break;
    case SAGITTARIUS: zero = first_half ? 7 : 4; break;
    case CAPRICORN: zero = first_half ? 4 : 10; break;
    default: /* Aries, Taurus, Leo: chatushpada */ zero = 4; break;
    }
    int d = ((house - zero) % 12 + 12) % 12;
    if (d > 6)
        d = 12 - d;
    return 10.0 * d;
}

void strength_bhava_madhyas(double asc, double mc, double m[12])
{
    double kendra[4] = {zodiac_norm(asc), zodiac_norm(mc + 180.0), zodiac_norm(asc + 180.0),
                        zodiac_norm(mc)};
    for (int q = 0; q < 4; q++) {
        double from = kendra[q], span = zodiac_norm(kendra[(q + 1) % 4] - from);
        m[3 * q] = from;
        m[3 * q + 1] = zodiac_norm(from + span / 3.0);
        m[3 * q + 2] = zodiac_norm(from + 2.0 * span / 3.0);
    }
}

/* BPHS 7.17-25: the vargas of each scheme and their full weights. */
static const double vimshopaka_weight[VIMSHOPAKA_COUNT][VARGA_COUNT] = {
    /*             D1   D2   D3   D4   D7   D9   D10  D12  D16  D20  D24  D27  D30  D40  D45  D60 */
    [VIMSHOPAKA_SHADVARGA] = {6, 2, 4, 0, 0, 5, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0},
    [VIMSHOPAKA_SAPTAVARGA] = {5, 2, 3, 0, 2.5, 4.5, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0},
    [VIMSHOPAKA_DASHAVARGA] = {3, 1.5, 1.5, 0, 1.5, 1.5, 1.5, 1.5, 1.5, 0, 0, 0, 1.5, 0, 0, 5},
    [VIMSHOPAKA_SHODASAVARGA] = {3.5, 1, 1, 0.5, 0.5, 3, 0.5, 0.5, 2, 0.5, 0.5, 0.5, 1, 0.5, 0.5,
                                 4},
};

double strength_vimshopaka(int g, int scheme, const int signs[VARGA_COUNT],
                           const int d1_signs[STRENGTH_GRAHAS])
{
    /* BPHS 7.21-25: 20 in own vargas, else 18 / 15 / 10 / 7 / 5 by the
     * compound relation (great friend .. great enemy). */
    static const double points[5] = {18, 15, 10, 7, 5};
    double sum = 0;
    for (int v = 0; v < VARGA_COUNT; v++) {
        double w = vimshopaka_weight[scheme][v];
        if (w == 0)
            continue;
        int sign = signs[v];
        double p = dignity_owns(g, sign) || dignity_exaltation_sign(g) == sign
                       ? 20.0
                       : points[relation_to_lord(g, sign, d1_signs)];
        sum += w * p / 20.0;
    }
    return sum;
}

double strength_ishta(double uchcha, double cheshta)
{
    return sqrt(uchcha * cheshta);
}

double strength_kashta(double uchcha, double cheshta)
{
    double a = 60.0 - uchcha, b = 60.0 - cheshta;
    return a > 0 && b > 0 ? sqrt(a * b) : 0.0;
}

double strength_required(int g, int school)
{
    static const double rupas[STRENGTH_GRAHAS] = {5, 6, 5, 7, 6.5, 5.5, 5};
    if (g == GRAHA_SUN && school == STRENGTH_SCHOOL_BPHS)
        return 6.5; /* 390 virupas */
    return rupas[g];
}

const char *strength_vimshopaka_name(int s)
{
    static const char *const names[VIMSHOPAKA_COUNT] = {"shadvarga", "saptavarga", "dashavarga",
                                                        "shodasavarga"};
    return s >= 0 && s < VIMSHOPAKA_COUNT ? names[s] : "?";
}

/* ---- the chart ------------------------------------------------------ */

/* Apparent disc diameters (bimba) for the war's quotient, Raman sec. 77. */
static const double bimba[STRENGTH_GRAHAS] = {0, 0, 9.4, 6.6, 190.4, 16.6, 158.0};

/* The declination (degrees) of tropical ecliptic longitude lon and
 * latitude lat (degrees) at t Julian centuries from J2000, on the mean
 * obliquity of IAU 1980 (Meeus 22.2); nutation (< 10") is below a
 * thousandth of a virupa of ayana bala. */
static double declination(double lon, double lat, double t)
{
    const double rad = M_PI / 180.0;
    double eps = (23.439291111 - 0.013004167 * t) * rad;
    double s = sin(lat * rad) * cos(eps) + cos(lat * rad) * sin(eps) * sin(lon * rad);
    return asin(s) / rad;
}

/* The parts of the day a birth falls in: hours from the nearer local
 * apparent noon, third of day (0..2) or night (3..5), the hora since
 * sunrise and the civil date of the Vedic day. */
struct day_parts {
    double hours_from_noon;
    int tribhaga;
    int hora;
    int year, month, day;
};

/* The civil (local) date of an instant: UT seconds plus the offset. */
static void local_date(double ut, int offset, int *y, int *m, int *d)
{
    struct civil cv;
    civil_from_seconds((int64_t)floor(ut + offset), &cv);
    *y = cv.year;
    *m = cv.month;
    *d = cv.day;
}

static int day_parts(const struct chart *c, const struct panchang *p, struct day_parts *dp,
                     struct error *err)
{
    const double birth = c->tz.ut;
    if (p->sunrise.valid && p->sunset.valid) {
        double sr = p->sunrise.ut, ss = p->sunset.ut;
        /* Local apparent noon, where the Sun crosses the meridian, taken as
         * the middle of sunrise and sunset (Hindu rising: the disc's centre,
         * no refraction, so the two are symmetric to within seconds). */
        double d = (birth - (sr + ss) / 2.0) / 3600.0;
        d = fmod(d, 24.0);
        if (d > 12.0)
            d -= 24.0;
        else if (d < -12.0)
            d += 24.0;
        dp->hours_from_noon = fabs(d);
        if (birth < ss) {
            int part = (int)floor((birth - sr) / ((ss - sr) / 3.0));
            dp->tribhaga = part < 0 ? 0 : part > 2 ? 2 : part;
        } else {
            double next;
            int rc = eph_rise_set(civil_jd_from_seconds(ss), GRAHA_SUN, EPH_RISE, c->birth.latitude,
                                  c->birth.longitude, &next, err);
            if (rc < 0)
                return rc;
            double nsr = rc == 0 ? civil_seconds_from_jd(next) : ss + 12 * 3600.0;
            int part = (int)floor((birth - ss) / ((nsr - ss) / 3.0));
            dp->tribhaga = 3 + (part < 0 ? 0 : part > 2 ? 2 : part);
        }
        dp->hora = (int)floor((birth - sr) / 3600.0);
        local_date(sr, p->sunrise.offset, &dp->year, &dp->month, &dp->day);
        return 0;
    }
    /* No sunrise or sunset (polar day or night): local mean time, the day
     * taken as 06:00 to 18:00, the birth's civil date. */
    double lmt = fmod(birth + c->birth.longitude * 240.0, 86400.0);
    if (lmt < 0)
        lmt += 86400.0;
    double h = lmt / 3600.0;
    dp->hours_from_noon = fabs(h - 12.0);
    if (h >= 6.0 && h < 18.0)
        dp->tribhaga = (int)((h - 6.0) / 4.0);
    else
        dp->tribhaga = 3 + (int)(fmod(h + 6.0, 24.0) / 4.0);
    dp->hora = (int)fmod(h + 18.0, 24.0); /* hours since 06:00 */
    dp->year = c->birth.local.year;
    dp->month = c->birth.local.month;
    dp->day = c->birth.local.day;
    return 0;
}

int strength_compute(const struct chart *c, const struct vargas *v, const struct panchang *p,
                     struct strength *out, struct error *err)
{
    double lons[STRENGTH_GRAHAS];
    int d1_signs[STRENGTH_GRAHAS], signs9[GRAHA_CLASSICAL];
    bool benefic[STRENGTH_GRAHAS];
    struct day_parts dp;
    int rc;

    const int school = c->options.strength_school;
    memset(out, 0, sizeof *out);
    out->school = school;
    out->war_winner = out->war_loser = -1;
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        signs9[g] = c->grahas[g].pos.sign;
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        lons[g] = c->grahas[g].pos.longitude;
        d1_signs[g] = c->grahas[g].pos.sign;
    }
    double elongation = zodiac_norm(lons[GRAHA_MOON] - lons[GRAHA_SUN]);
    strength_benefics(signs9, elongation, benefic);

    rc = day_parts(c, p, &dp, err);
    if (rc)
        return rc;
    long long ahargana = strength_ahargana(dp.year, dp.month, dp.day);
    out->abda_lord = strength_abda_lord(ahargana);
    out->masa_lord = strength_masa_lord(ahargana);
    out->vara_lord = p->vara; /* enum graha numbers the weekday lords */
    out->hora_lord = strength_hora_lord(p->vara, dp.hora);

    /* The mean planets of cheshta bala: Raman's tables are sidereal and
     * used with the chart's own longitudes, as his book and V.P. Jain's use
     * them; the modern mean elements are tropical, made sidereal here. */
    const bool raman = school == STRENGTH_SCHOOL_RAMAN;
    double t = (c->jd_ut + c->delta_t / 86400.0 - JD_J2000) / 36525.0;
    double mean[STRENGTH_GRAHAS] = {0};
    for (int g = 0; g < STRENGTH_GRAHAS; g++)
        if (g != GRAHA_MOON)
            mean[g] = raman ? strength_raman_mean_longitude(g, c->jd_ut)
                            : zodiac_norm(strength_mean_longitude(g, t) - c->ayanamsa_value);
    double cheshta_of_light[2] = {0, 0}; /* the Sun's and the Moon's, for the phalas */

    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        struct shadbala *s = &out->graha[g];
        const struct graha_pos *gp = &c->grahas[g];
        int vs[STRENGTH_SAPTAVARGA];
        for (int i = 0; i < STRENGTH_SAPTAVARGA; i++)
            vs[i] = v->charts[strength_saptavarga[i]].grahas[g].sign;
        s->benefic = benefic[g];
        s->uchcha = strength_uchcha(g, lons[g]);
        s->saptavargaja = strength_saptavargaja(g, vs, gp->pos.degree, d1_signs, school);
        s->ojayugma = strength_ojayugma(g, gp->pos.sign, v->charts[VARGA_D9].grahas[g].sign);
        s->kendradi = strength_kendradi(gp->house);
        s->drekkana = strength_drekkana(g, gp->pos.degree);
        s->sthana = s->uchcha + s->saptavargaja + s->ojayugma + s->kendradi + s->drekkana;
        s->dig = strength_dig(g, lons[g], c->ascendant.longitude, c->mc.longitude);

        s->nathonnatha = strength_nathonnatha(g, dp.hours_from_noon);
        s->paksha = strength_paksha(g, elongation, benefic[g]);
        s->tribhaga = strength_tribhaga(g, dp.tribhaga);
        s->abda = out->abda_lord == g ? 15.0 : 0.0;
        s->masa = out->masa_lord == g ? 30.0 : 0.0;
        s->vara = out->vara_lord == g ? 45.0 : 0.0;
        s->hora = out->hora_lord == g ? 60.0 : 0.0;
        /* The kranti of the sayana longitude by Raman's table, or the true
         * declination of date (the latitude counted). */
        double sayana = lons[g] + c->ayanamsa_value;
        double dec = raman ? strength_kranti_raman(sayana) : declination(sayana, gp->latitude, t);
        double ayana = strength_ayana(g, dec);
        s->ayana = g == GRAHA_SUN ? 2.0 * ayana : ayana;

        /* Raman sec. 106: the Sun's cheshta bala is his ayana bala, the
         * Moon's her paksha bala. Both books that work it out (Raman's
         * Standard Horoscope, V.P. Jain's example) count it once, by the
         * doubling of those two in kala bala, and print no cheshta bala for
         * the luminaries (their totals add up only so); the undoubled value
         * is their cheshta for the ishta and kashta phalas. */
        if (g == GRAHA_SUN)
            cheshta_of_light[0] = ayana;
        else if (g == GRAHA_MOON)
            cheshta_of_light[1] = s->paksha / 2.0;
        else
            s->cheshta = strength_cheshta_kendra(g, lons[g], mean[g], mean[GRAHA_SUN]);
        s->naisargika = strength_naisargika(g);
        s->drik = strength_drik(g, lons, benefic);
    }

    /* Graha yuddha (Raman secs. 76-77): two of Mars .. Saturn within a
     * degree are at war; the one behind in longitude wins. The difference
     * of their sthana, dig and kala bala up to hora bala, divided by the
     * difference of their discs, is added to the winner's kala bala and
     * taken from the loser's. */
    double aggregate[STRENGTH_GRAHAS];
    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        const struct shadbala *s = &out->graha[g];
        aggregate[g] = s->sthana + s->dig + s->nathonnatha + s->paksha + s->tribhaga + s->abda +
                       s->masa + s->vara + s->hora;
    }
    for (int a = GRAHA_MARS; a < STRENGTH_GRAHAS; a++)
        for (int b = a + 1; b < STRENGTH_GRAHAS; b++) {
            double ahead = zodiac_norm(lons[b] - lons[a]); /* b ahead of a by this */
            if (arc(lons[a], lons[b]) >= 1.0)
                continue;
            int win = ahead < 180.0 ? a : b, lose = win == a ? b : a;
            double value = fabs(aggregate[win] - aggregate[lose]) / fabs(bimba[win] - bimba[lose]);
            out->graha[win].yuddha += value;
            out->graha[lose].yuddha -= value;
            if (out->war_winner < 0) {
                out->war_winner = win;
                out->war_loser = lose;
            }
        }

    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        struct shadbala *s = &out->graha[g];
        s->kala = s->nathonnatha + s->paksha + s->tribhaga + s->abda + s->masa + s->vara + s->hora +
                  s->ayana + s->yuddha;
        s->total = s->sthana + s->dig + s->kala + s->cheshta + s->naisargika + s->drik;
        s->rupas = s->total / 60.0;
        s->required = strength_required(g, school);
        s->ratio = s->rupas / s->required;
        double cheshta = g <= GRAHA_MOON ? cheshta_of_light[g] : s->cheshta;
        s->ishta = strength_ishta(s->uchcha, cheshta);
        s->kashta = strength_kashta(s->uchcha, cheshta);
    }

    double madhya[12];
    strength_bhava_madhyas(c->ascendant.longitude, c->mc.longitude, madhya);
    for (int h = 0; h < 12; h++) {
        struct bhava_bala *b = &out->bhava[h];
        b->madhya = madhya[h];
        b->sign = zodiac_part(madhya[h], 30.0);
        b->lord = sign_lord(b->sign);
        b->adhipati = out->graha[b->lord].total;
        b->dig = strength_bhava_dig(h + 1, madhya[h]);
        b->drishti = strength_bhava_drishti(madhya[h], lons, benefic);
        b->total = b->adhipati + b->dig + b->drishti;
        b->rupas = b->total / 60.0;
    }

    for (int g = 0; g < STRENGTH_GRAHAS; g++) {
        int vs[VARGA_COUNT];
        for (int i = 0; i < VARGA_COUNT; i++)
            vs[i] = v->charts[i].grahas[g].sign;
        for (int s = 0; s < VIMSHOPAKA_COUNT; s++)
            out->vimshopaka[g][s] = strength_vimshopaka(g, s, vs, d1_signs);
    }
    return 0;
}
