/* test_summary.c - the native's summary (avakhada chakra): every field of
 * two published charts (P.V.R. Narasimha Rao's Chennai 1996 and Ex53/Chart
 * 18, testdata/book_cases.json) read off the published tables, each table
 * entry by entry against its source, the koota categories equal to
 * matching's, the Vedic and civil weekday before sunrise, the section
 * through kundli_compute with and without the panchang, and the JSON.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/kundli.h"
#include "engine/match.h"
#include "engine/summary.h"
#include "output/summary_json.h"
#include "testutil.h"

#include <cjson/cJSON.h>

static struct kundli kd; /* ~40 KB: off the stack */

static void compute(const char *date, const char *time, const char *tz, const char *lat,
                    const char *lon, const char *sections)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    tu_birth(&b, &o, "ayanamsa=lahiri", "as_of=2026-01-01", NULL);
    assert_int_equal(birth_set(&b, "date", date, &err), 0);
    assert_int_equal(birth_set(&b, "time", time, &err), 0);
    assert_int_equal(birth_set(&b, "timezone", tz, &err), 0);
    assert_int_equal(birth_set(&b, "latitude", lat, &err), 0);
    assert_int_equal(birth_set(&b, "longitude", lon, &err), 0);
    assert_int_equal(options_set(&o, "sections", sections, &err), 0);
    memset(&kd, 0, sizeof kd);
    if (kundli_compute(tu_ctx(), &b, &o, &kd, NULL, &err))
        fail_msg("%s %s: %s", date, time, err.message);
}

/* The Chennai 1996 book chart (lagna Capricorn, Moon 6 deg 57' Libra in
 * Swati 1; the book's panchang at birth: vara Saturday), every field read
 * off the published tables cited in engine/summary.c:
 * - varna Shudra: Libra is an air sign (Muhurta Chintamani; AstroSage's
 *   "Varnadi Ashtakoot Milan": "Gemini, Libra and Aquarius are a part of the
 *   Shudra Varna"); vashya Manava (Libra, ibid.); yoni Buffalo, gana Deva,
 *   nadi Antya (Swati: the yoni, gana and nadi tables of docs/match.md);
 * - nakshatra lord Rahu, rashi lord Venus, lagna lord Saturn;
 * - the Moon in the 10th from Capricorn: paya Tamra ("3,7,10 भावों में
 *   चन्द्रमा हो तो तांबे का पाया", gargastro.com); by nakshatra Swati Rajat
 *   ("चाँदी का पाया- ६. आद्रा ... १५. स्वाती", pragya-path.blogspot.com);
 * - tatva Vayu (an air sign); namakshar रू, Ru ("स्वाति ... रू, रे, रो, ता",
 *   Saral Jyotish p. 83); yunja Madhya (Ardra to Anuradha);
 * - weekday Saturday, the book's vara, and 1996-12-07 was a Saturday. */
static void test_chennai_1996(void **state)
{
    (void)state;
    compute("1996-12-07", "10:34", "+05:30", "13.0878", "80.2785", "summary");
    const struct summary *s = &kd.summary;
    assert_string_equal(match_varna_name(s->varna), "Shudra");
    assert_string_equal(match_vashya_name(s->vashya), "Manava");
    assert_string_equal(match_yoni_name(s->yoni), "Buffalo");
    assert_string_equal(match_gana_name(s->gana), "Deva");
    assert_string_equal(match_nadi_name(s->nadi), "Antya");
    assert_string_equal(nakshatra_name(s->nakshatra), "Swati");
    assert_int_equal(s->pada, 1);
    assert_string_equal(graha_name(s->nakshatra_lord), "Rahu");
    assert_string_equal(sign_name(s->rashi), "Libra");
    assert_string_equal(graha_name(s->rashi_lord), "Venus");
    assert_string_equal(sign_name(s->lagna), "Capricorn");
    assert_string_equal(graha_name(s->lagna_lord), "Saturn");
    assert_int_equal(s->moon_house, 10);
    assert_string_equal(summary_paya_name(s->paya_moon_house), "Tamra");
    assert_string_equal(summary_paya_name(s->paya_nakshatra), "Rajat");
    assert_string_equal(summary_tatva_name(s->tatva), "Vayu");
    assert_string_equal(s->name, "Ru");
    assert_string_equal(s->display, "रू");
    assert_string_equal(summary_yunja_name(s->yunja), "Madhya");
    assert_int_equal(s->vedic_weekday, 6);
    assert_int_equal(s->civil_weekday, 6);
    assert_false(s->before_sunrise);
}

