/* test_svg.c - the SVG drawings (output/svg.c): for the chennai_1996 book
 * case in all three styles and in D1 and D9, every graha and the lagna are
 * read back from the document's structure (the cell that holds each text,
 * and its data attributes) and checked against the engine's signs and the
 * book's; hostile user text is escaped; the size stays bounded.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "book_cases.h"
#include "engine/kundli.h"
#include "output/svg.h"
#include "output/svg_json.h"

static struct kundli k;

static int setup(void **state)
{
    if (book_setup(state))
        return -1;
    struct birth b;
    struct chart_options o;
    struct error err;
    book_birth("chennai_1996", &b, &o);
    o.sections = SECTION_SVG;
    o.as_of = 0;
    return kundli_compute(tu_ctx(), &b, &o, &k, NULL, &err);
}

static char *draw(int varga, int style, const char *name)
{
    static char buf[SVG_MAX];
    struct svg_caption cap = {.name = name, .place = name};
    size_t len = 0;
    assert_int_equal(svg_write(buf, sizeof buf, &len, &k, varga, style, &cap), 0);
    assert_int_equal(strlen(buf), len);
    return buf;
}

/* The cell <g class="house" ...> that holds the text whose data-graha is
 * `graha`: its opening tag copied into out. */
static void cell_of(const char *svg, const char *graha, char *out, size_t size)
{
    char key[48];
    snprintf(key, sizeof key, "data-graha=\"%s\"", graha);
    const char *hit = strstr(svg, key);
    assert_non_null(hit);
    assert_null(strstr(hit + 1, key)); /* drawn once */
    const char *g = NULL;
    for (const char *p = svg; (p = strstr(p, "<g class=\"house\"")) && p < hit; p++)
        g = p;
    assert_non_null(g);
    const char *end = strchr(g, '>');
    const char *close = strstr(g, "</g>");
    assert_true(end && end < hit && close && close > hit);
    snprintf(out, size, "%.*s", (int)(end - g + 1), g);
}

static int attr_int(const char *tag, const char *name)
{
    char key[40];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *p = strstr(tag, key);
    assert_non_null(p);
    return atoi(p + strlen(key));
}

/* The value of attribute `name` of the text element of graha. */
static int text_attr(const char *svg, const char *graha, const char *name)
{
    char key[48], tag[256];
    snprintf(key, sizeof key, "data-graha=\"%s\"", graha);
    const char *p = strstr(svg, key);
    assert_non_null(p);
    const char *start = p;
    while (start > svg && *start != '<')
        start--;
    const char *end = strchr(p, '>');
    snprintf(tag, sizeof tag, "%.*s", (int)(end - start + 1), start);
    return attr_int(tag, name);
}

static const char *const ids[9] = {"sun",   "moon",   "mars", "mercury", "jupiter",
                                   "venus", "saturn", "rahu", "ketu"};
static const char *const book_names[9] = {"Sun",   "Moon",   "Mars", "Mercury", "Jupiter",
                                          "Venus", "Saturn", "Rahu", "Ketu"};

/* Every graha and the lagna of varga v in style: the cell holding each is
 * the one of its sign (and, North, of its house from the lagna), as the
 * engine and the book have it. */
