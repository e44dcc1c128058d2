/* chart_cmd.c - `kundli chart`: one birth chart as readable tables (the
 * head, then one table per section asked for), as the API's JSON, or drawn
 * as SVG (--svg).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "app/mem.h"
#include "engine/kundli.h"
#include "output/explain.h"
#include "output/kundli_json.h"
#include "output/svg.h"
#include "output/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void usage(FILE *f)
{
    fputs("usage: kundli chart --date YYYY-MM-DD --time HH:MM[:SS] --tz ZONE\n"
          "                    --lat DEG --lon DEG [options]\n"
          "       kundli chart --date YYYY-MM-DD --time HH:MM[:SS] --place NAME [options]\n"
          "  (every flag also as --flag=VALUE)\n"
          "\n"
          "birth:\n"
          "  --date YYYY-MM-DD   local civil date, proleptic Gregorian, 0001..5399\n"
          "  --time HH:MM[:SS]   local civil time, 24-hour, or 10:34 PM\n"
          "  --tz ZONE           IANA zone (Asia/Kolkata), offset (+05:30) or LMT\n"
          "  --lat DEG           latitude, -90..90, north positive; or 13.0878N, 13°05'16\"N\n"
          "  --lon DEG           longitude, -180..180, east positive; or 80.2785E\n"
          "  --alt METRES        altitude, used with --topocentric (default 0)\n"
          "  --fold 0|1          which reading of a time that occurs twice (DST overlap)\n"
          "  --place NAME        a city (\"Chennai, India\"; see 'kundli places') instead of\n"
          "                      --lat, --lon and --tz, which override it when given\n"
          "options:\n"
          "  --ayanamsa NAME     any Swiss Ephemeris sidereal mode by name (default lahiri;\n"
          "                      e.g. raman, krishnamurti, true_citra, fagan_bradley)\n"
          "  --node mean|true    lunar node (default mean)\n"
          "  --houses SYSTEM     whole_sign (default), placidus, sripati, koch, equal,\n"
          "                      porphyry, regiomontanus, campanus\n"
          "  --positions apparent|true  apparent (default, as swetest) or true geometric\n"
          "                      positions (no light-time/aberration; as Jagannatha Hora)\n"
          "  --topocentric       positions for the observer instead of the geocentre\n"
          "  --outer-planets     add Uranus, Neptune and Pluto\n"
          "  --sections LIST     comma list: planets,houses,vargas,dasha,panchang,\n"
          "                      ashtakavarga,doshas,yogas,summary,aspects (default all\n"
          "                      of them), svg (the D1 and D9 drawings, in --json only),\n"
          "                      kp (Krishnamurti Paddhati), strength (shadbala, bhava\n"
          "                      bala, vimshopaka bala) and transits (at --as-of; see\n"
          "                      also 'kundli transits'): the sections computed, and\n"
          "                      printed as tables or in --json\n"
          "  --chart-style S     north (default), south or east: the style of section svg\n"
          "  --vargas LIST       also print these divisional charts in detail, e.g. D9,D10\n"
          "  --dasha N           Vimshottari depth 1..3 (default 2); adds the dasha section\n"
          "  --dasha-year-days D days in a dasha year (default 365.25)\n"
          "  --dasha-systems L   comma list of vimshottari, yogini, ashtottari, chara,\n"
          "                      kalachakra: the dasha systems computed (default all);\n"
          "                      this flag and the five below add the dasha section\n"
          "  --yogini-levels N   Yogini depth 1..2 (default 1)\n"
          "  --ashtottari-levels N  Ashtottari depth 1..3 (default 1)\n"
          "  --chara-levels N    Chara depth 1..2 (default 1)\n"
          "  --kalachakra-levels N  Kalachakra depth 1..2 (default 1)\n"
          "  --ashtottari-rule R rahu (default: BPHS, Rahu in a kendra or trikona from\n"
          "                      the lagna lord) or paksha (Krishna paksha by day, Shukla\n"
          "                      by night): the rule Ashtottari's applicability follows\n"
          "  --chara-method M    knrao (default: K.N. Rao) or pvr (P.V.R. Narasimha Rao's\n"
          "                      years: +1 for an exalted lord, -1 for a debilitated one)\n"
          "  --as-of YYYY-MM-DD  date for sade sati, the running dashas and transits\n"
          "                      (default today, UTC); when given, the moment (00:00\n"
          "                      UTC) of section kp's ruling planets\n"
          "  --kp-ayanamsa NAME  section kp's ayanamsa: krishnamurti (default) or\n"
          "                      krishnamurti_vp291; its cusps are always Placidus\n"
          "  --kp-horary N       section kp as the KP horary chart of number 1..249: the\n"
          "                      ascendant is the start of sub N, at the birth's moment\n"
          "                      and place\n"
          "  --strength-school S section strength by raman (default: B.V. Raman's Graha\n"
          "                      and Bhava Balas, his tables) or bphs (BPHS with modern\n"
          "                      astronomy); docs/strength.md\n"
          "  --lang CODE         names of grahas, signs, nakshatras, the panchang's limbs\n"
          "                      and dasha lords in the tables and drawings (and display\n"
          "                      fields in --json) in en, hi, sa, ta, te, kn, ml, bn, mr\n"
          "                      or gu; default English names and no display fields\n"
          "  --explain           add the swetest command lines that reproduce the chart's\n"
          "                      positions (\"explain\" in --json, or after the tables)\n"
          "  --node-aspects N    graha drishti of Rahu and Ketu in section aspects: none\n"
          "                      (default), seventh or bphs (5th, 7th, 9th, 12th)\n"
          "  --json              print the API's JSON of those sections instead of tables\n"
          "  --svg STYLE         print the chart drawn as SVG instead: north (diamond, fixed\n"
          "                      houses), south (fixed signs, Pisces top-left) or east\n"
          "                      (fixed signs, Aries top-middle); e.g. --svg north > chart.svg\n"
          "  --varga DN          the divisional chart --svg draws, D1 (default) .. D60\n"
          "  --name TEXT         the title in the caption of --svg\n"
          "  --help              this text\n"
          "\n"
          "Exit status: 0 on success, 2 on a bad argument or birth.\n",
          f);
}

/* Whether argument a is one of the flags that add the dasha section: --dasha
 * N and those of the dasha systems. */
