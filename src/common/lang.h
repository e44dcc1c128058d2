/* lang.h - display names in Indian languages: the languages of option
 * `lang`, the kinds of name (grahas, signs, nakshatras, the limbs of the
 * panchang, kootas, poruthams, yoginis) and the lookup of one name. The
 * names are UTF-8 tables generated at build time from lang/<code>.tsv
 * (cmake/lang_tables.awk); machine identifiers stay English elsewhere.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_LANG_H
#define KUNDLI_LANG_H

/* X(ID, code, English name of the language). The order is the enum's and
 * is part of no wire format (the wire uses the codes). */
#define LANG_LIST(X)                                                                               \
    X(EN, "en", "English")                                                                         \
    X(HI, "hi", "Hindi")                                                                           \
    X(SA, "sa", "Sanskrit")                                                                        \
    X(TA, "ta", "Tamil")                                                                           \
    X(TE, "te", "Telugu")                                                                          \
    X(KN, "kn", "Kannada")                                                                         \
    X(ML, "ml", "Malayalam")                                                                       \
    X(BN, "bn", "Bengali")                                                                         \
    X(MR, "mr", "Marathi")                                                                         \
    X(GU, "gu", "Gujarati")

/* LANG_EN .. LANG_GU; LANG_NONE: option lang not given (English names in
 * the tables and drawings, and no `display` fields in the JSON). */
enum lang {
    LANG_NONE = -1,
#define X(id, code, english) LANG_##id,
    LANG_LIST(X)
#undef X
        LANG_COUNT
};

/* X(ID, TSV name, count). Each kind's index runs 0 .. count-1, in the
 * order of the engine's own enumeration of it:
 *   GRAHA        enum graha: Sun .. Ketu, Uranus, Neptune, Pluto
 *   GRAHA_SHORT  the same, as abbreviated in a drawn chart ("Su")
 *   SIGN         enum sign: Aries .. Pisces
 *   SIGN_SHORT   the same, as written in a chart's cell ("Ari")
 *   NAKSHATRA    Ashwini .. Revati (nakshatra number - 1)
 *   TITHI        Shukla Pratipada .. Purnima, Krishna Pratipada ..
 *                Amavasya (tithi number - 1)
 *   PAKSHA       enum paksha: shukla, krishna
 *   YOGA         the 27 nitya yogas, Vishkambha .. Vaidhriti (number - 1)
 *   KARANA       the 11 karanas: Bava, Balava, Kaulava, Taitila, Gara,
 *                Vanija, Vishti, Shakuni, Chatushpada, Naga, Kimstughna
 *                (panchang_karana_index() of a karana 1 .. 60)
 *   VARA         Sunday .. Saturday (vara 0 .. 6)
 *   KOOTA        enum koota: varna, vashya, tara, yoni, graha maitri,
 *                gana, bhakoot, nadi
 *   PORUTHAM     enum porutham_id: dina, gana, mahendra, stree deergha,
 *                yoni, rasi, rasi adhipati, vasya, rajju, vedha
 *   YOGINI       enum yogini: Mangala .. Sankata
 *   LAGNA        0: the word "Lagna", 1: its abbreviation in a chart */
#define LANG_KIND_LIST(X)                                                                          \
    X(GRAHA, "graha", 12)                                                                          \
    X(GRAHA_SHORT, "graha_short", 12)                                                              \
    X(SIGN, "sign", 12)                                                                            \
    X(SIGN_SHORT, "sign_short", 12)                                                                \
    X(NAKSHATRA, "nakshatra", 27)                                                                  \
    X(TITHI, "tithi", 30)                                                                          \
    X(PAKSHA, "paksha", 2)                                                                         \
    X(YOGA, "yoga", 27)                                                                            \
    X(KARANA, "karana", 11)                                                                        \
    X(VARA, "vara", 7)                                                                             \
    X(KOOTA, "koota", 8)                                                                           \
    X(PORUTHAM, "porutham", 10)                                                                    \
    X(YOGINI, "yogini", 8)                                                                         \
    X(LAGNA, "lagna", 2)

enum lang_kind {
#define X(id, name, count) LANG_KIND_##id,
    LANG_KIND_LIST(X)
#undef X
        LANG_KIND_COUNT
};

/* The position of each kind's first name in a language's table, and the
 * total: LANG_FIRST_GRAHA = 0, LANG_LAST_GRAHA = 11, LANG_FIRST_GRAHA_SHORT
 * = 12, ... (for the generated tables). */
enum {
#define X(id, name, count) LANG_FIRST_##id, LANG_LAST_##id = LANG_FIRST_##id + (count)-1,
    LANG_KIND_LIST(X)
#undef X
        LANG_NAME_COUNT
};

/* The generated tables (lang_tables.c): every language's names, UTF-8,
 * NUL-terminated, at LANG_FIRST_<kind> + index. */
extern const char *const lang_names[LANG_COUNT][LANG_NAME_COUNT];

/* The name of `index` of `kind` in `lang`, UTF-8 (a static string). lang
 * LANG_NONE (or any value out of range) gives English. Returns "?" for a
 * kind or index out of range, as the engine's *_name() functions do.
 * Constant time: one bounds check and one load. */
const char *lang_name(int lang, int kind, int index);

/* The number of names of `kind` (0 out of range). */
int lang_kind_count(int kind);
/* The TSV name of `kind` ("graha"), or NULL out of range. */
const char *lang_kind_name(int kind);

/* The code of `lang` ("hi"), or NULL for LANG_NONE and out of range. */
const char *lang_code(int lang);
/* The English name of `lang` ("Hindi"), or NULL out of range. */
const char *lang_english(int lang);
/* The enum lang of a code ("ta", exactly, lower case), or LANG_NONE. */
int lang_find(const char *code);

#endif
