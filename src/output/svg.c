/* svg.c - the chart drawn as SVG in the North, South or East Indian layout
 * (see svg.h). Geometry is in user units of a 400 x 400 square; the text of
 * each cell is stacked in a band of the cell and centred on the cell's
 * width at each line, so it stays inside triangles too.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/svg.h"

#include "common/lang.h"
#include "engine/civil.h"
#include "engine/eph.h"
#include "engine/varga.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define SIZE 400.0
#define T (SIZE / 3) /* the East Indian grid's cell */
#define HEIGHT 498
#define LINE 14.0   /* a planet line's height, when the cell has room */
#define FONT 12.0   /* a planet's font size, when the cell has room */
#define MAXPTS 4

struct pt {
    double x, y;
};

/* One cell of a layout: its outline, the vertical band its text is
 * stacked in, and where its sign's number or name goes. */
struct cell {
    int npts;
    struct pt pts[MAXPTS];
    double band0, band1;
    struct pt label;
    char anchor;     /* of the label: 's'tart, 'm'iddle, 'e'nd */
    double font;     /* the largest font of its text; 0: FONT */
    double xmin, xmax; /* its text stays between these; both 0: no limit */
};

/* North Indian: houses fixed, house 1 the top diamond, then counter-
 * clockwise; the inner diamond and both diagonals of the square draw them.
 * The sign number sits at the corner towards the centre. Index: house - 1. */
static const struct cell north[12] = {
    {4, {{200, 0}, {300, 100}, {200, 200}, {100, 100}}, 30, 165, {200, 188}, 'm', 0, 0, 0},
    {3, {{0, 0}, {200, 0}, {100, 100}}, 6, 70, {100, 88}, 'm', 0, 0, 0},
    {3, {{0, 0}, {100, 100}, {0, 200}}, 45, 155, {90, 104}, 'm', 11, 0, 78},
    {4, {{0, 200}, {100, 100}, {200, 200}, {100, 300}}, 135, 265, {184, 204}, 'm', 0, 0, 0},
    {3, {{0, 200}, {100, 300}, {0, 400}}, 245, 355, {90, 304}, 'm', 11, 0, 78},
    {3, {{0, 400}, {100, 300}, {200, 400}}, 332, 394, {100, 322}, 'm', 0, 0, 0},
    {4, {{200, 400}, {100, 300}, {200, 200}, {300, 300}}, 235, 370, {200, 222}, 'm', 0, 0, 0},
    {3, {{200, 400}, {300, 300}, {400, 400}}, 332, 394, {300, 322}, 'm', 0, 0, 0},
    {3, {{400, 400}, {300, 300}, {400, 200}}, 245, 355, {310, 304}, 'm', 11, 322, 400},
    {4, {{400, 200}, {300, 300}, {200, 200}, {300, 100}}, 135, 265, {216, 204}, 'm', 0, 0, 0},
    {3, {{400, 200}, {300, 100}, {400, 0}}, 45, 155, {310, 104}, 'm', 11, 322, 400},
    {3, {{400, 0}, {300, 100}, {200, 0}}, 6, 70, {300, 88}, 'm', 0, 0, 0},
};

/* South Indian: signs fixed in the outer ring of a 4 x 4 grid, Pisces at
 * the top-left, then clockwise (Aries, Taurus, Gemini across the top).
 * Column and row of each sign, index: enum sign. */