static bool is_dasha_flag(const char *a)
{
    static const char *const flags[] = {
        "--dasha", "--dasha-systems", "--yogini-levels", "--ashtottari-levels",
        "--chara-levels", "--kalachakra-levels", "--ashtottari-rule", "--chara-method",
    };
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++) {
        size_t n = strlen(flags[k]);
        if (strncmp(a, flags[k], n) == 0 && (a[n] == '\0' || a[n] == '='))
            return true;
    }
    return false;
}

/* The head, then the table of each section in `show` in registry order;
 * the divisional charts in `vargas` (bits of enum varga) in detail after
 * the vargas grid. */
static void print_tables(const struct kundli *k, unsigned show, unsigned vargas)
{
    chart_table_head(stdout, k);
    for (int i = 0; i < SECTION_COUNT; i++) {
        if (show & (1u << i))
            section_table_writer(i)(stdout, k);
        if (i == SECTION_ID_VARGAS)
            for (int v = 0; v < VARGA_COUNT; v++)
                if (vargas & (1u << v))
                    varga_chart_table_write(stdout, k, v);
    }
}

/* Parses "D9,D10" into bits of enum varga. */
static int parse_vargas(const char *s, unsigned *out)
{
    char buf[128];
    if (strlen(s) >= sizeof buf)
        return -1;
    memcpy(buf, s, strlen(s) + 1);
    *out = 0;
    for (char *p = buf, *comma; p; p = comma ? comma + 1 : NULL) {
        comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        int v = varga_find(p);
        if (v < 0)
            return -1;
        *out |= 1u << v;
    }
    return 0;
}

/* Prints divisional chart `varga` of k drawn in `style`, with the title
 * `name` (may be NULL). */
static int print_svg(const struct kundli *k, int varga, int style, const char *name)
{
    struct svg_caption cap = {.name = name};
    char *buf = xmalloc(SVG_MAX);
    size_t len;
    int rc = svg_write(buf, SVG_MAX, &len, k, varga, style, &cap);
    if (rc == 0)
        fwrite(buf, 1, len, stdout);
    else
        fprintf(stderr, "kundli chart: the drawing failed (%s)\n", err_name(rc));
    free(buf);
    return rc ? EXIT_FAILURE : 0;
}

