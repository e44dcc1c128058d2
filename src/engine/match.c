/* match.c - kundli matching (see match.h): Ashtakoota guna milan of the
 * north and jhora schools, the ten South Indian poruthams with
 * papasamyam, and the verdict bands. Every table cites its source; where
 * authorities differ the choice is documented in docs/match.md and noted at
 * the table.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/match.h"

#include "common/lang.h"

#include "engine/dignity.h"
#include "engine/dosha.h"
#include "engine/porutham.h"

#include <stdio.h>
#include <string.h>

static const char *const koota_names[KOOTA_COUNT] = {
    "varna", "vashya", "tara", "yoni", "graha_maitri", "gana", "bhakoot", "nadi",
};
static const double koota_max[KOOTA_COUNT] = {1, 2, 3, 4, 5, 6, 7, 8};

static const char *const exception_codes[MATCH_EXC_COUNT] = {
    "",
    "same_rashi_different_nakshatra",
    "same_nakshatra_different_rashi",
    "same_nakshatra_different_pada",
    "rashi_lords_same",
    "rashi_lords_friends",
};

static const char *const system_names[MATCH_SYSTEM_COUNT] = {"ashtakoota", "porutham"};
static const char *const school_names[MATCH_SCHOOL_COUNT] = {"north", "jhora"};
static const char *const porutham_names[PORUTHAM_COUNT] = {
    "dina", "gana",          "mahendra", "stree_deergha", "yoni",
    "rasi", "rasi_adhipati", "vasya",    "rajju",         "vedha",
};
static const char *const band_names[MATCH_BAND_COUNT] = {"not_recommended", "average", "very_good",
                                                         "excellent"};

static const char *const varna_names[4] = {"Shudra", "Vaishya", "Kshatriya", "Brahmin"};
static const char *const vashya_names[5] = {"Chatushpada", "Manava", "Jalachara", "Vanachara",
                                            "Keeta"};
static const char *const yoni_names[14] = {
    "Horse", "Elephant", "Sheep", "Serpent", "Dog",    "Cat",      "Rat",
    "Cow",   "Buffalo",  "Tiger", "Deer",    "Monkey", "Mongoose", "Lion",
};
static const char *const gana_names[3] = {"Deva", "Manushya", "Rakshasa"};
static const char *const nadi_names[3] = {"Adi", "Madhya", "Antya"};

/* Tara names of the count's remainder 1..9 (Muhurta Chintamani, nakshatra
 * prakarana: janma, sampat, vipat, kshema, pratyari, sadhaka, vadha, mitra,
 * ati-mitra). */
static const char *const tara_names[10] = {
    "", "Janma", "Sampat", "Vipat", "Kshema", "Pratyari", "Sadhaka", "Vadha", "Mitra", "Ati-mitra",
};

/* Varna of the Moon sign, Muhurta Chintamani, vivaha prakarana ("dvija
 * jhashalikarkatas tato nripa visho'nghrijah"): the water signs are
 * Brahmin, the signs after them Kshatriya, then Vaishya, then Shudra. The
 * same as Drik Panchang's varna kuta; saravali.de (Maitreya) and PyJHora
 * swap Vaishya and Shudra (docs/match.md). Indexed by sign % 4. */
static const int varna_of_sign4[4] = {VARNA_KSHATRIYA, VARNA_VAISHYA, VARNA_SHUDRA, VARNA_BRAHMIN};

/* Varna of the Moon sign in the jhora school: PyJHora's
 * compatibility.py (vasiya_raasi_list, used for varna), which makes the
 * earth signs Shudra and the air signs Vaishya, as saravali.de (Maitreya)
 * does. Indexed by sign % 4. The points rule is the same in both schools
 * (PyJHora's VarnaArray: the boy's varna equal or higher scores 1). */
static const int varna_of_sign4_jhora[4] = {VARNA_KSHATRIYA, VARNA_SHUDRA, VARNA_VAISHYA,
                                            VARNA_BRAHMIN};

/* Vashya points, rows the girl's group, columns the boy's: the table
 * printed in the common melapaka tables (PyJHora's "astroyogi" table, with
 * its 1.5 read as the 0.5 of the 2/1/0.5/0 scale). Only the Vanachara
 * (Leo) row and column are not symmetric: a Leo girl is no one's vashya. */
static const double vashya_points[5][5] = {
    /*            Chat Manava Jala Vana Keeta  (boy) */
    /* Chat   */ {2.0, 1.0, 1.0, 0.5, 1.0},
    /* Manava */ {1.0, 2.0, 0.5, 0.0, 1.0},
    /* Jala   */ {1.0, 0.5, 2.0, 1.0, 1.0},
    /* Vana   */ {0.0, 0.0, 0.0, 2.0, 0.0},
    /* Keeta  */ {1.0, 1.0, 1.0, 0.0, 2.0},
};