static void check_placement(int v, int style)
{
    const char *svg = draw(v, style, NULL);
    const struct varga_chart *vc = &k.vargas.charts[v];
    const cJSON *book =
        cJSON_GetObjectItem(cJSON_GetObjectItem(cases, "chennai_1996"), varga_name(v));
    char cell[256], want[64];
    int lagna = vc->ascendant.sign;
    assert_int_equal(lagna, cJSON_GetArrayItem(cJSON_GetObjectItem(book, "Asc"), 0)->valueint);
    if (v == VARGA_D1)
        assert_int_equal(lagna, k.chart.ascendant.sign);
    for (int g = -1; g < 9; g++) {
        const char *id = g < 0 ? "lagna" : ids[g];
        int sign = g < 0 ? lagna : vc->grahas[g].sign;
        if (g >= 0) {
            const cJSON *row = cJSON_GetObjectItem(book, book_names[g]);
            assert_int_equal(sign, cJSON_GetArrayItem(row, 0)->valueint);
            if (v == VARGA_D1)
                assert_int_equal(sign, k.chart.grahas[g].pos.sign);
        }
        int house = (sign - lagna + 12) % 12 + 1;
        cell_of(svg, id, cell, sizeof cell);
        assert_int_equal(attr_int(cell, "data-sign"), sign + 1);
        assert_int_equal(attr_int(cell, "data-house"), house);
        assert_int_equal(text_attr(svg, id, "data-sign"), sign + 1);
        assert_int_equal(text_attr(svg, id, "data-house"), house);
        /* the cell's id: houses are fixed in the North style, signs in the others */
        if (style == CHART_STYLE_NORTH)
            snprintf(want, sizeof want, "id=\"d%d-house-%d\"", varga_division(v), house);
        else
            snprintf(want, sizeof want, "id=\"d%d-sign-%d\"", varga_division(v), sign + 1);
        assert_non_null(strstr(cell, want));
    }
    /* the lagna's cell, and only it, is marked */
    assert_non_null(strstr(svg, "data-lagna=\"true\""));
    assert_null(strstr(strstr(svg, "data-lagna=\"true\"") + 1, "data-lagna=\"true\""));
    cell_of(svg, "lagna", cell, sizeof cell);
    assert_non_null(strstr(cell, "data-lagna=\"true\""));
    if (style == CHART_STYLE_SOUTH)
        assert_non_null(strstr(svg, "class=\"lagna-mark\""));
}

static void test_d1_north(void **state)
{
    (void)state;
    check_placement(VARGA_D1, CHART_STYLE_NORTH);
    /* Moon in Libra (7) with the lagna in Capricorn (10): the 10th house */
    const char *svg = draw(VARGA_D1, CHART_STYLE_NORTH, NULL);
    char cell[256];
    cell_of(svg, "moon", cell, sizeof cell);
    assert_non_null(strstr(cell, "id=\"d1-house-10\" data-sign=\"7\" data-house=\"10\""));
    /* the sign numbers rotate with the lagna: house 1 shows 10 */
    assert_non_null(strstr(svg, "id=\"d1-house-1\" data-sign=\"10\""));
}

static void test_d1_south(void **state)
{
    (void)state;
    check_placement(VARGA_D1, CHART_STYLE_SOUTH);
    const char *svg = draw(VARGA_D1, CHART_STYLE_SOUTH, NULL);
    char cell[256];
    cell_of(svg, "moon", cell, sizeof cell);
    assert_non_null(strstr(cell, "id=\"d1-sign-7\""));
    cell_of(svg, "lagna", cell, sizeof cell);
    assert_non_null(strstr(cell, "id=\"d1-sign-10\""));
}

static void test_d1_east(void **state)
{
    (void)state;
    check_placement(VARGA_D1, CHART_STYLE_EAST);
}

static void test_d9_all_styles(void **state)
{
    (void)state;
    for (int style = 0; style < CHART_STYLE_COUNT; style++)
        check_placement(VARGA_D9, style);
}

/* Degrees, marks and abbreviations of the text. */
static void test_labels(void **state)
{
    (void)state;
    const char *svg = draw(VARGA_D1, CHART_STYLE_SOUTH, NULL);
    char want[64];
    int d, m;
    double s;
    zodiac_dms(k.chart.grahas[GRAHA_MOON].pos.degree, &d, &m, &s);
    snprintf(want, sizeof want, ">Mo %d\xC2\xB0%02d'", d, m);
    assert_non_null(strstr(svg, want)); /* Mo 6°57' */
    assert_non_null(strstr(svg, ">As 22\xC2\xB0"));
    /* the mean nodes are always retrograde */
    assert_true(k.chart.grahas[GRAHA_RAHU].retrograde);
    const char *rahu = strstr(svg, "data-graha=\"rahu\"");
    assert_non_null(rahu);
    assert_true(strstr(rahu, "<tspan class=\"retrograde\">\xE2\x84\x9E</tspan>") <
                strstr(rahu, "</text>"));
    /* a combust mark exactly for the grahas the engine calls combust */
    for (int g = 0; g < 9; g++) {
        char key[48];
        snprintf(key, sizeof key, "data-graha=\"%s\"", ids[g]);
        const char *p = strstr(svg, key);
        const char *end = strstr(p, "</text>");
        const char *c = strstr(p, "class=\"combust\"");
        assert_int_equal(c && c < end, k.chart.grahas[g].combust);
        const char *r = strstr(p, "class=\"retrograde\"");
        assert_int_equal(r && r < end, k.chart.grahas[g].retrograde);
    }
    assert_non_null(strstr(svg, "Lagna Capricorn 22\xC2\xB0"));
    assert_non_null(strstr(svg, "1996-12-07 10:34:00 +05:30"));
}

