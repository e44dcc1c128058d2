/* ashtakavarga.h - Parashara's ashtakavarga (BPHS ch. 66): the bhinna
 * (individual) bindu chart of each of the seven planets and of the lagna,
 * and the sarva (total) chart. Pure and fast: a few table lookups.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ASHTAKAVARGA_H
#define KUNDLI_ASHTAKAVARGA_H

#include "engine/chart.h"

/* Rows of the bhinna table: the seven planets in enum graha order (Sun ..
 * Saturn), then the lagna. The same indices name the eight contributors. */
#define AV_LAGNA 7
#define AV_ROWS 8

/* Invariant bindu totals (BPHS ch. 66): each planet's bhinna total does not
 * depend on the chart; the seven add up to AV_SARVA_TOTAL. */
#define AV_SARVA_TOTAL 337

struct ashtakavarga {
    unsigned char bhinna[AV_ROWS][12]; /* bindus per sign, Aries .. Pisces */
    int bhinna_total[AV_ROWS];         /* sum of each row */
    int sarva[12];                     /* sum of the seven planets' rows per sign */
    int sarva_total;                   /* always AV_SARVA_TOTAL */
};

/* Computes the ashtakavarga of chart c from the signs of Sun .. Saturn and
 * of the ascendant. Cannot fail. */
void ashtakavarga_compute(const struct chart *c, struct ashtakavarga *out);

/* The same from bare signs: signs[0..6] of Sun .. Saturn, signs[7] of the
 * lagna (enum sign each). */
void ashtakavarga_from_signs(const int signs[AV_ROWS], struct ashtakavarga *out);

/* The invariant total of row r (48 for the Sun ... 49 for the lagna). */
int ashtakavarga_row_total(int r);

/* "Sun" .. "Saturn", "Lagna". */
const char *ashtakavarga_row_name(int r);

#endif