/* Whether arg is the flag, alone or as "--flag=value". */
static bool is_flag(const char *arg, const char *flag)
{
    size_t n = strlen(flag);
    return strncmp(arg, flag, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

/* The value of the flag at argv[*i]: after its '=', or the next argument
 * (advancing *i); NULL when there is none. */
static const char *flag_value(int argc, char **argv, int *i)
{
    const char *eq = strchr(argv[*i], '=');
    return eq ? eq + 1 : args_value(argc, argv, i);
}

int cmd_chart(const struct context *ctx, int argc, char **argv)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    bool json = false, show_dasha = false;
    unsigned show_vargas = 0;
    int svg_style = -1, svg_varga = VARGA_D1;
    const char *svg_name = NULL;

    birth_init(&b);
    options_init(&o);
    err_clear(&err);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
            continue;
        }
        if (is_flag(argv[i], "--svg") || is_flag(argv[i], "--chart-style")) {
            bool svg = is_flag(argv[i], "--svg");
            const char *flag = svg ? "--svg" : "--chart-style";
            const char *v = flag_value(argc, argv, &i);
            int style = 0;
            if (!v) {
                fprintf(stderr, "kundli chart: %s needs a style: north, south or east\n", flag);
                return EXIT_USAGE;
            }
            if (chart_style_parse(v, &style, flag, &err))
                return args_fail(&err);
            if (svg)
                svg_style = style;
            else
                o.chart_style = style;
            continue;
        }
        if (is_flag(argv[i], "--varga")) {
            const char *v = flag_value(argc, argv, &i);
            svg_varga = v ? varga_find(v) : -1;
            if (svg_varga < 0) {
                fprintf(stderr, "kundli chart: --varga takes one of D1 D2 D3 D4 D7 D9 D10 D12 "
                                "D16 D20 D24 D27 D30 D40 D45 D60\n");
                return EXIT_USAGE;
            }
            continue;
        }
        if (is_flag(argv[i], "--name")) {
            svg_name = flag_value(argc, argv, &i);
            if (!svg_name) {
                fprintf(stderr, "kundli chart: --name needs a title\n");
                return EXIT_USAGE;
            }
            continue;
        }
        if (is_flag(argv[i], "--vargas")) {
            const char *v = flag_value(argc, argv, &i);
            if (!v || parse_vargas(v, &show_vargas)) {
                fprintf(stderr, "kundli chart: --vargas takes a list like D9,D10 (D1 D2 D3 D4 "
                                "D7 D9 D10 D12 D16 D20 D24 D27 D30 D40 D45 D60)\n");
                return EXIT_USAGE;
            }
            continue;
        }
        show_dasha |= is_dasha_flag(argv[i]);
        int rc = args_birth_flag(argc, argv, &i, &b, &o, &err);
        if (rc < 0)
            return args_fail(&err);
        if (rc == 0) {
            fprintf(stderr, "kundli chart: unknown option '%s' (try --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    /* The tables printed: the sections asked for, and the dasha when --dasha
     * gave a depth; --vargas computes the vargas for its charts without
     * adding the grid of all sixteen. */
    unsigned show = o.sections;
    if (show_vargas)
        o.sections |= SECTION_VARGAS;
    if (show_dasha) {
        o.sections |= SECTION_DASHA;
        show |= SECTION_DASHA;
    }
    if (svg_style >= 0) /* the D1 chart and its vargas are all a drawing needs */
        o.sections = SECTION_SVG;
    options_default_as_of(&o, (double)time(NULL));
    struct kundli *k = xmalloc(sizeof *k);
    int rc = 0;
    if (birth_check_complete(&b, &err) || kundli_compute(ctx, &b, &o, k, NULL, &err)) {
        rc = args_fail(&err);
    } else if (svg_style >= 0) {
        rc = print_svg(k, svg_varga, svg_style, svg_name);
    } else if (json) {
        struct jsonw w;
        jw_init(&w, 16u << 20);
        kundli_json_write(&w, k, SECTIONS_ALL);
        rc = args_print_json(&w);
    } else {
        print_tables(k, show, show_vargas);
        if (o.explain)
            explain_text_write(stdout, &k->chart);
    }
    free(k);
    return rc;
}
