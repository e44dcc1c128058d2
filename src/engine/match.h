/* match.h - kundli matching of the boy's and the girl's Moon by one of two
 * systems: Ashtakoota guna milan (varna 1, vashya 2, tara 3, yoni 4, graha
 * maitri 5, gana 6, bhakoot 7, nadi 8 = 36 points; school north or jhora)
 * with the classical exceptions (parihara), or the South Indian ten
 * poruthams with papasamyam; a verdict band for either, and the manglik
 * compatibility of two births. Pure and thread-safe; the tables, their
 * sources and the choices made are in docs/match.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_MATCH_H
#define KUNDLI_MATCH_H

#include "common/err.h"
#include "engine/chart.h"

#include <stdbool.h>
#include <stddef.h>

/* The eight kootas, in the order of the API's `kootas` array. */
enum koota_id {
    KOOTA_VARNA,
    KOOTA_VASHYA,
    KOOTA_TARA,
    KOOTA_YONI,
    KOOTA_GRAHA_MAITRI,
    KOOTA_GANA,
    KOOTA_BHAKOOT,
    KOOTA_NADI,
    KOOTA_COUNT
};
#define MATCH_MAX_POINTS 36.0

/* A parihara that cancels a koota's dosha (see docs/match.md for the list
 * applied to each koota and the sources). */
enum match_exception {
    MATCH_EXC_NONE,
    MATCH_EXC_SAME_SIGN,           /* same Moon sign, different nakshatras */
    MATCH_EXC_SAME_NAKSHATRA,      /* same nakshatra, different Moon signs */
    MATCH_EXC_SAME_NAKSHATRA_PADA, /* same nakshatra and sign, different padas */
    MATCH_EXC_LORDS_SAME,          /* the Moon signs have the same lord */
    MATCH_EXC_LORDS_FRIENDS,       /* the Moon signs' lords are mutual natural friends */
    MATCH_EXC_COUNT
};

/* The matching system (option "system"): Ashtakoota (default) or the ten
 * South Indian poruthams. */
enum match_system { MATCH_SYSTEM_ASHTAKOOTA, MATCH_SYSTEM_PORUTHAM, MATCH_SYSTEM_COUNT };

/* Whose Ashtakoota tables (option "school"): north, the tables Drik
 * Panchang and AstroSage read (default), or jhora, those of PyJHora /
 * Jagannatha Hora for varna, vashya and gana (docs/match.md lists every
 * cell where they differ). */
enum match_school { MATCH_SCHOOL_NORTH, MATCH_SCHOOL_JHORA, MATCH_SCHOOL_COUNT };

/* The options of a match, parsed from text by match_options_set. */
struct match_options {
    int system;        /* enum match_system; default ashtakoota */
    int school;        /* enum match_school; default north */
    bool school_given; /* school was set explicitly */
    int lang;          /* enum lang of the display names (output only);
                          LANG_NONE: not given, no display fields */
};

/* Fills o with the defaults. */
void match_options_init(struct match_options *o);

/* Sets one option from text: key "system" (ashtakoota | porutham),
 * "school" (north | jhora) or "lang" (en, hi, sa, ta, te, kn, ml, bn, mr,
 * gu: the language of the display names, docs/lang.md), the same key in a
 * JSON body's "options", a query string and (as --system, --school,
 * --lang) the CLI. Errors name the field
 * "options.<key>". Returns 0, ERR_UNKNOWN_FIELD (another key) or
 * ERR_INVALID_VALUE (a value not in the list; "" included). */
int match_options_set(struct match_options *o, const char *key, const char *value,
                      struct error *err);

/* Checks the options together: a school given with system porutham is
 * ERR_INVALID_VALUE ("options.school"; the schools are Ashtakoota tables).
 * Returns 0 or the error. */
int match_options_check(const struct match_options *o, struct error *err);

/* Wire names: "ashtakoota", "porutham"; "north", "jhora"; NULL out of
 * range. */
const char *match_system_name(int system);
const char *match_school_name(int school);

/* The papasamyam references, in the order of match_person.papa. */
enum papa_ref { PAPA_LAGNA, PAPA_MOON, PAPA_VENUS, PAPA_REF_COUNT };