/* User text is escaped; no script, no external reference. */
static void test_escaping(void **state)
{
    (void)state;
    const char *svg = draw(VARGA_D1, CHART_STYLE_NORTH, "<script>&\"'\x01x\xFF");
    assert_null(strstr(svg, "<script"));
    assert_non_null(strstr(svg, "&lt;script&gt;&amp;&quot;&apos;x\xEF\xBF\xBD"));
    assert_null(strstr(svg, "\x01"));
    const char *p = svg;
    int urls = 0;
    while ((p = strstr(p, "http")) != NULL) {
        assert_true(strncmp(p, "http://www.w3.org/2000/svg\"", 27) == 0);
        urls++;
        p++;
    }
    assert_int_equal(urls, 1);
    assert_null(strstr(svg, "href"));
    assert_null(strstr(svg, "@import"));
    /* a long name is cut at SVG_TEXT_MAX bytes, between characters */
    char name[400];
    for (int i = 0; i < 399; i += 2)
        memcpy(name + i, "\xC3\xA9", 2); /* é */
    name[398] = '\0';
    svg = draw(VARGA_D1, CHART_STYLE_NORTH, name);
    assert_null(strstr(svg, "\xEF\xBF\xBD"));
}

/* Every varga, every style: within bounds; a small buffer is refused,
 * never a cut document. */
static void test_size(void **state)
{
    (void)state;
    char name[SVG_TEXT_MAX + 1];
    memset(name, '&', SVG_TEXT_MAX);
    name[SVG_TEXT_MAX] = '\0';
    size_t most = 0;
    for (int v = 0; v < VARGA_COUNT; v++)
        for (int style = 0; style < CHART_STYLE_COUNT; style++) {
            const char *svg = draw(v, style, name);
            size_t n = strlen(svg);
            most = n > most ? n : most;
            assert_true(strncmp(svg, "<svg xmlns=", 11) == 0);
            assert_true(n > 7 && strcmp(svg + n - 7, "</svg>\n") == 0);
        }
    assert_true(most < SVG_MAX / 2);
    static char small[2048];
    size_t len = 99;
    assert_int_equal(svg_write(small, sizeof small, &len, &k, VARGA_D1, 0, NULL), ERR_TOO_LARGE);
    assert_int_equal(len, 0);
    assert_string_equal(small, "");
    assert_int_equal(svg_write(small, sizeof small, &len, &k, VARGA_COUNT, 0, NULL),
                     ERR_INVALID_VALUE);
    assert_int_equal(svg_write(small, sizeof small, &len, &k, VARGA_D1, 3, NULL),
                     ERR_INVALID_VALUE);
}

/* Section svg in the JSON: the style and both drawings, as svg_write. */
static void test_json(void **state)
{
    (void)state;
    struct jsonw w;
    struct error err;
    jw_init(&w, 1 << 20);
    svg_json_write(&w, &k);
    assert_int_equal(jw_finish(&w, &err), 0);
    cJSON *doc = cJSON_Parse(w.buf);
    assert_non_null(doc);
    assert_string_equal(cJSON_GetObjectItem(doc, "style")->valuestring, "north");
    assert_string_equal(cJSON_GetObjectItem(doc, "D9")->valuestring,
                        draw(VARGA_D9, CHART_STYLE_NORTH, NULL));
    assert_string_equal(cJSON_GetObjectItem(doc, "D1")->valuestring,
                        draw(VARGA_D1, CHART_STYLE_NORTH, NULL));
    cJSON_Delete(doc);
    jw_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_d1_north), cmocka_unit_test(test_d1_south),
        cmocka_unit_test(test_d1_east),  cmocka_unit_test(test_d9_all_styles),
        cmocka_unit_test(test_labels),   cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_size),     cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests(tests, setup, book_teardown);
}
