/* match_table.h - the kootas of every pair of Moons, precomputed: the
 * Ashtakoota score of a pair depends only on the two Moon nakshatra-padas
 * and, for vashya, on the half of Sagittarius or Capricorn the Moon is in,
 * so 110 keys (the 108 padas and the second halves of the two padas that
 * straddle 15 degrees) and a 110 x 110 table built once from match_compute
 * make an N x M matrix a run of table lookups (docs/bulk.md, "Matching").
 * Each school of Ashtakoota (north, jhora) is a table of its own, built by
 * its own rules.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_MATCH_TABLE_H
#define KUNDLI_MATCH_TABLE_H

#include "common/err.h"
#include "engine/match.h"

#include <stdint.h>

/* The keys: 4 * nakshatra + pada - 1 (0 .. 107) for a Moon in the first
 * half of its sign or not in a straddling pada, then 108 (Purva Ashadha 1
 * at 15 deg of Sagittarius or later) and 109 (Shravana 2 at 15 deg of
 * Capricorn or later). */
#define MATCH_KEYS 110

/* One pair as match_compute scores it: points in halves (a koota's points
 * are multiples of 0.5, so every value is exact), each koota's exception
 * (enum match_exception). */
struct match_cell {
    uint8_t total2;                 /* 2 x total, 0 .. 72 */
    uint8_t points2[KOOTA_COUNT];   /* 2 x points of each koota */
    uint8_t exception[KOOTA_COUNT]; /* enum match_exception */
};

/* The table, boy key by girl key; total2 repeats the cells' totals densely
 * (12 KB) for the scan. About 220 KB: allocate it. Read-only once built,
 * so threads share it without locks. */
struct match_table {
    uint8_t total2[MATCH_KEYS][MATCH_KEYS];
    struct match_cell cell[MATCH_KEYS][MATCH_KEYS];
};

/* Fills t with match_compute's answer under options o (NULL: the defaults)
 * for each pair of keys (the representative Moons of match_key_person).
 * Returns 0; ERR_INVALID_VALUE ("options.system") for system porutham,
 * whose poruthams are not points to rank by (and whose papasamyam reads
 * more than the Moons); or the options' error (match_options_check). */
int match_table_build(struct match_table *t, const struct match_options *o, struct error *err);

/* The key of p's Moon (p valid as match_compute requires). */
int match_key(const struct match_person *p);

/* A Moon with key `key` (0 .. MATCH_KEYS - 1) that match_compute scores as
 * every Moon of that key: its nakshatra and pada, and, for 108 and 109,
 * a degree past 15. No manglik is known. */
void match_key_person(int key, struct match_person *p);

/* One entry of a boy's ranking: the girl's index in the array scanned and
 * 2 x her total. */
struct match_rank {
    int girl;
    int total2;
};

/* The best k girls for the boy of key boy_key among the m girls of keys
 * girl_keys[0 .. m), whose total is at least min_total2 / 2: into out[0 ..
 * return value), best first; equal totals in girls' order. k >= 1. */
int match_table_top(const struct match_table *t, int boy_key, const uint8_t *girl_keys, int m,
                    int min_total2, int k, struct match_rank *out);

#endif
