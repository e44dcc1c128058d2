/* muhurta.c - the muhurta search: the rule table with its sources, the
 * state of the sky at an instant, and the sweep that finds every instant
 * at which a rule's verdict can change and cuts the range there (see
 * muhurta.h, docs/muhurta.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/muhurta.h"

#include "engine/chart.h"
#include "engine/combustion.h"
#include "engine/panchang.h"
#include "engine/zodiac.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400.0 /* seconds */
#define BIT(n) (1ul << (n))

/* ---- the rule table ---------------------------------------------------- */

/* Nakshatras by number (1-based, as in struct muhurta_state). */
enum {
    ASHWINI = 1,
    BHARANI,
    KRITTIKA,
    ROHINI,
    MRIGASHIRA,
    ARDRA,
    PUNARVASU,
    PUSHYA,
    ASHLESHA,
    MAGHA,
    PURVA_PHALGUNI,
    UTTARA_PHALGUNI,
    HASTA,
    CHITRA,
    SWATI,
    VISHAKHA,
    ANURADHA,
    JYESHTHA,
    MULA,
    PURVA_ASHADHA,
    UTTARA_ASHADHA,
    SHRAVANA,
    DHANISHTA,
    SHATABHISHA,
    PURVA_BHADRAPADA,
    UTTARA_BHADRAPADA,
    REVATI
};
/* Weekdays (0-based). */
enum { SUN, MON, TUE, WED, THU, FRI, SAT };
/* Lunar months (1-based). */
enum {
    CHAITRA = 1,
    VAISHAKHA,
    JYESHTHA_MASA,
    ASHADHA,
    SHRAVANA_MASA,
    BHADRAPADA,
    ASHVINA,
    KARTIKA,
    MARGASHIRSHA,
    PAUSHA,
    MAGHA_MASA,
    PHALGUNA
};

#define P(p) (1u << (p))
#define P_ALL ((1u << MUHURTA_PURPOSE_COUNT) - 1)

/* The nakshatra groups of Muhurta Chintamani ch. 2 (nakshatra prakarana):
 * dhruva (fixed, v. 2), chara (movable, v. 3), kshipra (swift, v. 6),
 * mridu (soft, v. 7); 2.2, 2.5 (mishra) and 2.6 as the Muhurtaraj quotes
 * them by number, 2.3 and 2.7 by the order of its table. */
#define DHRUVA (BIT(UTTARA_PHALGUNI) | BIT(UTTARA_ASHADHA) | BIT(UTTARA_BHADRAPADA) | BIT(ROHINI))
#define CHARA (BIT(SWATI) | BIT(PUNARVASU) | BIT(SHRAVANA) | BIT(DHANISHTA) | BIT(SHATABHISHA))
#define KSHIPRA (BIT(HASTA) | BIT(ASHWINI) | BIT(PUSHYA))
#define MRIDU (BIT(MRIGASHIRA) | BIT(CHITRA) | BIT(ANURADHA) | BIT(REVATI))
#define ALL_NAKSHATRAS (BIT(28) - 2) /* 1..27 */

/* Tithis 1..30: 1..15 shukla, 16..30 krishna. */
#define ALL_TITHIS (BIT(31) - 2)
#define SHUKLA (BIT(16) - 2) /* 1..15 */
/* Rikta ("empty"): chaturthi, navami, chaturdashi of both halves. */
#define RIKTA (BIT(4) | BIT(9) | BIT(14) | BIT(19) | BIT(24) | BIT(29))
#define AMAVASYA BIT(30)
/* Parva: ashtami, chaturdashi, purnima, amavasya. */
#define PARVA (BIT(8) | BIT(14) | BIT(15) | BIT(23) | BIT(29) | BIT(30))
/* A tithi n of either half. */
#define BOTH(n) (BIT(n) | BIT((n) + 15))

#define ALL_VARAS (BIT(7) - 1)
#define SAUMYA_VARAS (BIT(MON) | BIT(WED) | BIT(THU) | BIT(FRI)) /* the benefics' days */
#define ALL_SIGNS (BIT(12) - 1)
#define FIXED_SIGNS (BIT(TAURUS) | BIT(LEO) | BIT(SCORPIO) | BIT(AQUARIUS))
#define UTTARAYANA                                                                                 \
    (BIT(CAPRICORN) | BIT(AQUARIUS) | BIT(PISCES) | BIT(ARIES) | BIT(TAURUS) | BIT(GEMINI))

/* The nine inauspicious (dushta) yogas: Vishkambha, Atiganda, Shula,
 * Ganda, Vyaghata, Vajra, Vyatipata, Parigha, Vaidhriti. */
#define DUSHTA_YOGAS                                                                               \
    (BIT(1) | BIT(6) | BIT(9) | BIT(10) | BIT(13) | BIT(15) | BIT(17) | BIT(19) | BIT(27))
#define ALL_YOGAS (BIT(28) - 2)

/* MC = Muhurta Chintamani of Rama Daivajna (1600), chapters as in G. C.
 * Sharma's translation (1 shubhashubha, 2 nakshatra, 4 gochara, 5 samskara,
 * 6 vivaha, 11 yatra, 13 griha pravesha). Where a verse number was not
 * verified in a published edition, the chapter alone is cited. A row
 * applies to every purpose in its mask; a purpose without a row for a
 * factor does not restrict that factor. */
