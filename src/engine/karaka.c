/* karaka.c - Jaimini chara karakas (see karaka.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/karaka.h"

void karaka_assign(const double degrees[7], int out[7])
{
    for (int g = 0; g < 7; g++) {
        int rank = 0;
        for (int h = 0; h < 7; h++)
            if (degrees[h] > degrees[g] || (degrees[h] == degrees[g] && h < g))
                rank++;
        out[g] = rank;
    }
}

const char *karaka_name(int k)
{
    static const char *const names[KARAKA_COUNT] = {
        "atmakaraka", "amatyakaraka", "bhratrikaraka", "matrikaraka",
        "putrakaraka", "gnatikaraka", "darakaraka",
    };
    return k >= 0 && k < KARAKA_COUNT ? names[k] : "none";
}
