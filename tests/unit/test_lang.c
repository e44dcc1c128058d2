/* test_lang.c - the display names of option lang (common/lang.h, generated
 * from lang/<code>.tsv): every table complete, no empty or duplicate name
 * within a kind, each language in its own script and in NFC, English equal
 * to the engine's names, ten names of each language spot-checked against a
 * published panchang or list in that language (quoted below), the option's
 * parsing, the display fields of the JSON, the tables' column widths.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "common/lang.h"
#include "engine/dasha.h"
#include "engine/kundli.h"
#include "engine/match.h"
#include "engine/panchang.h"
#include "engine/zodiac.h"
#include "output/kundli_json.h"
#include "output/match_json.h"
#include "output/panchang_json.h"
#include "output/tables.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Decodes the UTF-8 sequence at s into *cp; returns its length, 0 if
 * invalid (overlong, surrogate, out of range, cut). */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
    unsigned c = s[0];
    size_t n = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 0;
    if (n == 0)
        return 0;
    uint32_t v = n == 1 ? c : c & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* The Unicode block of each language's script (Devanagari for Hindi,
 * Sanskrit and Marathi); English is ASCII. */
static const struct {
    uint32_t first, last;
} script[LANG_COUNT] = {
    [LANG_EN] = {0x20, 0x7E},     [LANG_HI] = {0x0900, 0x097F}, [LANG_SA] = {0x0900, 0x097F},
    [LANG_TA] = {0x0B80, 0x0BFF}, [LANG_TE] = {0x0C00, 0x0C7F}, [LANG_KN] = {0x0C80, 0x0CFF},
    [LANG_ML] = {0x0D00, 0x0D7F}, [LANG_BN] = {0x0980, 0x09FF}, [LANG_MR] = {0x0900, 0x097F},
    [LANG_GU] = {0x0A80, 0x0AFF},
};

/* Code points that NFC never keeps (composition exclusions of the Indic
 * blocks: the nukta letters, e.g. U+095D DDDHA is U+0922 U+093C in NFC). */
static bool not_nfc(uint32_t cp)
{
    return (cp >= 0x0958 && cp <= 0x095F) || cp == 0x09DC || cp == 0x09DD || cp == 0x09DF ||
           cp == 0x0A33 || cp == 0x0A36 || (cp >= 0x0A59 && cp <= 0x0A5B) || cp == 0x0A5E ||
           cp == 0x0B5C || cp == 0x0B5D;
}

/* Every language x kind x index has a name: non-empty valid UTF-8 of the
 * language's script (and spaces), in NFC, no blank at either end, no
 * markup character, unique within its kind. */
static void test_tables_complete(void **state)
{
    (void)state;
    int total = 0;
    for (int k = 0; k < LANG_KIND_COUNT; k++)
        total += lang_kind_count(k);
    assert_int_equal(total, LANG_NAME_COUNT);
    assert_int_equal(lang_kind_count(LANG_KIND_GRAHA), GRAHA_COUNT);
    assert_int_equal(lang_kind_count(LANG_KIND_KOOTA), KOOTA_COUNT);
    assert_int_equal(lang_kind_count(LANG_KIND_PORUTHAM), PORUTHAM_COUNT);
    assert_int_equal(lang_kind_count(LANG_KIND_YOGINI), YOGINI_COUNT);
    for (int l = 0; l < LANG_COUNT; l++)
        for (int k = 0; k < LANG_KIND_COUNT; k++)
            for (int i = 0; i < lang_kind_count(k); i++) {
                const char *name = lang_name(l, k, i);
                const char *where = lang_kind_name(k);
                assert_non_null(name);
                if (!name[0] || name[0] == ' ' || name[strlen(name) - 1] == ' ')
                    fail_msg("%s %s %d: empty, or blanks around it", lang_code(l), where, i);
                for (const unsigned char *p = (const unsigned char *)name; *p;) {
                    uint32_t cp = 0;
                    size_t n = utf8_next(p, &cp);
                    if (n == 0)
                        fail_msg("%s %s %d: invalid UTF-8", lang_code(l), where, i);
                    bool ok = cp == ' ' || (cp >= script[l].first && cp <= script[l].last) ||
                              (l != LANG_EN && (cp == 0x200C || cp == 0x200D));
                    if (!ok || not_nfc(cp) || (cp < 0x80 && strchr("<>&\"'\\", (int)cp)))
                        fail_msg("%s %s %d '%s': U+%04X is not of the script, or not NFC",
                                 lang_code(l), where, i, name, (unsigned)cp);
                    p += n;
                }
                for (int j = 0; j < i; j++)
                    if (strcmp(name, lang_name(l, k, j)) == 0)
                        fail_msg("%s %s %d and %d are both '%s'", lang_code(l), where, j, i, name);
            }
}

/* The lookup's edges: LANG_NONE and any other out-of-range language give
 * English, a kind or index out of range "?"; the codes round-trip. */
static void test_lookup(void **state)
{
    (void)state;
    assert_string_equal(lang_name(LANG_NONE, LANG_KIND_GRAHA, GRAHA_MOON), "Moon");
    assert_string_equal(lang_name(LANG_COUNT, LANG_KIND_SIGN, 0), "Aries");
    assert_string_equal(lang_name(LANG_HI, LANG_KIND_GRAHA, GRAHA_COUNT), "?");
    assert_string_equal(lang_name(LANG_HI, LANG_KIND_GRAHA, -1), "?");
    assert_string_equal(lang_name(LANG_HI, LANG_KIND_COUNT, 0), "?");
    assert_string_equal(lang_name(LANG_HI, -1, 0), "?");
    for (int l = 0; l < LANG_COUNT; l++)
        assert_int_equal(lang_find(lang_code(l)), l);
    assert_string_equal(lang_code(LANG_TA), "ta");
    assert_string_equal(lang_english(LANG_ML), "Malayalam");
    assert_null(lang_code(LANG_NONE));
    assert_int_equal(lang_find("TA"), LANG_NONE); /* codes are lower case */
    assert_int_equal(lang_find("tam"), LANG_NONE);
    assert_int_equal(lang_find(""), LANG_NONE);
}

/* English display names are the engine's own names (so lang=en changes
 * nothing but adds the display fields), and the karana order of lang.h is
 * panchang_karana_index's. */