static const struct muhurta_rule_row rules[] = {
    /* ---- every purpose ---- */
    {P_ALL, MUHURTA_RULE_YOGA, ALL_YOGAS & ~DUSHTA_YOGAS, ALL_YOGAS & ~DUSHTA_YOGAS,
     "not one of the nine inauspicious yogas (Vishkambha, Atiganda, Shula, Ganda, Vyaghata, "
     "Vajra, Vyatipata, Parigha, Vaidhriti), each shunned whole",
     "MC ch. 1 (the dushta yogas; the text shuns only the first ghatis of some, here the whole "
     "yoga is shunned, as in A. P. Rao's summary list)"},
    {P_ALL, MUHURTA_RULE_KARANA, 0, 0, "not in Vishti (Bhadra) karana",
     "MC ch. 1 (Bhadra shunned for auspicious works)"},
    {P_ALL, MUHURTA_RULE_RAHU_KALAM, 0, 0, "not in the day's rahu kalam",
     "the rahu kalam of South Indian panchangas (docs/panchang.md); not in MC"},
    /* ---- vivaha ---- */
    {P(MUHURTA_VIVAHA), MUHURTA_RULE_SUN_SIGN,
     BIT(ARIES) | BIT(TAURUS) | BIT(GEMINI) | BIT(SCORPIO) | BIT(CAPRICORN) | BIT(AQUARIUS),
     BIT(ARIES) | BIT(TAURUS) | BIT(GEMINI) | BIT(SCORPIO) | BIT(CAPRICORN) | BIT(AQUARIUS),
     "the Sun in Aries, Taurus, Gemini, Scorpio, Capricorn or Aquarius",
     "MC 6.13 (mithuna-kumbha-mriga-ali-vrisha-aja)"},
    {P(MUHURTA_VIVAHA), MUHURTA_RULE_CHATURMAS, 0, 0,
     "not from Ashadha shukla ekadashi to Kartika shukla ekadashi (chaturmas)",
     "MC 6.13 (with the Sun in Gemini only to Ashadha shukla dashami) and the Harishayana of the "
     "almanacs"},
    {P(MUHURTA_VIVAHA) | P(MUHURTA_GRIHA_PRAVESH), MUHURTA_RULE_ADHIKA, 0, 0,
     "not in an adhika (intercalary) lunar month", "MC ch. 1 (malamasa shunned)"},
    {P(MUHURTA_VIVAHA) | P(MUHURTA_GRIHA_PRAVESH), MUHURTA_RULE_COMBUST, 0, 0,
     "neither Jupiter nor Venus combust (asta), by the orbs of Surya Siddhanta ch. 9",
     "MC ch. 1 and ch. 6 (guru-shukra asta shunned)"},
    {P(MUHURTA_VIVAHA), MUHURTA_RULE_TITHI, ALL_TITHIS & ~RIKTA & ~AMAVASYA,
     BIT(2) | BIT(3) | BIT(5) | BIT(7) | BIT(10) | BIT(11) | BIT(13),
     "any tithi but the rikta (4, 9, 14) and amavasya; best shukla 2, 3, 5, 7, 10, 11, 13",
     "MC ch. 6; best: Kalaprakashika"},
    {P(MUHURTA_VIVAHA), MUHURTA_RULE_NAKSHATRA,
     BIT(ROHINI) | BIT(MRIGASHIRA) | BIT(MAGHA) | BIT(UTTARA_PHALGUNI) | BIT(HASTA) | BIT(SWATI) |
         BIT(ANURADHA) | BIT(MULA) | BIT(UTTARA_ASHADHA) | BIT(UTTARA_BHADRAPADA) | BIT(REVATI),
     BIT(ROHINI) | BIT(MRIGASHIRA) | BIT(SWATI) | BIT(UTTARA_PHALGUNI),
     "Rohini, Mrigashira, Magha, Uttara Phalguni, Hasta, Swati, Anuradha, Mula, Uttara "
     "Ashadha, Uttara Bhadrapada or Revati; best Rohini, Mrigashira, Swati, Uttara Phalguni",
     "MC ch. 6 and Brihat Samhita 100.7-8; best: the Kerala rule (rohini-dvaya-pitrya ...)"},
    {P(MUHURTA_VIVAHA), MUHURTA_RULE_VARA, SAUMYA_VARAS, BIT(THU) | BIT(FRI),
     "Monday, Wednesday, Thursday or Friday; best Thursday and Friday",
     "MC ch. 6 (a benefic's day); order: Kalaprakashika"},
    {P(MUHURTA_VIVAHA), MUHURTA_RULE_LAGNA,
     ALL_SIGNS & ~(BIT(ARIES) | BIT(SCORPIO) | BIT(CAPRICORN) | BIT(PISCES)),
     BIT(GEMINI) | BIT(VIRGO) | BIT(LIBRA),
     "not Aries, Scorpio, Capricorn or Pisces rising; best Gemini, Virgo, Libra",
     "Kalaprakashika (as B. V. Raman, Muhurtha, on marriage)"},
    /* ---- griha pravesha ---- */
    {P(MUHURTA_GRIHA_PRAVESH), MUHURTA_RULE_SUN_SIGN, UTTARAYANA, UTTARAYANA,
     "the Sun in its northern course (uttarayana: Capricorn to Gemini)",
     "MC ch. 13 (griha pravesha: saumyayane)"},
    {P(MUHURTA_GRIHA_PRAVESH), MUHURTA_RULE_MASA,
     BIT(VAISHAKHA) | BIT(JYESHTHA_MASA) | BIT(MAGHA_MASA) | BIT(PHALGUNA),
     BIT(VAISHAKHA) | BIT(JYESHTHA_MASA) | BIT(MAGHA_MASA) | BIT(PHALGUNA),
     "the lunar month Vaishakha, Jyeshtha, Magha or Phalguna",
     "MC ch. 13 (jyeshtha-tapo-antya-madhave)"},
    {P(MUHURTA_GRIHA_PRAVESH), MUHURTA_RULE_NAKSHATRA, MRIDU | DHRUVA, MRIDU | DHRUVA,
     "a mridu (Mrigashira, Chitra, Anuradha, Revati) or dhruva (Rohini and the three Uttaras) "
     "nakshatra",
     "MC ch. 13 (mridu-dhruva-udubhih)"},
    {P(MUHURTA_GRIHA_PRAVESH), MUHURTA_RULE_LAGNA, FIXED_SIGNS, FIXED_SIGNS,
     "a fixed sign rising (Taurus, Leo, Scorpio, Aquarius)", "MC ch. 13 (sthire)"},
    {P(MUHURTA_GRIHA_PRAVESH), MUHURTA_RULE_TITHI, ALL_TITHIS & ~RIKTA & ~AMAVASYA, SHUKLA & ~RIKTA,
     "any tithi but the rikta and amavasya; best in the bright half",
     "MC ch. 1 (rikta tithis shunned for auspicious works)"},
    {P(MUHURTA_GRIHA_PRAVESH), MUHURTA_RULE_VARA, ALL_VARAS & ~(BIT(SUN) | BIT(TUE)), SAUMYA_VARAS,
     "not Sunday or Tuesday; best a benefic's day",
     "MC ch. 13 (the Sun's and Mars's days shunned)"},
    /* ---- namakarana ---- */
    {P(MUHURTA_NAMAKARANA), MUHURTA_RULE_NAKSHATRA, MRIDU | DHRUVA | KSHIPRA | CHARA,
     MRIDU | DHRUVA | KSHIPRA | CHARA, "a mridu, dhruva, kshipra or chara nakshatra",
     "MC ch. 5 (jatakarma and namakarana: mridu-dhruva-kshipra-chara)"},
    {P(MUHURTA_NAMAKARANA), MUHURTA_RULE_TITHI, ALL_TITHIS & ~RIKTA & ~PARVA,
     SHUKLA & ~RIKTA & ~PARVA, "any tithi but the rikta and the parva (8, 14, 15, 30)",
     "MC ch. 5 (parva-rikta-una tithau)"},
    {P(MUHURTA_NAMAKARANA), MUHURTA_RULE_VARA, SAUMYA_VARAS, SAUMYA_VARAS,
     "Monday, Wednesday, Thursday or Friday", "MC ch. 5 (shubhe 'hni)"},
    /* ---- vehicle ---- */
    {P(MUHURTA_VEHICLE), MUHURTA_RULE_NAKSHATRA,
     BIT(ASHWINI) | BIT(MRIGASHIRA) | BIT(PUNARVASU) | BIT(PUSHYA) | BIT(HASTA) | BIT(CHITRA) |
         BIT(SWATI) | BIT(SHRAVANA) | BIT(DHANISHTA) | BIT(SHATABHISHA) | BIT(REVATI),
     CHARA,
     "Ashwini, Mrigashira, Punarvasu, Pushya, Hasta, Chitra, Swati, Shravana, Dhanishta, "
     "Shatabhisha or Revati; best the chara ones",
     "MC ch. 2 (riding elephants, horses and chariots; as compiled in Muhurta Sangraha v. 131); "
     "chara: MC 2.3"},
    {P(MUHURTA_VEHICLE), MUHURTA_RULE_VARA, BIT(SUN) | SAUMYA_VARAS, SAUMYA_VARAS,
     "Sunday, Monday, Wednesday, Thursday or Friday",
     "MC ch. 2 (as compiled in Muhurta Sangraha v. 131)"},
    {P(MUHURTA_VEHICLE), MUHURTA_RULE_TITHI, ALL_TITHIS & ~RIKTA & ~AMAVASYA, SHUKLA & ~RIKTA,
     "any tithi but the rikta and amavasya; best in the bright half", "MC ch. 1"},
    /* ---- travel ---- */
    {P(MUHURTA_TRAVEL), MUHURTA_RULE_NAKSHATRA,
     BIT(ASHWINI) | BIT(PUNARVASU) | BIT(ANURADHA) | BIT(MRIGASHIRA) | BIT(PUSHYA) | BIT(REVATI) |
         BIT(HASTA) | BIT(SHRAVANA) | BIT(DHANISHTA),
     BIT(ASHWINI) | BIT(PUNARVASU) | BIT(ANURADHA) | BIT(MRIGASHIRA) | BIT(PUSHYA) | BIT(REVATI) |
         BIT(HASTA) | BIT(SHRAVANA) | BIT(DHANISHTA),
     "Ashwini, Punarvasu, Anuradha, Mrigashira, Pushya, Revati, Hasta, Shravana or Dhanishta",
     "MC ch. 11 (yatra: the nine best nakshatras)"},
    {P(MUHURTA_TRAVEL), MUHURTA_RULE_TITHI,
     BOTH(2) | BOTH(3) | BOTH(5) | BOTH(7) | BOTH(10) | BOTH(11) | BOTH(13),
     (BOTH(2) | BOTH(3) | BOTH(5) | BOTH(7) | BOTH(10) | BOTH(11) | BOTH(13)) & SHUKLA,
     "2, 3, 5, 7, 10, 11 or 13 of either half (not pratipada, 6, 8, 12, the rikta, purnima or "
     "amavasya); best in the bright half",
     "MC ch. 11 (yatra tithis)"},
    /* ---- business ---- */
    {P(MUHURTA_BUSINESS), MUHURTA_RULE_NAKSHATRA, KSHIPRA | MRIDU | DHRUVA, KSHIPRA,
     "a kshipra (Ashwini, Pushya, Hasta), mridu or dhruva nakshatra; best kshipra",
     "MC 2.6 (kshipra: trade, panya), 2.2 (dhruva: lasting works), 2.7 (mridu)"},
    {P(MUHURTA_BUSINESS), MUHURTA_RULE_TITHI, ALL_TITHIS & ~RIKTA & ~AMAVASYA, SHUKLA & ~RIKTA,
     "any tithi but the rikta and amavasya; best in the bright half", "MC ch. 1"},
    {P(MUHURTA_BUSINESS), MUHURTA_RULE_VARA, SAUMYA_VARAS, BIT(WED) | BIT(THU),
     "Monday, Wednesday, Thursday or Friday; best Wednesday and Thursday",
     "MC 2.6 (Thursday kshipra) and Mercury's rule of trade"},
    /* ---- personal (with natives) ---- */
    {P_ALL, MUHURTA_RULE_TARA, BIT(1) | BIT(2) | BIT(4) | BIT(6) | BIT(8) | BIT(9),
     BIT(2) | BIT(4) | BIT(6) | BIT(8) | BIT(9),
     "the tara of the day's nakshatra from each native's not Vipat (3), Pratyari (5) or Vadha "
     "(7)",
     "MC ch. 4 (gochara: the nine taras from the janma nakshatra)"},
    {P_ALL, MUHURTA_RULE_CHANDRA, BIT(1) | BIT(3) | BIT(6) | BIT(7) | BIT(10) | BIT(11),
     BIT(1) | BIT(3) | BIT(6) | BIT(7) | BIT(10) | BIT(11),
     "the Moon in the 1st, 3rd, 6th, 7th, 10th or 11th sign from each native's Moon",
     "MC ch. 4 (gochara: chandra bala from the janma rashi)"},
};
#define NRULES (sizeof rules / sizeof rules[0])

