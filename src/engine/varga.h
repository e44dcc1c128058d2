/* varga.h - the sixteen divisional charts of Parashara (shodasavarga, BPHS
 * ch. 6): the sign and the degree within it of the lagna and every graha in
 * D1, D2, D3, D4, D7, D9, D10, D12, D16, D20, D24, D27, D30, D40, D45, D60.
 * Pure, allocation-free and thread-safe.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_VARGA_H
#define KUNDLI_VARGA_H

#include "engine/chart.h"

/* The shodasavarga in the order the API lists them. */
enum varga {
    VARGA_D1, VARGA_D2, VARGA_D3, VARGA_D4, VARGA_D7, VARGA_D9, VARGA_D10, VARGA_D12,
    VARGA_D16, VARGA_D20, VARGA_D24, VARGA_D27, VARGA_D30, VARGA_D40, VARGA_D45, VARGA_D60,
    VARGA_COUNT
};

/* Number of parts of a sign of varga v (VARGA_D9 -> 9), or 0 if v is out of range. */
int varga_division(int v);
/* "D1" .. "D60", or "?" if v is out of range. */
const char *varga_name(int v);
/* The varga named "D9"/"d9" or "9"; -1 if it is not one of the sixteen. */
int varga_find(const char *name);

/* Core rule. Sign (enum sign, 0 = Aries) that sidereal longitude lon (degrees,
 * any value; reduced to [0, 360)) occupies in the varga that divides each sign
 * into `division` parts (1, 2, 3, 4, 7, 9, 10, 12, 16, 20, 24, 27, 30, 40, 45
 * or 60). When degree is not NULL it receives the degree within the varga
 * sign, [0, 30): the position inside the part scaled to 30 degrees (for the
 * uniform vargas this is fmod(degree_in_sign * division, 30); D30's parts are
 * unequal and each is scaled by its own size).
 * Edges: a longitude on a division edge (or within 1e-9 arcsecond below it,
 * the same rule as zodiac_part) belongs to the NEXT division; anything further
 * below belongs to the previous one. Returns -1 (and leaves degree untouched)
 * for an unsupported division. */
int varga_sign(int division, double lon, double *degree);

struct varga_pos {
    int sign;       /* enum sign (an index), 0 = Aries */
    double degree; /* degrees within the varga sign, [0, 30) */
};

/* One divisional chart: the lagna and each graha. */
struct varga_chart {
    struct varga_pos ascendant;
    struct varga_pos grahas[GRAHA_COUNT]; /* indexed by enum graha, [0, ngrahas) */
};

struct vargas {
    int ngrahas;                            /* copied from the chart: 9 or 12 */
    struct varga_chart charts[VARGA_COUNT]; /* indexed by enum varga */
};

/* Fills out with all sixteen vargas of c's lagna and grahas (Ketu included,
 * and Uranus..Pluto when the chart has them). Cannot fail. */
void varga_compute(const struct chart *c, struct vargas *out);

#endif
