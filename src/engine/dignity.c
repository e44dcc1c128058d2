/* dignity.c - exaltation, moolatrikona, own sign and compound friendship
 * after Brihat Parashara Hora Shastra ch. 3.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/dignity.h"

#include "engine/zodiac.h"

#define F 1
#define N 0
#define E (-1)

/* BPHS ch. 3 v. 55: natural[a][b] is how a regards b (Sun .. Saturn). */
static const signed char natural[7][7] = {
    /*            Sun Moon Mars Merc Jup Ven Sat */
    /* Sun     */ {F, F, F, N, F, E, E},
    /* Moon    */ {F, F, N, F, N, N, N},
    /* Mars    */ {F, F, F, E, F, N, N},
    /* Mercury */ {F, E, N, F, N, F, N},
    /* Jupiter */ {F, F, F, E, F, E, N},
    /* Venus   */ {E, E, N, F, N, F, F},
    /* Saturn  */ {E, E, E, F, N, F, F},
};

/* BPHS ch. 3 v. 49-54. Exaltation and moolatrikona ranges in degrees of the
 * sign; the nodes follow the common reading of v. 49-50 (Rahu exalted in
 * Taurus, Ketu in Scorpio; moolatrikona Gemini / Sagittarius; own
 * Aquarius / Scorpio). */
static const struct {
    int exalt_sign;
    double exalt_to; /* exalted from 0 to this degree (30 = whole sign) */
    int mt_sign;
    double mt_from, mt_to;
    int own1, own2;
} rules[GRAHA_CLASSICAL] = {
    [GRAHA_SUN] = {ARIES, 30, LEO, 0, 20, LEO, -1},
    [GRAHA_MOON] = {TAURUS, 3, TAURUS, 3, 30, CANCER, -1},
    [GRAHA_MARS] = {CAPRICORN, 30, ARIES, 0, 12, ARIES, SCORPIO},
    [GRAHA_MERCURY] = {VIRGO, 15, VIRGO, 15, 20, GEMINI, VIRGO},
    [GRAHA_JUPITER] = {CANCER, 30, SAGITTARIUS, 0, 10, SAGITTARIUS, PISCES},
    [GRAHA_VENUS] = {PISCES, 30, LIBRA, 0, 15, TAURUS, LIBRA},
    [GRAHA_SATURN] = {LIBRA, 30, AQUARIUS, 0, 20, CAPRICORN, AQUARIUS},
    [GRAHA_RAHU] = {TAURUS, 30, GEMINI, 0, 30, AQUARIUS, -1},
    [GRAHA_KETU] = {SCORPIO, 30, SAGITTARIUS, 0, 30, SCORPIO, -1},
};

/* The graha whose friendships a node borrows. */
static int model(int g)
{
    if (g == GRAHA_RAHU)
        return GRAHA_SATURN;
    if (g == GRAHA_KETU)
        return GRAHA_MARS;
    return g;
}

int dignity_natural(int a, int b)
{
    int ma = model(a), mb = model(b);
    if (ma >= GRAHA_SEVEN || mb >= GRAHA_SEVEN)
        return N;
    return natural[ma][mb];
}

int dignity_temporary(int sign_a, int sign_b)
{
    int d = ((sign_b - sign_a) % 12 + 12) % 12 + 1; /* 1 .. 12 */
    return d == 2 || d == 3 || d == 4 || d == 10 || d == 11 || d == 12 ? F : E;
}

int dignity_compound(int a, int sign_a, int b, int sign_b)
{
    if (a == b)
        return RELATION_SELF;
    int sum = dignity_natural(a, b) + dignity_temporary(sign_a, sign_b);
    static const int by_sum[5] = {RELATION_GREAT_ENEMY, RELATION_ENEMY, RELATION_NEUTRAL,
                                  RELATION_FRIEND, RELATION_GREAT_FRIEND};
    return by_sum[sum + 2];
}

int dignity_exaltation_sign(int g)
{
    return g >= 0 && g < GRAHA_CLASSICAL ? rules[g].exalt_sign : -1;
}

int dignity_debilitation_sign(int g)
{
    return g >= 0 && g < GRAHA_CLASSICAL ? (rules[g].exalt_sign + 6) % 12 : -1;
}

int dignity_owns(int g, int sign)
{
    return g >= 0 && g < GRAHA_CLASSICAL && (rules[g].own1 == sign || rules[g].own2 == sign);
}

int dignity_of(int g, int sign, double degree, int lord_sign, enum relation *relation)
{
    *relation = RELATION_NEUTRAL;
    if (g < 0 || g >= GRAHA_CLASSICAL)
        return DIGNITY_NONE;
    if (sign == rules[g].exalt_sign && degree < rules[g].exalt_to)
        return DIGNITY_EXALTED;
    if (sign == dignity_debilitation_sign(g))
        return DIGNITY_DEBILITATED;
    if (sign == rules[g].mt_sign && degree >= rules[g].mt_from && degree < rules[g].mt_to)
        return DIGNITY_MOOLATRIKONA;
    if (dignity_owns(g, sign))
        return DIGNITY_OWN;
    *relation = dignity_compound(g, sign, sign_lord(sign), lord_sign);
    switch (*relation) {
    case RELATION_GREAT_FRIEND:
    case RELATION_FRIEND:
    case RELATION_SELF:
        return DIGNITY_FRIEND;
    case RELATION_NEUTRAL:
        return DIGNITY_NEUTRAL;
    default:
        return DIGNITY_ENEMY;
    }
}

const char *dignity_name(int d)
{
    static const char *const names[] = {"exalted", "debilitated", "moolatrikona", "own",
                                        "friend",  "neutral",     "enemy",        "none"};
    return d >= 0 && d <= DIGNITY_NONE ? names[d] : "none";
}

const char *relation_name(int r)
{
    static const char *const names[] = {"great_friend", "friend", "neutral",
                                        "enemy",        "great_enemy", "self"};
    return r >= 0 && r <= RELATION_SELF ? names[r] : "neutral";
}