const struct muhurta_rule_row *muhurta_rule_table(size_t *count)
{
    *count = NRULES;
    return rules;
}

static const struct muhurta_rule_row *row_of(int purpose, int rule)
{
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i].rule == rule && (rules[i].purposes & P(purpose)))
            return &rules[i];
    return NULL;
}

bool muhurta_rule_applies(int purpose, int rule)
{
    return purpose >= 0 && purpose < MUHURTA_PURPOSE_COUNT && row_of(purpose, rule) != NULL;
}

/* ---- names ------------------------------------------------------------- */

static const char *const purpose_names[MUHURTA_PURPOSE_COUNT] = {
    "vivaha", "griha_pravesh", "namakarana", "vehicle", "travel", "business",
};

static const char *const rule_names[MUHURTA_RULE_COUNT] = {
    "sun_sign", "masa",  "adhika", "chaturmas", "combust",    "tithi",     "nakshatra",
    "vara",     "lagna", "yoga",   "karana",    "rahu_kalam", "tara_bala", "chandra_bala",
};

/* The nine taras counted from the janma nakshatra (MC ch. 4). */
static const char *const tara_names[9] = {
    "Janma", "Sampat", "Vipat", "Kshema", "Pratyari", "Sadhaka", "Vadha", "Mitra", "Parama Mitra",
};

const char *muhurta_purpose_name(int purpose)
{
    return purpose >= 0 && purpose < MUHURTA_PURPOSE_COUNT ? purpose_names[purpose] : "?";
}

int muhurta_purpose_find(const char *name)
{
    for (int i = 0; i < MUHURTA_PURPOSE_COUNT; i++)
        if (strcmp(name, purpose_names[i]) == 0)
            return i;
    return -1;
}

const char *muhurta_rule_name(int rule)
{
    return rule >= 0 && rule < MUHURTA_RULE_COUNT ? rule_names[rule] : "?";
}

const char *muhurta_tara_name(int tara)
{
    return tara >= 1 && tara <= 9 ? tara_names[tara - 1] : "?";
}

int muhurta_tara(int natal_nakshatra, int nakshatra)
{
    int n = ((nakshatra - natal_nakshatra) % 27 + 27) % 27; /* 0 = the janma nakshatra */
    return n % 9 + 1;
}

int muhurta_house_from(int natal_sign, int sign)
{
    return ((sign - natal_sign) % 12 + 12) % 12 + 1;
}

/* ---- the verdict ------------------------------------------------------- */

/* Whether the value (its bit) is in the row's allowed set. */
static bool allowed(const struct muhurta_rule_row *r, int bit)
{
    return bit >= 0 && bit < 63 && (r->allowed & BIT(bit));
}

bool muhurta_check(const struct muhurta_query *q, const struct muhurta_state *st,
                   struct muhurta_verdict *out)
{
    struct muhurta_verdict v = {0, 0};
    for (size_t i = 0; i < NRULES; i++) {
        const struct muhurta_rule_row *r = &rules[i];
        if (!(r->purposes & P(q->purpose)))
            continue;
        bool ok = true;
        switch (r->rule) {
        case MUHURTA_RULE_SUN_SIGN: ok = allowed(r, st->sun_sign); break;
        case MUHURTA_RULE_MASA: ok = allowed(r, st->masa); break;
        case MUHURTA_RULE_ADHIKA: ok = !st->adhika; break;
        case MUHURTA_RULE_CHATURMAS: ok = !st->chaturmas; break;
        case MUHURTA_RULE_COMBUST: ok = !st->jupiter_combust && !st->venus_combust; break;
        case MUHURTA_RULE_TITHI: ok = allowed(r, st->tithi); break;
        case MUHURTA_RULE_NAKSHATRA: ok = allowed(r, st->nakshatra); break;
        case MUHURTA_RULE_VARA: ok = allowed(r, st->vara); break;
        case MUHURTA_RULE_LAGNA: ok = allowed(r, st->lagna); break;
        case MUHURTA_RULE_YOGA: ok = allowed(r, st->yoga); break;
        case MUHURTA_RULE_KARANA: /* Vishti: the 7th of each run of seven movable karanas */
            ok = !(st->karana >= 2 && st->karana <= 57 && (st->karana - 2) % 7 == 6);
            break;
        case MUHURTA_RULE_RAHU_KALAM: ok = !st->rahu_kalam; break;
        case MUHURTA_RULE_TARA:
            for (int n = 0; n < q->nnatives; n++)
                if (!allowed(r, st->tara[n]))
                    v.personal |= 1u << (2 * n);
            break;
        case MUHURTA_RULE_CHANDRA:
            for (int n = 0; n < q->nnatives; n++)
                if (!allowed(r, st->chandra[n]))
                    v.personal |= 1u << (2 * n + 1);
            break;
        default: break;
        }
        if (!ok)
            v.general |= 1u << r->rule;
    }
    if (out)
        *out = v;
    return v.general == 0 && v.personal == 0;
}

int muhurta_score(const struct muhurta_query *q, const struct muhurta_state *st)
{
    static const int graded[] = {MUHURTA_RULE_TITHI, MUHURTA_RULE_NAKSHATRA, MUHURTA_RULE_VARA,
                                 MUHURTA_RULE_LAGNA};
    if (!muhurta_check(q, st, NULL))
        return 0;
    int points = 0, factors = 0;
    for (size_t i = 0; i < sizeof graded / sizeof graded[0]; i++) {
        const struct muhurta_rule_row *r = row_of(q->purpose, graded[i]);
        if (!r)
            continue;
        int value = graded[i] == MUHURTA_RULE_TITHI       ? st->tithi
                    : graded[i] == MUHURTA_RULE_NAKSHATRA ? st->nakshatra
                    : graded[i] == MUHURTA_RULE_VARA      ? st->vara
                                                          : st->lagna;
        factors++;
        points += (r->best & BIT(value)) ? 25 : 15;
    }
    return factors ? (int)lround(100.0 * points / (25.0 * factors)) : 100;
}

/* ---- parameters -------------------------------------------------------- */

/* Keeps err's code and message but names the parameter as given. */
static int refield(struct error *err, int rc, const char *field)
{
    if (err && rc)
        snprintf(err->field, sizeof err->field, "%.63s", field);
    return rc;
}

void muhurta_query_init(struct muhurta_query *q)
{
    memset(q, 0, sizeof *q);
    q->purpose = -1;
    birth_init(&q->place);
    options_init(&q->options);
}

static const char *const native_roles[] = {"native", "boy", "girl"};