static void test_english_is_the_engine(void **state)
{
    (void)state;
    char buf[8];
    for (int g = 0; g < GRAHA_COUNT; g++)
        assert_string_equal(lang_name(LANG_EN, LANG_KIND_GRAHA, g), graha_name(g));
    for (int s = 0; s < 12; s++) {
        assert_string_equal(lang_name(LANG_EN, LANG_KIND_SIGN, s), sign_name(s));
        snprintf(buf, sizeof buf, "%.3s", sign_name(s)); /* as the drawings had them */
        assert_string_equal(lang_name(LANG_EN, LANG_KIND_SIGN_SHORT, s), buf);
    }
    for (int n = 0; n < 27; n++)
        assert_string_equal(lang_name(LANG_EN, LANG_KIND_NAKSHATRA, n), nakshatra_name(n));
    for (int t = 1; t <= 30; t++)
        assert_string_equal(lang_name(LANG_EN, LANG_KIND_TITHI, t - 1), panchang_tithi_name(t));
    for (int y = 1; y <= 27; y++)
        assert_string_equal(lang_name(LANG_EN, LANG_KIND_YOGA, y - 1), panchang_yoga_name(y));
    for (int k = 1; k <= 60; k++)
        assert_string_equal(lang_name(LANG_EN, LANG_KIND_KARANA, panchang_karana_index(k)),
                            panchang_karana_name(k));
    assert_int_equal(panchang_karana_index(1), 10); /* Kimstughna */
    assert_int_equal(panchang_karana_index(2), 0);  /* Bava */
    assert_int_equal(panchang_karana_index(57), 6); /* Vishti */
    assert_int_equal(panchang_karana_index(60), 9); /* Naga */
    assert_int_equal(panchang_karana_index(0), -1);
    for (int v = 0; v < 7; v++)
        assert_string_equal(lang_name(LANG_EN, LANG_KIND_VARA, v), panchang_vara_name(v));
    for (int y = 0; y < YOGINI_COUNT; y++)
        assert_string_equal(lang_name(LANG_EN, LANG_KIND_YOGINI, y), dasha_yogini_name(y));
    for (int p = 0; p < 2; p++) {
        snprintf(buf, sizeof buf, "%s", lang_name(LANG_EN, LANG_KIND_PAKSHA, p));
        buf[0] = (char)tolower((unsigned char)buf[0]);
        assert_string_equal(buf, panchang_paksha_name(p));
    }
    /* kootas and poruthams: the words of the machine names ("graha_maitri",
     * "stree_deergha") */
    for (int k = 0; k < KOOTA_COUNT + PORUTHAM_COUNT; k++) {
        bool koota = k < KOOTA_COUNT;
        char word[32];
        snprintf(word, sizeof word, "%s",
                 koota ? match_koota_name(k) : match_porutham_name(k - KOOTA_COUNT));
        for (char *c = word; *c; c++)
            *c = *c == '_' ? ' ' : (char)tolower((unsigned char)*c);
        char got[32];
        snprintf(got, sizeof got, "%s",
                 koota ? lang_name(LANG_EN, LANG_KIND_KOOTA, k)
                       : lang_name(LANG_EN, LANG_KIND_PORUTHAM, k - KOOTA_COUNT));
        for (char *c = got; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        assert_string_equal(got, word);
    }
}

struct spot {
    int lang, kind, index;
    const char *name;
};

/* Ten or more names of each language as a published panchang or list in
 * that language prints them. Each group quotes its source. */
static const struct spot spots[] = {
    /* Hindi. grandnews.in/?p=153818 (daily panchang): "दिन (Day) मंगलवार ...
     * नक्षत्र (Nakshatra) कृत्तिका सायंकाल 04:52 बजे तक तदुपरांत रोहिणी, योग
     * (Yoga) प्रीति प्रात:काल 08:00 बजे तक तदुपरांत आयुष्मान, करण (Karana)
     * विष्टि ... तदुपरांत बव"; ETV Bharat Hindi, Karnal, 2023-03-19: "रविवार ...
     * नक्षत्र धनिष्ठा - 22:04:55 तक, करण तैतिल - 08:10:11 तक, गर ..., योग
     * सिद्ध ... चन्द्र की राशि मकर". */
    {LANG_HI, LANG_KIND_VARA, 2, "मंगलवार"},
    {LANG_HI, LANG_KIND_NAKSHATRA, 2, "कृत्तिका"},
    {LANG_HI, LANG_KIND_NAKSHATRA, 3, "रोहिणी"},
    {LANG_HI, LANG_KIND_YOGA, 1, "प्रीति"},
    {LANG_HI, LANG_KIND_YOGA, 2, "आयुष्मान"},
    {LANG_HI, LANG_KIND_KARANA, 6, "विष्टि"},
    {LANG_HI, LANG_KIND_KARANA, 0, "बव"},
    {LANG_HI, LANG_KIND_VARA, 0, "रविवार"},
    {LANG_HI, LANG_KIND_NAKSHATRA, 22, "धनिष्ठा"},
    {LANG_HI, LANG_KIND_KARANA, 3, "तैतिल"},
    {LANG_HI, LANG_KIND_KARANA, 4, "गर"},
    {LANG_HI, LANG_KIND_YOGA, 20, "सिद्ध"},
    {LANG_HI, LANG_KIND_SIGN, 9, "मकर"},
    /* Sanskrit. astroagile.wordpress.com 2015/04/09 "Rāsi – zodiacal signs",
     * the Sanskrit column: "मेष, वृषभ, मिथुन, कर्क, सिंह, कन्या, तुला, वृश्चिक,
     * धनुष, मकर, कुम्भ, मीन" (कर्कट and धनु are BPHS's forms, not checked). */
    {LANG_SA, LANG_KIND_SIGN, 0, "मेष"},
    {LANG_SA, LANG_KIND_SIGN, 1, "वृषभ"},
    {LANG_SA, LANG_KIND_SIGN, 2, "मिथुन"},
    {LANG_SA, LANG_KIND_SIGN, 4, "सिंह"},
    {LANG_SA, LANG_KIND_SIGN, 5, "कन्या"},
    {LANG_SA, LANG_KIND_SIGN, 6, "तुला"},
    {LANG_SA, LANG_KIND_SIGN, 7, "वृश्चिक"},
    {LANG_SA, LANG_KIND_SIGN, 9, "मकर"},
    {LANG_SA, LANG_KIND_SIGN, 10, "कुम्भ"},
    {LANG_SA, LANG_KIND_SIGN, 11, "मीन"},
    /* Tamil. kuppuastro.blogspot.com 2018/08 "பஞ்சாங்கம் - பகுதி ஒன்று": "2.
     * பரணி, 3. கார்த்திகை, ... 5. மிருகசீரிடம், 6. திருவாதிரை, 7. புனர்பூசம், 8.
     * பூசம், 9. ஆயில்யம், 10. மகம், 11. பூரம், 12. உத்திரம், 13. அஸ்தம், ... 18.
     * கேட்டை"; Tamil Wikipedia "கரணம்": "5 கரசை, 6 வணிசை, ... 8 சகுனி, 9
     * சதுஷ்பாதம், 10 நாகவம், 11 கிம்ஸ்துக்னம்". */
    {LANG_TA, LANG_KIND_NAKSHATRA, 1, "பரணி"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 2, "கார்த்திகை"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 4, "மிருகசீரிடம்"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 5, "திருவாதிரை"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 6, "புனர்பூசம்"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 7, "பூசம்"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 8, "ஆயில்யம்"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 9, "மகம்"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 10, "பூரம்"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 11, "உத்திரம்"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 12, "அஸ்தம்"},
    {LANG_TA, LANG_KIND_NAKSHATRA, 17, "கேட்டை"},
    {LANG_TA, LANG_KIND_KARANA, 4, "கரசை"},
    {LANG_TA, LANG_KIND_KARANA, 5, "வணிசை"},
    {LANG_TA, LANG_KIND_KARANA, 7, "சகுனி"},
    {LANG_TA, LANG_KIND_KARANA, 8, "சதுஷ்பாதம்"},
    {LANG_TA, LANG_KIND_KARANA, 9, "நாகவம்"},
    {LANG_TA, LANG_KIND_KARANA, 10, "கிம்ஸ்துக்னம்"},
    /* Telugu. HT Telugu daily panchangam (hindustantimes.com/telugu), 2025-12-02:
     * "వారం: మంగళవారం ... నక్షత్రం: అశ్విని ... తరవాత భరణి"; 2025-11-26: "వారం:
     * బుధవారం ... నక్షత్రం: శ్రవణ ... తరవాత ధనిష్ఠ, యోగం: వృద్ధి ... కరణం: ...
     * తైతుల"; 2025-11-23: "వారం: ఆదివారం ... నక్షత్రం: జ్యేష్ఠ ... తరవాత మూల,
     * యోగం: ధృతి, కరణం: గరజి"; 2025-11-27: "వారం: గురువారం ... యోగం: ధ్రువ". */
    {LANG_TE, LANG_KIND_VARA, 2, "మంగళవారం"},
    {LANG_TE, LANG_KIND_VARA, 3, "బుధవారం"},
    {LANG_TE, LANG_KIND_VARA, 0, "ఆదివారం"},
    {LANG_TE, LANG_KIND_VARA, 4, "గురువారం"},
    {LANG_TE, LANG_KIND_NAKSHATRA, 0, "అశ్విని"},
    {LANG_TE, LANG_KIND_NAKSHATRA, 1, "భరణి"},
    {LANG_TE, LANG_KIND_NAKSHATRA, 21, "శ్రవణ"},
    {LANG_TE, LANG_KIND_NAKSHATRA, 22, "ధనిష్ఠ"},
    {LANG_TE, LANG_KIND_NAKSHATRA, 17, "జ్యేష్ఠ"},
    {LANG_TE, LANG_KIND_NAKSHATRA, 18, "మూల"},
    {LANG_TE, LANG_KIND_YOGA, 10, "వృద్ధి"},
    {LANG_TE, LANG_KIND_YOGA, 7, "ధృతి"},
    {LANG_TE, LANG_KIND_YOGA, 11, "ధ్రువ"},
    {LANG_TE, LANG_KIND_KARANA, 3, "తైతుల"},
    {LANG_TE, LANG_KIND_KARANA, 4, "గరజి"},
    /* Kannada. spn3187.blogspot.com 2018/01: "೩೦ ಡಿಗ್ರಿಗಳಂತೆ ಮೇಷ, ವೃಷಭ, ಮಿಥುನ,
     * ಕಟಕ, ಸಿಂಹ, ಕನ್ಯಾ, ತುಲಾ, ವೃಶ್ಚಿಕ, ಧನು, ಮಕರ, ಕುಂಭ, ಮೀನ" and its table "4 |
     * ಕರ್ಕಾಟಕ (ಚಂದ್ರ)"; jyotishyamati.blogspot.com 2017/11 "ಪಂಚಾಂಗ": "01. ಅಶ್ವಿನಿ
     * 02. ಭರಣಿ ... 07. ಪುನರ್ವಸು ... 10. ಮಖಾ 11. ಹುಬ್ಬ ... 13. ಹಸ್ತ". */
    {LANG_KN, LANG_KIND_SIGN, 0, "ಮೇಷ"},
    {LANG_KN, LANG_KIND_SIGN, 1, "ವೃಷಭ"},
    {LANG_KN, LANG_KIND_SIGN, 2, "ಮಿಥುನ"},
    {LANG_KN, LANG_KIND_SIGN, 3, "ಕರ್ಕಾಟಕ"},
    {LANG_KN, LANG_KIND_SIGN, 4, "ಸಿಂಹ"},
    {LANG_KN, LANG_KIND_SIGN, 5, "ಕನ್ಯಾ"},
    {LANG_KN, LANG_KIND_SIGN, 6, "ತುಲಾ"},
    {LANG_KN, LANG_KIND_SIGN, 7, "ವೃಶ್ಚಿಕ"},
    {LANG_KN, LANG_KIND_SIGN, 8, "ಧನು"},
    {LANG_KN, LANG_KIND_SIGN, 9, "ಮಕರ"},
    {LANG_KN, LANG_KIND_SIGN, 10, "ಕುಂಭ"},
    {LANG_KN, LANG_KIND_SIGN, 11, "ಮೀನ"},
    {LANG_KN, LANG_KIND_NAKSHATRA, 0, "ಅಶ್ವಿನಿ"},
    {LANG_KN, LANG_KIND_NAKSHATRA, 1, "ಭರಣಿ"},
    {LANG_KN, LANG_KIND_NAKSHATRA, 6, "ಪುನರ್ವಸು"},
    {LANG_KN, LANG_KIND_NAKSHATRA, 9, "ಮಖಾ"},
    {LANG_KN, LANG_KIND_NAKSHATRA, 10, "ಹುಬ್ಬ"},
    {LANG_KN, LANG_KIND_NAKSHATRA, 12, "ಹಸ್ತ"},
    /* Malayalam. blog.indianastrologysoftware.com "പഞ്ചാംഗം - FREE Astrology
     * Lessons in Malayalam": "ഞായർ, തിങ്കൾ, ചൊവ്വ, ബുധൻ, വ്യാഴം, വെള്ളി, ശനി" and
     * "അശ്വതി, ഭരണി, കാർത്തിക, രോഹിണി, മകയിരം, തിരുവാതിര, പുണർതം, ... തൃക്കേട്ട,
     * ... തിരുവോണം". */
    {LANG_ML, LANG_KIND_VARA, 0, "ഞായർ"},
    {LANG_ML, LANG_KIND_VARA, 1, "തിങ്കൾ"},
    {LANG_ML, LANG_KIND_VARA, 2, "ചൊവ്വ"},
    {LANG_ML, LANG_KIND_VARA, 3, "ബുധൻ"},
    {LANG_ML, LANG_KIND_VARA, 4, "വ്യാഴം"},
    {LANG_ML, LANG_KIND_VARA, 5, "വെള്ളി"},
    {LANG_ML, LANG_KIND_VARA, 6, "ശനി"},
    {LANG_ML, LANG_KIND_NAKSHATRA, 0, "അശ്വതി"},
    {LANG_ML, LANG_KIND_NAKSHATRA, 2, "കാർത്തിക"},
    {LANG_ML, LANG_KIND_NAKSHATRA, 4, "മകയിരം"},
    {LANG_ML, LANG_KIND_NAKSHATRA, 5, "തിരുവാതിര"},
    {LANG_ML, LANG_KIND_NAKSHATRA, 6, "പുണർതം"},
    {LANG_ML, LANG_KIND_NAKSHATRA, 17, "തൃക്കേട്ട"},
    {LANG_ML, LANG_KIND_NAKSHATRA, 21, "തിരുവോണം"},
    /* Bengali. thenewse.com panjika, 2021-10-10: "নক্ষত্র: অনুরাধা ... পরে
     * জ্যেষ্ঠা, করণ: বব ... পরে বালব, যোগ: আয়ুষ্মান"; 2022-01-02: "নক্ষত্র: মূলা
     * ... পরে পূর্বাষাঢ়া, করণ: চতুষ্পাদ ... পরে নাগ"; machinnamasta.in, Friday 31
     * May: "নক্ষত্র: পূর্বভাদ্রপদ ... পরে উত্তরভাদ্রপদ, করণ: কৌলব ... পরে তৈতিল
     * ... পরে গর, যোগ: বিষ্কুম্ভ ... পরে প্রীতি". */
    {LANG_BN, LANG_KIND_NAKSHATRA, 16, "অনুরাধা"},
    {LANG_BN, LANG_KIND_NAKSHATRA, 17, "জ্যেষ্ঠা"},
    {LANG_BN, LANG_KIND_NAKSHATRA, 18, "মূলা"},
    {LANG_BN, LANG_KIND_NAKSHATRA, 19, "পূর্বাষাঢ়া"},
    {LANG_BN, LANG_KIND_NAKSHATRA, 24, "পূর্বভাদ্রপদ"},
    {LANG_BN, LANG_KIND_NAKSHATRA, 25, "উত্তরভাদ্রপদ"},
    {LANG_BN, LANG_KIND_KARANA, 0, "বব"},
    {LANG_BN, LANG_KIND_KARANA, 1, "বালব"},
    {LANG_BN, LANG_KIND_KARANA, 2, "কৌলব"},
    {LANG_BN, LANG_KIND_KARANA, 3, "তৈতিল"},
    {LANG_BN, LANG_KIND_KARANA, 4, "গর"},
    {LANG_BN, LANG_KIND_KARANA, 8, "চতুষ্পাদ"},
    {LANG_BN, LANG_KIND_KARANA, 9, "নাগ"},
    {LANG_BN, LANG_KIND_YOGA, 0, "বিষ্কুম্ভ"},
    {LANG_BN, LANG_KIND_YOGA, 1, "প্রীতি"},
    {LANG_BN, LANG_KIND_YOGA, 2, "আয়ুষ্মান"},
    /* Marathi. marathimati.com "आजचे मराठी पंचांग", 2022-07-07: "वार गुरुवार ...
     * नक्षत्र हस्त, योग परिघ, करण विष्टि, चंद्रराशि ... तूळ, रविराशि मिथुन, नक्षत्र
     * पुनर्वसु, गुरुराशि मीन, शुक्रराशि वृषभ"; ETV Bharat Marathi 2023-03-12:
     * "रविवार ... आजचे नक्षत्र : स्वाती"; 2023-03-24: "शुक्रवार ... अश्विनी". */
    {LANG_MR, LANG_KIND_VARA, 4, "गुरुवार"},
    {LANG_MR, LANG_KIND_NAKSHATRA, 12, "हस्त"},
    {LANG_MR, LANG_KIND_YOGA, 18, "परिघ"},
    {LANG_MR, LANG_KIND_KARANA, 6, "विष्टि"},
    {LANG_MR, LANG_KIND_SIGN, 6, "तूळ"},
    {LANG_MR, LANG_KIND_SIGN, 2, "मिथुन"},
    {LANG_MR, LANG_KIND_NAKSHATRA, 6, "पुनर्वसु"},
    {LANG_MR, LANG_KIND_SIGN, 11, "मीन"},
    {LANG_MR, LANG_KIND_SIGN, 1, "वृषभ"},
    {LANG_MR, LANG_KIND_GRAHA, GRAHA_SUN, "रवि"},
    {LANG_MR, LANG_KIND_VARA, 0, "रविवार"},
    {LANG_MR, LANG_KIND_NAKSHATRA, 14, "स्वाती"},
    {LANG_MR, LANG_KIND_VARA, 5, "शुक्रवार"},
    {LANG_MR, LANG_KIND_NAKSHATRA, 0, "अश्विनी"},
    /* Gujarati. Akila News "આવતીકાલનું પંચાંગ" for 2020-11-13: "સૂર્ય-તુલા,
     * ચંદ્ર-કન્યા, મંગળ-મીન, બુધ-તુલા, ગુરૂ-ધન, શુક્ર-કન્યા, શનિ-મકર, રાહુ-વૃષભ,
     * કેતુ-વૃશ્ચિક, હર્ષલ-મેષ, નેપ્ચ્યુન-કુંભ, પ્લુટો-ધન ... નક્ષત્ર-ચિત્રા";
     * Gujarati Webdunia, 2014-10-21: "આસો વદ તેરસ", "મંગળવાર", "નક્ષત્ર :
     * ઉત્તરા ફાલ્ગુની ... પછી હસ્ત". */
    {LANG_GU, LANG_KIND_GRAHA, GRAHA_SUN, "સૂર્ય"},
    {LANG_GU, LANG_KIND_GRAHA, GRAHA_MOON, "ચંદ્ર"},
    {LANG_GU, LANG_KIND_GRAHA, GRAHA_MARS, "મંગળ"},
    {LANG_GU, LANG_KIND_GRAHA, GRAHA_SATURN, "શનિ"},
    {LANG_GU, LANG_KIND_GRAHA, GRAHA_URANUS, "હર્ષલ"},
    {LANG_GU, LANG_KIND_GRAHA, GRAHA_NEPTUNE, "નેપ્ચ્યુન"},
    {LANG_GU, LANG_KIND_GRAHA, GRAHA_PLUTO, "પ્લુટો"},
    {LANG_GU, LANG_KIND_SIGN, 6, "તુલા"},
    {LANG_GU, LANG_KIND_SIGN, 8, "ધન"},
    {LANG_GU, LANG_KIND_SIGN, 7, "વૃશ્ચિક"},
    {LANG_GU, LANG_KIND_NAKSHATRA, 13, "ચિત્રા"},
    {LANG_GU, LANG_KIND_NAKSHATRA, 11, "ઉત્તરા ફાલ્ગુની"},
    {LANG_GU, LANG_KIND_NAKSHATRA, 12, "હસ્ત"},
    {LANG_GU, LANG_KIND_VARA, 2, "મંગળવાર"},
    {LANG_GU, LANG_KIND_TITHI, 27, "વદ તેરસ"},
    /* The ten poruthams. Tamil: bhageerathi.co.in "பத்துப் பொருத்தங்கள்":
     * "தினம், கணம், மஹேந்திரம், ஸ்த்ரீ தீர்க்கம், யோனி, ராசி, ராசி அதிபதி, வசியம்,
     * ரஜ்ஜு, வேதை இவை பத்துப் பொருத்தங்கள்". Malayalam: planetjyothisham.blogspot.com
     * 2011/05 "VIVAHA PORUTHAM": "1. ദിനം, 2. ഗണം, 3. മാഹേന്ദ്രം, 4. സ്ത്രീ ദീർഘം,
     * 5. യോനി, 6. രാശി, 7. രാശ്യാധിപൻ, 8. വശ്യം, ... 10. വേധം" (its rajju is
     * മദ്ധ്യമരജ്ജു, the middle rajju: not checked). Sanskrit: the verse it
     * quotes, "dinaṁ gaṇaṁ ca māhendraṁ strīdīrghaṁ yonir eva ca | rāśi
     * rāśyādhipo vaśyaṁ rajjur vedhas tathaiva ca", its stems. */
    {LANG_TA, LANG_KIND_PORUTHAM, 0, "தினம்"},
    {LANG_TA, LANG_KIND_PORUTHAM, 1, "கணம்"},
    {LANG_TA, LANG_KIND_PORUTHAM, 2, "மஹேந்திரம்"},
    {LANG_TA, LANG_KIND_PORUTHAM, 3, "ஸ்த்ரீ தீர்க்கம்"},
    {LANG_TA, LANG_KIND_PORUTHAM, 4, "யோனி"},
    {LANG_TA, LANG_KIND_PORUTHAM, 5, "ராசி"},
    {LANG_TA, LANG_KIND_PORUTHAM, 6, "ராசி அதிபதி"},
    {LANG_TA, LANG_KIND_PORUTHAM, 7, "வசியம்"},
    {LANG_TA, LANG_KIND_PORUTHAM, 8, "ரஜ்ஜு"},
    {LANG_TA, LANG_KIND_PORUTHAM, 9, "வேதை"},
    {LANG_ML, LANG_KIND_PORUTHAM, 0, "ദിനം"},
    {LANG_ML, LANG_KIND_PORUTHAM, 1, "ഗണം"},
    {LANG_ML, LANG_KIND_PORUTHAM, 2, "മാഹേന്ദ്രം"},
    {LANG_ML, LANG_KIND_PORUTHAM, 3, "സ്ത്രീ ദീർഘം"},
    {LANG_ML, LANG_KIND_PORUTHAM, 4, "യോനി"},
    {LANG_ML, LANG_KIND_PORUTHAM, 5, "രാശി"},
    {LANG_ML, LANG_KIND_PORUTHAM, 6, "രാശ്യാധിപൻ"},
    {LANG_ML, LANG_KIND_PORUTHAM, 7, "വശ്യം"},
    {LANG_ML, LANG_KIND_PORUTHAM, 9, "വേധം"},
    {LANG_SA, LANG_KIND_PORUTHAM, 0, "दिन"},
    {LANG_SA, LANG_KIND_PORUTHAM, 2, "माहेन्द्र"},
    {LANG_SA, LANG_KIND_PORUTHAM, 3, "स्त्रीदीर्घ"},
    {LANG_SA, LANG_KIND_PORUTHAM, 8, "रज्जु"},
    {LANG_SA, LANG_KIND_PORUTHAM, 9, "वेध"},
};

static void test_spot_checks(void **state)
{
    (void)state;
    int per_lang[LANG_COUNT] = {0};
    for (size_t i = 0; i < sizeof spots / sizeof spots[0]; i++) {
        const struct spot *s = &spots[i];
        const char *got = lang_name(s->lang, s->kind, s->index);
        if (strcmp(got, s->name) != 0)
            fail_msg("%s %s %d: '%s', the source prints '%s'", lang_code(s->lang),
                     lang_kind_name(s->kind), s->index, got, s->name);
        per_lang[s->lang]++;
    }
    for (int l = LANG_HI; l < LANG_COUNT; l++)
        if (per_lang[l] < 10)
            fail_msg("%s: %d spot checks, want 10", lang_code(l), per_lang[l]);
}

/* Option lang: every code, the invalid ones refused naming the field,
 * LANG_NONE by default; the daily panchang's parameter too. */
static void test_option(void **state)
{
    (void)state;
    struct chart_options o;
    struct birth b;
    struct error err;
    options_init(&o);
    assert_int_equal(o.lang, LANG_NONE);
    for (int l = 0; l < LANG_COUNT; l++) {
        assert_int_equal(options_set(&o, "lang", lang_code(l), &err), 0);
        assert_int_equal(o.lang, l);
    }
    static const char *const bad[] = {"", "xx", "HI", "hi ", "hindi", "en-IN", "ta,te"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(options_set(&o, "lang", bad[i], &err), ERR_INVALID_VALUE);
        assert_string_equal(err.field, "options.lang");
        assert_non_null(strstr(err.message, "en, hi, sa, ta, te, kn, ml, bn, mr, gu"));
    }
    assert_int_equal(o.lang, LANG_GU); /* a refused value changes nothing */
    birth_init(&b);
    options_init(&o);
    assert_int_equal(birth_param_set(&b, &o, "lang", "ml", &err), 0);
    assert_int_equal(o.lang, LANG_ML);
    options_init(&o);
    assert_int_equal(panchang_param_set(&b, &o, "lang", "bn", &err), 0);
    assert_int_equal(o.lang, LANG_BN);
    assert_int_equal(panchang_param_set(&b, &o, "lang", "xx", &err), ERR_INVALID_VALUE);
    assert_string_equal(err.field, "lang");
}

/* Whether key is a display field of option lang: "display" or
 * "<field>_display". */
static bool display_key(const char *key)
{
    size_t n = strlen(key);
    if (strcmp(key, "display") == 0)
        return true;
    return n > 8 && strcmp(key + n - 8, "_display") == 0;
}

/* Removes every display field below node and returns how many there
 * were. */
static int strip_display(cJSON *node)
{
    int n = 0;
    cJSON *next;
    for (cJSON *c = node ? node->child : NULL; c; c = next) {
        next = c->next;
        if (cJSON_IsObject(node) && display_key(c->string)) {
            cJSON_Delete(cJSON_DetachItemViaPointer(node, c));
            n++;
        } else {
            n += strip_display(c);
        }
    }
    return n;
}

/* The chart document of the book case of test_output (Moon in Libra,
 * Swati pada 1; lagna Capricorn) with option lang (NULL: none) and the
 * sections given (NULL: the default ones); without lang it must have no
 * display field. */
static cJSON *chart_doc(const char *lang, const char *sections, struct kundli *k)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct jsonw w;
    char lang_kv[16], sections_kv[80];
    snprintf(lang_kv, sizeof lang_kv, "lang=%s", lang ? lang : "");
    snprintf(sections_kv, sizeof sections_kv, "sections=%s", sections ? sections : "");
    const char *extra[2] = {NULL, NULL}; /* the optional parameters, NULL-ended */
    int n = 0;
    if (sections)
        extra[n++] = sections_kv;
    if (lang)
        extra[n++] = lang_kv;
    tu_birth(&b, &o, "date=1996-12-07", "time=10:34", "tz=Asia/Kolkata", "lat=13.0878",
             "lon=80.2785", "as_of=2026-01-01", extra[0], extra[1], NULL);
    assert_int_equal(kundli_compute(tu_ctx(), &b, &o, k, NULL, &err), 0);
    jw_init(&w, 1 << 21);
    kundli_json_write(&w, k, SECTIONS_ALL);
    assert_int_equal(jw_finish(&w, &err), 0);
    cJSON *doc = cJSON_Parse(w.buf);
    jw_free(&w);
    assert_non_null(doc);
    if (!lang) {
        cJSON *copy = cJSON_Duplicate(doc, true);
        assert_int_equal(strip_display(copy), 0);
        cJSON_Delete(copy);
    }
    return doc;
}

