/* drishti.h - sphuta drishti: the partial (virupa) aspect of one graha on a
 * point of the zodiac, as a continuous function of the angle between them
 * (BPHS ch. 26; B.V. Raman, Graha and Bhava Balas, sections 114-115).
 * Pure: used by the strength section (drik bala, bhava drishti bala) and
 * by anything else that grades aspects.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_DRISHTI_H
#define KUNDLI_DRISHTI_H

/* The aspect, in virupas (0 .. 60; 60 = a full aspect), that graha (enum
 * graha) at sidereal longitude aspecting_lon (degrees) casts on the point
 * aspected_lon (degrees; a graha or a bhava madhya). Any longitudes are
 * accepted; only their difference matters.
 *
 * With the drishti kendra k = aspected_lon - aspecting_lon in [0, 360):
 *      0 ..  30   0                       150 .. 180   2 (k - 150)
 *     30 ..  60   (k - 30) / 2            180 .. 300   (300 - k) / 2
 *     60 ..  90   k - 45                  300 .. 360   0
 *     90 .. 120   (120 - k) / 2 + 30
 *    120 .. 150   150 - k
 * so a quarter aspect (15) on the 3rd and 10th, a half (30) on the 5th and
 * 9th, three quarters (45) on the 4th and 8th and a full one (60) on the
 * 7th. The special aspects are added (visesha drishti, Raman sec. 115):
 * Mars +15 for k in [90, 120) and [210, 240) (4th, 8th), Jupiter +30 in
 * [120, 150) and [240, 270) (5th, 9th), Saturn +45 in [60, 90) and
 * [270, 300) (3rd, 10th), which makes each of them 60 at its own cusps.
 * Each segment is closed at its lower end. Rahu, Ketu and the outer planets
 * get the common curve only. A graha does not aspect itself: callers skip
 * it (k = 0 gives 0 anyway). */
double drishti_virupa(int graha, double aspecting_lon, double aspected_lon);

#endif