static int native_param(struct muhurta_query *q, const char *role, const char *key,
                        const char *rest, const char *value, struct error *err)
{
    static const struct {
        const char *name;
        unsigned bit;
    } birth_keys[] = {
        {"date", BIRTH_HAVE_DATE},
        {"time", BIRTH_HAVE_TIME},
        {"timezone", BIRTH_HAVE_TZ},
        {"latitude", BIRTH_HAVE_LAT},
        {"longitude", BIRTH_HAVE_LON},
        {"place", BIRTH_HAVE_PLACE},
        {"fold", 0},
        {"altitude", 0},
    };
    const char *name = birth_param_name(rest);
    size_t k = 0, nk = sizeof birth_keys / sizeof birth_keys[0];
    while (k < nk && strcmp(name, birth_keys[k].name) != 0)
        k++;
    if (k == nk)
        return err_set(err, ERR_UNKNOWN_FIELD, key,
                       "unknown parameter '%.40s' (a native's birth: %s.date, %s.time, %s.tz, "
                       "%s.lat, %s.lon or %s.place)",
                       key, role, role, role, role, role, role);
    bool single = strcmp(role, "native") == 0;
    struct muhurta_native *n = NULL;
    for (int i = 0; i < q->nnatives; i++) {
        if (strcmp(q->natives[i].role, role) == 0)
            n = &q->natives[i];
        else if (single || strcmp(q->natives[i].role, "native") == 0)
            return err_set(err, ERR_INVALID_VALUE, key,
                           "give native.* (one birth) or boy.* and girl.* (one or two), not both");
    }
    if (!n) {
        if (q->nnatives == MUHURTA_MAX_NATIVES)
            return err_set(err, ERR_INVALID_VALUE, key, "at most %d births", MUHURTA_MAX_NATIVES);
        n = &q->natives[q->nnatives++];
        memset(n, 0, sizeof *n);
        snprintf(n->role, sizeof n->role, "%s", role);
        birth_init(&n->birth);
    }
    if (birth_keys[k].bit && (n->birth.have & birth_keys[k].bit))
        return err_set(err, ERR_DUPLICATE_PARAMETER, key, "%.40s is given twice", key);
    struct chart_options o;
    options_init(&o);
    return refield(err, birth_param_set(&n->birth, &o, rest, value, err), key);
}

int muhurta_param_set(struct muhurta_query *q, const char *key, const char *value,
                      struct error *err)
{
    static const char *const place_keys[] = {"tz",  "timezone",  "lat",     "latitude",
                                             "lon", "longitude", "ayanamsa"};
    if (!value[0])
        return err_set(err, ERR_MISSING_FIELD, key, "%.40s is empty", key);
    if (strcmp(key, "purpose") == 0) {
        int p = muhurta_purpose_find(value);
        if (p < 0)
            return err_set(err, ERR_INVALID_VALUE, key,
                           "purpose must be vivaha, griha_pravesh, namakarana, vehicle, travel or "
                           "business");
        q->purpose = p;
        q->have |= MUHURTA_HAVE_PURPOSE;
        return 0;
    }
    if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0) {
        bool from = key[0] == 'f';
        struct civil c = {0};
        int rc = civil_parse_date(value, &c);
        if (rc == ERR_DATE_OUT_OF_RANGE || (rc == 0 && c.year >= CIVIL_YEAR_MAX))
            return err_set(err, ERR_DATE_OUT_OF_RANGE, key,
                           "%s must be between %04d-01-01 and %04d-12-31", key, CIVIL_YEAR_MIN,
                           CIVIL_YEAR_MAX - 1);
        if (rc)
            return err_set(err, ERR_INVALID_DATE, key, "%s must be a date YYYY-MM-DD", key);
        *(from ? &q->from : &q->to) = c;
        q->have |= from ? MUHURTA_HAVE_FROM : MUHURTA_HAVE_TO;
        return 0;
    }
    for (size_t i = 0; i < sizeof place_keys / sizeof place_keys[0]; i++)
        if (strcmp(key, place_keys[i]) == 0)
            return refield(err, birth_param_set(&q->place, &q->options, key, value, err), key);
    for (size_t i = 0; i < sizeof native_roles / sizeof native_roles[0]; i++) {
        size_t n = strlen(native_roles[i]);
        if (strncmp(key, native_roles[i], n) == 0 && key[n] == '.' && key[n + 1])
            return native_param(q, native_roles[i], key, key + n + 1, value, err);
    }
    return err_set(err, ERR_UNKNOWN_FIELD, key,
                   "unknown parameter '%.40s' (purpose, from, to, tz, lat, lon, ayanamsa, "
                   "native.*, boy.*, girl.*)",
                   key);
}

/* UT seconds of local midnight starting the civil date of day number days
 * (since 1970-01-01). Where midnight falls in a DST gap, the first whole
 * hour after it that exists. */
static int local_midnight(const struct tz_zone *zone, int64_t days, double lon, double *ut,
                          struct error *err)
{
    struct civil m = {0};
    struct tz_conv conv;
    int rc = 0;
    civil_date_from_days(days, &m.year, &m.month, &m.day);
    for (m.hour = 0; m.hour < 4; m.hour++) {
        rc = tz_local_to_ut(zone, &m, lon, 0, &conv, err);
        if (rc != ERR_NONEXISTENT_LOCAL_TIME)
            break;
    }
    if (rc)
        return rc;
    *ut = conv.ut - m.hour * 3600.0;
    return 0;
}

/* The natal Moon of a native: a chart of the birth in q's ayanamsa. */
static int native_moon(const struct context *ctx, const struct muhurta_query *q,
                       struct muhurta_native *n, struct error *err)
{
    struct chart_options o;
    struct chart *c = alloc_malloc(&ctx->alloc, sizeof *c);
    char field[sizeof err->field];
    int rc = c ? 0 : err_set(err, ERR_NO_MEMORY, "", "out of memory");
    options_init(&o);
    o.ayanamsa = q->options.ayanamsa;
    o.sections = 0;
    if (rc == 0)
        rc = birth_check_complete(&n->birth, err);
    if (rc == 0)
        rc = birth_resolve_place(ctx, &n->birth, err);
    if (rc == 0)
        rc = chart_compute(ctx, &n->birth, &o, c, NULL, err);
    if (rc == 0) {
        const struct zodiac_pos *m = &c->grahas[GRAHA_MOON].pos;
        n->nakshatra = m->nakshatra + 1;
        n->pada = m->pada;
        n->moon_sign = m->sign;
    } else if (err) { /* "birth.latitude" -> "boy.latitude" */
        const char *f = strncmp(err->field, "birth.", 6) == 0 ? err->field + 6 : err->field;
        snprintf(field, sizeof field, "%s.%.40s", n->role, f);
        memcpy(err->field, field, sizeof field);
    }
    alloc_free(&ctx->alloc, c);
    return rc;
}

