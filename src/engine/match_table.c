/* match_table.c - the 110 x 110 table of Ashtakoota pairs and the top-k
 * scan over it (see match_table.h). The table holds match_compute's own
 * answers, so the rules and their sources stay in match.c.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/match_table.h"

#include <string.h>

/* The two padas that straddle 15 degrees of their sign, where vashya
 * splits Sagittarius and Capricorn (match.c, match_vashya): Purva Ashadha
 * 1 (Sagittarius 13°20'..16°40') and Shravana 2 (Capricorn 13°20'..16°40').
 * The key of the first half is the pada's own. */
#define PURVA_ASHADHA 19
#define SHRAVANA 21
static const int straddle[2][2] = {{PURVA_ASHADHA, 1}, {SHRAVANA, 2}};

int match_key(const struct match_person *p)
{
    int key = 4 * p->nakshatra + p->pada - 1;
    if (p->moon_degree == MATCH_DEGREE_UNKNOWN || p->moon_degree < 15.0)
        return key;
    for (int i = 0; i < 2; i++)
        if (p->nakshatra == straddle[i][0] && p->pada == straddle[i][1])
            return 108 + i;
    return key;
}

void match_key_person(int key, struct match_person *p)
{
    struct error err;
    if (key >= 108) {
        match_person_set(p, straddle[key - 108][0], straddle[key - 108][1], "", &err);
        p->moon_degree = 15.5; /* any degree of the second half */
        return;
    }
    match_person_set(p, key / 4, key % 4 + 1, "", &err);
}

int match_table_build(struct match_table *t, const struct match_options *o, struct error *err)
{
    struct match_person people[MATCH_KEYS];
    struct match_options d;
    struct match m;
    if (!o) {
        match_options_init(&d);
        o = &d;
    }
    int rc = match_options_check(o, err);
    if (rc)
        return rc;
    if (o->system != MATCH_SYSTEM_ASHTAKOOTA)
        return err_set(err, ERR_INVALID_VALUE, "options.system",
                       "a matrix ranks by Ashtakoota points: system must be ashtakoota (match "
                       "porutham pair by pair)");
    for (int k = 0; k < MATCH_KEYS; k++)
        match_key_person(k, &people[k]);
    for (int b = 0; b < MATCH_KEYS; b++)
        for (int g = 0; g < MATCH_KEYS; g++) {
            /* the one call of the rules: a school's table is its answers */
            rc = match_compute(&people[b], &people[g], o, &m, err);
            if (rc)
                return rc;
            struct match_cell *c = &t->cell[b][g];
            for (int i = 0; i < KOOTA_COUNT; i++) {
                c->points2[i] = (uint8_t)(m.kootas[i].points * 2 + 0.5);
                c->exception[i] = (uint8_t)m.kootas[i].exception;
            }
            c->total2 = (uint8_t)(m.total * 2 + 0.5);
            t->total2[b][g] = c->total2;
        }
    return 0;
}

/* A min-heap of the best so far: the root is the worst kept (lowest total,
 * and of equal totals the latest girl). */
static bool worse(const struct match_rank *a, const struct match_rank *b)
{
    return a->total2 < b->total2 || (a->total2 == b->total2 && a->girl > b->girl);
}

static void sift_down(struct match_rank *h, int n, int i)
{
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && worse(&h[l], &h[m]))
            m = l;
        if (r < n && worse(&h[r], &h[m]))
            m = r;
        if (m == i)
            return;
        struct match_rank t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

static void sift_up(struct match_rank *h, int i)
{
    while (i > 0) {
        int p = (i - 1) / 2;
        if (!worse(&h[i], &h[p]))
            return;
        struct match_rank t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

int match_table_top(const struct match_table *t, int boy_key, const uint8_t *girl_keys, int m,
                    int min_total2, int k, struct match_rank *out)
{
    const uint8_t *row = t->total2[boy_key];
    int n = 0;
    /* A girl enters when her total passes thr: below the minimum while
     * the heap fills, then the worst kept (a later girl of equal total
     * never displaces an earlier one). */
    int thr = min_total2 - 1;
    for (int j = 0; j < m; j++) {
        int s = row[girl_keys[j]];
        if (s <= thr)
            continue;
        struct match_rank e = {j, s};
        if (n < k) {
            out[n] = e;
            sift_up(out, n++);
        } else {
            out[0] = e;
            sift_down(out, n, 0);
        }
        if (n == k)
            thr = out[0].total2;
    }
    /* Heap sort: the worst to the end, repeatedly. */
    for (int end = n - 1; end > 0; end--) {
        struct match_rank w = out[0];
        out[0] = out[end];
        out[end] = w;
        sift_down(out, end, 0);
    }
    return n;
}
