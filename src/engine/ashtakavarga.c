/* ashtakavarga.c - bhinna and sarva ashtakavarga from Parashara's bindu
 * tables (BPHS ch. 66), each contributor's benefic houses rotated to the
 * sign it occupies.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/ashtakavarga.h"

#include "engine/zodiac.h"

/* H(h) is house h (1..12) counted from the contributor, as a bit. */
#define H(h) (1u << ((h) - 1))

/* BPHS ch. 66 (Santhanam's translation): the houses, counted from each
 * contributor, in which it gives a bindu in the ashtakavarga of the row's
 * planet. Rows and columns: Sun, Moon, Mars, Mercury, Jupiter, Venus,
 * Saturn, Lagna. Second sources (docs/ashtakavarga.md): Saravali ch. 53
 * v. 2-4 (rows Sun, Moon, Mars), the tables of PyJHora (every row; it
 * follows P.V.R. Narasimha Rao's textbook, which differs in four cells of
 * the Moon's and Venus's rows, see below) and published web tables. */
static const unsigned short table[AV_ROWS][AV_ROWS] = {
    [GRAHA_SUN] = {
        H(1) | H(2) | H(4) | H(7) | H(8) | H(9) | H(10) | H(11),
        H(3) | H(6) | H(10) | H(11),
        H(1) | H(2) | H(4) | H(7) | H(8) | H(9) | H(10) | H(11),
        H(3) | H(5) | H(6) | H(9) | H(10) | H(11) | H(12),
        H(5) | H(6) | H(9) | H(11),
        H(6) | H(7) | H(12),
        H(1) | H(2) | H(4) | H(7) | H(8) | H(9) | H(10) | H(11),
        H(3) | H(4) | H(6) | H(10) | H(11) | H(12),
    },
    /* Narasimha Rao's variant: from the Moon 1 3 6 7 9 10 11, from Mars
     * 2 3 5 6 10 11, from Jupiter 1 2 4 7 8 10 11. BPHS, Saravali: below. */
    [GRAHA_MOON] = {
        H(3) | H(6) | H(7) | H(8) | H(10) | H(11),
        H(1) | H(3) | H(6) | H(7) | H(10) | H(11),
        H(2) | H(3) | H(5) | H(6) | H(9) | H(10) | H(11),
        H(1) | H(3) | H(4) | H(5) | H(7) | H(8) | H(10) | H(11),
        H(1) | H(4) | H(7) | H(8) | H(10) | H(11) | H(12),
        H(3) | H(4) | H(5) | H(7) | H(9) | H(10) | H(11),
        H(3) | H(5) | H(6) | H(11),
        H(3) | H(6) | H(10) | H(11),
    },
    [GRAHA_MARS] = {
        H(3) | H(5) | H(6) | H(10) | H(11),
        H(3) | H(6) | H(11),
        H(1) | H(2) | H(4) | H(7) | H(8) | H(10) | H(11),
        H(3) | H(5) | H(6) | H(11),
        H(6) | H(10) | H(11) | H(12),
        H(6) | H(8) | H(11) | H(12),
        H(1) | H(4) | H(7) | H(8) | H(9) | H(10) | H(11),
        H(1) | H(3) | H(6) | H(10) | H(11),
    },
    [GRAHA_MERCURY] = {
        H(5) | H(6) | H(9) | H(11) | H(12),
        H(2) | H(4) | H(6) | H(8) | H(10) | H(11),
        H(1) | H(2) | H(4) | H(7) | H(8) | H(9) | H(10) | H(11),
        H(1) | H(3) | H(5) | H(6) | H(9) | H(10) | H(11) | H(12),
        H(6) | H(8) | H(11) | H(12),
        H(1) | H(2) | H(3) | H(4) | H(5) | H(8) | H(9) | H(11),
        H(1) | H(2) | H(4) | H(7) | H(8) | H(9) | H(10) | H(11),
        H(1) | H(2) | H(4) | H(6) | H(8) | H(10) | H(11),
    },
    [GRAHA_JUPITER] = {
        H(1) | H(2) | H(3) | H(4) | H(7) | H(8) | H(9) | H(10) | H(11),
        H(2) | H(5) | H(7) | H(9) | H(11),
        H(1) | H(2) | H(4) | H(7) | H(8) | H(10) | H(11),
        H(1) | H(2) | H(4) | H(5) | H(6) | H(9) | H(10) | H(11),
        H(1) | H(2) | H(3) | H(4) | H(7) | H(8) | H(10) | H(11),
        H(2) | H(5) | H(6) | H(9) | H(10) | H(11),
        H(3) | H(5) | H(6) | H(12),
        H(1) | H(2) | H(4) | H(5) | H(6) | H(7) | H(9) | H(10) | H(11),
    },
    /* Narasimha Rao's variant: from Mars 3 4 6 9 11 12. */
    [GRAHA_VENUS] = {
        H(8) | H(11) | H(12),
        H(1) | H(2) | H(3) | H(4) | H(5) | H(8) | H(9) | H(11) | H(12),
        H(3) | H(5) | H(6) | H(9) | H(11) | H(12),
        H(3) | H(5) | H(6) | H(9) | H(11),
        H(5) | H(8) | H(9) | H(10) | H(11),
        H(1) | H(2) | H(3) | H(4) | H(5) | H(8) | H(9) | H(10) | H(11),
        H(3) | H(4) | H(5) | H(8) | H(9) | H(10) | H(11),
        H(1) | H(2) | H(3) | H(4) | H(5) | H(8) | H(9) | H(11),
    },
    [GRAHA_SATURN] = {
        H(1) | H(2) | H(4) | H(7) | H(8) | H(10) | H(11),
        H(3) | H(6) | H(11),
        H(3) | H(5) | H(6) | H(10) | H(11) | H(12),
        H(6) | H(8) | H(9) | H(10) | H(11) | H(12),
        H(5) | H(6) | H(11) | H(12),
        H(6) | H(11) | H(12),
        H(3) | H(5) | H(6) | H(11),
        H(1) | H(3) | H(4) | H(6) | H(10) | H(11),
    },
    /* The lagna's own ashtakavarga (49 bindus), as in Jagannatha Hora and
     * Narasimha Rao's textbook ch. 12 (its Exercise 19 is a test case). */
    [AV_LAGNA] = {
        H(3) | H(4) | H(6) | H(10) | H(11) | H(12),
        H(3) | H(6) | H(10) | H(11) | H(12),
        H(1) | H(3) | H(6) | H(10) | H(11),
        H(1) | H(2) | H(4) | H(6) | H(8) | H(10) | H(11),
        H(1) | H(2) | H(4) | H(5) | H(6) | H(7) | H(9) | H(10) | H(11),
        H(1) | H(2) | H(3) | H(4) | H(5) | H(8) | H(9),
        H(1) | H(3) | H(4) | H(6) | H(10) | H(11),
        H(3) | H(6) | H(10) | H(11),
    },
};