static const char *str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(obj, key);
    if (!cJSON_IsString(v))
        fail_msg("no string %s", key);
    return v->valuestring;
}

/* The chart document with lang=ta: every name keeps its English machine
 * value and has its Tamil display beside it; without lang no display field
 * and no settings.lang. */
static void test_chart_display(void **state)
{
    (void)state;
    struct kundli *k = malloc(sizeof *k);
    cJSON *plain = chart_doc(NULL, NULL, k);
    assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(plain, "settings"), "lang"));
    cJSON *doc = chart_doc("ta", NULL, k);
    assert_string_equal(str(cJSON_GetObjectItem(doc, "settings"), "lang"), "ta");
    const cJSON *moon = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "planets"), GRAHA_MOON);
    assert_string_equal(str(moon, "name"), "Moon");
    assert_string_equal(str(moon, "display"), "சந்திரன்");
    assert_string_equal(str(moon, "sign"), "Libra");
    assert_string_equal(str(moon, "sign_display"), "துலாம்");
    assert_string_equal(str(moon, "sign_lord_display"), "சுக்கிரன்");
    assert_string_equal(str(moon, "nakshatra"), "Swati");
    assert_string_equal(str(moon, "nakshatra_display"), "சுவாதி");
    assert_string_equal(str(moon, "nakshatra_lord_display"), "ராகு");
    /* the lagna: Capricorn, Shravana */
    const cJSON *asc = cJSON_GetObjectItem(doc, "ascendant");
    assert_string_equal(str(asc, "sign_display"), "மகரம்");
    assert_string_equal(str(asc, "nakshatra_display"), "திருவோணம்");
    /* house 3: Pisces, lord Jupiter, Saturn and Ketu */
    const cJSON *h3 = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "houses"), 2);
    assert_string_equal(str(h3, "sign_display"), "மீனம்");
    assert_string_equal(str(h3, "lord_display"), "குரு");
    const cJSON *occ = cJSON_GetObjectItem(h3, "occupants_display");
    assert_int_equal(cJSON_GetArraySize(occ), 2);
    assert_string_equal(cJSON_GetArrayItem(occ, 0)->valuestring, "சனி");
    assert_string_equal(cJSON_GetArrayItem(occ, 1)->valuestring, "கேது");
    /* D9: the Moon in Sagittarius (test_cli's vargas row: "Moon Lib Leo Lib Lib Sco Sag") */
    const cJSON *d9 = cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "vargas"), "D9");
    const cJSON *d9moon = cJSON_GetArrayItem(cJSON_GetObjectItem(d9, "planets"), GRAHA_MOON);
    assert_string_equal(str(d9moon, "display"), "சந்திரன்");
    assert_string_equal(str(d9moon, "sign"), "Sagittarius");
    assert_string_equal(str(d9moon, "sign_display"), "தனுசு");
    /* dasha: Rahu's mahadasha at birth (Swati), Yogini Pingala (the Sun) */
    const cJSON *dasha = cJSON_GetObjectItem(doc, "dasha");
    const cJSON *bal = cJSON_GetObjectItem(dasha, "balance");
    assert_string_equal(str(bal, "lord"), "Rahu");
    assert_string_equal(str(bal, "lord_display"), "ராகு");
    assert_string_equal(str(bal, "nakshatra_display"), "சுவாதி");
    const cJSON *maha = cJSON_GetArrayItem(cJSON_GetObjectItem(dasha, "periods"), 0);
    assert_string_equal(str(maha, "lord_display"), "ராகு");
    const cJSON *antar = cJSON_GetArrayItem(cJSON_GetObjectItem(maha, "periods"), 1);
    assert_string_equal(str(antar, "lord"), "Jupiter");
    assert_string_equal(str(antar, "lord_display"), "குரு");
    const cJSON *yb = cJSON_GetObjectItem(cJSON_GetObjectItem(dasha, "yogini"), "balance");
    assert_string_equal(str(yb, "yogini"), "Pingala");
    assert_string_equal(str(yb, "yogini_display"), "பிங்களா");
    assert_string_equal(str(yb, "lord_display"), "சூரியன்");
    /* panchang at birth: Saturday, Krishna Dwadashi, Swati, Shobhana, Kaulava */
    const cJSON *p = cJSON_GetObjectItem(doc, "panchang");
    assert_string_equal(str(cJSON_GetObjectItem(p, "vara"), "display"), "சனி");
    assert_string_equal(str(cJSON_GetObjectItem(p, "tithi"), "name"), "Krishna Dwadashi");
    assert_string_equal(str(cJSON_GetObjectItem(p, "tithi"), "display"), "கிருஷ்ண துவாதசி");
    assert_string_equal(str(cJSON_GetObjectItem(p, "tithi"), "paksha_display"), "கிருஷ்ண");
    assert_string_equal(str(cJSON_GetObjectItem(p, "nakshatra"), "display"), "சுவாதி");
    assert_string_equal(str(cJSON_GetObjectItem(p, "yoga"), "display"), "சோபனம்");
    assert_string_equal(str(cJSON_GetObjectItem(p, "karana"), "name"), "Kaulava");
    assert_string_equal(str(cJSON_GetObjectItem(p, "karana"), "display"), "கௌலவ");
    cJSON_Delete(doc);
    cJSON_Delete(plain);
    free(k);
}

