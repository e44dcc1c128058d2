/* combustion.h - whether a graha is combust (asta): too close to the Sun.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_COMBUSTION_H
#define KUNDLI_COMBUSTION_H

#include <stdbool.h>

/* The classical orb in degrees within which graha g is combust (Surya
 * Siddhanta ch. 9, as used by Phaladeepika): Moon 12, Mars 17, Mercury 14
 * (12 when retrograde), Jupiter 11, Venus 10 (8 when retrograde), Saturn
 * 15. Returns 0 for the Sun, the nodes and the outer planets, which are
 * never combust. */
double combustion_orb(int g, bool retrograde);

/* Whether g at longitude lon is combust with the Sun at sun_lon
 * (angular distance strictly less than the orb). */
bool combustion_is_combust(int g, double lon, double sun_lon, bool retrograde);

/* Angular distance between two longitudes, 0 .. 180 degrees. */
double combustion_distance(double a, double b);

#endif