/* Ex53/Chart 18 of the book: 1972-06-01 04:16 IST at 16.25 N, 81.20 E,
 * lagna Aries, Moon 269.458 deg (swetest, book_cases.json): 29 deg 27'
 * Sagittarius, Uttara Ashadha 1 (26 40' - 30 deg). Born before the day's
 * sunrise (about 05:30 there in June): the Vedic day is still Wednesday,
 * the civil date a Thursday (1972-06-01 was a Thursday). Read off the
 * tables: Kshatriya (fire sign), Chatushpada (Sagittarius after 15 deg),
 * Mongoose, Manushya, Antya; lords Sun, Jupiter, Mars; the Moon 9th from
 * Aries, paya Rajat ("2,5,9 ... चांदी"); Uttara Ashadha Tamra ("ताम्बे का
 * पाया- १६. विशाखा ... २१. उत्तरा षाढा"); Agni; भे, Bhe ("उत्तराषाढ़ा भे भो
 * जा जी", Muhurtaraj); Para (Jyeshtha to Uttara Bhadrapada). */
static void test_ex53_before_sunrise(void **state)
{
    (void)state;
    compute("1972-06-01", "04:16", "+05:30", "16.25", "81.2", "summary");
    const struct summary *s = &kd.summary;
    assert_string_equal(match_varna_name(s->varna), "Kshatriya");
    assert_string_equal(match_vashya_name(s->vashya), "Chatushpada");
    assert_string_equal(match_yoni_name(s->yoni), "Mongoose");
    assert_string_equal(match_gana_name(s->gana), "Manushya");
    assert_string_equal(match_nadi_name(s->nadi), "Antya");
    assert_string_equal(nakshatra_name(s->nakshatra), "Uttara Ashadha");
    assert_int_equal(s->pada, 1);
    assert_string_equal(graha_name(s->nakshatra_lord), "Sun");
    assert_string_equal(sign_name(s->rashi), "Sagittarius");
    assert_string_equal(graha_name(s->rashi_lord), "Jupiter");
    assert_string_equal(sign_name(s->lagna), "Aries");
    assert_string_equal(graha_name(s->lagna_lord), "Mars");
    assert_int_equal(s->moon_house, 9);
    assert_string_equal(summary_paya_name(s->paya_moon_house), "Rajat");
    assert_string_equal(summary_paya_name(s->paya_nakshatra), "Tamra");
    assert_string_equal(summary_tatva_name(s->tatva), "Agni");
    assert_string_equal(s->name, "Bhe");
    assert_string_equal(s->display, "भे");
    assert_string_equal(summary_yunja_name(s->yunja), "Para");
    assert_int_equal(s->vedic_weekday, 3); /* Wednesday */
    assert_int_equal(s->civil_weekday, 4); /* Thursday */
    assert_true(s->before_sunrise);
    /* The panchang section, when computed too, gives the same Vedic day,
     * and the summary read from it equals the one computed alone. */
    struct summary alone = kd.summary;
    compute("1972-06-01", "04:16", "+05:30", "16.25", "81.2", "panchang,summary");
    assert_int_equal(kd.panchang.vara, 3);
    assert_memory_equal(&kd.summary, &alone, sizeof alone);
    /* Not asked for: untouched. */
    compute("1972-06-01", "04:16", "+05:30", "16.25", "81.2", "planets");
    assert_null(kd.summary.name);
}

