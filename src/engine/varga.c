/* varga.c - Parashara's sixteen divisional charts (BPHS ch. 6, R. Santhanam's
 * translation), cross-checked against P.V.R. Narasimha Rao's "Vedic
 * Astrology: An Integrated Approach" ch. 6 and PyJHora's traditional
 * Parashara methods. Division indices are computed in integer units.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/varga.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/*
 * Exact edges. A longitude within its sign is converted once to an integer
 * count of units of 1/504e9 degree (about 7.1e-9 arcsecond). 30 degrees is
 * then 15120e9 units, and 15120 is the lcm of every division (2^4 3^3 5 7),
 * so every edge of every varga, and every whole degree (D30), is an exact
 * integer: the division index is an integer quotient with no rounding. The
 * conversion adds 1e-9 arcsecond before flooring, the tie rule of
 * zodiac_part(), so the D1 sign always agrees with the chart's sign and a
 * value on an edge (or a rounding error below it) belongs to the next part.
 */
#define UNITS_PER_DEGREE INT64_C(504000000000)
#define UNITS_PER_SIGN (30 * UNITS_PER_DEGREE)
#define EDGE_EPS_UNITS ((1e-9 / 3600.0) * (double)UNITS_PER_DEGREE)

static const int divisions[VARGA_COUNT] = {
    1, 2, 3, 4, 7, 9, 10, 12, 16, 20, 24, 27, 30, 40, 45, 60,
};

static const char *const varga_names[VARGA_COUNT] = {
    "D1", "D2", "D3", "D4", "D7", "D9", "D10", "D12",
    "D16", "D20", "D24", "D27", "D30", "D40", "D45", "D60",
};

int varga_division(int v)
{
    return v >= 0 && v < VARGA_COUNT ? divisions[v] : 0;
}

const char *varga_name(int v)
{
    return v >= 0 && v < VARGA_COUNT ? varga_names[v] : "?";
}

int varga_find(const char *name)
{
    if (name[0] == 'D' || name[0] == 'd')
        name++;
    if (name[0] < '1' || name[0] > '9')
        return -1;
    char *end;
    long n = strtol(name, &end, 10);
    if (*end != '\0')
        return -1;
    for (int v = 0; v < VARGA_COUNT; v++)
        if (divisions[v] == n)
            return v;
    return -1;
}

/* Sign of lon and its position in the sign in units, in [0, UNITS_PER_SIGN). */
static int64_t locate(double lon, int *sign)
{
    lon = zodiac_norm(lon);
    int s = zodiac_part(lon, 30.0);
    double x = floor((lon - 30.0 * s) * (double)UNITS_PER_DEGREE + EDGE_EPS_UNITS);
    int64_t t = (int64_t)x;
    if (t < 0) /* within the tie window below the sign's start */
        t = 0;
    if (t >= UNITS_PER_SIGN) /* zodiac_part kept it in this sign: stay */
        t = UNITS_PER_SIGN - 1;
    *sign = s;
    return t;
}

/* Sign of part k (0-based) of sign s in a uniform varga of n parts, or -1.
 * Signs are 0 = Aries; an odd sign (Aries, Gemini ...) has an even index.
 * Modality s % 3: 0 movable, 1 fixed, 2 dual. Element s % 4: 0 fire,
 * 1 earth, 2 air, 3 water. */
static int uniform_rule(int n, int s, int k)
{
    static const int by_element_d9[4] = {ARIES, CAPRICORN, LIBRA, CANCER};
    static const int by_element_d27[4] = {ARIES, CANCER, LIBRA, CAPRICORN};
    static const int by_modality_d16[3] = {ARIES, LEO, SAGITTARIUS};
    static const int by_modality_d20[3] = {ARIES, SAGITTARIUS, LEO};
    bool odd = s % 2 == 0;
    int start;

    switch (n) {
    case 1:
        return s;
    case 2:
        /* Hora: in an odd sign the first half is the Sun's (Leo), the
         * second the Moon's (Cancer); the reverse in an even sign. */
        return odd == (k == 0) ? LEO : CANCER;
    case 3:
        /* Drekkana: the sign itself, its 5th and its 9th. */
        return (s + 4 * k) % 12;
    case 4:
        /* Chaturthamsa: the sign itself, its 4th, 7th and 10th. */
        return (s + 3 * k) % 12;
    case 7:
        /* Saptamsa: odd signs from the sign itself, even from its 7th. */
        start = odd ? s : s + 6;
        break;
    case 9:
        /* Navamsa: movable from itself, fixed from its 9th, dual from its
         * 5th; i.e. fire signs from Aries, earth from Capricorn, air from
         * Libra, water from Cancer. */
        start = by_element_d9[s % 4];
        break;
    case 10:
        /* Dasamsa: odd signs from the sign itself, even from its 9th. */
        start = odd ? s : s + 8;
        break;
    case 12:
        /* Dwadasamsa: from the sign itself. */
    case 60:
        /* Shashtyamsa: from the sign itself (degrees x 2, divide by 12,
         * remainder + 1 counted from the sign). */
        start = s;
        break;
    case 16:
        /* Shodasamsa: movable from Aries, fixed from Leo, dual from Sag. */
    case 45:
        /* Akshavedamsa: the same starting signs as D16. */
        start = by_modality_d16[s % 3];
        break;
    case 20:
        /* Vimsamsa: movable from Aries, fixed from Sag, dual from Leo. */
        start = by_modality_d20[s % 3];
        break;
    case 24:
        /* Chaturvimsamsa (siddhamsa): odd signs from Leo, even from Cancer. */
        start = odd ? LEO : CANCER;
        break;
    case 27:
        /* Bhamsa (nakshatramsa): fire from Aries, earth from Cancer, air
         * from Libra, water from Capricorn. */
        start = by_element_d27[s % 4];
        break;
    case 40:
        /* Khavedamsa: odd signs from Aries, even from Libra. */
        start = odd ? ARIES : LIBRA;
        break;
    default:
        return -1;
    }
    return (start + k) % 12;
}