/* Vashya points of the jhora school, rows the girl's group, columns the
 * boy's: PyJHora's compatibility.py VasiyaArray ("From Saravali.de"), the
 * table its match database (all_nak_pad_boy_girl.csv) is made with;
 * checked cell by cell against that database in test_match.c. */
static const double vashya_points_jhora[5][5] = {
    /*            Chat Manava Jala Vana Keeta  (boy) */
    /* Chat   */ {2.0, 0.5, 1.0, 0.0, 2.0},
    /* Manava */ {0.5, 2.0, 0.0, 0.0, 0.0},
    /* Jala   */ {1.0, 0.0, 2.0, 2.0, 2.0},
    /* Vana   */ {0.0, 0.0, 2.0, 2.0, 0.0},
    /* Keeta  */ {1.0, 0.0, 1.0, 0.0, 2.0},
};

/* Yoni of each nakshatra (Muhurta Chintamani, vivaha prakarana; checked
 * against saravali.de and PyJHora): Ashwini Horse .. Revati Elephant. */
static const signed char yoni_of[27] = {
    YONI_HORSE,   YONI_ELEPHANT, YONI_SHEEP,    YONI_SERPENT, YONI_SERPENT, YONI_DOG,
    YONI_CAT,     YONI_SHEEP,    YONI_CAT,      YONI_RAT,     YONI_RAT,     YONI_COW,
    YONI_BUFFALO, YONI_TIGER,    YONI_BUFFALO,  YONI_TIGER,   YONI_DEER,    YONI_DEER,
    YONI_DOG,     YONI_MONKEY,   YONI_MONGOOSE, YONI_MONKEY,  YONI_LION,    YONI_HORSE,
    YONI_LION,    YONI_COW,      YONI_ELEPHANT,
};

/* Yoni points: 4 same, 3 friendly, 2 neutral, 1 inimical, 0 the seven
 * sworn enemies (horse-buffalo, elephant-lion, sheep-monkey,
 * serpent-mongoose, dog-deer, cat-rat, cow-tiger). The Maitreya table as
 * published by saravali.de and PyJHora; saravali's horse/deer (3) and
 * lion/buffalo (2) cells disagree with their mirror cells (1), PyJHora's
 * symmetric reading (1) is used. */
static const signed char yoni_points[14][14] = {
    /*          Ho El Sh Se Do Ca Ra Co Bu Ti De Mo Mg Li */
    /* Horse */ {4, 2, 2, 3, 2, 2, 2, 1, 0, 1, 1, 3, 2, 1},
    /* Eleph */ {2, 4, 3, 3, 2, 2, 2, 2, 3, 1, 2, 3, 2, 0},
    /* Sheep */ {2, 3, 4, 2, 1, 2, 1, 3, 3, 1, 2, 0, 3, 1},
    /* Serp  */ {3, 3, 2, 4, 2, 1, 1, 1, 1, 2, 2, 2, 0, 2},
    /* Dog   */ {2, 2, 1, 2, 4, 2, 1, 2, 2, 1, 0, 2, 1, 1},
    /* Cat   */ {2, 2, 2, 1, 2, 4, 0, 2, 2, 1, 3, 3, 2, 1},
    /* Rat   */ {2, 2, 1, 1, 1, 0, 4, 2, 2, 2, 2, 2, 1, 2},
    /* Cow   */ {1, 2, 3, 1, 2, 2, 2, 4, 3, 0, 3, 2, 2, 1},
    /* Buff  */ {0, 3, 3, 1, 2, 2, 2, 3, 4, 1, 2, 2, 2, 1},
    /* Tiger */ {1, 1, 1, 2, 1, 1, 2, 0, 1, 4, 1, 1, 2, 1},
    /* Deer  */ {1, 2, 2, 2, 0, 3, 2, 3, 2, 1, 4, 2, 2, 1},
    /* Monk  */ {3, 3, 0, 2, 2, 3, 2, 2, 2, 1, 2, 4, 3, 2},
    /* Mong  */ {2, 2, 3, 0, 1, 2, 1, 2, 2, 2, 2, 3, 4, 2},
    /* Lion  */ {1, 0, 1, 2, 1, 1, 2, 1, 1, 1, 1, 2, 2, 4},
};