/* The sections added after lang (kp, strength, summary and the dasha
 * systems Ashtottari, Chara and Kalachakra) with lang=hi: display names
 * beside their grahas, signs, nakshatras and weekdays, and the document is
 * the one without lang plus its display fields and settings.lang. The
 * book case: Moon in Swati (lord Rahu) in Libra, lagna Capricorn (lord
 * Saturn), born on a Saturday. */
static void test_sections_display(void **state)
{
    (void)state;
    const char *sections = "planets,kp,strength,summary,dasha";
    struct kundli *k = malloc(sizeof *k);
    cJSON *plain = chart_doc(NULL, sections, k);
    cJSON *doc = chart_doc("hi", sections, k);
    /* kp: the Moon in Swati, star lord Rahu; cusp 1 in Capricorn */
    const cJSON *kp = cJSON_GetObjectItem(doc, "kp");
    const cJSON *moon = cJSON_GetArrayItem(cJSON_GetObjectItem(kp, "planets"), GRAHA_MOON);
    assert_string_equal(str(moon, "display"), "चन्द्र");
    assert_string_equal(str(moon, "nakshatra_display"), "स्वाती");
    assert_string_equal(str(moon, "star_lord"), "Rahu");
    assert_string_equal(str(moon, "star_lord_display"), "राहु");
    const cJSON *cusp1 = cJSON_GetArrayItem(cJSON_GetObjectItem(kp, "cusps"), 0);
    assert_string_equal(str(cusp1, "sign_display"), "मकर");
    assert_string_equal(str(cusp1, "sign_lord_display"), "शनि");
    const cJSON *ruling = cJSON_GetObjectItem(kp, "ruling_planets");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(ruling, "planets")),
                     cJSON_GetArraySize(cJSON_GetObjectItem(ruling, "planets_display")));
    const cJSON *h1 = cJSON_GetArrayItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(kp, "significators"), "houses"), 0);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(h1, "level4")), 1);
    assert_string_equal(
        cJSON_GetArrayItem(cJSON_GetObjectItem(h1, "level4_display"), 0)->valuestring,
        "शनि"); /* the lagna lord signifies house 1 at level 4 */
    /* strength: the Moon's shadbala row; house 1 Capricorn, lord Saturn */
    const cJSON *st = cJSON_GetObjectItem(doc, "strength");
    const cJSON *sb = cJSON_GetArrayItem(cJSON_GetObjectItem(st, "shadbala"), GRAHA_MOON);
    assert_string_equal(str(sb, "graha"), "Moon");
    assert_string_equal(str(sb, "graha_display"), "चन्द्र");
    const cJSON *bb = cJSON_GetArrayItem(cJSON_GetObjectItem(st, "bhava_bala"), 0);
    assert_string_equal(str(bb, "sign_display"), "मकर");
    assert_string_equal(str(bb, "lord_display"), "शनि");
    const cJSON *lords = cJSON_GetObjectItem(st, "lords");
    assert_string_equal(str(lords, "vara"), "Saturn"); /* a Saturday */
    assert_string_equal(str(lords, "vara_display"), "शनि");
    /* summary: Swati pada 1, lord Rahu; rashi Libra, lord Venus; Saturday */
    const cJSON *sum = cJSON_GetObjectItem(doc, "summary");
    assert_string_equal(str(sum, "nakshatra_display"), "स्वाती");
    assert_string_equal(str(sum, "nakshatra_lord_display"), "राहु");
    assert_string_equal(str(sum, "rashi_display"), "तुला");
    assert_string_equal(str(sum, "rashi_lord_display"), "शुक्र");
    assert_string_equal(str(sum, "lagna_display"), "मकर");
    assert_string_equal(str(sum, "lagna_lord_display"), "शनि");
    assert_string_equal(str(cJSON_GetObjectItem(sum, "weekday"), "vedic_display"), "शनिवार");
    assert_string_equal(str(sum, "gana"), "Deva"); /* the avakhada names stay English */
    assert_null(cJSON_GetObjectItem(sum, "gana_display"));
    /* dasha: Chara from the lagna Capricorn; Kalachakra from Swati */
    const cJSON *dasha = cJSON_GetObjectItem(doc, "dasha");
    const cJSON *chara = cJSON_GetObjectItem(dasha, "chara");
    assert_string_equal(str(chara, "lagna_display"), "मकर");
    const cJSON *chara1 = cJSON_GetArrayItem(cJSON_GetObjectItem(chara, "periods"), 0);
    assert_string_equal(str(chara1, "sign"), "Capricorn");
    assert_string_equal(str(chara1, "sign_display"), "मकर");
    const cJSON *aries = cJSON_GetArrayItem(cJSON_GetObjectItem(chara, "sign_years"), 0);
    assert_string_equal(str(aries, "sign_display"), "मेष");
    assert_string_equal(str(aries, "lord_display"), "मंगल");
    const cJSON *kc = cJSON_GetObjectItem(dasha, "kalachakra");
    assert_string_equal(str(kc, "nakshatra_display"), "स्वाती");
    const cJSON *kc1 = cJSON_GetArrayItem(cJSON_GetObjectItem(kc, "periods"), 0);
    assert_non_null(cJSON_GetObjectItem(kc1, "sign_display"));
    const cJSON *ash = cJSON_GetObjectItem(dasha, "ashtottari");
    assert_string_equal(str(cJSON_GetObjectItem(ash, "applicability"), "lagna_lord_display"),
                        "शनि");
    const cJSON *ash1 = cJSON_GetArrayItem(cJSON_GetObjectItem(ash, "periods"), 0);
    assert_non_null(cJSON_GetObjectItem(ash1, "lord_display"));
    /* the namakshar keeps its Devanagari display, with and without lang */
    assert_string_equal(str(cJSON_GetObjectItem(sum, "namakshar"), "devanagari"), "रू");
    /* without its display fields and settings.lang, the plain document */
    assert_true(strip_display(doc) > 100);
    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(doc, "settings"), "lang");
    assert_true(cJSON_Compare(doc, plain, true));
    cJSON_Delete(doc);
    cJSON_Delete(plain);
    free(k);
}