/* Sentinel for match_person.moon_degree when only the pada is known. */
#define MATCH_DEGREE_UNKNOWN (-1.0)

/* One side of the match: the Moon at birth, and the manglik dosha when a
 * whole birth was given. */
struct match_person {
    int nakshatra;               /* 0 (Ashwini) .. 26 (Revati) */
    int pada;                    /* 1 .. 4 */
    int moon_sign;               /* enum sign (an index), fixed by nakshatra and pada */
    double moon_degree;          /* the Moon's degrees within its sign, [0, 30), or
                                    MATCH_DEGREE_UNKNOWN; used only to split
                                    Sagittarius and Capricorn at 15 deg for vashya */
    bool have_manglik;           /* manglik below is known (a birth was given) */
    bool manglik;                /* manglik dosha after its cancellations */
    bool have_papa;              /* papa below is known (a birth was given) */
    double papa[PAPA_REF_COUNT]; /* papasamyam points counted from the lagna,
                                    the Moon and Venus (porutham_papa_points) */
};

struct koota {
    double points;                  /* classical score (a multiple of 0.5), 0 .. max */
    double max;                     /* 1, 2, 3, 4, 5, 6, 7 or 8 */
    enum match_exception exception; /* MATCH_EXC_NONE if none */
    char reason[192];               /* e.g. "girl Swati (Deva) and boy Rohini (Manushya)" */
    char exception_text[160];       /* the parihara in words; "" if none */
};

/* The ten poruthams, in the order of the API's `poruthams` array. */
enum porutham_id {
    PORUTHAM_DINA,
    PORUTHAM_GANA,
    PORUTHAM_MAHENDRA,
    PORUTHAM_STREE_DEERGHA,
    PORUTHAM_YONI,
    PORUTHAM_RASI,
    PORUTHAM_RASI_ADHIPATI,
    PORUTHAM_VASYA,
    PORUTHAM_RAJJU,
    PORUTHAM_VEDHA,
    PORUTHAM_COUNT
};

struct porutham {
    bool present;     /* the agreement holds */
    bool deciding;    /* rajju and vedha: without them no match is made */
    char reason[192]; /* e.g. "girl Swati to boy Rohini: count 17, remainder 8" */
};

/* The plain-language band of a score (docs/match.md gives the bands and
 * their sources). */
enum match_band {
    MATCH_BAND_NOT_RECOMMENDED,
    MATCH_BAND_AVERAGE,
    MATCH_BAND_VERY_GOOD, /* ashtakoota only */
    MATCH_BAND_EXCELLENT,
    MATCH_BAND_COUNT
};

struct match_verdict {
    enum match_band band;
    char text[160];     /* e.g. "26 of 36: very good (25 to 32)" */
    const char *source; /* the published source of the bands (static) */
};

struct match {
    int system, school; /* the options used */
    struct match_person boy, girl;
    /* system ashtakoota */
    struct koota kootas[KOOTA_COUNT]; /* indexed by enum koota */
    double total;                     /* sum of points; exceptions do not change it */
    double max;                       /* 36 */
    /* system porutham */
    struct porutham poruthams[PORUTHAM_COUNT]; /* indexed by enum porutham_id */
    int count;                                 /* poruthams present, 0 .. 10 */
    bool rajju_ok, vedha_ok;                   /* the deciding two are present */
    bool have_papasamyam;                      /* both sides have papa known */
    double papa_boy, papa_girl;                /* total points of each side */
    bool papa_balanced;                        /* the girl's <= the boy's <= the girl's + 1 */
    char papa_reason[160];
    /* both */
    struct match_verdict verdict;
    bool have_manglik;       /* both sides have manglik known */
    bool manglik_compatible; /* valid when have_manglik */
    char manglik_reason[96]; /* valid when have_manglik */
};

/* Fills p from a Moon nakshatra (0..26) and pada (1..4): moon_sign follows
 * from them, moon_degree is unknown and no manglik is known. Returns 0 or
 * ERR_INVALID_VALUE (field `field`) when either is out of range. */
int match_person_set(struct match_person *p, int nakshatra, int pada, const char *field,
                     struct error *err);

