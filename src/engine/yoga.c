/* yoga.c - the yoga table: one rule function per yoga over the signs of
 * the grahas and the lagna (whole-sign houses), each citing its source.
 * Chapter numbers of BPHS follow R. Santhanam's translation.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/yoga.h"

#include "engine/dignity.h"
#include "engine/zodiac.h"

#include <string.h>

/* What the rules read, computed once per chart. */
struct facts {
    int sign[GRAHA_CLASSICAL]; /* Sun .. Ketu */
    double degree[GRAHA_CLASSICAL];
    int lagna;                 /* sign of the ascendant */
    int lord[13];              /* lord[h]: graha ruling house h (1..12) */
    bool waxing;               /* Moon 0..180 degrees ahead of the Sun */
};

#define BIT(g) (1u << (g))
#define TARA (BIT(GRAHA_MARS) | BIT(GRAHA_MERCURY) | BIT(GRAHA_JUPITER) | BIT(GRAHA_VENUS) | \
              BIT(GRAHA_SATURN)) /* the five star-planets */

/* House (1..12) of sign s counted from sign from. */
static int house_from(int from, int s)
{
    return (s - from + 12) % 12 + 1;
}

static int house(const struct facts *f, int g)
{
    return house_from(f->lagna, f->sign[g]);
}

static bool kendra(int h)
{
    return h == 1 || h == 4 || h == 7 || h == 10;
}

static bool trikona(int h)
{
    return h == 1 || h == 5 || h == 9;
}

static bool dusthana(int h)
{
    return h == 6 || h == 8 || h == 12;
}

/* Grahas among `set` in sign s. */
static unsigned in_sign(const struct facts *f, unsigned set, int s)
{
    unsigned out = 0;
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        if ((set & BIT(g)) && f->sign[g] == s)
            out |= BIT(g);
    return out;
}

/* Whether g casts a full aspect on sign s (BPHS ch. 26 v. 3-4: all on the
 * 7th; Mars also the 4th and 8th, Jupiter the 5th and 9th, Saturn the 3rd
 * and 10th). The nodes are given none. */
static bool aspects(const struct facts *f, int g, int s)
{
    int h = house_from(f->sign[g], s);
    if (g >= GRAHA_RAHU)
        return false;
    if (h == 7)
        return true;
    switch (g) {
    case GRAHA_MARS:
        return h == 4 || h == 8;
    case GRAHA_JUPITER:
        return h == 5 || h == 9;
    case GRAHA_SATURN:
        return h == 3 || h == 10;
    default:
        return false;
    }
}

/* Natural benefics (BPHS ch. 3 v. 10-12): Jupiter, Venus, Mercury unless it
 * is with a malefic, and the waxing Moon. */
static bool benefic(const struct facts *f, int g)
{
    switch (g) {
    case GRAHA_JUPITER:
    case GRAHA_VENUS:
        return true;
    case GRAHA_MOON:
        return f->waxing;
    case GRAHA_MERCURY:
        return !in_sign(f, BIT(GRAHA_SUN) | BIT(GRAHA_MARS) | BIT(GRAHA_SATURN) |
                               BIT(GRAHA_RAHU) | BIT(GRAHA_KETU),
                        f->sign[g]);
    default:
        return false;
    }
}

static bool own_or_exalted(int g, int s)
{
    return dignity_owns(g, s) || dignity_exaltation_sign(g) == s;
}

/* Conjunction, mutual aspect or exchange of signs (sambandha). */
static bool exchange(const struct facts *f, int a, int b)
{
    return a != b && sign_lord(f->sign[a]) == b && sign_lord(f->sign[b]) == a;
}

static bool associated(const struct facts *f, int a, int b)
{
    if (a == b)
        return false;
    return f->sign[a] == f->sign[b] || (aspects(f, a, f->sign[b]) && aspects(f, b, f->sign[a])) ||
           exchange(f, a, b);
}

