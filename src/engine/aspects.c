/* aspects.c - graha drishti and rashi drishti by whole signs (see
 * aspects.h): which signs each graha's sight falls on, the houses they are
 * from the lagna, and the grahas standing in them.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/aspects.h"

#include "engine/drishti.h"

#include <math.h>

/* N(n): the nth sign from the graha (n = 1: its own) as a bit. */
#define N(n) (1u << (n))

/* Graha drishti. Every graha aspects the 7th sign from itself; Mars also
 * the 4th and 8th, Jupiter the 5th and 9th, Saturn the 3rd and 10th, with
 * full sight (BPHS ch. 26, "Graha drishti"; Varahamihira, Brihat Jataka
 * ch. 2 v. 13). The nodes by option (docs/aspects.md):
 *  - none: Parashara's chapter gives the special aspects of the seven
 *    planets only, and P.V.R. Narasimha Rao's worked answer (Vedic
 *    Astrology: An Integrated Approach, ch. 10, exercise 14) lists none for
 *    Rahu and Ketu;
 *  - seventh: the 7th, as every graha (PyJHora's const.graha_drishti);
 *  - bphs: "suta-madana-navante purna-drishtim tamasya" -- Rahu's full
 *    sight on the 5th, 7th, 9th and 12th (a verse of BPHS in the
 *    Venkateshwar Press edition), given to Ketu too. */
static const unsigned seven[GRAHA_SEVEN] = {
    [GRAHA_SUN] = N(7),
    [GRAHA_MOON] = N(7),
    [GRAHA_MARS] = N(4) | N(7) | N(8),
    [GRAHA_MERCURY] = N(7),
    [GRAHA_JUPITER] = N(5) | N(7) | N(9),
    [GRAHA_VENUS] = N(7),
    [GRAHA_SATURN] = N(3) | N(7) | N(10),
};
static const unsigned nodes[NODE_ASPECTS_COUNT] = {
    [NODE_ASPECTS_NONE] = 0,
    [NODE_ASPECTS_SEVENTH] = N(7),
    [NODE_ASPECTS_BPHS] = N(5) | N(7) | N(9) | N(12),
};

unsigned aspects_graha_nths(int graha, int node_aspects)
{
    if (graha >= 0 && graha < GRAHA_SEVEN)
        return seven[graha];
    if ((graha == GRAHA_RAHU || graha == GRAHA_KETU) && node_aspects >= 0 &&
        node_aspects < NODE_ASPECTS_COUNT)
        return nodes[node_aspects];
    return 0;
}

/* Rashi drishti (Jaimini, Upadesa Sutras 1.1.2-4: "abhipashyanti
 * rikshani; parshvabhe cha; tannishthastadvat"): a movable sign (Aries,
 * Cancer, Libra, Capricorn) aspects the three fixed signs but the one
 * adjacent to it (the next sign), i.e. the 5th, 8th and 11th from itself; a
 * fixed sign aspects the movable signs but the adjacent one (the sign
 * before), the 3rd, 6th and 9th; a dual sign the other three duals, the
 * 4th, 7th and 10th. Grahas in a sign aspect what their sign aspects. */
static unsigned rashi_nths(int sign)
{
    static const unsigned by_quality[3] = {
        N(5) | N(8) | N(11), /* movable */
        N(3) | N(6) | N(9),  /* fixed */
        N(4) | N(7) | N(10), /* dual */
    };
    return by_quality[sign % 3];
}

unsigned aspects_rashi_signs(int sign)
{
    unsigned nths, out = 0;
    if (sign < 0 || sign > 11)
        return 0;
    nths = rashi_nths(sign);
    for (int n = 1; n <= 12; n++)
        if (nths & N(n))
            out |= 1u << ((sign + n - 1) % 12);
    return out;
}

/* Fills d with the nths (bits) counted from `from`, and the grahas in
 * those signs. */
static void fill(struct drishti *d, unsigned nths, int from, int lagna, const int *signs)
{
    d->count = 0;
    d->ngrahas = 0;
    for (int n = 1; n <= 12; n++) {
        if (!(nths & N(n)) || d->count == ASPECTS_MAX_SIGNS)
            continue;
        int s = (from + n - 1) % 12;
        d->nth[d->count] = n;
        d->sign[d->count] = s;
        d->house[d->count] = (s - lagna + 12) % 12 + 1;
        d->count++;
        for (int g = 0; g < GRAHA_CLASSICAL; g++)
            if (signs[g] == s) {
                d->strength_virupa[d->ngrahas] = NAN;
                d->grahas[d->ngrahas++] = g;
            }
    }
}

void aspects_from_signs(const int signs[GRAHA_CLASSICAL], int lagna, int node_aspects,
                        struct aspects *out)
{
    out->node_aspects = node_aspects;
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        struct graha_aspects *a = &out->g[g];
        a->sign = signs[g];
        fill(&a->graha_drishti, aspects_graha_nths(g, node_aspects), signs[g], lagna, signs);
        fill(&a->rashi_drishti, rashi_nths(signs[g]), signs[g], lagna, signs);
    }
}

void aspects_compute(const struct chart *c, struct aspects *out)
{
    int signs[GRAHA_CLASSICAL];
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        signs[g] = c->grahas[g].pos.sign;
    aspects_from_signs(signs, c->ascendant.sign, c->options.node_aspects, out);
    /* Each graha aspected by graha drishti, with the strength of that
     * sight by the exact distance (sphuta drishti, engine/drishti.h) */
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        struct drishti *d = &out->g[g].graha_drishti;
        for (int i = 0; i < d->ngrahas; i++)
            d->strength_virupa[i] = drishti_virupa(g, c->grahas[g].pos.longitude,
                                                   c->grahas[d->grahas[i]].pos.longitude);
    }
}