void ashtakavarga_from_signs(const int signs[AV_ROWS], struct ashtakavarga *out)
{
    for (int s = 0; s < 12; s++)
        out->sarva[s] = 0;
    out->sarva_total = 0;
    for (int r = 0; r < AV_ROWS; r++) {
        int total = 0;
        for (int s = 0; s < 12; s++)
            out->bhinna[r][s] = 0;
        for (int k = 0; k < AV_ROWS; k++) {
            unsigned mask = table[r][k];
            /* house h from the contributor's sign is sign (signs[k] + h - 1) */
            for (int s = signs[k], h = 0; h < 12; h++, s = s == 11 ? 0 : s + 1) {
                unsigned bit = (mask >> h) & 1u;
                out->bhinna[r][s] += (unsigned char)bit;
                total += (int)bit;
            }
        }
        out->bhinna_total[r] = total;
        if (r == AV_LAGNA)
            continue;
        for (int s = 0; s < 12; s++)
            out->sarva[s] += out->bhinna[r][s];
        out->sarva_total += total;
    }
}

void ashtakavarga_compute(const struct chart *c, struct ashtakavarga *out)
{
    int signs[AV_ROWS];
    for (int g = 0; g < GRAHA_SEVEN; g++)
        signs[g] = c->grahas[g].pos.sign;
    signs[AV_LAGNA] = c->ascendant.sign;
    ashtakavarga_from_signs(signs, out);
}

int ashtakavarga_row_total(int r)
{
    int total = 0;
    if (r < 0 || r >= AV_ROWS)
        return 0;
    for (int k = 0; k < AV_ROWS; k++)
        for (unsigned m = table[r][k]; m; m &= m - 1)
            total++;
    return total;
}

const char *ashtakavarga_row_name(int r)
{
    if (r == AV_LAGNA)
        return "Lagna";
    return r >= 0 && r < AV_LAGNA ? graha_name(r) : "";
}
