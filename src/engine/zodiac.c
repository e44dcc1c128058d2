/* zodiac.c - names, lords and exact division of the sidereal zodiac.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/zodiac.h"

#include <math.h>
#include <stdlib.h>
#include <strings.h>

static const char *const graha_names[GRAHA_COUNT] = {
    "Sun", "Moon", "Mars", "Mercury", "Jupiter", "Venus",
    "Saturn", "Rahu", "Ketu", "Uranus", "Neptune", "Pluto",
};

static const char *const sign_names[12] = {
    "Aries", "Taurus", "Gemini", "Cancer", "Leo", "Virgo",
    "Libra", "Scorpio", "Sagittarius", "Capricorn", "Aquarius", "Pisces",
};

static const char *const nakshatra_names[27] = {
    "Ashwini", "Bharani", "Krittika", "Rohini", "Mrigashira", "Ardra",
    "Punarvasu", "Pushya", "Ashlesha", "Magha", "Purva Phalguni", "Uttara Phalguni",
    "Hasta", "Chitra", "Swati", "Vishakha", "Anuradha", "Jyeshtha",
    "Mula", "Purva Ashadha", "Uttara Ashadha", "Shravana", "Dhanishta", "Shatabhisha",
    "Purva Bhadrapada", "Uttara Bhadrapada", "Revati",
};

static const int sign_lords[12] = {
    GRAHA_MARS, GRAHA_VENUS, GRAHA_MERCURY, GRAHA_MOON, GRAHA_SUN, GRAHA_MERCURY,
    GRAHA_VENUS, GRAHA_MARS, GRAHA_JUPITER, GRAHA_SATURN, GRAHA_SATURN, GRAHA_JUPITER,
};

/* Vimshottari order of nakshatra lords, repeating from Ashwini. */
static const int vimshottari_lords[9] = {
    GRAHA_KETU, GRAHA_VENUS, GRAHA_SUN, GRAHA_MOON, GRAHA_MARS,
    GRAHA_RAHU, GRAHA_JUPITER, GRAHA_SATURN, GRAHA_MERCURY,
};

const char *graha_name(int g)
{
    return g >= 0 && g < GRAHA_COUNT ? graha_names[g] : "?";
}

const char *sign_name(int s)
{
    return s >= 0 && s < 12 ? sign_names[s] : "?";
}

const char *nakshatra_name(int n)
{
    return n >= 0 && n < 27 ? nakshatra_names[n] : "?";
}

int sign_lord(int s)
{
    return sign_lords[((s % 12) + 12) % 12];
}

int nakshatra_lord(int n)
{
    return vimshottari_lords[((n % 27) + 27) % 27 % 9];
}

static int find(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcasecmp(names[i], name) == 0)
            return i;
    return -1;
}

int graha_find(const char *name)
{
    return find(graha_names, GRAHA_COUNT, name);
}

int sign_find(const char *name)
{
    return find(sign_names, 12, name);
}

int nakshatra_find(const char *name)
{
    if (name[0] >= '1' && name[0] <= '9') {
        char *end;
        long v = strtol(name, &end, 10);
        return *end == '\0' && v >= 1 && v <= 27 ? (int)v - 1 : -1;
    }
    return find(nakshatra_names, 27, name);
}

double zodiac_norm(double lon)
{
    double x = fmod(lon, 360.0);
    if (x < 0)
        x += 360.0;
    if (x >= 360.0) /* fmod of a tiny negative can round up to 360 */
        x = 0.0;
    return x;
}

int zodiac_part(double lon, double span)
{
    int parts = (int)lround(360.0 / span);
    /* 1e-9 arcsecond in degrees: far below any ephemeris precision, far
     * above the rounding error of lon and of the edge itself. */
    int k = (int)floor(lon / span + (1e-9 / 3600.0) / span);
    if (k < 0)
        k = 0;
    if (k >= parts)
        k = parts - 1;
    return k;
}

void zodiac_locate(double lon, struct zodiac_pos *out)
{
    lon = zodiac_norm(lon);
    out->longitude = lon;
    out->sign = zodiac_part(lon, 30.0);
    out->degree = lon - 30.0 * out->sign;
    if (out->degree < 0)
        out->degree = 0;
    int quarter = zodiac_part(lon, PADA_SPAN); /* 0 .. 107 */
    out->nakshatra = quarter / 4;
    out->pada = quarter % 4 + 1;
}

void zodiac_dms(double deg, int *d, int *m, double *s)
{
    long long centis = llround(fabs(deg) * 360000.0); /* hundredths of a second */
    *d = (int)(centis / 360000);
    *m = (int)(centis / 6000 % 60);
    *s = (double)(centis % 6000) / 100.0;
}