/* Gana of each nakshatra (Muhurta Chintamani, vivaha prakarana). */
static const signed char gana_of[27] = {
    GANA_DEVA,     GANA_MANUSHYA, GANA_RAKSHASA, GANA_MANUSHYA, GANA_DEVA,     GANA_MANUSHYA,
    GANA_DEVA,     GANA_DEVA,     GANA_RAKSHASA, GANA_RAKSHASA, GANA_MANUSHYA, GANA_MANUSHYA,
    GANA_DEVA,     GANA_RAKSHASA, GANA_DEVA,     GANA_RAKSHASA, GANA_DEVA,     GANA_RAKSHASA,
    GANA_RAKSHASA, GANA_MANUSHYA, GANA_MANUSHYA, GANA_DEVA,     GANA_RAKSHASA, GANA_RAKSHASA,
    GANA_MANUSHYA, GANA_MANUSHYA, GANA_DEVA,
};

/* Gana points, rows the boy's gana, columns the girl's. Same gana 6;
 * Deva boy with Manushya girl 6, the reverse 5; Rakshasa boy with Deva
 * girl 1 (a Rakshasa groom with a bride of another gana is tolerated by
 * some, the reverse by none: Muhurta Chintamani, vivaha prakarana);
 * Deva-Rakshasa otherwise and Manushya-Rakshasa 0. Authorities differ on
 * the orientation (docs/match.md). */
static const double gana_points[3][3] = {
    /*              Deva Manushya Rakshasa (girl) */
    /* Deva     */ {6, 6, 0},
    /* Manushya */ {5, 6, 0},
    /* Rakshasa */ {1, 0, 6},
};

/* Gana points of the jhora school, rows the girl's gana, columns the
 * boy's: PyJHora's gana_array [[6,6,0],[5,6,0],[1,0,6]] read as PyJHora
 * reads it (gana_array[girl][boy], "Transposed in V3.1.1"), i.e. the north
 * table transposed: a Manushya girl with a Deva boy 5, a Rakshasa girl with
 * a Deva boy 1. */
static const double gana_points_jhora[3][3] = {
    /*              Deva Manushya Rakshasa (boy) */
    /* Deva     */ {6, 6, 0},
    /* Manushya */ {5, 6, 0},
    /* Rakshasa */ {1, 0, 6},
};

/* Nadi of each nakshatra: the zig-zag Adi, Madhya, Antya, Antya, Madhya,
 * Adi, ... (Muhurta Chintamani, vivaha prakarana). */
static const signed char nadi_of[27] = {
    NADI_ADI,    NADI_MADHYA, NADI_ANTYA,  NADI_ANTYA,  NADI_MADHYA, NADI_ADI,    NADI_ADI,
    NADI_MADHYA, NADI_ANTYA,  NADI_ANTYA,  NADI_MADHYA, NADI_ADI,    NADI_ADI,    NADI_MADHYA,
    NADI_ANTYA,  NADI_ANTYA,  NADI_MADHYA, NADI_ADI,    NADI_ADI,    NADI_MADHYA, NADI_ANTYA,
    NADI_ANTYA,  NADI_MADHYA, NADI_ADI,    NADI_ADI,    NADI_MADHYA, NADI_ANTYA,
};

const char *match_koota_name(int k)
{
    return k >= 0 && k < KOOTA_COUNT ? koota_names[k] : "?";
}

const char *match_varna_name(int v)
{
    return v >= 0 && v < 4 ? varna_names[v] : "?";
}

const char *match_vashya_name(int v)
{
    return v >= 0 && v < 5 ? vashya_names[v] : "?";
}

const char *match_yoni_name(int y)
{
    return y >= 0 && y < 14 ? yoni_names[y] : "?";
}

const char *match_gana_name(int g)
{
    return g >= 0 && g < 3 ? gana_names[g] : "?";
}

const char *match_nadi_name(int n)
{
    return n >= 0 && n < 3 ? nadi_names[n] : "?";
}

const char *match_exception_code(int e)
{
    return e >= 0 && e < MATCH_EXC_COUNT ? exception_codes[e] : "";
}

const char *match_system_name(int system)
{
    return system >= 0 && system < MATCH_SYSTEM_COUNT ? system_names[system] : NULL;
}

const char *match_school_name(int school)
{
    return school >= 0 && school < MATCH_SCHOOL_COUNT ? school_names[school] : NULL;
}

const char *match_porutham_name(int p)
{
    return p >= 0 && p < PORUTHAM_COUNT ? porutham_names[p] : "?";
}

const char *match_band_name(int band)
{
    return band >= 0 && band < MATCH_BAND_COUNT ? band_names[band] : "?";
}

void match_options_init(struct match_options *o)
{
    o->system = MATCH_SYSTEM_ASHTAKOOTA;
    o->school = MATCH_SCHOOL_NORTH;
    o->school_given = false;
    o->lang = LANG_NONE;
}

