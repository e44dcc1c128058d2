/* aspects.h - the aspects (drishti) of the D1 chart, by whole signs: graha
 * drishti by Parashara's rules (every graha the 7th, Mars also the 4th and
 * 8th, Jupiter the 5th and 9th, Saturn the 3rd and 10th; the nodes by
 * option) and Jaimini's rashi drishti (sign aspects), each as the signs,
 * houses and grahas a graha aspects. Pure and fast: table lookups.
 * docs/aspects.md has the rules and their sources.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ASPECTS_H
#define KUNDLI_ASPECTS_H

#include "engine/chart.h"

#define ASPECTS_MAX_SIGNS 4 /* the most signs one graha aspects (Rahu under bphs) */

/* What one graha aspects by one kind of drishti. The signs come in the
 * order of the aspect counted from the graha's sign (3rd, 4th, 5th, 7th,
 * ...), as the textbooks list them; the grahas sign by sign in that order,
 * and within a sign in enum graha order. Only the nine grahas Sun .. Ketu
 * aspect or are aspected (never the outer planets). */
struct drishti {
    int count;                    /* signs aspected, 0 .. ASPECTS_MAX_SIGNS */
    int nth[ASPECTS_MAX_SIGNS];   /* 3 .. 12: the sign is the nth from the graha */
    int sign[ASPECTS_MAX_SIGNS];  /* enum sign */
    int house[ASPECTS_MAX_SIGNS]; /* 1 .. 12, whole signs from the lagna */
    int ngrahas;                  /* grahas in those signs */
    int grahas[GRAHA_CLASSICAL];  /* enum graha */
    /* Graha drishti only: the strength of the sight on each of grahas[]
     * by the exact distance, in virupas (0 .. 60; 60 = full), from
     * drishti_virupa() (engine/drishti.h, BPHS ch. 26); NAN from
     * aspects_from_signs (no longitudes), and for rashi drishti, and then
     * not written. */
    double strength_virupa[GRAHA_CLASSICAL];
};

struct graha_aspects {
    int sign;                     /* the graha's own sign (enum sign) */
    struct drishti graha_drishti; /* Parashara's graha drishti */
    struct drishti rashi_drishti; /* Jaimini's rashi drishti */
};

struct aspects {
    int node_aspects;                        /* enum node_aspects used */
    struct graha_aspects g[GRAHA_CLASSICAL]; /* indexed by enum graha, Sun .. Ketu */
};

/* The aspects of chart c: its signs of Sun .. Ketu and of the lagna, the
 * nodes' graha drishti by c->options.node_aspects, and each graha drishti's
 * strength_virupa from the longitudes. Cannot fail. */
void aspects_compute(const struct chart *c, struct aspects *out);

/* The same from bare signs: signs[0..8] of Sun .. Ketu (enum sign each),
 * lagna the lagna's sign, node_aspects an enum node_aspects. */
void aspects_from_signs(const int signs[GRAHA_CLASSICAL], int lagna, int node_aspects,
                        struct aspects *out);

/* The graha drishti of graha (enum graha, Sun .. Ketu) under node_aspects,
 * as bits (1u << n) of the nth signs it aspects, counted from its own
 * sign (the 7th: 1u << 7). 0 for a node under none, or out of range. */
unsigned aspects_graha_nths(int graha, int node_aspects);

/* The signs that sign (enum sign) aspects by rashi drishti, as bits
 * (1u << aspected sign): three signs each. 0 out of range. */
unsigned aspects_rashi_signs(int sign);

#endif
