/* karaka.h - Jaimini chara (movable) karakas, the 7-karaka scheme.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_KARAKA_H
#define KUNDLI_KARAKA_H

enum karaka {
    KARAKA_ATMA,     /* highest degree in sign */
    KARAKA_AMATYA,
    KARAKA_BHRATRI,
    KARAKA_MATRI,
    KARAKA_PUTRA,
    KARAKA_GNATI,
    KARAKA_DARA,     /* lowest degree in sign */
    KARAKA_COUNT,
    KARAKA_NONE = -1
};

/* Assigns karakas to the seven grahas Sun .. Saturn by their degree within
 * the sign, highest first (Jaimini Sutras 1.1.11-18; the 7-karaka scheme of
 * BPHS ch. 32 v. 13-17, which leaves Rahu out). degrees[g] is graha g's
 * degree in its sign; out[g] receives its enum karaka. Exact ties, which
 * the texts leave open, go to the graha earlier in weekday order. */
void karaka_assign(const double degrees[7], int out[7]);

const char *karaka_name(int k); /* "atmakaraka" .. "darakaraka" */

#endif