/* The match document: koota and Moon display names only with lang. */
static void test_match_display(void **state)
{
    (void)state;
    struct match_person boy, girl;
    struct match m;
    struct error err;
    struct jsonw w;
    assert_int_equal(match_person_parse(&boy, "Anuradha:2", "boy", &err), 0);
    assert_int_equal(match_person_parse(&girl, "Revati:1", "girl", &err), 0);
    assert_int_equal(match_compute(&boy, &girl, NULL, &m, &err), 0);
    jw_init(&w, 1 << 16);
    match_json_write(&w, &m, LANG_NONE);
    assert_int_equal(jw_finish(&w, &err), 0);
    assert_null(strstr(w.buf, "display"));
    jw_reset(&w);
    match_json_write(&w, &m, LANG_HI);
    assert_int_equal(jw_finish(&w, &err), 0);
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    const cJSON *b = cJSON_GetObjectItem(doc, "boy");
    assert_string_equal(str(b, "nakshatra"), "Anuradha");
    assert_string_equal(str(b, "nakshatra_display"), "अनुराधा");
    assert_string_equal(str(b, "moon_sign_display"), "वृश्चिक");
    const cJSON *nadi = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "kootas"), 7);
    assert_string_equal(str(nadi, "name"), "nadi");
    assert_string_equal(str(nadi, "display"), "नाड़ी");
    cJSON_Delete(doc);
    /* the poruthams: Tamil names beside the machine ones, none without lang */
    struct match_options o;
    match_options_init(&o);
    assert_int_equal(match_options_set(&o, "system", "porutham", &err), 0);
    assert_int_equal(match_options_set(&o, "lang", "ta", &err), 0);
    assert_int_equal(o.lang, LANG_TA);
    assert_int_equal(match_options_set(&o, "lang", "xx", &err), ERR_INVALID_VALUE);
    assert_string_equal(err.field, "options.lang");
    assert_int_equal(match_compute(&boy, &girl, &o, &m, &err), 0);
    jw_reset(&w);
    match_json_write(&w, &m, LANG_NONE);
    assert_int_equal(jw_finish(&w, &err), 0);
    assert_null(strstr(w.buf, "display"));
    jw_reset(&w);
    match_json_write(&w, &m, o.lang);
    assert_int_equal(jw_finish(&w, &err), 0);
    doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    const cJSON *por = cJSON_GetObjectItem(doc, "poruthams");
    assert_int_equal(cJSON_GetArraySize(por), PORUTHAM_COUNT);
    assert_string_equal(str(cJSON_GetArrayItem(por, 3), "name"), "stree_deergha");
    assert_string_equal(str(cJSON_GetArrayItem(por, 3), "display"), "ஸ்த்ரீ தீர்க்கம்");
    assert_string_equal(str(cJSON_GetArrayItem(por, 8), "display"), "ரஜ்ஜு");
    assert_string_equal(str(cJSON_GetObjectItem(doc, "girl"), "nakshatra_display"), "ரேவதி");
    cJSON_Delete(doc);
    jw_free(&w);
}