/* Parses "NAME:PADA" (e.g. "Anuradha:2" or "17:2"): the nakshatra by its
 * API name, case-insensitive, or its number 1..27 (nakshatra_find), the
 * pada 1..4. Returns 0, ERR_UNKNOWN_NAKSHATRA (unknown name or number) or
 * ERR_INVALID_VALUE (no ':', bad pada), with err naming `field`. */
int match_person_parse(struct match_person *p, const char *text, const char *field,
                       struct error *err);

/* Computes the D1 chart of complete birth b with options o (its sections
 * ignored) and fills p from it as match_person_from_chart() does. Returns 0
 * or the chart's error. */
int match_person_compute(const struct context *ctx, const struct birth *b,
                         const struct chart_options *o, struct match_person *p, struct error *err);

/* Fills p from a computed chart: the Moon's nakshatra, pada, sign and exact
 * degree, the manglik dosha (dosha_manglik, after cancellations) and the
 * papasamyam points (porutham_papa_points). */
void match_person_from_chart(struct match_person *p, const struct chart *c);

/* Matches boy and girl by the options o (NULL: the defaults, Ashtakoota of
 * the north school) into out: the eight kootas, or the ten poruthams (and
 * papasamyam when both have papa known), the verdict and manglik. Returns 0,
 * ERR_INVALID_VALUE (field "boy" or "girl") when a person is out of range
 * or its moon_sign does not agree with its nakshatra and pada, or the
 * options' error (match_options_check). */
int match_compute(const struct match_person *boy, const struct match_person *girl,
                  const struct match_options *o, struct match *out, struct error *err);

/* The manglik rule: compatible when both or neither are manglik. */
bool match_manglik_compatible(bool boy_manglik, bool girl_manglik);

/* The Moon sign of a nakshatra and pada (9 padas to a sign). */
int match_sign_of(int nakshatra, int pada);

/* The categories each koota compares (tables in docs/match.md). */
enum varna { VARNA_SHUDRA, VARNA_VAISHYA, VARNA_KSHATRIYA, VARNA_BRAHMIN };
enum vashya { VASHYA_CHATUSHPADA, VASHYA_MANAVA, VASHYA_JALACHARA, VASHYA_VANACHARA, VASHYA_KEETA };
enum yoni {
    YONI_HORSE,
    YONI_ELEPHANT,
    YONI_SHEEP,
    YONI_SERPENT,
    YONI_DOG,
    YONI_CAT,
    YONI_RAT,
    YONI_COW,
    YONI_BUFFALO,
    YONI_TIGER,
    YONI_DEER,
    YONI_MONKEY,
    YONI_MONGOOSE,
    YONI_LION
};
enum gana { GANA_DEVA, GANA_MANUSHYA, GANA_RAKSHASA };
enum nadi { NADI_ADI, NADI_MADHYA, NADI_ANTYA };

int match_varna(int sign);                      /* enum varna of a Moon sign (north) */
int match_vashya(const struct match_person *p); /* enum vashya of p's Moon (north) */
/* The same by a school's tables (enum match_school). */
int match_varna_school(int sign, int school);
int match_vashya_school(const struct match_person *p, int school);
int match_yoni(int nakshatra); /* enum yoni */
int match_gana(int nakshatra); /* enum gana */
int match_nadi(int nakshatra); /* enum nadi */

/* Names: "varna" .. "nadi" (the API's koota names), "Brahmin",
 * "Chatushpada", "Horse", "Deva", "Adi"; exception codes are stable snake
 * case: "same_rashi_different_nakshatra", "same_nakshatra_different_rashi",
 * "same_nakshatra_different_pada", "rashi_lords_same", "rashi_lords_friends"
 * ("" for MATCH_EXC_NONE). */
const char *match_koota_name(int koota);
const char *match_varna_name(int varna);
const char *match_vashya_name(int vashya);
const char *match_yoni_name(int yoni);
const char *match_gana_name(int gana);
const char *match_nadi_name(int nadi);
const char *match_exception_code(int exception);
/* "dina", "gana", "mahendra", "stree_deergha", "yoni", "rasi",
 * "rasi_adhipati", "vasya", "rajju", "vedha"; "?" out of range. */
const char *match_porutham_name(int porutham);
/* "not_recommended", "average", "very_good", "excellent". */
const char *match_band_name(int band);

#endif