static const int south_at[12][2] = {
    {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {3, 3}, /* Aries .. Virgo */
    {2, 3}, {1, 3}, {0, 3}, {0, 2}, {0, 1}, {0, 0}, /* Libra .. Pisces */
};

/* East Indian: signs fixed in a 3 x 3 grid whose centre is empty and whose
 * corner cells are halved along the square's diagonals: Aries at the
 * top-middle, then counter-clockwise (Taurus and Gemini in the top-left
 * corner, Cancer at the left-middle, ...), as the Bengali and Oriya
 * charts draw it. The sign's short name sits in the right-angled corner.
 * Index: enum sign. */
static const struct cell east[12] = {
    {4, {{T, 0}, {2 * T, 0}, {2 * T, T}, {T, T}}, 16, T - 4, {2 * T - 4, 12}, 'e', 0, 0, 0},
    {3, {{0, 0}, {T, 0}, {T, T}}, 8, 70, {T - 4, 12}, 'e', 11, 0, 0},
    {3, {{0, 0}, {0, T}, {T, T}}, T - 72, T - 8, {4, T - 4}, 's', 11, 0, 0},
    {4, {{0, T}, {T, T}, {T, 2 * T}, {0, 2 * T}}, T + 16, 2 * T - 4, {T - 4, T + 12}, 'e', 0, 0, 0},
    {3, {{0, 2 * T}, {T, 2 * T}, {0, SIZE}}, 2 * T + 8, 2 * T + 70, {4, 2 * T + 12}, 's', 11, 0, 0},
    {3, {{T, 2 * T}, {T, SIZE}, {0, SIZE}}, SIZE - 72, SIZE - 8, {T - 4, SIZE - 4}, 'e', 11, 0, 0},
    {4, {{T, 2 * T}, {2 * T, 2 * T}, {2 * T, SIZE}, {T, SIZE}}, 2 * T + 16, SIZE - 4,
     {2 * T - 4, 2 * T + 12}, 'e', 0, 0, 0},
    {3, {{2 * T, 2 * T}, {2 * T, SIZE}, {SIZE, SIZE}}, SIZE - 72, SIZE - 8, {2 * T + 4, SIZE - 4},
     's', 11, 0, 0},
    {3, {{2 * T, 2 * T}, {SIZE, 2 * T}, {SIZE, SIZE}}, 2 * T + 8, 2 * T + 70,
     {SIZE - 4, 2 * T + 12}, 'e', 11, 0, 0},
    {4, {{2 * T, T}, {SIZE, T}, {SIZE, 2 * T}, {2 * T, 2 * T}}, T + 16, 2 * T - 4,
     {SIZE - 4, T + 12}, 'e', 0, 0, 0},
    {3, {{SIZE, 0}, {SIZE, T}, {2 * T, T}}, T - 72, T - 8, {SIZE - 4, T - 4}, 'e', 11, 0, 0},
    {3, {{2 * T, 0}, {SIZE, 0}, {2 * T, T}}, 8, 70, {2 * T + 4, 12}, 's', 11, 0, 0},
};

static const char *const graha_ids[GRAHA_COUNT] = {
    "sun", "moon", "mars", "mercury", "jupiter", "venus",
    "saturn", "rahu", "ketu", "uranus", "neptune", "pluto"};
/* Names of the vargas as docs/varga.md spells them, index: enum varga. */
static const char *const varga_titles[VARGA_COUNT] = {
    "rasi",      "hora",       "drekkana",  "chaturthamsa", "saptamsa",       "navamsa",
    "dasamsa",   "dwadasamsa", "shodasamsa", "vimsamsa",    "chaturvimsamsa", "bhamsa",
    "trimsamsa", "khavedamsa", "akshavedamsa", "shashtyamsa"};
static const char *const style_titles[CHART_STYLE_COUNT] = {"North Indian", "South Indian",
                                                            "East Indian"};

/* A bounded output buffer: once full, later writes are dropped. */
struct out {
    char *buf;
    size_t size, len;
    bool full;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->full || o->len + n >= o->size) {
        o->full = true;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct out *o, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line) {
        o->full = true; /* never a cut line */
        return;
    }
    put(o, line, (size_t)n);
}

/* Length of the valid UTF-8 sequence at s (1 .. 4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t left)
{
    size_t n;
    unsigned min;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, min = 0x10000;
    else
        return 0;
    if (n > left)
        return 0;
    unsigned cp = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    /* U+FFFE and U+FFFF are not XML characters */
    return cp == 0xFFFE || cp == 0xFFFF ? 0 : n;
}

/* User text as XML character data or attribute value: the five markup
 * characters as entities, control characters dropped, invalid UTF-8 as
 * U+FFFD, at most SVG_TEXT_MAX input bytes (cut between characters). */
