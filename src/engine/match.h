/* match.h - kundli matching: Ashtakoota guna milan (varna 1, vashya 2,
 * tara 3, yoni 4, graha maitri 5, gana 6, bhakoot 7, nadi 8 = 36 points)
 * from the boy's and the girl's Moon, the classical exceptions (parihara)
 * and the manglik compatibility of two births. Pure and thread-safe; the
 * tables, their sources and the choices made are in docs/match.md.
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
    MATCH_EXC_SAME_SIGN,          /* same Moon sign, different nakshatras */
    MATCH_EXC_SAME_NAKSHATRA,     /* same nakshatra, different Moon signs */
    MATCH_EXC_SAME_NAKSHATRA_PADA, /* same nakshatra and sign, different padas */
    MATCH_EXC_LORDS_SAME,         /* the Moon signs have the same lord */
    MATCH_EXC_LORDS_FRIENDS,      /* the Moon signs' lords are mutual natural friends */
    MATCH_EXC_COUNT
};

/* Sentinel for match_person.moon_degree when only the pada is known. */
#define MATCH_DEGREE_UNKNOWN (-1.0)

/* One side of the match: the Moon at birth, and the manglik dosha when a
 * whole birth was given. */
struct match_person {
    int nakshatra;      /* 0 (Ashwini) .. 26 (Revati) */
    int pada;           /* 1 .. 4 */
    int moon_sign;       /* enum sign (an index), fixed by nakshatra and pada */
    double moon_degree; /* the Moon's degrees within its sign, [0, 30), or
                           MATCH_DEGREE_UNKNOWN; used only to split
                           Sagittarius and Capricorn at 15 deg for vashya */
    bool have_manglik;  /* manglik below is known (a birth was given) */
    bool manglik;       /* manglik dosha after its cancellations */
};

struct koota {
    double points;           /* classical score (a multiple of 0.5), 0 .. max */
    double max;              /* 1, 2, 3, 4, 5, 6, 7 or 8 */
    enum match_exception exception; /* MATCH_EXC_NONE if none */
    char reason[192];        /* e.g. "girl Swati (Deva) and boy Rohini (Manushya)" */
    char exception_text[160]; /* the parihara in words; "" if none */
};

struct match {
    struct match_person boy, girl;
    struct koota kootas[KOOTA_COUNT]; /* indexed by enum koota */
    double total;                     /* sum of points; exceptions do not change it */
    double max;                       /* 36 */
    bool have_manglik;                /* both sides have manglik known */
    bool manglik_compatible;          /* valid when have_manglik */
    char manglik_reason[96];          /* valid when have_manglik */
};

/* Fills p from a Moon nakshatra (0..26) and pada (1..4): moon_sign follows
 * from them, moon_degree is unknown and no manglik is known. Returns 0 or
 * ERR_INVALID_VALUE (field `field`) when either is out of range. */
int match_person_set(struct match_person *p, int nakshatra, int pada, const char *field,
                     struct error *err);

/* Parses "NAME:PADA" (e.g. "Anuradha:2" or "17:2"): the nakshatra by its
 * SPEC name, case-insensitive, or its number 1..27 (nakshatra_find), the
 * pada 1..4. Returns 0, ERR_UNKNOWN_NAKSHATRA (unknown name or number) or
 * ERR_INVALID_VALUE (no ':', bad pada), with err naming `field`. */
int match_person_parse(struct match_person *p, const char *text, const char *field,
                       struct error *err);

/* Computes the D1 chart of complete birth b with options o (its sections
 * ignored) and fills p from it as match_person_from_chart() does. Returns 0
 * or the chart's error. */
int match_person_compute(const struct context *ctx, const struct birth *b,
                         const struct chart_options *o, struct match_person *p,
                         struct error *err);

/* Fills p from a computed chart: the Moon's nakshatra, pada, sign and exact
 * degree, and the manglik dosha (dosha_manglik, after cancellations). */
void match_person_from_chart(struct match_person *p, const struct chart *c);

/* Computes the eight kootas of boy and girl into out. Returns 0, or
 * ERR_INVALID_VALUE (field "boy" or "girl") when a person is out of range
 * or its moon_sign does not agree with its nakshatra and pada. */
int match_compute(const struct match_person *boy, const struct match_person *girl,
                  struct match *out, struct error *err);

/* The manglik rule: compatible when both or neither are manglik. */
bool match_manglik_compatible(bool boy_manglik, bool girl_manglik);

/* The Moon sign of a nakshatra and pada (9 padas to a sign). */
int match_sign_of(int nakshatra, int pada);

/* The categories each koota compares (tables in docs/match.md). */
enum varna { VARNA_SHUDRA, VARNA_VAISHYA, VARNA_KSHATRIYA, VARNA_BRAHMIN };
enum vashya { VASHYA_CHATUSHPADA, VASHYA_MANAVA, VASHYA_JALACHARA, VASHYA_VANACHARA,
              VASHYA_KEETA };
enum yoni { YONI_HORSE, YONI_ELEPHANT, YONI_SHEEP, YONI_SERPENT, YONI_DOG, YONI_CAT,
            YONI_RAT, YONI_COW, YONI_BUFFALO, YONI_TIGER, YONI_DEER, YONI_MONKEY,
            YONI_MONGOOSE, YONI_LION };
enum gana { GANA_DEVA, GANA_MANUSHYA, GANA_RAKSHASA };
enum nadi { NADI_ADI, NADI_MADHYA, NADI_ANTYA };

int match_varna(int sign);             /* enum varna of a Moon sign */
int match_vashya(const struct match_person *p); /* enum vashya of p's Moon */
int match_yoni(int nakshatra);         /* enum yoni */
int match_gana(int nakshatra);         /* enum gana */
int match_nadi(int nakshatra);         /* enum nadi */

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

#endif