/* Columns of the tables: ASCII one per byte, Indic marks and joiners
 * none, table_put pads to the width and never cuts. */
static void test_table_width(void **state)
{
    (void)state;
    assert_int_equal(table_width(""), 0);
    assert_int_equal(table_width("Capricorn"), 9);
    assert_int_equal(table_width("22\xC2\xB0"), 3);    /* "22°" */
    assert_int_equal(table_width("सूर्य"), 3);           /* स ू र ् य: three letters */
    assert_int_equal(table_width("கேட்டை"), 3);         /* க ே ட ் ட ை */
    assert_int_equal(table_width("ഞായർ"), 3);          /* ഞ ാ യ ർ (chillu) */
    assert_int_equal(table_width("ક\xE2\x80\x8D"), 1); /* a ZWJ is zero-width */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    table_put(f, "शनि", 5);
    table_put(f, "Sun", 2);
    fputc('|', f);
    fclose(f);
    assert_string_equal(buf, "शनि   Sun|");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_complete),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_english_is_the_engine),
        cmocka_unit_test(test_spot_checks),
        cmocka_unit_test(test_option),
        cmocka_unit_test(test_chart_display),
        cmocka_unit_test(test_sections_display),
        cmocka_unit_test(test_match_display),
        cmocka_unit_test(test_table_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