static void put_text(struct out *o, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t left = strlen(text);
    if (left > SVG_TEXT_MAX)
        left = SVG_TEXT_MAX;
    while (left > 0) {
        size_t n = utf8_len(s, left);
        if (n == 0) {
            puts_(o, "\xEF\xBF\xBD");
            n = 1;
        } else if (*s == '&') {
            puts_(o, "&amp;");
        } else if (*s == '<') {
            puts_(o, "&lt;");
        } else if (*s == '>') {
            puts_(o, "&gt;");
        } else if (*s == '"') {
            puts_(o, "&quot;");
        } else if (*s == '\'') {
            puts_(o, "&apos;");
        } else if (*s < 0x20 || *s == 0x7F) {
            /* dropped: XML 1.0 has no tab-free way to need them here */
        } else {
            put(o, (const char *)s, n);
        }
        s += n;
        left -= n;
    }
}

/* "23°41'": whole degrees and minutes within the sign, truncated (as the
 * JSON's dms). out needs 16 bytes. */
static void format_degree(double degree, char out[16])
{
    int d, m;
    double s;
    zodiac_dms(degree, &d, &m, &s);
    snprintf(out, 16, "%d\xC2\xB0%02d'", d, m);
}

/* The horizontal middle of convex cell c at height y (its centre when the
 * line misses it). */
static double middle_at(const struct cell *c, double y)
{
    double lo = INFINITY, hi = -INFINITY, sum = 0;
    for (int i = 0; i < c->npts; i++) {
        struct pt p = c->pts[i], q = c->pts[(i + 1) % c->npts];
        sum += p.x;
        if (p.y == q.y || y < fmin(p.y, q.y) || y > fmax(p.y, q.y))
            continue;
        double x = p.x + (y - p.y) * (q.x - p.x) / (q.y - p.y);
        lo = fmin(lo, x);
        hi = fmax(hi, x);
    }
    if (c->xmax > 0) {
        lo = fmax(lo, c->xmin);
        hi = fmin(hi, c->xmax);
    }
    return lo <= hi ? (lo + hi) / 2 : sum / c->npts;
}

/* What a drawing shows: each body's sign and degree in the varga drawn. */
struct view {
    const struct kundli *k;
    int varga;
    int style;
    int lang;   /* enum lang of the labels: LANG_NONE is English */
    char id[8]; /* "d9" */
    int lagna;  /* enum sign */
    double lagna_degree;
    int ngrahas;
    int sign[GRAHA_COUNT];
    double degree[GRAHA_COUNT];
};

static int house_of(const struct view *v, int sign)
{
    return (sign - v->lagna + 12) % 12 + 1;
}

static void put_points(struct out *o, const struct cell *c)
{
    for (int i = 0; i < c->npts; i++)
        putf(o, "%s%.1f,%.1f", i ? " " : "", c->pts[i].x, c->pts[i].y);
}

/* The lines of cell c: the lagna (when it is in `sign`), then each graha
 * in it, stacked in the cell's band and centred on its width. */