int muhurta_prepare(const struct context *ctx, struct muhurta_query *q, struct error *err)
{
    static const struct {
        unsigned bit;
        const char *field;
    } need[] = {
        {MUHURTA_HAVE_PURPOSE, "purpose"}, {MUHURTA_HAVE_FROM, "from"}, {MUHURTA_HAVE_TO, "to"}};
    static const struct {
        unsigned bit;
        const char *field;
    } need_place[] = {{BIRTH_HAVE_TZ, "tz"}, {BIRTH_HAVE_LAT, "lat"}, {BIRTH_HAVE_LON, "lon"}};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (!(q->have & need[i].bit))
            return err_set(err, ERR_MISSING_FIELD, need[i].field, "%s is required", need[i].field);
    for (size_t i = 0; i < sizeof need_place / sizeof need_place[0]; i++)
        if (!(q->place.have & need_place[i].bit))
            return err_set(err, ERR_MISSING_FIELD, need_place[i].field, "%s is required",
                           need_place[i].field);
    if (q->purpose < 0 || q->purpose >= MUHURTA_PURPOSE_COUNT)
        return err_set(err, ERR_INVALID_VALUE, "purpose", "unknown purpose");
    const double lat = q->place.latitude, lon = q->place.longitude;
    if (!(lat >= -90 && lat <= 90))
        return err_set(err, ERR_INVALID_LATITUDE, "lat", "latitude must be between -90 and 90");
    if (!(fabs(lat) <= MUHURTA_MAX_LATITUDE))
        return err_set(err, ERR_INVALID_VALUE, "lat",
                       "muhurtas are searched within %.0f degrees of the equator: beyond, the Sun "
                       "need not rise every day (vara, rahu kalam) and the lagna jumps",
                       MUHURTA_MAX_LATITUDE);
    if (!(lon >= -180 && lon <= 180))
        return err_set(err, ERR_INVALID_LONGITUDE, "lon", "longitude must be between -180 and 180");
    if (q->options.ayanamsa < 0 || q->options.ayanamsa >= EPH_AYANAMSA_COUNT)
        return err_set(err, ERR_UNKNOWN_AYANAMSA, "ayanamsa", "unknown ayanamsa");
    int64_t d0 = civil_days_from_date(q->from.year, q->from.month, q->from.day);
    int64_t d1 = civil_days_from_date(q->to.year, q->to.month, q->to.day);
    if (d1 < d0)
        return err_set(err, ERR_INVALID_VALUE, "to", "to must not be before from");
    if (d1 - d0 + 1 > MUHURTA_MAX_DAYS)
        return err_set(err, ERR_INVALID_VALUE, "to",
                       "the range from .. to is at most %d days (both included)", MUHURTA_MAX_DAYS);
    int rc = tz_zone_get(ctx->tz, q->place.timezone, &q->zone, err);
    if (rc)
        return err_set(err, rc, "tz",
                       "unknown time zone '%.40s' (an IANA name like Asia/Kolkata, an offset like "
                       "+05:30, or LMT)",
                       q->place.timezone);
    rc = local_midnight(q->zone, d0, lon, &q->begin, err);
    if (rc)
        return refield(err, rc, "from");
    rc = local_midnight(q->zone, d1 + 1, lon, &q->end, err);
    if (rc)
        return refield(err, rc, "to");
    /* The lunar months reach a month before and after the range. */
    rc = context_check_span(ctx, civil_jd_from_seconds(q->begin), 35.0, 0.0, "from", err);
    if (rc == 0)
        rc = context_check_span(ctx, civil_jd_from_seconds(q->end), 0.0, 35.0, "to", err);
    for (int i = 0; rc == 0 && i < q->nnatives; i++)
        rc = native_moon(ctx, q, &q->natives[i], err);
    return rc;
}

/* ---- the state at an instant ------------------------------------------- */

/* A Vedic day: from its sunrise to the next. */
struct vday {
    double sunrise, sunset;      /* UT seconds */
    double rahu_start, rahu_end; /* the rahu kalam: an eighth of daytime */
    int vara;                    /* weekday of the civil date of its sunrise */
};

static void bind_frame(const struct context *ctx, const struct muhurta_query *q)
{
    struct eph_frame frame = {.ephe_path = ctx->ephe_path,
                              .ayanamsa = q->options.ayanamsa,
                              .latitude = q->place.latitude,
                              .longitude = q->place.longitude};
    eph_begin(&frame);
}

/* The Vedic day that begins with the sunrise of local date number days. */
static int vday_of(const struct muhurta_query *q, int64_t days, struct vday *d, struct error *err)
{
    const double lat = q->place.latitude, lon = q->place.longitude;
    double midnight, next_midnight, rise, set;
    int rc = local_midnight(q->zone, days, lon, &midnight, err);
    if (rc == 0)
        rc = local_midnight(q->zone, days + 1, lon, &next_midnight, err);
    if (rc)
        return refield(err, rc, "tz");
    rc = eph_rise_set(civil_jd_from_seconds(midnight), GRAHA_SUN, EPH_RISE, lat, lon, &rise, err);
    if (rc < 0)
        return rc;
    rise = civil_seconds_from_jd(rise);
    if (rc == 0)
        rc = eph_rise_set(civil_jd_from_seconds(rise), GRAHA_SUN, EPH_SET, lat, lon, &set, err);
    if (rc < 0)
        return rc;
    set = civil_seconds_from_jd(set);
    if (rc == 1 || rise >= next_midnight || set - rise >= DAY)
        return err_set(err, ERR_INVALID_VALUE, "tz",
                       "no sunrise within a civil day of zone %.40s at this place: the zone is "
                       "too far from the place's solar time",
                       q->place.timezone);
    int y, m, dd;
    civil_date_from_days(days, &y, &m, &dd);
    d->sunrise = rise;
    d->sunset = set;
    d->vara = civil_weekday(y, m, dd);
    /* Daytime in eighths, the weekday's part (panchang_kalam_part), as
     * the daily panchang computes it. */
    int p = panchang_kalam_part(KALAM_RAHU, d->vara);
    double len = (set - rise) / 8;
    d->rahu_start = rise + (p - 1) * len;
    d->rahu_end = rise + p * len;
    return 0;
}

/* Local date number (days since 1970-01-01) of UT instant ut. */
static int64_t local_days(const struct muhurta_query *q, double ut)
{
    struct tz_conv conv;
    tz_ut_to_local(q->zone, ut, q->place.longitude, &conv);
    return (int64_t)floor((ut + conv.offset) / DAY);
}

/* Chaturmas: from Ashadha shukla ekadashi to Kartika shukla ekadashi,
 * both whole (Devashayani to Prabodhini ekadashi). */
static bool chaturmas(int masa, int tithi)
{
    return (masa == ASHADHA && tithi >= 11) || (masa > ASHADHA && masa < KARTIKA) ||
           (masa == KARTIKA && tithi <= 11);
}

/* The factors read off the Sun, Moon and lagna at jd (and Jupiter and
 * Venus when the purpose shuns their combustion). */
static int sky_at(const struct muhurta_query *q, double ut, struct muhurta_state *st,
                  enum eph_source *source, struct error *err)
{
    const double jd = civil_jd_from_seconds(ut);
    struct eph_pos s, m;
    double cusps[12], asc, mc;
    int rc = eph_graha(jd, GRAHA_SUN, &s, source, err);
    if (rc == 0)
        rc = eph_graha(jd, GRAHA_MOON, &m, source, err);
    if (rc)
        return rc;
    double e = zodiac_norm(m.longitude - s.longitude);
    struct zodiac_pos mp;
    zodiac_locate(m.longitude, &mp);
    st->ut = ut;
    st->tithi = panchang_tithi_of(e);
    st->karana = panchang_karana_of(e);
    st->yoga = panchang_yoga_of(s.longitude, m.longitude);
    st->nakshatra = mp.nakshatra + 1;
    st->moon_sign = mp.sign;
    st->sun_sign = zodiac_part(zodiac_norm(s.longitude), 30.0);
    eph_houses(jd, q->place.latitude, q->place.longitude, 'E', cusps, &asc, &mc);
    st->lagna = zodiac_part(zodiac_norm(asc), 30.0);
    st->jupiter_combust = st->venus_combust = false;
    if (muhurta_rule_applies(q->purpose, MUHURTA_RULE_COMBUST)) {
        struct eph_pos j, v;
        rc = eph_graha(jd, GRAHA_JUPITER, &j, source, err);
        if (rc == 0)
            rc = eph_graha(jd, GRAHA_VENUS, &v, source, err);
        if (rc)
            return rc;
        st->jupiter_combust =
            combustion_is_combust(GRAHA_JUPITER, j.longitude, s.longitude, j.speed < 0);
        st->venus_combust =
            combustion_is_combust(GRAHA_VENUS, v.longitude, s.longitude, v.speed < 0);
    }
    for (int i = 0; i < q->nnatives; i++) {
        st->tara[i] = muhurta_tara(q->natives[i].nakshatra, st->nakshatra);
        st->chandra[i] = muhurta_house_from(q->natives[i].moon_sign, st->moon_sign);
    }
    return 0;
}

static void apply_day(const struct vday *d, struct muhurta_state *st)
{
    st->vara = d->vara;
    st->rahu_kalam = st->ut >= d->rahu_start && st->ut < d->rahu_end;
}

static void apply_masa(const struct panchang_masa *m, struct muhurta_state *st)
{
    st->masa = m->number;
    st->adhika = m->adhika;
    st->chaturmas = chaturmas(m->number, st->tithi);
}