/* The tables entry by entry against their sources. */
static void test_tables(void **state)
{
    (void)state;
    /* The 108 syllables as the Hindi tables print them (Saral Jyotish p.
     * 83: Ashwini .. Purva Ashadha; Muhurtaraj: Uttara Ashadha .. Revati,
     * Abhijit left out). */
    static const char *const published[27][4] = {
        {"चू", "चे", "चो", "ला"},  {"ली", "लू", "ले", "लो"},  {"आ", "ई", "उ", "ए"},
        {"ओ", "वा", "वी", "वू"},  {"वे", "वो", "का", "की"}, {"कू", "घ", "ङ", "छ"},
        {"के", "को", "हा", "ही"}, {"हू", "हे", "हो", "डा"},  {"डी", "डू", "डे", "डो"},
        {"मा", "मी", "मू", "मे"},  {"मो", "टा", "टी", "टू"}, {"टे", "टो", "पा", "पी"},
        {"पू", "ष", "ण", "ठ"},    {"पे", "पो", "रा", "री"}, {"रू", "रे", "रो", "ता"},
        {"ती", "तू", "ते", "तो"},  {"ना", "नी", "नू", "ने"},  {"नो", "या", "यी", "यू"},
        {"ये", "यो", "भा", "भी"}, {"भू", "धा", "फा", "ढा"}, {"भे", "भो", "जा", "जी"},
        {"खी", "खू", "खे", "खो"},  {"गा", "गी", "गू", "गे"},  {"गो", "सा", "सी", "सू"},
        {"से", "सो", "दा", "दी"}, {"दू", "थ", "झ", "ञ"},    {"दे", "दो", "चा", "ची"},
    };
    for (int n = 0; n < 27; n++)
        for (int p = 1; p <= 4; p++) {
            assert_string_equal(summary_namakshar_display(n, p), published[n][p - 1]);
            assert_non_null(summary_namakshar(n, p));
        }
    assert_string_equal(summary_namakshar(0, 1), "Chu");
    assert_string_equal(summary_namakshar(21, 1), "Khi");
    assert_string_equal(summary_namakshar(26, 4), "Chi");
    assert_null(summary_namakshar(27, 1));
    assert_null(summary_namakshar_display(0, 5));
    /* Paya by the Moon's house (gargastro.com): 1 6 11 gold, 2 5 9
     * silver, 3 7 10 copper, 4 8 12 iron. */
    static const char house_paya[] = "SRTLRSTLRTSL";
    /* Paya by nakshatra (pragya-path.blogspot.com): Revati .. Mrigashira
     * gold, Ardra .. Swati silver, Vishakha .. Shatabhisha copper, the
     * Bhadrapadas iron. */
    static const char nak_paya[] = "SSSSSRRRRRRRRRRTTTTTTTTTLLS";
    /* Yunja: six from Revati purva, twelve from Ardra madhya, nine from
     * Jyeshtha para. */
    static const char yunja[] = "PPPPPMMMMMMMMMMMMAAAAAAAAAP";
    const char *letter = "SRTL";
    for (int h = 1; h <= 12; h++)
        assert_int_equal(letter[summary_paya_of_house(h)], house_paya[h - 1]);
    for (int n = 0; n < 27; n++) {
        assert_int_equal(letter[summary_paya_of_nakshatra(n)], nak_paya[n]);
        assert_int_equal("PMA"[summary_yunja_of_nakshatra(n)], yunja[n]);
    }
    assert_int_equal(summary_paya_of_house(0), -1);
    assert_int_equal(summary_paya_of_nakshatra(27), -1);
    /* Tatva by triplicity. */
    static const char *const tatva[12] = {"Agni", "Prithvi", "Vayu", "Jala",    "Agni", "Prithvi",
                                          "Vayu", "Jala",    "Agni", "Prithvi", "Vayu", "Jala"};
    for (int s = 0; s < 12; s++)
        assert_string_equal(summary_tatva_name(summary_tatva_of_sign(s)), tatva[s]);
    assert_string_equal(summary_paya_name(PAYA_LOHA), "Loha");
    assert_string_equal(summary_yunja_name(YUNJA_PARA), "Para");
    assert_string_equal(summary_tatva_name(TATVA_COUNT), "?");
}