static void put_bodies(struct out *o, const struct view *v, const struct cell *c, int sign)
{
    int n = 0;
    bool lagna = v->lagna == sign;
    for (int g = 0; g < v->ngrahas; g++)
        n += v->sign[g] == sign;
    n += lagna;
    if (n == 0)
        return;
    double band = c->band1 - c->band0;
    double most = c->font > 0 ? c->font : FONT;
    double line = band / n < LINE ? band / n : LINE;
    double font = line * (FONT / LINE) < most ? line * (FONT / LINE) : most;
    double y = c->band0 + (band - line * n) / 2;
    int house = house_of(v, sign);
    char deg[16];
    for (int g = -1; g < v->ngrahas; g++) {
        if (g < 0 ? !lagna : v->sign[g] != sign)
            continue;
        double mid = y + line / 2;
        double x = middle_at(c, mid);
        bool small = font < FONT;
        if (g < 0) {
            format_degree(v->lagna_degree, deg);
            putf(o, "<text class=\"lagna\" data-graha=\"lagna\" data-sign=\"%d\" data-house=\"1\" "
                    "x=\"%.1f\" y=\"%.1f\"",
                 sign + 1, x, mid + font * 0.35);
            if (small)
                putf(o, " font-size=\"%.1f\"", font);
            /* names are UTF-8 without markup characters (cmake/lang_tables.awk) */
            putf(o, ">%s %s</text>\n", lang_name(v->lang, LANG_KIND_LAGNA, 1), deg);
        } else {
            const struct graha_pos *gp = &v->k->chart.grahas[g];
            format_degree(v->degree[g], deg);
            putf(o, "<text class=\"planet\" data-graha=\"%s\" data-sign=\"%d\" data-house=\"%d\"",
                 graha_ids[g], sign + 1, house);
            if (gp->retrograde)
                puts_(o, " data-retrograde=\"true\"");
            if (gp->combust)
                puts_(o, " data-combust=\"true\"");
            putf(o, " x=\"%.1f\" y=\"%.1f\"", x, mid + font * 0.35);
            if (small)
                putf(o, " font-size=\"%.1f\"", font);
            putf(o, ">%s %s", lang_name(v->lang, LANG_KIND_GRAHA_SHORT, g), deg);
            /* U+211E PRESCRIPTION TAKE, the customary mark of vakri */
            if (gp->retrograde)
                puts_(o, "<tspan class=\"retrograde\">\xE2\x84\x9E</tspan>");
            if (gp->combust)
                puts_(o, "<tspan class=\"combust\">(c)</tspan>");
            puts_(o, "</text>\n");
        }
        y += line;
    }
}

static void open_cell(struct out *o, const struct view *v, const char *kind, int n, int sign)
{
    putf(o, "<g class=\"house\" id=\"%s-%s-%d\" data-sign=\"%d\" data-house=\"%d\"%s>\n", v->id,
         kind, n, sign + 1, house_of(v, sign), v->lagna == sign ? " data-lagna=\"true\"" : "");
}

static void put_label(struct out *o, const struct cell *c, const char *cls, const char *text)
{
    const char *anchor = c->anchor == 's' ? "start" : c->anchor == 'e' ? "end" : "middle";
    putf(o, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n", cls,
         c->label.x, c->label.y, anchor, text);
}

static void draw_north(struct out *o, const struct view *v)
{
    puts_(o, "<path class=\"lines\" d=\"M0,0 L400,400 M400,0 L0,400 M200,0 L400,200 L200,400 "
             "L0,200 Z\"/>\n");
    for (int h = 0; h < 12; h++) {
        int sign = (v->lagna + h) % 12;
        char num[8];
        open_cell(o, v, "house", h + 1, sign);
        puts_(o, "<polygon class=\"cell\" points=\"");
        put_points(o, &north[h]);
        puts_(o, "\"/>\n");
        snprintf(num, sizeof num, "%d", sign + 1);
        put_label(o, &north[h], "sign-number", num);
        put_bodies(o, v, &north[h], sign);
        puts_(o, "</g>\n");
    }
}

static void put_centre_title(struct out *o, const struct view *v, double cy)
{
    putf(o, "<text class=\"varga\" x=\"200\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"22\">"
            "%s</text>\n",
         cy - 4, varga_name(v->varga));
    putf(o, "<text class=\"varga-name\" x=\"200\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
         cy + 16, varga_titles[v->varga]);
}