/* Trimsamsa (BPHS ch. 6): unequal parts ruled by the five tara grahas. Odd
 * signs: Mars 5 deg (Aries), Saturn 5 (Aquarius), Jupiter 8 (Sagittarius),
 * Mercury 7 (Gemini), Venus 5 (Libra). Even signs in reverse: Venus 5
 * (Taurus), Mercury 7 (Virgo), Jupiter 8 (Pisces), Saturn 5 (Capricorn),
 * Mars 5 (Scorpio). The degree is the position inside the part scaled by
 * that part's own size to 30 degrees. */
static int trimsamsa(int s, int64_t t, double *degree)
{
    static const int odd_end[5] = {5, 10, 18, 25, 30};
    static const int odd_sign[5] = {ARIES, AQUARIUS, SAGITTARIUS, GEMINI, LIBRA};
    static const int even_end[5] = {5, 12, 20, 25, 30};
    static const int even_sign[5] = {TAURUS, VIRGO, PISCES, CAPRICORN, SCORPIO};
    const int *end = s % 2 == 0 ? odd_end : even_end;
    const int *sign = s % 2 == 0 ? odd_sign : even_sign;
    int i = 0;
    while (i < 4 && t >= end[i] * UNITS_PER_DEGREE)
        i++;
    int64_t start = i == 0 ? 0 : end[i - 1] * UNITS_PER_DEGREE;
    int64_t size = end[i] * UNITS_PER_DEGREE - start;
    if (degree)
        *degree = (double)(t - start) * 30.0 / (double)size;
    return sign[i];
}

/* The varga sign of the point at unit t of sign s; degree may be NULL. */
static int divide(int n, int s, int64_t t, double *degree)
{
    if (n == 30)
        return trimsamsa(s, t, degree);
    int64_t scaled = t * n; /* < 60 * 1.5e13: no overflow */
    int r = uniform_rule(n, s, (int)(scaled / UNITS_PER_SIGN));
    if (r >= 0 && degree)
        *degree = (double)(scaled % UNITS_PER_SIGN) / (double)UNITS_PER_DEGREE;
    return r;
}

int varga_sign(int division, double lon, double *degree)
{
    if (division != 30 && uniform_rule(division, ARIES, 0) < 0)
        return -1;
    int s;
    int64_t t = locate(lon, &s);
    return divide(division, s, t, degree);
}

static void compute_point(double lon, struct vargas *out, int point, bool parivritti)
{
    int s;
    int64_t t = locate(lon, &s);
    for (int v = 0; v < VARGA_COUNT; v++) {
        struct varga_chart *vc = &out->charts[v];
        struct varga_pos *p = point < 0 ? &vc->ascendant : &vc->grahas[point];
        p->sign = divide(divisions[v], s, t, &p->degree);
    }
    /* Parivritti hora (P.V.R. Narasimha Rao, "Vedic Astrology: An
     * Integrated Approach" ch. 6; PyJHora's default): the 24 horas of the
     * zodiac run through the signs in order from Aries. */
    if (parivritti) {
        struct varga_chart *d2 = &out->charts[VARGA_D2];
        struct varga_pos *p = point < 0 ? &d2->ascendant : &d2->grahas[point];
        p->sign = (int)((2 * s + t * 2 / UNITS_PER_SIGN) % 12);
    }
}

void varga_compute(const struct chart *c, struct vargas *out)
{
    out->ngrahas = c->ngrahas;
    bool parivritti = c->options.parivritti_hora;
    compute_point(c->ascendant.longitude, out, -1, parivritti);
    for (int g = 0; g < c->ngrahas; g++)
        compute_point(c->grahas[g].pos.longitude, out, g, parivritti);
    for (int g = c->ngrahas; g < GRAHA_COUNT; g++)
        for (int v = 0; v < VARGA_COUNT; v++)
            out->charts[v].grahas[g] = (struct varga_pos){.sign = -1, .degree = 0};
}
