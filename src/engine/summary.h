/* summary.h - the native's summary (avakhada chakra) of a birth chart:
 * the Moon's varna, vashya, yoni, gana and nadi, the nakshatra, rashi and
 * lagna lords, paya by two methods, tatva, the name syllable (namakshar) of
 * the Moon's pada, yunja, and the weekday by sunrise (Vedic) beside the
 * civil one. Section "summary" of a kundli. Pure table lookups on a
 * computed chart; the tables and their sources are in docs/summary.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SUMMARY_H
#define KUNDLI_SUMMARY_H

#include "engine/chart.h"

#include <stdbool.h>

/* Paya (the "foot" of a birth): swarna (gold), rajat (silver), tamra
 * (copper), loha (iron). */
enum paya { PAYA_SWARNA, PAYA_RAJAT, PAYA_TAMRA, PAYA_LOHA, PAYA_COUNT };

/* Tatva (element) of a sign: agni (fire), prithvi (earth), vayu (air),
 * jala (water). */
enum tatva { TATVA_AGNI, TATVA_PRITHVI, TATVA_VAYU, TATVA_JALA, TATVA_COUNT };

/* Yunja, the part of the nakshatra circle: purva (first), madhya
 * (middle), para (last). */
enum yunja { YUNJA_PURVA, YUNJA_MADHYA, YUNJA_PARA, YUNJA_COUNT };

struct summary {
    int varna, vashya, yoni, gana, nadi; /* of the Moon: enum varna .. nadi of
                                            match.h, the north tables */
    int nakshatra, pada;                 /* the Moon's: 0 .. 26, 1 .. 4 */
    int nakshatra_lord;                  /* enum graha, Vimshottari lord */
    int rashi, rashi_lord;               /* the Moon's sign and its lord */
    int lagna, lagna_lord;               /* the lagna's sign and its lord */
    int moon_house;                      /* 1 .. 12, whole signs from the lagna */
    int paya_moon_house;                 /* enum paya by the Moon's house */
    int paya_nakshatra;                  /* enum paya by the Moon's nakshatra */
    int tatva;                           /* enum tatva of the Moon's sign */
    const char *name;                    /* the namakshar, romanised ("Ru") */
    const char *display;                 /* the same in Devanagari (UTF-8, "रू") */
    int yunja;                           /* enum yunja of the Moon's nakshatra */
    int vedic_weekday;                   /* 0 = Sunday .. 6: weekday of the Vedic day
                                            (sunrise to sunrise) of the birth */
    int civil_weekday;                   /* 0 .. 6: weekday of the civil (local) date */
    bool before_sunrise;                 /* the two differ: born after midnight, before
                                            the day's sunrise */
};

/* Fills out from computed chart c. vedic_weekday is the weekday of the
 * birth's Vedic day (struct panchang.vara of panchang_at_birth: the caller
 * passes what the panchang computed, so the summary adds no sunrise
 * search of its own). Pure table lookups, no allocation, thread-safe. */
void summary_compute(const struct chart *c, int vedic_weekday, struct summary *out);

/* Names: "Swarna" .. "Loha"; "Agni" .. "Jala"; "Purva", "Madhya", "Para";
 * "?" out of range. */
const char *summary_paya_name(int paya);
const char *summary_tatva_name(int tatva);
const char *summary_yunja_name(int yunja);

/* The namakshar (first syllable of a name) of nakshatra 0 .. 26, pada
 * 1 .. 4: romanised and in Devanagari. NULL out of range. */
const char *summary_namakshar(int nakshatra, int pada);
const char *summary_namakshar_display(int nakshatra, int pada);

/* The paya of the Moon's whole-sign house 1 .. 12 from the lagna, and of
 * the Moon's nakshatra 0 .. 26; the tatva of a sign; the yunja of a
 * nakshatra. -1 out of range. */
int summary_paya_of_house(int house);
int summary_paya_of_nakshatra(int nakshatra);
int summary_tatva_of_sign(int sign);
int summary_yunja_of_nakshatra(int nakshatra);

#endif