static int find_name(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

int match_options_set(struct match_options *o, const char *key, const char *value,
                      struct error *err)
{
    if (strcmp(key, "system") == 0) {
        int v = find_name(system_names, MATCH_SYSTEM_COUNT, value);
        if (v < 0)
            return err_set(err, ERR_INVALID_VALUE, "options.system",
                           "system must be ashtakoota or porutham, got '%.40s'", value);
        o->system = v;
        return 0;
    }
    if (strcmp(key, "school") == 0) {
        int v = find_name(school_names, MATCH_SCHOOL_COUNT, value);
        if (v < 0)
            return err_set(err, ERR_INVALID_VALUE, "options.school",
                           "school must be north or jhora, got '%.40s'", value);
        o->school = v;
        o->school_given = true;
        return 0;
    }
    if (strcmp(key, "lang") == 0) { /* as options_set's lang (engine/birth.c) */
        int v = lang_find(value);
        if (v == LANG_NONE)
            return err_set(err, ERR_INVALID_VALUE, "options.lang",
                           "lang must be one of en, hi, sa, ta, te, kn, ml, bn, mr, gu");
        o->lang = v;
        return 0;
    }
    char field[48];
    snprintf(field, sizeof field, "options.%.32s", key);
    return err_set(err, ERR_UNKNOWN_FIELD, field, "unknown match option %s (system, school, lang)",
                   field);
}

int match_options_check(const struct match_options *o, struct error *err)
{
    if (o->system < 0 || o->system >= MATCH_SYSTEM_COUNT)
        return err_set(err, ERR_INVALID_VALUE, "options.system", "unknown system");
    if (o->school < 0 || o->school >= MATCH_SCHOOL_COUNT)
        return err_set(err, ERR_INVALID_VALUE, "options.school", "unknown school");
    if (o->system == MATCH_SYSTEM_PORUTHAM && o->school_given)
        return err_set(err, ERR_INVALID_VALUE, "options.school",
                       "school chooses Ashtakoota tables; it does not apply to system porutham");
    return 0;
}

int match_sign_of(int nakshatra, int pada)
{
    return (nakshatra * 4 + pada - 1) / 9;
}

int match_varna_school(int sign, int school)
{
    const int *table = school == MATCH_SCHOOL_JHORA ? varna_of_sign4_jhora : varna_of_sign4;
    return table[((sign % 12) + 12) % 12 % 4];
}

int match_varna(int sign)
{
    return match_varna_school(sign, MATCH_SCHOOL_NORTH);
}

int match_yoni(int nakshatra)
{
    return yoni_of[nakshatra];
}

int match_gana(int nakshatra)
{
    return gana_of[nakshatra];
}

int match_nadi(int nakshatra)
{
    return nadi_of[nakshatra];
}

/* Whether p's Moon lies in the first 15 degrees of its sign. Without the
 * exact degree, a pada counts in the half where it begins (Purva Ashadha 1
 * and Shravana 2, which straddle 15 deg, count in the first half). */
static bool first_half(const struct match_person *p)
{
    if (p->moon_degree >= 0)
        return p->moon_degree < 15.0;
    int pada_in_sign = (p->nakshatra * 4 + p->pada - 1) % 9; /* 0 .. 8 */
    return pada_in_sign * (10.0 / 3.0) < 15.0;
}

/* Vashya groups by Moon sign (Drik Panchang's vashya kuta; Muhurta
 * Chintamani): Sagittarius human then quadruped, Capricorn quadruped then
 * aquatic, split at 15 deg. */
int match_vashya(const struct match_person *p)
{
    switch (p->moon_sign) {
    case ARIES:
    case TAURUS: return VASHYA_CHATUSHPADA;
    case GEMINI:
    case VIRGO:
    case LIBRA:
    case AQUARIUS: return VASHYA_MANAVA;
    case CANCER:
    case PISCES: return VASHYA_JALACHARA;
    case LEO: return VASHYA_VANACHARA;
    case SCORPIO: return VASHYA_KEETA;
    case SAGITTARIUS: return first_half(p) ? VASHYA_MANAVA : VASHYA_CHATUSHPADA;
    default: /* CAPRICORN */ return first_half(p) ? VASHYA_CHATUSHPADA : VASHYA_JALACHARA;
    }
}

/* Vashya group in the jhora school: PyJHora's compatibility.py
 * vasiya_porutham(), which splits Sagittarius and Capricorn not at 15 deg
 * but by the number of the nakshatra's pada: Sagittarius padas 1-2 Manava,
 * 3-4 Chatushpada; Capricorn padas 1-2 Chatushpada, 3-4 Jalachara. So
 * Uttara Ashadha 1 (Sagittarius 26 40'-30 deg) is Manava and Dhanishta 1-2
 * (Capricorn 23 20'-30 deg) Chatushpada there (docs/match.md). */
static int vashya_jhora(const struct match_person *p)
{
    bool first = p->pada <= 2;
    switch (p->moon_sign) {
    case SAGITTARIUS: return first ? VASHYA_MANAVA : VASHYA_CHATUSHPADA;
    case CAPRICORN: return first ? VASHYA_CHATUSHPADA : VASHYA_JALACHARA;
    default: return match_vashya(p);
    }
}

int match_vashya_school(const struct match_person *p, int school)
{
    return school == MATCH_SCHOOL_JHORA ? vashya_jhora(p) : match_vashya(p);
}

bool match_manglik_compatible(bool boy_manglik, bool girl_manglik)
{
    return boy_manglik == girl_manglik;
}

int match_person_set(struct match_person *p, int nakshatra, int pada, const char *field,
                     struct error *err)
{
    if (nakshatra < 0 || nakshatra > 26)
        return err_set(err, ERR_UNKNOWN_NAKSHATRA, field, "nakshatra must be 1..27");
    if (pada < 1 || pada > 4)
        return err_set(err, ERR_INVALID_VALUE, field, "pada must be 1..4");
    p->nakshatra = nakshatra;
    p->pada = pada;
    p->moon_sign = match_sign_of(nakshatra, pada);
    p->moon_degree = MATCH_DEGREE_UNKNOWN;
    p->have_manglik = false;
    p->manglik = false;
    p->have_papa = false;
    memset(p->papa, 0, sizeof p->papa);
    return 0;
}

int match_person_parse(struct match_person *p, const char *text, const char *field,
                       struct error *err)
{
    const char *colon = strrchr(text, ':');
    if (!colon)
        return err_set(err, ERR_INVALID_VALUE, field,
                       "expected NAKSHATRA:PADA, e.g. Anuradha:2, got '%.40s'", text);
    char name[48];
    size_t n = (size_t)(colon - text);
    if (n >= sizeof name)
        return err_set(err, ERR_UNKNOWN_NAKSHATRA, field, "unknown nakshatra '%.40s'", text);
    memcpy(name, text, n);
    name[n] = '\0';
    int nak = n ? nakshatra_find(name) : -1;
    if (nak < 0)
        return err_set(err, ERR_UNKNOWN_NAKSHATRA, field,
                       "unknown nakshatra '%s' (a name such as Anuradha, or 1..27)", name);
    const char *ps = colon + 1;
    if (!(ps[0] >= '1' && ps[0] <= '4' && ps[1] == '\0'))
        return err_set(err, ERR_INVALID_VALUE, field, "pada must be 1..4, got '%.8s'", ps);
    return match_person_set(p, nak, ps[0] - '0', field, err);
}

int match_person_compute(const struct context *ctx, const struct birth *b,
                         const struct chart_options *o, struct match_person *p, struct error *err)
{
    struct chart c;
    struct chart_options d1 = *o;
    d1.sections = SECTION_PLANETS;
    int rc = birth_check_complete(b, err);
    if (rc == 0)
        rc = chart_compute(ctx, b, &d1, &c, NULL, err);
    if (rc == 0)
        match_person_from_chart(p, &c);
    return rc;
}

void match_person_from_chart(struct match_person *p, const struct chart *c)
{
    const struct zodiac_pos *moon = &c->grahas[GRAHA_MOON].pos;
    struct manglik m;
    p->nakshatra = moon->nakshatra;
    p->pada = moon->pada;
    p->moon_sign = moon->sign;
    p->moon_degree = moon->degree;
    dosha_manglik(c, &m);
    p->have_manglik = true;
    p->manglik = m.present;
    porutham_papa_points(c, p->papa);
    p->have_papa = true;
}

static int check_person(const struct match_person *p, const char *field, struct error *err)
{
    if (p->nakshatra < 0 || p->nakshatra > 26 || p->pada < 1 || p->pada > 4 ||
        p->moon_sign != match_sign_of(p->nakshatra, p->pada))
        return err_set(err, ERR_INVALID_VALUE, field,
                       "%s: nakshatra, pada and Moon sign do not agree", field);
    if (p->moon_degree != MATCH_DEGREE_UNKNOWN && !(p->moon_degree >= 0 && p->moon_degree < 30))
        return err_set(err, ERR_INVALID_VALUE, field, "%s: Moon degree must be 0..30", field);
    return 0;
}

/* Natural friendship of the two sign lords as Parashara gives it (BPHS
 * ch. 3 v. 55, dignity_natural): a's view of b and b's of a. */
static void lords_view(int lord_a, int lord_b, int *ab, int *ba)
{
    *ab = dignity_natural(lord_a, lord_b);
    *ba = dignity_natural(lord_b, lord_a);
}

static bool lords_friendly(int girl_sign, int boy_sign)
{
    int ab, ba;
    lords_view(sign_lord(girl_sign), sign_lord(boy_sign), &ab, &ba);
    return ab > 0 && ba > 0;
}

/* The parihara of the Moon-sign lords: the same lord or mutual natural
 * friends. Sets the koota's exception; returns whether one applied. */
static bool lords_exception(struct koota *k, int girl_sign, int boy_sign)
{
    int gl = sign_lord(girl_sign), bl = sign_lord(boy_sign);
    if (gl == bl) {
        k->exception = MATCH_EXC_LORDS_SAME;
        snprintf(k->exception_text, sizeof k->exception_text,
                 "the Moon signs %s and %s have the same lord, %s", sign_name(girl_sign),
                 sign_name(boy_sign), graha_name(gl));
        return true;
    }
    if (lords_friendly(girl_sign, boy_sign)) {
        k->exception = MATCH_EXC_LORDS_FRIENDS;
        snprintf(k->exception_text, sizeof k->exception_text,
                 "the Moon-sign lords %s and %s are mutual friends", graha_name(gl),
                 graha_name(bl));
        return true;
    }
    return false;
}

static void koota_varna(struct koota *k, const struct match_person *b, const struct match_person *g,
                        int school)
{
    int vb = match_varna_school(b->moon_sign, school);
    int vg = match_varna_school(g->moon_sign, school);
    /* The groom's varna equal to or above the bride's scores 1. */
    k->points = vb >= vg ? 1 : 0;
    snprintf(k->reason, sizeof k->reason, "girl %s (%s) and boy %s (%s): boy's varna is %s",
             sign_name(g->moon_sign), varna_names[vg], sign_name(b->moon_sign), varna_names[vb],
             vb > vg    ? "higher"
             : vb == vg ? "the same"
                        : "lower");
}

static void koota_vashya(struct koota *k, const struct match_person *b,
                         const struct match_person *g, int school)
{
    int vb = match_vashya_school(b, school), vg = match_vashya_school(g, school);
    k->points = school == MATCH_SCHOOL_JHORA ? vashya_points_jhora[vg][vb] : vashya_points[vg][vb];
    snprintf(k->reason, sizeof k->reason, "girl %s (%s) and boy %s (%s)", sign_name(g->moon_sign),
             vashya_names[vg], sign_name(b->moon_sign), vashya_names[vb]);
}

/* Inclusive count from nakshatra a to b (1 .. 27) reduced mod 9 (1 .. 9). */
static int tara_of(int from, int to, int *count)
{
    *count = (to - from + 27) % 27 + 1;
    int r = *count % 9;
    return r ? r : 9;
}

static bool tara_bad(int r)
{
    return r == 3 || r == 5 || r == 7; /* vipat, pratyari, vadha */
}

static void koota_tara(struct koota *k, const struct match_person *b, const struct match_person *g)
{
    int cg, cb;
    int rg = tara_of(g->nakshatra, b->nakshatra, &cg); /* girl's star to the boy's */
    int rb = tara_of(b->nakshatra, g->nakshatra, &cb); /* and back */
    k->points = (tara_bad(rg) ? 0 : 1.5) + (tara_bad(rb) ? 0 : 1.5);
    snprintf(k->reason, sizeof k->reason,
             "girl %s to boy %s: count %d, tara %d (%s); boy to girl: count %d, tara %d (%s)",
             nakshatra_name(g->nakshatra), nakshatra_name(b->nakshatra), cg, rg, tara_names[rg], cb,
             rb, tara_names[rb]);
}

static void koota_yoni(struct koota *k, const struct match_person *b, const struct match_person *g)
{
    int yb = yoni_of[b->nakshatra], yg = yoni_of[g->nakshatra];
    k->points = yoni_points[yg][yb];
    snprintf(k->reason, sizeof k->reason, "girl %s (%s) and boy %s (%s)",
             nakshatra_name(g->nakshatra), yoni_names[yg], nakshatra_name(b->nakshatra),
             yoni_names[yb]);
}

static const char *relation_word(int r)
{
    return r > 0 ? "friend" : r < 0 ? "enemy" : "neutral";
}

static void koota_maitri(struct koota *k, const struct match_person *b,
                         const struct match_person *g)
{
    int gl = sign_lord(g->moon_sign), bl = sign_lord(b->moon_sign);
    int gb, bg;
    lords_view(gl, bl, &gb, &bg);
    /* Both friends (or one lord) 5, friend and neutral 4, both neutral 3,
     * friend and enemy 1, neutral and enemy 0.5, both enemies 0 (the
     * standard graha maitri table; Future Samachar "Horoscope Matching",
     * PyJHora). */
    int sum = gb + bg, worst = gb < bg ? gb : bg;
    double pts;
    if (gl == bl || sum == 2)
        pts = 5;
    else if (sum == 1)
        pts = 4;
    else if (sum == 0)
        pts = worst == 0 ? 3 : 1;
    else if (sum == -1)
        pts = 0.5;
    else
        pts = 0;
    k->points = pts;
    if (gl == bl)
        snprintf(k->reason, sizeof k->reason, "girl %s and boy %s: the same lord, %s",
                 sign_name(g->moon_sign), sign_name(b->moon_sign), graha_name(gl));
    else
        snprintf(k->reason, sizeof k->reason,
                 "girl %s (lord %s) and boy %s (lord %s): %s regards %s as %s, %s regards %s "
                 "as %s",
                 sign_name(g->moon_sign), graha_name(gl), sign_name(b->moon_sign), graha_name(bl),
                 graha_name(gl), graha_name(bl), relation_word(gb), graha_name(bl), graha_name(gl),
                 relation_word(bg));
}

static void koota_gana(struct koota *k, const struct match_person *b, const struct match_person *g,
                       int school)
{
    int gb = gana_of[b->nakshatra], gg = gana_of[g->nakshatra];
    k->points = school == MATCH_SCHOOL_JHORA ? gana_points_jhora[gg][gb] : gana_points[gb][gg];
    snprintf(k->reason, sizeof k->reason, "girl %s (%s) and boy %s (%s)",
             nakshatra_name(g->nakshatra), gana_names[gg], nakshatra_name(b->nakshatra),
             gana_names[gb]);
    /* Gana dosha (1 or 0 points) is cancelled when the Moon-sign lords are
     * the same or friends (Future Samachar "Horoscope Matching"). */
    if (k->points <= 1)
        lords_exception(k, g->moon_sign, b->moon_sign);
}

static const char *ordinal(int n)
{
    static const char *const ord[13] = {"",    "1st", "2nd", "3rd",  "4th",  "5th", "6th",
                                        "7th", "8th", "9th", "10th", "11th", "12th"};
    return n >= 1 && n <= 12 ? ord[n] : "?";
}

static void koota_bhakoot(struct koota *k, const struct match_person *b,
                          const struct match_person *g)
{
    int d = ((b->moon_sign - g->moon_sign) % 12 + 12) % 12 + 1; /* boy from girl, 1 .. 12 */
    int back = (14 - d - 1) % 12 + 1;                           /* girl from boy */
    /* Dwirdwadasha (2/12), navapanchama (5/9) and shadashtaka (6/8) give 0,
     * every other relation 7 (Muhurta Chintamani; saravali.de). */
    const char *dosha = d == 2 || d == 12  ? "dwirdwadasha (2/12) dosha"
                        : d == 5 || d == 9 ? "navapanchama (5/9) dosha"
                        : d == 6 || d == 8 ? "shadashtaka (6/8) dosha"
                                           : NULL;
    k->points = dosha ? 0 : 7;
    snprintf(k->reason, sizeof k->reason,
             "girl %s and boy %s: boy's sign %s from girl's, girl's %s from boy's%s%s",
             sign_name(g->moon_sign), sign_name(b->moon_sign), ordinal(d), ordinal(back),
             dosha ? ": " : "", dosha ? dosha : "");
    /* Parihara: the two lords the same or mutual friends (Muhurta
     * Chintamani, vivaha prakarana; see docs/match.md). */
    if (dosha)
        lords_exception(k, g->moon_sign, b->moon_sign);
}

static void koota_nadi(struct koota *k, const struct match_person *b, const struct match_person *g)
{
    int nb = nadi_of[b->nakshatra], ng = nadi_of[g->nakshatra];
    k->points = nb == ng ? 0 : 8;
    snprintf(k->reason, sizeof k->reason, "girl %s (%s) and boy %s (%s)",
             nakshatra_name(g->nakshatra), nadi_names[ng], nakshatra_name(b->nakshatra),
             nadi_names[nb]);
    if (nb != ng)
        return;
    /* Parihara of nadi dosha (Muhurta Chintamani, vivaha prakarana: "one
     * rashi, different stars; one star, different rashis"; the pada and
     * lord exceptions as commonly added, docs/match.md), first that applies. */
    bool same_sign = b->moon_sign == g->moon_sign;
    bool same_nak = b->nakshatra == g->nakshatra;
    if (same_sign && !same_nak) {
        k->exception = MATCH_EXC_SAME_SIGN;
        snprintf(k->exception_text, sizeof k->exception_text,
                 "same Moon sign (%s), different nakshatras (%s, %s)", sign_name(g->moon_sign),
                 nakshatra_name(g->nakshatra), nakshatra_name(b->nakshatra));
    } else if (same_nak && !same_sign) {
        k->exception = MATCH_EXC_SAME_NAKSHATRA;
        snprintf(k->exception_text, sizeof k->exception_text,
                 "same nakshatra (%s), different Moon signs (%s, %s)", nakshatra_name(g->nakshatra),
                 sign_name(g->moon_sign), sign_name(b->moon_sign));
    } else if (same_nak && b->pada != g->pada) {
        k->exception = MATCH_EXC_SAME_NAKSHATRA_PADA;
        snprintf(k->exception_text, sizeof k->exception_text,
                 "same nakshatra (%s), different padas (%d, %d)", nakshatra_name(g->nakshatra),
                 g->pada, b->pada);
    } else if (!same_sign) {
        lords_exception(k, g->moon_sign, b->moon_sign);
    }
}

/* The bands of an Ashtakoota total (jyotirgyan.pages.dev, "Kundli Matching:
 * What the 36 Gunas Really Mean": "Below 18 - the match is generally not
 * recommended on points alone. 18 to 24 - an acceptable, workable match.
 * 25 to 32 - a very good match. 33 to 36 - excellent"; the same four bands,
 * 18/25/32, at shapemywedding.in). A half point between two bands counts in
 * the lower: 24.5 is average, 32.5 very good. */
static const char ashtakoota_source[] =
    "jyotirgyan.pages.dev, Kundli Matching (36 gunas): below 18 not recommended, 18 to 24 "
    "average, 25 to 32 very good, 33 to 36 excellent";

static void ashtakoota_verdict(struct match *m)
{
    static const char *const words[MATCH_BAND_COUNT] = {
        "not recommended (below 18)",
        "average (18 to 24)",
        "very good (25 to 32)",
        "excellent (33 to 36)",
    };
    struct match_verdict *v = &m->verdict;
    v->band = m->total < 18   ? MATCH_BAND_NOT_RECOMMENDED
              : m->total < 25 ? MATCH_BAND_AVERAGE
              : m->total < 33 ? MATCH_BAND_VERY_GOOD
                              : MATCH_BAND_EXCELLENT;
    snprintf(v->text, sizeof v->text, "%g of 36: %s", m->total, words[v->band]);
    v->source = ashtakoota_source;
}

static void ashtakoota(struct match *m)
{
    const struct match_person *boy = &m->boy, *girl = &m->girl;
    for (int i = 0; i < KOOTA_COUNT; i++) {
        m->kootas[i].max = koota_max[i];
        m->kootas[i].exception = MATCH_EXC_NONE;
    }
    koota_varna(&m->kootas[KOOTA_VARNA], boy, girl, m->school);
    koota_vashya(&m->kootas[KOOTA_VASHYA], boy, girl, m->school);
    koota_tara(&m->kootas[KOOTA_TARA], boy, girl);
    koota_yoni(&m->kootas[KOOTA_YONI], boy, girl);
    koota_maitri(&m->kootas[KOOTA_GRAHA_MAITRI], boy, girl);
    koota_gana(&m->kootas[KOOTA_GANA], boy, girl, m->school);
    koota_bhakoot(&m->kootas[KOOTA_BHAKOOT], boy, girl);
    koota_nadi(&m->kootas[KOOTA_NADI], boy, girl);
    for (int i = 0; i < KOOTA_COUNT; i++)
        m->total += m->kootas[i].points;
    m->max = MATCH_MAX_POINTS;
    ashtakoota_verdict(m);
}

int match_compute(const struct match_person *boy, const struct match_person *girl,
                  const struct match_options *o, struct match *out, struct error *err)
{
    struct match_options defaults;
    if (!o) {
        match_options_init(&defaults);
        o = &defaults;
    }
    int rc = match_options_check(o, err);
    if (rc)
        return rc;
    rc = check_person(boy, "boy", err);
    if (rc)
        return rc;
    rc = check_person(girl, "girl", err);
    if (rc)
        return rc;
    memset(out, 0, sizeof *out);
    out->system = o->system;
    out->school = o->school;
    out->boy = *boy;
    out->girl = *girl;
    if (o->system == MATCH_SYSTEM_PORUTHAM)
        porutham_compute(out);
    else
        ashtakoota(out);
    out->have_manglik = boy->have_manglik && girl->have_manglik;
    if (out->have_manglik) {
        out->manglik_compatible = match_manglik_compatible(boy->manglik, girl->manglik);
        snprintf(out->manglik_reason, sizeof out->manglik_reason, "%s",
                 boy->manglik && girl->manglik ? "both are manglik"
                 : boy->manglik                ? "only the boy is manglik"
                 : girl->manglik               ? "only the girl is manglik"
                                               : "neither is manglik");
    }
    return 0;
}