/* The koota categories are matching's, for every pada (a synthetic chart:
 * only the Moon and the lagna are read). */
static void test_same_as_matching(void **state)
{
    (void)state;
    struct chart c;
    struct summary s;
    memset(&c, 0, sizeof c);
    c.birth.local = (struct civil){2024, 1, 15, 12, 0, 0}; /* a Monday */
    for (int i = 0; i < 108; i++) {
        struct match_person p;
        struct error err;
        assert_int_equal(match_person_set(&p, i / 4, i % 4 + 1, "x", &err), 0);
        zodiac_locate(i * (10.0 / 3.0) + 1.0, &c.grahas[GRAHA_MOON].pos);
        c.ascendant.sign = (i * 5) % 12;
        summary_compute(&c, 1, &s);
        assert_int_equal(s.nakshatra, p.nakshatra);
        assert_int_equal(s.pada, p.pada);
        assert_int_equal(s.varna, match_varna(p.moon_sign));
        p.moon_degree = c.grahas[GRAHA_MOON].pos.degree;
        assert_int_equal(s.vashya, match_vashya(&p));
        assert_int_equal(s.yoni, match_yoni(p.nakshatra));
        assert_int_equal(s.gana, match_gana(p.nakshatra));
        assert_int_equal(s.nadi, match_nadi(p.nakshatra));
        assert_int_equal(s.nakshatra_lord, nakshatra_lord(p.nakshatra));
        assert_int_equal(s.moon_house, (p.moon_sign - c.ascendant.sign + 12) % 12 + 1);
        assert_int_equal(s.civil_weekday, 1);
        assert_false(s.before_sunrise);
    }
    summary_compute(&c, 0, &s); /* a Vedic Sunday on a civil Monday */
    assert_true(s.before_sunrise);
}

static void test_json(void **state)
{
    (void)state;
    compute("1972-06-01", "04:16", "+05:30", "16.25", "81.2", "summary");
    struct jsonw w;
    jw_init(&w, 1 << 14);
    summary_json_write(&w, &kd.summary, LANG_NONE);
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    static const char *const keys[] = {
        "varna", "vashya",         "yoni",      "gana",       "nadi",    "nakshatra",
        "pada",  "nakshatra_lord", "rashi",     "rashi_lord", "lagna",   "lagna_lord",
        "paya",  "tatva",          "namakshar", "yunja",      "weekday",
    };
    const cJSON *it = doc->child;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++, it = it->next) {
        assert_non_null(it);
        assert_string_equal(it->string, keys[i]);
    }
    assert_null(it);
    const cJSON *paya = cJSON_GetObjectItem(doc, "paya");
    assert_int_equal(cJSON_GetObjectItem(paya, "moon_house")->valueint, 9);
    assert_string_equal(cJSON_GetObjectItem(paya, "by_moon_house")->valuestring, "Rajat");
    assert_string_equal(cJSON_GetObjectItem(paya, "by_nakshatra")->valuestring, "Tamra");
    const cJSON *nm = cJSON_GetObjectItem(doc, "namakshar");
    assert_string_equal(cJSON_GetObjectItem(nm, "name")->valuestring, "Bhe");
    assert_string_equal(cJSON_GetObjectItem(nm, "devanagari")->valuestring, "भे");
    const cJSON *wd = cJSON_GetObjectItem(doc, "weekday");
    assert_string_equal(cJSON_GetObjectItem(wd, "vedic")->valuestring, "Wednesday");
    assert_string_equal(cJSON_GetObjectItem(wd, "civil")->valuestring, "Thursday");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(wd, "before_sunrise")));
    assert_string_equal(cJSON_GetObjectItem(doc, "nakshatra")->valuestring, "Uttara Ashadha");
    assert_int_equal(cJSON_GetObjectItem(doc, "pada")->valueint, 1);
    cJSON_Delete(doc);
    jw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chennai_1996), cmocka_unit_test(test_ex53_before_sunrise),
        cmocka_unit_test(test_tables),       cmocka_unit_test(test_same_as_matching),
        cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