/* The lagna lord is strong when in its own, exaltation or moolatrikona
 * sign, or in a kendra or trikona, and not debilitated. */
static bool lagna_lord_strong(const struct facts *f)
{
    int g = f->lord[1], s = f->sign[g];
    if (dignity_debilitation_sign(g) == s)
        return false;
    return own_or_exalted(g, s) || kendra(house(f, g)) || trikona(house(f, g));
}

static void add(struct yoga *y, int g)
{
    for (int i = 0; i < y->nplanets; i++)
        if (y->planets[i] == g)
            return;
    y->planets[y->nplanets++] = (signed char)g;
}

static void add_set(struct yoga *y, unsigned set)
{
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        if (set & BIT(g))
            add(y, g);
}

/* ---- the rules ---------------------------------------------------------- */

/* BPHS ch. 75 v. 1-2, Phaladeepika ch. 6 v. 1: in own or exaltation sign in
 * a kendra from the lagna. */
static bool mahapurusha(const struct facts *f, struct yoga *y, int g)
{
    if (!own_or_exalted(g, f->sign[g]) || !kendra(house(f, g)))
        return false;
    add(y, g);
    return true;
}

static bool ruchaka(const struct facts *f, struct yoga *y)
{
    return mahapurusha(f, y, GRAHA_MARS);
}

static bool bhadra(const struct facts *f, struct yoga *y)
{
    return mahapurusha(f, y, GRAHA_MERCURY);
}

static bool hamsa(const struct facts *f, struct yoga *y)
{
    return mahapurusha(f, y, GRAHA_JUPITER);
}

static bool malavya(const struct facts *f, struct yoga *y)
{
    return mahapurusha(f, y, GRAHA_VENUS);
}

static bool sasa(const struct facts *f, struct yoga *y)
{
    return mahapurusha(f, y, GRAHA_SATURN);
}

static bool gaja_kesari(const struct facts *f, struct yoga *y)
{
    if (!kendra(house_from(f->sign[GRAHA_MOON], f->sign[GRAHA_JUPITER])))
        return false;
    add(y, GRAHA_JUPITER);
    add(y, GRAHA_MOON);
    return true;
}

/* Two grahas in one sign. */
static bool together(const struct facts *f, struct yoga *y, int a, int b)
{
    if (f->sign[a] != f->sign[b])
        return false;
    add(y, a);
    add(y, b);
    return true;
}

static bool budha_aditya(const struct facts *f, struct yoga *y)
{
    return together(f, y, GRAHA_SUN, GRAHA_MERCURY);
}

static bool chandra_mangala(const struct facts *f, struct yoga *y)
{
    return together(f, y, GRAHA_MOON, GRAHA_MARS);
}

/* BPHS ch. 37 v. 5: benefics in the 6th, 7th and 8th from the Moon; read
 * as: each of Mercury, Jupiter and Venus there, each a benefic. */
static bool adhi(const struct facts *f, struct yoga *y)
{
    static const int three[3] = {GRAHA_MERCURY, GRAHA_JUPITER, GRAHA_VENUS};
    for (int i = 0; i < 3; i++) {
        int h = house_from(f->sign[GRAHA_MOON], f->sign[three[i]]);
        if (h < 6 || h > 8 || !benefic(f, three[i]))
            return false;
    }
    add(y, GRAHA_MOON);
    for (int i = 0; i < 3; i++)
        add(y, three[i]);
    return true;
}

/* The five star-planets in the 2nd and in the 12th sign from graha g. */
static void flanks(const struct facts *f, int g, unsigned *second, unsigned *twelfth)
{
    *second = in_sign(f, TARA & ~BIT(g), (f->sign[g] + 1) % 12);
    *twelfth = in_sign(f, TARA & ~BIT(g), (f->sign[g] + 11) % 12);
}

