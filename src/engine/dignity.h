/* dignity.h - a graha's dignity in a sign (BPHS ch. 3) and Parashara's
 * five-fold compound relationship between grahas.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_DIGNITY_H
#define KUNDLI_DIGNITY_H

enum dignity {
    DIGNITY_EXALTED,
    DIGNITY_DEBILITATED,
    DIGNITY_MOOLATRIKONA,
    DIGNITY_OWN,
    DIGNITY_FRIEND,
    DIGNITY_NEUTRAL,
    DIGNITY_ENEMY,
    DIGNITY_NONE, /* outer planets: no classical dignity */
};

/* Compound (panchadha) relationship: natural + temporary friendship. */
enum relation {
    RELATION_GREAT_FRIEND,
    RELATION_FRIEND,
    RELATION_NEUTRAL,
    RELATION_ENEMY,
    RELATION_GREAT_ENEMY,
    RELATION_SELF, /* the graha is the sign's lord */
};

/* Natural (naisargika) relationship of graha a towards b, BPHS ch. 3 v. 55:
 * +1 friend, 0 neutral, -1 enemy. Rahu counts as Saturn and Ketu as Mars
 * ("Shanivat Rahu, Kujavat Ketu"), each befriending its model. */
int dignity_natural(int a, int b);

/* Temporary (tatkalika) relationship, BPHS ch. 3 v. 56: a graha in the 2nd,
 * 3rd, 4th, 10th, 11th or 12th sign from a is a friend (+1), else -1. */
int dignity_temporary(int sign_a, int sign_b);

/* Compound relationship of graha a (in sign_a) towards b (in sign_b). */
int dignity_compound(int a, int sign_a, int b, int sign_b);

/* Dignity of graha g at `degree` within `sign`; where it is neither exalted,
 * debilitated, moolatrikona nor own, it is friend/neutral/enemy by the
 * compound relationship towards the sign's lord, whose sign is
 * lord_sign (great friend counts as friend, great enemy as enemy). */
int dignity_of(int g, int sign, double degree, int lord_sign, enum relation *relation);

const char *dignity_name(int d);   /* "exalted" .. "enemy", "none" */
const char *relation_name(int r);  /* "great_friend" .. "great_enemy", "self" */

/* Exaltation sign of g, or -1 (outer planets). */
int dignity_exaltation_sign(int g);
/* Debilitation sign of g, or -1. */
int dignity_debilitation_sign(int g);
/* Whether g owns sign. */
int dignity_owns(int g, int sign);

#endif
