/* drishti.c - the virupa (sphuta) aspect of a graha (see drishti.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/drishti.h"

#include "engine/zodiac.h"

/* B.V. Raman, Graha and Bhava Balas, sec. 114, after Sripati and BPHS
 * ch. 26: the drishti of every graha on a point k degrees ahead of it. */
static double common(double k)
{
    if (k < 30.0)
        return 0.0;
    if (k < 60.0)
        return (k - 30.0) / 2.0;
    if (k < 90.0)
        return k - 60.0 + 15.0;
    if (k < 120.0)
        return (120.0 - k) / 2.0 + 30.0;
    if (k < 150.0)
        return 150.0 - k;
    if (k < 180.0)
        return (k - 150.0) * 2.0;
    if (k <= 300.0)
        return (300.0 - k) / 2.0;
    return 0.0;
}

/* Raman sec. 115 (BPHS ch. 26): the visesha drishti of Mars, Jupiter and
 * Saturn, added to the common value over the houses of their special
 * aspects. */
static double special(int graha, double k)
{
    switch (graha) {
    case GRAHA_MARS: return (k >= 90.0 && k < 120.0) || (k >= 210.0 && k < 240.0) ? 15.0 : 0.0;
    case GRAHA_JUPITER: return (k >= 120.0 && k < 150.0) || (k >= 240.0 && k < 270.0) ? 30.0 : 0.0;
    case GRAHA_SATURN: return (k >= 60.0 && k < 90.0) || (k >= 270.0 && k < 300.0) ? 45.0 : 0.0;
    default: return 0.0;
    }
}

double drishti_virupa(int graha, double aspecting_lon, double aspected_lon)
{
    double k = zodiac_norm(aspected_lon - aspecting_lon);
    return common(k) + special(graha, k);
}