/* Sunapha (want 2nd only), Anapha (12th only), Durudhara (both) from the
 * Moon (BPHS ch. 37 v. 7-10), and Vesi, Vasi, Ubhayachari from the Sun
 * (BPHS ch. 38 v. 1): planets other than the Sun / Moon and the nodes. */
static bool flanked(const struct facts *f, struct yoga *y, int g, bool want2, bool want12)
{
    unsigned second, twelfth;
    flanks(f, g, &second, &twelfth);
    if ((second != 0) != want2 || (twelfth != 0) != want12)
        return false;
    add(y, g);
    add_set(y, second | twelfth);
    return true;
}

static bool sunapha(const struct facts *f, struct yoga *y)
{
    return flanked(f, y, GRAHA_MOON, true, false);
}

static bool anapha(const struct facts *f, struct yoga *y)
{
    return flanked(f, y, GRAHA_MOON, false, true);
}

static bool durudhara(const struct facts *f, struct yoga *y)
{
    return flanked(f, y, GRAHA_MOON, true, true);
}

static bool vesi(const struct facts *f, struct yoga *y)
{
    return flanked(f, y, GRAHA_SUN, true, false);
}

static bool vasi(const struct facts *f, struct yoga *y)
{
    return flanked(f, y, GRAHA_SUN, false, true);
}

static bool ubhayachari(const struct facts *f, struct yoga *y)
{
    return flanked(f, y, GRAHA_SUN, true, true);
}

/* Kemadruma cancellers: star-planets in a kendra from the lagna (BPHS
 * ch. 37 v. 11) or from the Moon, which includes joining it (Saravali ch. 13
 * v. 2, Phaladeepika ch. 6). */
static unsigned kemadruma_cancellers(const struct facts *f)
{
    unsigned out = 0;
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        if ((TARA & BIT(g)) &&
            (kendra(house(f, g)) || kendra(house_from(f->sign[GRAHA_MOON], f->sign[g]))))
            out |= BIT(g);
    return out;
}

static bool kemadruma_raw(const struct facts *f)
{
    unsigned second, twelfth;
    flanks(f, GRAHA_MOON, &second, &twelfth);
    return !second && !twelfth;
}

static bool kemadruma(const struct facts *f, struct yoga *y)
{
    if (!kemadruma_raw(f) || kemadruma_cancellers(f))
        return false;
    add(y, GRAHA_MOON);
    return true;
}

static bool kemadruma_bhanga(const struct facts *f, struct yoga *y)
{
    unsigned by = kemadruma_cancellers(f);
    if (!kemadruma_raw(f) || !by)
        return false;
    add(y, GRAHA_MOON);
    add_set(y, by);
    return true;
}

/* Phaladeepika ch. 7: a debilitated planet whose debilitation-sign lord,
 * exaltation-sign lord, or the planet exalted in its sign stands in a
 * kendra from the lagna or the Moon (the Moon itself: from the lagna). */
static bool neecha_bhanga(const struct facts *f, struct yoga *y)
{
    bool any = false;
    for (int g = 0; g < GRAHA_SEVEN; g++) {
        int s = f->sign[g];
        if (dignity_debilitation_sign(g) != s)
            continue;
        unsigned cand = BIT(sign_lord(s)) | BIT(sign_lord(dignity_exaltation_sign(g)));
        for (int h = 0; h < GRAHA_SEVEN; h++)
            if (dignity_exaltation_sign(h) == s)
                cand |= BIT(h);
        unsigned by = 0;
        for (int h = 0; h < GRAHA_SEVEN; h++) {
            if (!(cand & BIT(h)))
                continue;
            bool from_moon = h != GRAHA_MOON && kendra(house_from(f->sign[GRAHA_MOON], f->sign[h]));
            if (kendra(house(f, h)) || from_moon)
                by |= BIT(h);
        }
        if (by) {
            add(y, g);
            add_set(y, by);
            any = true;
        }
    }
    return any;
}

