/* combustion.c - combustion orbs and test (see combustion.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/combustion.h"

#include "engine/zodiac.h"

#include <math.h>

double combustion_orb(int g, bool retrograde)
{
    switch (g) {
    case GRAHA_MOON: return 12;
    case GRAHA_MARS: return 17;
    case GRAHA_MERCURY: return retrograde ? 12 : 14;
    case GRAHA_JUPITER: return 11;
    case GRAHA_VENUS: return retrograde ? 8 : 10;
    case GRAHA_SATURN: return 15;
    default: return 0;
    }
}

double combustion_distance(double a, double b)
{
    double d = fabs(zodiac_norm(a) - zodiac_norm(b));
    return d > 180 ? 360 - d : d;
}

bool combustion_is_combust(int g, double lon, double sun_lon, bool retrograde)
{
    double orb = combustion_orb(g, retrograde);
    return orb > 0 && combustion_distance(lon, sun_lon) < orb;
}
