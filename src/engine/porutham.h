/* porutham.h - the ten South Indian poruthams (dina, gana, mahendra, stree
 * deergha, yoni, rasi, rasi adhipati, vasya, rajju, vedha) of a girl's and a
 * boy's Moon, papasamyam (the balance of malefics of two births) and the
 * porutham verdict: the system "porutham" of match.h. The rules, their
 * published sources and where authorities differ are in docs/match.md and
 * at each table in porutham.c. Pure and thread-safe.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_PORUTHAM_H
#define KUNDLI_PORUTHAM_H

#include "engine/chart.h"
#include "engine/match.h"

/* The rajju (the part of the body) of a nakshatra, South Indian reckoning:
 * pada (foot), kati (waist), nabhi (navel), kantha (neck), siro (head). */
enum rajju { RAJJU_PADA, RAJJU_KATI, RAJJU_NABHI, RAJJU_KANTHA, RAJJU_SIRO, RAJJU_COUNT };

/* enum rajju of nakshatra 0 (Ashwini) .. 26 (Revati). */
int porutham_rajju(int nakshatra);
/* "Pada", "Kati", "Nabhi", "Kantha", "Siro"; "?" out of range. */
const char *porutham_rajju_name(int rajju);

/* Whether nakshatras a and b (0 .. 26) are vedha (mutually obstructing):
 * the twelve pairs and the triad Mrigashira, Chitra, Dhanishta. */
bool porutham_vedha(int a, int b);

/* Papasamyam points of chart c: for each of the malefics Sun, Mars, Saturn
 * and Rahu in the 1st, 2nd, 4th, 7th, 8th or 12th sign counted from the
 * lagna 1 point, from the Moon 1/2, from Venus 1/4. out[PAPA_LAGNA ..
 * PAPA_VENUS] get each reference's sum (multiples of 0.25). */
void porutham_papa_points(const struct chart *c, double out[PAPA_REF_COUNT]);

/* Fills m's porutham members (poruthams, count, rajju_ok, vedha_ok, the
 * papasamyam ones when both m->boy and m->girl have papa known) and its
 * verdict from m->boy and m->girl, which the caller has checked. */
void porutham_compute(struct match *m);

#endif