/* Viparita Raja yogas (Phaladeepika ch. 6 v. 63-68; Uttara Kalamrita ch. 4):
 * the lord of the 6th (Harsha), 8th (Sarala) or 12th (Vimala) in the 6th,
 * 8th or 12th. */
static bool viparita(const struct facts *f, struct yoga *y, int h)
{
    int g = f->lord[h];
    if (!dusthana(house(f, g)))
        return false;
    add(y, g);
    return true;
}

static bool harsha(const struct facts *f, struct yoga *y)
{
    return viparita(f, y, 6);
}

static bool sarala(const struct facts *f, struct yoga *y)
{
    return viparita(f, y, 8);
}

static bool vimala(const struct facts *f, struct yoga *y)
{
    return viparita(f, y, 12);
}

/* Association of a lord of one house set with a lord of another. */
static bool lords_associated(const struct facts *f, struct yoga *y, const int *ha, int na,
                             const int *hb, int nb)
{
    bool any = false;
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++) {
            int a = f->lord[ha[i]], b = f->lord[hb[j]];
            if (associated(f, a, b)) {
                add(y, a);
                add(y, b);
                any = true;
            }
        }
    return any;
}

/* BPHS ch. 34 and 39: a kendra lord associated with a trikona lord. */
static bool raja(const struct facts *f, struct yoga *y)
{
    static const int kendras[4] = {1, 4, 7, 10}, trikonas[3] = {1, 5, 9};
    return lords_associated(f, y, kendras, 4, trikonas, 3);
}

/* BPHS ch. 41 (and ch. 34): the lords of wealth (2nd, 11th) associated with
 * the lords of the lagna, 5th or 9th, or with each other. */
static bool dhana(const struct facts *f, struct yoga *y)
{
    static const int wealth[2] = {2, 11}, fortune[4] = {1, 5, 9, 11};
    return lords_associated(f, y, wealth, 2, fortune, 4);
}

/* BPHS ch. 36: the 9th lord in its own or exaltation sign in a kendra, the
 * lagna lord strong. */
static bool lakshmi(const struct facts *f, struct yoga *y)
{
    int g = f->lord[9];
    if (!own_or_exalted(g, f->sign[g]) || !kendra(house(f, g)) || !lagna_lord_strong(f))
        return false;
    add(y, g);
    add(y, f->lord[1]);
    return true;
}

/* Phaladeepika ch. 6: Jupiter, Venus and Mercury in kendras, trikonas or
 * the 2nd, Jupiter in its own, exaltation or a friend's sign. */
static bool saraswati(const struct facts *f, struct yoga *y)
{
    static const int three[3] = {GRAHA_JUPITER, GRAHA_VENUS, GRAHA_MERCURY};
    for (int i = 0; i < 3; i++) {
        int h = house(f, three[i]);
        if (!kendra(h) && !trikona(h) && h != 2)
            return false;
    }
    enum relation rel;
    int s = f->sign[GRAHA_JUPITER];
    int d = dignity_of(GRAHA_JUPITER, s, f->degree[GRAHA_JUPITER], f->sign[sign_lord(s)], &rel);
    if (!own_or_exalted(GRAHA_JUPITER, s) && d != DIGNITY_FRIEND)
        return false;
    for (int i = 0; i < 3; i++)
        add(y, three[i]);
    return true;
}

/* Occupants of sign s among the nine grahas, and whether all are benefics. */
static unsigned occupants(const struct facts *f, int s, bool *all_benefic)
{
    unsigned set = in_sign(f, (1u << GRAHA_CLASSICAL) - 1, s);
    *all_benefic = true;
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        if ((set & BIT(g)) && !benefic(f, g))
            *all_benefic = false;
    return set;
}