int muhurta_state_at(const struct context *ctx, const struct muhurta_query *q, double ut,
                     struct muhurta_state *st, struct error *err)
{
    enum eph_source source = EPH_SWISS;
    struct vday d;
    struct panchang_masa m;
    memset(st, 0, sizeof *st);
    bind_frame(ctx, q);
    int rc = sky_at(q, ut, st, &source, err);
    int64_t days = local_days(q, ut);
    if (rc == 0)
        rc = vday_of(q, days, &d, err);
    if (rc == 0 && ut < d.sunrise) /* before the date's sunrise: the previous Vedic day */
        rc = vday_of(q, days - 1, &d, err);
    if (rc == 0)
        rc = panchang_masa_at(civil_jd_from_seconds(ut), &m, &source, err);
    if (rc)
        return rc;
    apply_day(&d, st);
    apply_masa(&m, st);
    return 0;
}

/* ---- the sweep --------------------------------------------------------- */

/* What changes at an event: the factor and its new value. */
enum ev_kind {
    EV_EDGE,      /* the sweep's ends: nothing changes */
    EV_KARANA,    /* value: the karana begun (1..60); the tithi follows */
    EV_NAKSHATRA, /* 1..27 */
    EV_MOON_SIGN, /* 0..11 */
    EV_YOGA,      /* 1..27 */
    EV_SUN_SIGN,  /* 0..11 */
    EV_LAGNA,     /* 0..11 */
    EV_JUPITER,   /* 1 combust, 0 visible */
    EV_VENUS,
    EV_DAY, /* a sunrise, or a rahu kalam's start or end: read from the day table */
};

struct event {
    double t;           /* UT seconds */
    unsigned char kind; /* enum ev_kind */
    signed char value;
};

struct sweep {
    const struct context *ctx;
    const struct muhurta_query *q;
    const struct alloc *a;
    enum eph_source source;
    struct event *ev; /* the instants at which a factor changes */
    size_t nev, cap;
    struct vday *days; /* from the day before `from` to the day after `to` */
    size_t ndays;
    struct panchang_masa *months; /* covering the sweep */
    size_t nmonths;
    double t0, t1; /* the sweep: begin .. end + a minute, UT seconds */
};

static int push(struct sweep *sw, double t, int kind, int value, struct error *err)
{
    if (sw->nev == sw->cap) {
        size_t cap = sw->cap ? 2 * sw->cap : 1024;
        struct event *p = alloc_realloc(sw->a, sw->ev, cap * sizeof *p);
        if (!p)
            return err_set(err, ERR_NO_MEMORY, "", "out of memory");
        sw->ev = p;
        sw->cap = cap;
    }
    sw->ev[sw->nev++] = (struct event){t, (unsigned char)kind, (signed char)value};
    return 0;
}

static int stopped(const struct sweep *sw, struct error *err)
{
    if (sw->q->stop && sw->q->stop(sw->q->stop_arg))
        return err_set(err, ERR_DEADLINE_EXCEEDED, "", "the request deadline passed");
    return 0;
}

/* Every instant in [t0, t1) at which the angle crosses a multiple of span
 * (degrees), as events of kind with the part begun (plus base: 1 for
 * 1-based limbs). The angle only grows: each crossing is sought from the
 * previous one at the rate there. */
static int angle_events(struct sweep *sw, int angle, double span, int kind, int base,
                        struct error *err)
{
    const int parts = (int)lround(360.0 / span);
    double jd = civil_jd_from_seconds(sw->t0), jd1 = civil_jd_from_seconds(sw->t1), a, r;
    int rc = panchang_angle(angle, jd, &a, &r, &sw->source, err);
    if (rc)
        return rc;
    int k = zodiac_part(a, span);
    double gap = (k + 1) * span - a;
    for (;;) {
        double t;
        int next = (k + 1) % parts;
        rc = panchang_angle_crossing(angle, next * span, jd + gap / r, &t, &sw->source, err);
        if (rc)
            return rc;
        if (t >= jd1)
            return 0;
        rc = push(sw, civil_seconds_from_jd(t), kind, next + base, err);
        if (rc)
            return rc;
        jd = t > jd ? t : jd;
        k = next;
        gap = span;
        rc = panchang_angle(angle, jd, &a, &r, &sw->source, err);
        if (rc)
            return rc;
    }
}

/* The sidereal ascendant between full computations: the ascendant is a
 * function of the sidereal time (ARMC), the obliquity and the latitude
 * alone, and over a few hours the ARMC grows at the sidereal rate while
 * the obliquity, the nutation and the ayanamsa stand still to well under
 * 0.01". So one full computation (libswe's houses, whose nutation series
 * is the cost) serves a quarter day: later instants turn the ARMC on and
 * take the ascendant from it (swe_houses_armc), shifted by the sidereal
 * offset measured at the base. The crossings so found agree with the full
 * computation to a few hundredths of a second. */
struct asc_model {
    const struct muhurta_query *q;
    double jd0;    /* the base instant, JD UT; 0 = none yet */
    double armc0;  /* ARMC at the base, degrees */
    double eps;    /* true obliquity at the base, degrees */
    double offset; /* sidereal minus tropical ascendant at the base, degrees */
};

#define SIDEREAL_RATE 360.98564736629 /* degrees of ARMC per day of UT */

static double ascendant(struct asc_model *m, double jd)
{
    double cusps[12], asc, mc, armc;
    const double lat = m->q->place.latitude, lon = m->q->place.longitude;
    if (m->jd0 == 0 || fabs(jd - m->jd0) > 0.25) {
        double sid;
        eph_houses(jd, lat, lon, 'E', cusps, &sid, &mc);
        eph_houses_tropical(jd, lat, lon, 'E', cusps, &asc, &mc, &armc);
        m->jd0 = jd;
        m->armc0 = armc;
        m->eps = eph_obliquity(jd);
        m->offset = sid - asc;
        return zodiac_norm(sid);
    }
    eph_houses_armc(zodiac_norm(m->armc0 + SIDEREAL_RATE * (jd - m->jd0)), lat, m->eps, 'E', cusps,
                    &asc, &mc);
    return zodiac_norm(asc + m->offset);
}

/* Every instant in [t0, t1) at which a sign begins to rise. The
 * ascendant only grows (|latitude| <= 66), by less than a turn in a
 * quarter day, so its forward motion from a known point tells on which
 * side of a crossing an instant lies. Each crossing is bracketed by steps
 * at the last rate seen and refined by regula falsi (Illinois) to 1e-7
 * day (9 ms). */
static int lagna_events(struct sweep *sw, struct error *err)
{
    const double jd_end = civil_jd_from_seconds(sw->t1);
    double lo = civil_jd_from_seconds(sw->t0), rate = 360.0; /* degrees/day */
    struct asc_model model = {sw->q, 0, 0, 0, 0};
    double base = ascendant(&model, lo);
    int n = 0;
    while (lo < jd_end) {
        if (++n % 64 == 0 && stopped(sw, err))
            return ERR_DEADLINE_EXCEEDED;
        /* g(t): forward motion from base minus the way to the next sign;
         * negative before the crossing. */
        const double need = (zodiac_part(base, 30.0) + 1) * 30.0 - base; /* (0, 30] */
        double a = lo, ga = -need, b, gb;
        for (;;) {
            double step = fmin(fmax(-ga / rate, 1e-5), 0.25);
            b = a + step;
            gb = zodiac_norm(ascendant(&model, b) - base) - need;
            if (gb >= 0)
                break;
            rate = fmax((gb - ga) / step, 1.0);
            a = b;
            ga = gb;
            if (a >= jd_end)
                return 0;
        }
        int side = 0;
        while (b - a > 1e-7) {
            double c = (a * gb - b * ga) / (gb - ga);
            if (!(c > a && c < b))
                c = 0.5 * (a + b);
            double gc = zodiac_norm(ascendant(&model, c) - base) - need;
            if (gc >= 0) {
                b = c;
                gb = gc;
                if (side == 1)
                    ga /= 2;
                side = 1;
            } else {
                a = c;
                ga = gc;
                if (side == -1)
                    gb /= 2;
                side = -1;
            }
        }
        if (b >= jd_end)
            return 0;
        base = ascendant(&model, b); /* at or just past the new sign's edge */
        int rc = push(sw, civil_seconds_from_jd(b), EV_LAGNA, zodiac_part(base, 30.0), err);
        if (rc)
            return rc;
        lo = b;
    }
    return 0;
}