static void draw_south(struct out *o, const struct view *v)
{
    puts_(o, "<path class=\"lines\" d=\"M100,0 V400 M300,0 V400 M0,100 H400 M0,300 H400 "
             "M200,0 V100 M200,300 V400 M0,200 H100 M300,200 H400\"/>\n");
    for (int s = 0; s < 12; s++) {
        double x0 = south_at[s][0] * 100.0, y0 = south_at[s][1] * 100.0;
        struct cell c = {4, {{x0, y0}, {x0 + 100, y0}, {x0 + 100, y0 + 100}, {x0, y0 + 100}},
                         y0 + 16, y0 + 98, {x0 + 96, y0 + 12}, 'e', 0, 0, 0};
        open_cell(o, v, "sign", s + 1, s);
        puts_(o, "<polygon class=\"cell\" points=\"");
        put_points(o, &c);
        puts_(o, "\"/>\n");
        if (v->lagna == s) /* the customary slash across the lagna's corner */
            putf(o, "<line class=\"lagna-mark\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                 x0, y0 + 22, x0 + 22, y0);
        put_label(o, &c, "sign-name", lang_name(v->lang, LANG_KIND_SIGN_SHORT, s));
        put_bodies(o, v, &c, s);
        puts_(o, "</g>\n");
    }
    put_centre_title(o, v, 200);
}

static void draw_east(struct out *o, const struct view *v)
{
    puts_(o, "<path class=\"lines\" d=\"M133.3,0 V400 M266.7,0 V400 M0,133.3 H400 M0,266.7 H400 "
             "M0,0 L133.3,133.3 M400,0 L266.7,133.3 M0,400 L133.3,266.7 M400,400 "
             "L266.7,266.7\"/>\n");
    for (int s = 0; s < 12; s++) {
        open_cell(o, v, "sign", s + 1, s);
        puts_(o, "<polygon class=\"cell\" points=\"");
        put_points(o, &east[s]);
        puts_(o, "\"/>\n");
        put_label(o, &east[s], "sign-name", lang_name(v->lang, LANG_KIND_SIGN_SHORT, s));
        put_bodies(o, v, &east[s], s);
        puts_(o, "</g>\n");
    }
    put_centre_title(o, v, 200);
}

/* Under the square: the title, the lagna, the birth, the place (when
 * given) and the legend of the marks. */
static void draw_caption(struct out *o, const struct view *v, const struct svg_caption *cap)
{
    const struct chart *c = &v->k->chart;
    const struct birth *b = &c->birth;
    char deg[16], offset[16];
    puts_(o, "<g class=\"caption\">\n<text class=\"title\" x=\"200\" y=\"424\">");
    if (cap && cap->name && cap->name[0])
        put_text(o, cap->name);
    else
        puts_(o, "Birth chart");
    putf(o, " \xC2\xB7 %s %s</text>\n", varga_name(v->varga), varga_titles[v->varga]);
    format_degree(v->lagna_degree, deg);
    putf(o, "<text class=\"lagna-line\" x=\"200\" y=\"442\">%s %s %s \xC2\xB7 %s \xC2\xB7 "
            "%s ayanamsa</text>\n",
         lang_name(v->lang, LANG_KIND_LAGNA, 0), lang_name(v->lang, LANG_KIND_SIGN, v->lagna), deg,
         style_titles[v->style], eph_ayanamsa_name(c->options.ayanamsa));
    civil_format_offset((int)lround(c->tz.offset), offset);
    putf(o, "<text class=\"birth\" x=\"200\" y=\"458\">%04d-%02d-%02d "
            "%02d:%02d:%02d ",
         b->local.year, b->local.month, b->local.day, b->local.hour, b->local.minute,
         b->local.second);
    put_text(o, c->zone_name ? c->zone_name : "");
    if (!c->zone_name || strcmp(c->zone_name, offset) != 0)
        putf(o, " (UTC%s)", offset);
    putf(o, " \xC2\xB7 %.4f\xC2\xB0%c %.4f\xC2\xB0%c</text>\n", fabs(b->latitude),
         b->latitude < 0 ? 'S' : 'N', fabs(b->longitude), b->longitude < 0 ? 'W' : 'E');
    if (cap && cap->place && cap->place[0]) {
        puts_(o, "<text class=\"place\" x=\"200\" y=\"474\">");
        put_text(o, cap->place);
        puts_(o, "</text>\n");
    }
    if (v->lang == LANG_NONE)
        puts_(o, "<text class=\"legend\" x=\"200\" y=\"490\">\xE2\x84\x9E retrograde \xC2\xB7 "
                 "(c) combust \xC2\xB7 As lagna</text>\n</g>\n");
    else
        putf(o, "<text class=\"legend\" x=\"200\" y=\"490\">\xE2\x84\x9E retrograde \xC2\xB7 "
                "(c) combust \xC2\xB7 %s = %s</text>\n</g>\n",
             lang_name(v->lang, LANG_KIND_LAGNA, 1), lang_name(v->lang, LANG_KIND_LAGNA, 0));
}

/* Fills v from k: the varga's signs and degrees, or -1 when k lacks them. */
static int make_view(struct view *v, const struct kundli *k, int varga, int style)
{
    const struct chart *c = &k->chart;
    v->k = k;
    v->varga = varga;
    v->style = style;
    v->lang = c->options.lang;
    v->ngrahas = c->ngrahas;
    snprintf(v->id, sizeof v->id, "d%d", varga_division(varga));
    if (varga == VARGA_D1) {
        v->lagna = c->ascendant.sign;
        v->lagna_degree = c->ascendant.degree;
        for (int g = 0; g < c->ngrahas; g++) {
            v->sign[g] = c->grahas[g].pos.sign;
            v->degree[g] = c->grahas[g].pos.degree;
        }
        return 0;
    }
    if (!(c->options.sections & (SECTION_VARGAS | SECTION_SVG)))
        return -1;
    const struct varga_chart *vc = &k->vargas.charts[varga];
    v->lagna = vc->ascendant.sign;
    v->lagna_degree = vc->ascendant.degree;
    for (int g = 0; g < c->ngrahas; g++) {
        v->sign[g] = vc->grahas[g].sign;
        v->degree[g] = vc->grahas[g].degree;
    }
    return 0;
}

int svg_write(char *buf, size_t size, size_t *len, const struct kundli *k, int varga, int style,
              const struct svg_caption *cap)
{
    struct out o = {buf, size, 0, false};
    struct view v;
    *len = 0;
    if (size > 0)
        buf[0] = '\0';
    if (varga < 0 || varga >= VARGA_COUNT || style < 0 || style >= CHART_STYLE_COUNT ||
        make_view(&v, k, varga, style) != 0)
        return ERR_INVALID_VALUE;
    putf(&o,
         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-2 -2 404 %d\" width=\"404\" "
         "height=\"%d\" class=\"kundli-chart\" data-style=\"%s\" data-varga=\"%s\" "
         "data-lagna-sign=\"%d\"%s%s%s font-family=\"sans-serif\" font-size=\"%.0f\" "
         "text-anchor=\"middle\">\n",
         HEIGHT + 2, HEIGHT + 2, chart_style_name(style), varga_name(varga), v.lagna + 1,
         /* the labels' language, for the fonts a renderer picks */
         v.lang == LANG_NONE ? "" : " xml:lang=\"", v.lang == LANG_NONE ? "" : lang_code(v.lang),
         v.lang == LANG_NONE ? "" : "\"", FONT);
    puts_(&o, "<title>");
    if (cap && cap->name && cap->name[0])
        put_text(&o, cap->name);
    else
        puts_(&o, "Birth chart");
    putf(&o, " \xE2\x80\x94 %s (%s), %s</title>\n", varga_name(varga), varga_titles[varga],
         style_titles[style]);
    puts_(&o, "<style>.frame{fill:#fff;stroke:#444;stroke-width:2}"
              ".lines{fill:none;stroke:#444;stroke-width:1.5}.cell{fill:none}"
              ".lagna-mark{stroke:#444;stroke-width:1.5}"
              ".sign-number,.sign-name{fill:#777;font-size:10px}.lagna{font-weight:bold}"
              ".retrograde,.combust{fill:#b00}.caption text{font-size:11.5px}"
              ".caption .title{font-size:15px;font-weight:bold}.caption .legend{fill:#777;"
              "font-size:10px}</style>\n");
    puts_(&o, "<rect class=\"frame\" x=\"0\" y=\"0\" width=\"400\" height=\"400\"/>\n");
    if (style == CHART_STYLE_NORTH)
        draw_north(&o, &v);
    else if (style == CHART_STYLE_SOUTH)
        draw_south(&o, &v);
    else
        draw_east(&o, &v);
    draw_caption(&o, &v, cap);
    puts_(&o, "</svg>\n");
    if (o.full) {
        if (size > 0)
            buf[0] = '\0';
        return ERR_TOO_LARGE;
    }
    *len = o.len;
    return 0;
}