/* BPHS ch. 36 v. 5-6: only benefics in the 10th from the lagna or Moon. */
static bool amala(const struct facts *f, struct yoga *y)
{
    const int from[2] = {f->lagna, f->sign[GRAHA_MOON]};
    bool any = false;
    for (int i = 0; i < 2; i++) {
        bool good;
        unsigned set = occupants(f, (from[i] + 9) % 12, &good);
        if (set && good) {
            add_set(y, set);
            any = true;
        }
    }
    return any;
}

/* BPHS ch. 36 v. 7-8: benefics in the kendras (none but benefics there),
 * the 6th and 8th empty or held by benefics only. */
static bool parvata(const struct facts *f, struct yoga *y)
{
    unsigned in_kendras = 0;
    bool good;
    for (int h = 1; h <= 10; h += 3) {
        in_kendras |= occupants(f, (f->lagna + h - 1) % 12, &good);
        if (!good)
            return false;
    }
    occupants(f, (f->lagna + 5) % 12, &good);
    if (!in_kendras || !good)
        return false;
    occupants(f, (f->lagna + 7) % 12, &good);
    if (!good)
        return false;
    add_set(y, in_kendras);
    return true;
}

/* BPHS ch. 36 v. 9-10: the 4th lord and Jupiter in kendras from each
 * other, the lagna lord strong. */
static bool kahala(const struct facts *f, struct yoga *y)
{
    int g = f->lord[4];
    if (g == GRAHA_JUPITER || !kendra(house_from(f->sign[g], f->sign[GRAHA_JUPITER])) ||
        !lagna_lord_strong(f))
        return false;
    add(y, g);
    add(y, GRAHA_JUPITER);
    add(y, f->lord[1]);
    return true;
}

/* B.V. Raman, Three Hundred Important Combinations: the Moon in the 6th,
 * 8th or 12th from Jupiter, cancelled when the Moon is in a kendra from
 * the lagna. */
static bool shakata(const struct facts *f, struct yoga *y)
{
    int h = house_from(f->sign[GRAHA_JUPITER], f->sign[GRAHA_MOON]);
    if (!dusthana(h) || kendra(house(f, GRAHA_MOON)))
        return false;
    add(y, GRAHA_MOON);
    add(y, GRAHA_JUPITER);
    return true;
}

/* B.V. Raman, Three Hundred Important Combinations: all four kendras
 * occupied (by the seven planets). */
static bool chatussagara(const struct facts *f, struct yoga *y)
{
    unsigned all = 0;
    for (int h = 1; h <= 10; h += 3) {
        unsigned set = in_sign(f, (1u << GRAHA_SEVEN) - 1, (f->lagna + h - 1) % 12);
        if (!set)
            return false;
        all |= set;
    }
    add_set(y, all);
    return true;
}

/* Phaladeepika ch. 6 (Maha, Dainya, Khala yogas): two planets each in the
 * other's sign. */
static bool parivartana(const struct facts *f, struct yoga *y)
{
    bool any = false;
    for (int a = 0; a < GRAHA_SEVEN; a++)
        for (int b = a + 1; b < GRAHA_SEVEN; b++)
            if (exchange(f, a, b)) {
                add(y, a);
                add(y, b);
                any = true;
            }
    return any;
}

/* ---- the table ---------------------------------------------------------- */