/* Whether Jupiter or Venus is combust at jd: bit 0 Jupiter, bit 1 Venus. */
static int combust_at(struct sweep *sw, double jd, int *bits, struct error *err)
{
    struct eph_pos s, j, v;
    int rc = eph_graha(jd, GRAHA_SUN, &s, &sw->source, err);
    if (rc == 0)
        rc = eph_graha(jd, GRAHA_JUPITER, &j, &sw->source, err);
    if (rc == 0)
        rc = eph_graha(jd, GRAHA_VENUS, &v, &sw->source, err);
    if (rc)
        return rc;
    *bits = (combustion_is_combust(GRAHA_JUPITER, j.longitude, s.longitude, j.speed < 0) ? 1 : 0) |
            (combustion_is_combust(GRAHA_VENUS, v.longitude, s.longitude, v.speed < 0) ? 2 : 0);
    return 0;
}

/* The instants at which Jupiter or Venus becomes combust or visible:
 * sampled daily (either stays combust for more than a week), each change
 * bisected to 1e-7 day. */
static int combust_events(struct sweep *sw, struct error *err)
{
    const double jd0 = civil_jd_from_seconds(sw->t0), jd1 = civil_jd_from_seconds(sw->t1);
    double prev = jd0;
    int bits_prev, rc = combust_at(sw, prev, &bits_prev, err);
    while (rc == 0 && prev < jd1) {
        double next = fmin(prev + 1.0, jd1);
        int bits;
        rc = combust_at(sw, next, &bits, err);
        for (int b = 0; rc == 0 && b < 2; b++) {
            if (((bits ^ bits_prev) >> b & 1) == 0)
                continue;
            double lo = prev, hi = next;
            while (rc == 0 && hi - lo > 1e-7) {
                double mid = 0.5 * (lo + hi);
                int bm;
                rc = combust_at(sw, mid, &bm, err);
                if (((bm ^ bits_prev) >> b & 1) == 0)
                    lo = mid;
                else
                    hi = mid;
            }
            if (rc == 0)
                rc = push(sw, civil_seconds_from_jd(hi), b == 0 ? EV_JUPITER : EV_VENUS,
                          bits >> b & 1, err);
        }
        bits_prev = bits;
        prev = next;
    }
    return rc;
}

/* The Vedic days from the one before `from` to the one after `to`, their
 * sunrises and rahu kalams as events. */
static int day_events(struct sweep *sw, struct error *err)
{
    const struct muhurta_query *q = sw->q;
    int64_t d0 = civil_days_from_date(q->from.year, q->from.month, q->from.day) - 1;
    int64_t d1 = civil_days_from_date(q->to.year, q->to.month, q->to.day) + 1;
    sw->ndays = (size_t)(d1 - d0 + 1);
    sw->days = alloc_calloc(sw->a, sw->ndays, sizeof *sw->days);
    if (!sw->days)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    for (size_t i = 0; i < sw->ndays; i++) {
        struct vday *d = &sw->days[i];
        int rc = vday_of(q, d0 + (int64_t)i, d, err);
        if (rc == 0)
            rc = push(sw, d->sunrise, EV_DAY, 0, err);
        if (rc == 0)
            rc = push(sw, d->rahu_start, EV_DAY, 0, err);
        if (rc == 0)
            rc = push(sw, d->rahu_end, EV_DAY, 0, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* The lunar months covering the sweep, walked new moon by new moon. */
static int month_table(struct sweep *sw, struct error *err)
{
    size_t cap = 8;
    sw->months = alloc_calloc(sw->a, cap, sizeof *sw->months);
    if (!sw->months)
        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
    int rc = panchang_masa_at(civil_jd_from_seconds(sw->t0), &sw->months[0], &sw->source, err);
    sw->nmonths = rc ? 0 : 1;
    while (rc == 0 && sw->months[sw->nmonths - 1].end <= civil_jd_from_seconds(sw->t1)) {
        const struct panchang_masa *last = &sw->months[sw->nmonths - 1];
        double start = last->end, end;
        if (sw->nmonths == cap)
            return err_set(err, ERR_INTERNAL, "", "too many lunar months");
        rc = panchang_angle_crossing(PANCHANG_ANGLE_ELONGATION, 0.0, start + 29.530589, &end,
                                     &sw->source, err);
        if (rc == 0)
            rc = panchang_masa_between(start, end, &sw->months[sw->nmonths], &sw->source, err);
        if (rc == 0)
            sw->nmonths++;
    }
    return rc;
}

static int cmp_event(const void *a, const void *b)
{
    double x = ((const struct event *)a)->t, y = ((const struct event *)b)->t;
    return x < y ? -1 : x > y;
}

/* The day and month of ut from the sweep's tables. */
static void apply_tables(const struct sweep *sw, struct muhurta_state *st)
{
    size_t lo = 0, hi = sw->ndays; /* the last day whose sunrise is <= ut */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (sw->days[mid].sunrise <= st->ut)
            lo = mid;
        else
            hi = mid;
    }
    apply_day(&sw->days[lo], st);
    const double jd = civil_jd_from_seconds(st->ut);
    size_t m = 0;
    while (m + 1 < sw->nmonths && sw->months[m].end <= jd)
        m++;
    apply_masa(&sw->months[m], st);
}

/* Whether every rule holds at ut: the sky computed afresh (sky_at), the
 * day and month from the tables, which muhurta_state_at computes the
 * same way. */
static int pass_at(struct sweep *sw, double ut, bool *ok, struct error *err)
{
    struct muhurta_state st;
    memset(&st, 0, sizeof st);
    int rc = sky_at(sw->q, ut, &st, &sw->source, err);
    if (rc == 0) {
        apply_tables(sw, &st);
        *ok = muhurta_check(sw->q, &st, NULL);
    }
    return rc;
}

/* Applies an event to the running state. */
static void apply_event(const struct muhurta_query *q, const struct event *e,
                        struct muhurta_state *st)
{
    switch (e->kind) {
    case EV_KARANA:
        st->karana = e->value;
        st->tithi = (e->value + 1) / 2;
        break;
    case EV_NAKSHATRA: st->nakshatra = e->value; break;
    case EV_MOON_SIGN: st->moon_sign = e->value; break;
    case EV_YOGA: st->yoga = e->value; break;
    case EV_SUN_SIGN: st->sun_sign = e->value; break;
    case EV_LAGNA: st->lagna = e->value; break;
    case EV_JUPITER: st->jupiter_combust = e->value; break;
    case EV_VENUS: st->venus_combust = e->value; break;
    default: break;
    }
    for (int i = 0; i < q->nnatives; i++) {
        st->tara[i] = muhurta_tara(q->natives[i].nakshatra, st->nakshatra);
        st->chandra[i] = muhurta_house_from(q->natives[i].moon_sign, st->moon_sign);
    }
}

/* Appends the segments of segs[] overlapping [s, e], clipped, to out. */
static int clip_segments(struct muhurta_result *out, const struct muhurta_segment *segs,
                         size_t nsegs, size_t *from_seg, double s, double e, size_t *first,
                         size_t *count, size_t *cap, struct error *err)
{
    while (*from_seg > 0 && segs[*from_seg - 1].end > s)
        (*from_seg)--;
    while (*from_seg < nsegs && segs[*from_seg].end <= s)
        (*from_seg)++;
    *first = out->nsegments;
    *count = 0;
    for (size_t i = *from_seg; i < nsegs && segs[i].start <= e; i++) {
        double a = fmax(segs[i].start, s), b = fmin(segs[i].end, e);
        if (b <= a)
            continue;
        if (out->nsegments == *cap) {
            size_t nc = *cap ? 2 * *cap : 256;
            struct muhurta_segment *p = alloc_realloc(out->alloc, out->segments, nc * sizeof *p);
            if (!p)
                return err_set(err, ERR_NO_MEMORY, "", "out of memory");
            out->segments = p;
            *cap = nc;
        }
        struct muhurta_segment *c = &out->segments[out->nsegments++];
        *c = segs[i];
        c->start = a;
        c->end = b;
        (*count)++;
    }
    return 0;
}

/* The minute runs: each whole minute in [begin, end] takes the verdict of
 * the segment it lies in; windows are maximal runs of passing minutes,
 * exclusions maximal runs of one personal failure set. */
static int build_windows(struct sweep *sw, struct muhurta_result *out,
                         const struct muhurta_segment *segs, size_t nsegs, struct error *err)
{
    const struct muhurta_query *q = &out->query;
    const double first_minute = ceil(q->begin / 60.0) * 60.0;
    const double last_minute = floor(q->end / 60.0) * 60.0;
    size_t wcap = 0, xcap = 0, scap = 0, si = 0, clip = 0;
    int cur = 0; /* 0 none, 1 window, 2 excluded */
    unsigned cur_mask = 0;
    double run_start = 0, run_last = 0;
    int rc = 0;
    for (double m = first_minute;; m += 60.0) {
        int kind = 0;
        unsigned mask = 0;
        bool done = m > last_minute;
        if (!done) {
            while (si + 1 < nsegs && segs[si].end <= m)
                si++;
            const struct muhurta_verdict *v = &segs[si].verdict;
            if (v->general == 0) {
                kind = v->personal ? 2 : 1;
                mask = v->personal;
            }
        }
        if (cur && (kind != cur || mask != cur_mask)) { /* close the run */
            if (cur == 1 && run_last > run_start) {
                double s = run_start, e = run_last;
                bool ok = true;
                /* Confirm the edges with the sky computed afresh. */
                while (rc == 0 && s <= e && (rc = pass_at(sw, s, &ok, err)) == 0 && !ok)
                    s += 60.0;
                while (rc == 0 && e >= s && (rc = pass_at(sw, e, &ok, err)) == 0 && !ok)
                    e -= 60.0;
                while (rc == 0 && s - 60.0 >= first_minute &&
                       (rc = pass_at(sw, s - 60.0, &ok, err)) == 0 && ok)
                    s -= 60.0;
                while (rc == 0 && e + 60.0 <= last_minute &&
                       (rc = pass_at(sw, e + 60.0, &ok, err)) == 0 && ok)
                    e += 60.0;
                if (rc)
                    return rc;
                if (e > s) {
                    if (out->nwindows == wcap) {
                        wcap = wcap ? 2 * wcap : 64;
                        struct muhurta_window *p =
                            alloc_realloc(out->alloc, out->windows, wcap * sizeof *p);
                        if (!p)
                            return err_set(err, ERR_NO_MEMORY, "", "out of memory");
                        out->windows = p;
                    }
                    struct muhurta_window *w = &out->windows[out->nwindows++];
                    w->start = s;
                    w->end = e;
                    rc = clip_segments(out, segs, nsegs, &clip, s, e, &w->first, &w->count, &scap,
                                       err);
                    if (rc)
                        return rc;
                    double sum = 0, dur = 0;
                    for (size_t i = 0; i < w->count; i++) {
                        const struct muhurta_segment *g = &out->segments[w->first + i];
                        sum += g->score * (g->end - g->start);
                        dur += g->end - g->start;
                    }
                    w->score = dur > 0 ? (int)lround(sum / dur) : 0;
                }
            } else if (cur == 2 && run_last > run_start) {
                if (out->nexcluded == xcap) {
                    xcap = xcap ? 2 * xcap : 64;
                    struct muhurta_excluded *p =
                        alloc_realloc(out->alloc, out->excluded, xcap * sizeof *p);
                    if (!p)
                        return err_set(err, ERR_NO_MEMORY, "", "out of memory");
                    out->excluded = p;
                }
                struct muhurta_excluded *x = &out->excluded[out->nexcluded++];
                x->start = run_start;
                x->end = run_last;
                x->personal = cur_mask;
                rc = clip_segments(out, segs, nsegs, &clip, run_start, run_last, &x->first,
                                   &x->count, &scap, err);
                if (rc)
                    return rc;
            }
            cur = 0;
        }
        if (done)
            break;
        if (kind && !cur) {
            cur = kind;
            cur_mask = mask;
            run_start = m;
        }
        run_last = m;
        if ((long long)(m / 60.0) % 1440 == 0 && stopped(sw, err))
            return ERR_DEADLINE_EXCEEDED;
    }
    return 0;
}

void muhurta_result_free(struct muhurta_result *r)
{
    if (!r || !r->alloc)
        return;
    alloc_free(r->alloc, r->windows);
    alloc_free(r->alloc, r->excluded);
    alloc_free(r->alloc, r->segments);
    r->windows = NULL;
    r->excluded = NULL;
    r->segments = NULL;
    r->nwindows = r->nexcluded = r->nsegments = 0;
}

int muhurta_search(const struct context *ctx, const struct muhurta_query *query,
                   struct muhurta_result *out, struct error *err)
{
    struct sweep sw;
    struct muhurta_segment *segs = NULL;
    size_t nsegs = 0;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&sw, 0, sizeof sw);
    out->alloc = &ctx->alloc;
    out->query = *query;
    struct muhurta_query *q = &out->query;
    rc = muhurta_prepare(ctx, q, err);
    if (rc)
        goto done;
    out->zone_name = tz_zone_name(q->zone);
    sw.ctx = ctx;
    sw.q = q;
    sw.a = &ctx->alloc;
    sw.source = EPH_SWISS;
    sw.t0 = q->begin;
    sw.t1 = q->end + 60.0; /* the closing minute (24:00 of `to`) lies in a segment too */

    bind_frame(ctx, q);
    out->ayanamsa_value = eph_ayanamsa(civil_jd_from_seconds(q->begin));
    rc = push(&sw, sw.t0, EV_EDGE, 0, err);
    if (rc == 0)
        rc = angle_events(&sw, PANCHANG_ANGLE_ELONGATION, PANCHANG_KARANA_SPAN, EV_KARANA, 1, err);
    if (rc == 0)
        rc = angle_events(&sw, PANCHANG_ANGLE_MOON, NAKSHATRA_SPAN, EV_NAKSHATRA, 1, err);
    if (rc == 0 && q->nnatives) /* the Moon's sign, for chandra bala */
        rc = angle_events(&sw, PANCHANG_ANGLE_MOON, 30.0, EV_MOON_SIGN, 0, err);
    if (rc == 0)
        rc = angle_events(&sw, PANCHANG_ANGLE_SUN_MOON, PANCHANG_YOGA_SPAN, EV_YOGA, 1, err);
    if (rc == 0)
        rc = angle_events(&sw, PANCHANG_ANGLE_SUN, 30.0, EV_SUN_SIGN, 0, err);
    if (rc == 0)
        rc = stopped(&sw, err);
    if (rc == 0)
        rc = lagna_events(&sw, err);
    if (rc == 0 && muhurta_rule_applies(q->purpose, MUHURTA_RULE_COMBUST))
        rc = combust_events(&sw, err);
    if (rc == 0)
        rc = day_events(&sw, err);
    if (rc == 0)
        rc = month_table(&sw, err);
    if (rc == 0)
        rc = push(&sw, sw.t1, EV_EDGE, 0, err);
    if (rc)
        goto done;

    /* The state at the start, then event by event: between two events
     * nothing changes but the day's and month's, read from the tables. */
    qsort(sw.ev, sw.nev, sizeof *sw.ev, cmp_event);
    struct muhurta_state cur;
    memset(&cur, 0, sizeof cur);
    rc = sky_at(q, sw.t0, &cur, &sw.source, err);
    if (rc)
        goto done;
    segs = alloc_calloc(sw.a, sw.nev, sizeof *segs);
    if (!segs) {
        rc = err_set(err, ERR_NO_MEMORY, "", "out of memory");
        goto done;
    }
    double from = sw.t0;
    for (size_t i = 0; i < sw.nev; i++) {
        const struct event *e = &sw.ev[i];
        if (e->t < sw.t0 || e->t > sw.t1)
            continue;
        if (e->t - from >= 1e-3) { /* close the stretch [from, e->t) */
            struct muhurta_segment *g = &segs[nsegs++];
            g->start = from;
            g->end = e->t;
            g->state = cur;
            g->state.ut = 0.5 * (from + e->t);
            apply_tables(&sw, &g->state);
            muhurta_check(q, &g->state, &g->verdict);
            g->score = muhurta_score(q, &g->state);
            from = e->t;
        }
        apply_event(q, e, &cur);
        if (i % 256 == 255 && (rc = stopped(&sw, err)) != 0)
            goto done;
    }
    rc = build_windows(&sw, out, segs, nsegs, err);
    if (rc == 0)
        out->ephemeris = sw.source;

done:
    alloc_free(sw.a, segs);
    alloc_free(sw.a, sw.ev);
    alloc_free(sw.a, sw.days);
    alloc_free(sw.a, sw.months);
    if (rc)
        muhurta_result_free(out);
    return rc;
}