static const struct {
    const char *name;
    const char *description;
    const char *source;
    bool (*rule)(const struct facts *, struct yoga *);
} table[YOGA_COUNT] = {
    [YOGA_RUCHAKA] = {"Ruchaka", "Mars in its own sign or exaltation in a kendra from the lagna",
                      "BPHS ch. 75 v. 1-2; Phaladeepika ch. 6 v. 1", ruchaka},
    [YOGA_BHADRA] = {"Bhadra",
                     "Mercury in its own sign or exaltation in a kendra from the lagna",
                     "BPHS ch. 75 v. 1-2; Phaladeepika ch. 6 v. 1", bhadra},
    [YOGA_HAMSA] = {"Hamsa", "Jupiter in its own sign or exaltation in a kendra from the lagna",
                    "BPHS ch. 75 v. 1-2; Phaladeepika ch. 6 v. 1", hamsa},
    [YOGA_MALAVYA] = {"Malavya",
                      "Venus in its own sign or exaltation in a kendra from the lagna",
                      "BPHS ch. 75 v. 1-2; Phaladeepika ch. 6 v. 1", malavya},
    [YOGA_SASA] = {"Sasa", "Saturn in its own sign or exaltation in a kendra from the lagna",
                   "BPHS ch. 75 v. 1-2; Phaladeepika ch. 6 v. 1", sasa},
    [YOGA_GAJA_KESARI] = {"Gaja Kesari", "Jupiter in a kendra from the Moon",
                          "Phaladeepika ch. 6; BPHS ch. 36 v. 3-4 (stricter)", gaja_kesari},
    [YOGA_BUDHA_ADITYA] = {"Budha-Aditya", "the Sun and Mercury in the same sign",
                           "B.V. Raman, Three Hundred Important Combinations", budha_aditya},
    [YOGA_CHANDRA_MANGALA] = {"Chandra-Mangala", "the Moon and Mars in the same sign",
                              "B.V. Raman, Three Hundred Important Combinations",
                              chandra_mangala},
    [YOGA_ADHI] = {"Adhi", "Mercury, Jupiter and Venus, all benefic, in the 6th, 7th or 8th "
                           "from the Moon",
                   "BPHS ch. 37 v. 5", adhi},
    [YOGA_SUNAPHA] = {"Sunapha",
                      "a planet (Mars to Saturn) in the 2nd from the Moon, none in the 12th",
                      "BPHS ch. 37 v. 7-10", sunapha},
    [YOGA_ANAPHA] = {"Anapha",
                     "a planet (Mars to Saturn) in the 12th from the Moon, none in the 2nd",
                     "BPHS ch. 37 v. 7-10", anapha},
    [YOGA_DURUDHARA] = {"Durudhara",
                        "planets (Mars to Saturn) in both the 2nd and the 12th from the Moon",
                        "BPHS ch. 37 v. 7-10", durudhara},
    [YOGA_KEMADRUMA] = {"Kemadruma",
                        "no planet (Mars to Saturn) in the 2nd or 12th from the Moon, and none "
                        "in a kendra from the lagna or the Moon to cancel it",
                        "BPHS ch. 37 v. 11-13", kemadruma},
    [YOGA_KEMADRUMA_BHANGA] = {"Kemadruma Bhanga",
                               "Kemadruma cancelled by a planet (Mars to Saturn) in a kendra "
                               "from the lagna or the Moon",
                               "BPHS ch. 37 v. 11; Saravali ch. 13 v. 2", kemadruma_bhanga},
    [YOGA_VESI] = {"Vesi", "a planet (Mars to Saturn) in the 2nd from the Sun, none in the 12th",
                   "BPHS ch. 38 v. 1", vesi},
    [YOGA_VASI] = {"Vasi", "a planet (Mars to Saturn) in the 12th from the Sun, none in the 2nd",
                   "BPHS ch. 38 v. 1", vasi},
    [YOGA_UBHAYACHARI] = {"Ubhayachari",
                          "planets (Mars to Saturn) in both the 2nd and the 12th from the Sun",
                          "BPHS ch. 38 v. 1", ubhayachari},
    [YOGA_NEECHA_BHANGA] = {"Neecha Bhanga Raja",
                            "a debilitated planet whose sign lord, exaltation-sign lord or the "
                            "planet exalted in its sign is in a kendra from the lagna or Moon",
                            "Phaladeepika ch. 7", neecha_bhanga},
    [YOGA_HARSHA] = {"Harsha", "the 6th lord in the 6th, 8th or 12th",
                     "Phaladeepika ch. 6 v. 63-68 (Viparita Raja yoga)", harsha},
    [YOGA_SARALA] = {"Sarala", "the 8th lord in the 6th, 8th or 12th",
                     "Phaladeepika ch. 6 v. 63-68 (Viparita Raja yoga)", sarala},
    [YOGA_VIMALA] = {"Vimala", "the 12th lord in the 6th, 8th or 12th",
                     "Phaladeepika ch. 6 v. 63-68 (Viparita Raja yoga)", vimala},
    [YOGA_RAJA] = {"Raja", "a kendra lord (1, 4, 7, 10) conjunct, in mutual aspect or in "
                           "exchange with a trikona lord (1, 5, 9)",
                   "BPHS ch. 34 and ch. 39", raja},
    [YOGA_DHANA] = {"Dhana", "the 2nd or 11th lord conjunct, in mutual aspect or in exchange "
                             "with the lord of the 1st, 5th, 9th or 11th",
                    "BPHS ch. 41", dhana},
    [YOGA_LAKSHMI] = {"Lakshmi", "the 9th lord in its own sign or exaltation in a kendra, the "
                                 "lagna lord strong",
                      "BPHS ch. 36", lakshmi},
    [YOGA_SARASWATI] = {"Saraswati", "Jupiter, Venus and Mercury in kendras, trikonas or the "
                                     "2nd, Jupiter in its own, exaltation or a friend's sign",
                        "Phaladeepika ch. 6", saraswati},
    [YOGA_AMALA] = {"Amala", "only benefics in the 10th from the lagna or from the Moon",
                    "BPHS ch. 36 v. 5-6", amala},
    [YOGA_PARVATA] = {"Parvata", "only benefics in the kendras (at least one), the 6th and 8th "
                                 "empty or held by benefics",
                      "BPHS ch. 36 v. 7-8", parvata},
    [YOGA_KAHALA] = {"Kahala", "the 4th lord and Jupiter in kendras from each other, the lagna "
                               "lord strong",
                     "BPHS ch. 36 v. 9-10", kahala},
    [YOGA_SHAKATA] = {"Shakata", "the Moon in the 6th, 8th or 12th from Jupiter and not in a "
                                 "kendra from the lagna",
                      "B.V. Raman, Three Hundred Important Combinations", shakata},
    [YOGA_CHATUSSAGARA] = {"Chatussagara", "all four kendras occupied by planets",
                           "B.V. Raman, Three Hundred Important Combinations", chatussagara},
    [YOGA_PARIVARTANA] = {"Parivartana", "two planets each in the other's sign (exchange)",
                          "Phaladeepika ch. 6 (Maha, Dainya, Khala yogas)", parivartana},
};

const char *yoga_name(int id)
{
    return id >= 0 && id < YOGA_COUNT ? table[id].name : "";
}

const char *yoga_description(int id)
{
    return id >= 0 && id < YOGA_COUNT ? table[id].description : "";
}

const char *yoga_source(int id)
{
    return id >= 0 && id < YOGA_COUNT ? table[id].source : "";
}

void yoga_compute(const struct chart *c, struct yogas *out)
{
    struct facts f;
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        f.sign[g] = c->grahas[g].pos.sign;
        f.degree[g] = c->grahas[g].pos.degree;
    }
    f.lagna = c->ascendant.sign;
    for (int h = 1; h <= 12; h++)
        f.lord[h] = sign_lord((f.lagna + h - 1) % 12);
    f.waxing = zodiac_norm(c->grahas[GRAHA_MOON].pos.longitude -
                           c->grahas[GRAHA_SUN].pos.longitude) < 180.0;
    out->present_count = 0;
    for (int i = 0; i < YOGA_COUNT; i++) {
        struct yoga *y = &out->y[i];
        memset(y, 0, sizeof *y);
        y->present = table[i].rule(&f, y);
        if (!y->present)
            y->nplanets = 0;
        out->present_count += y->present;
    }
}
