/* chart_cmd.c - `kundli chart`: one birth chart as readable tables (the
 * head, then one table per section asked for) or as the API's JSON.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "app/mem.h"
#include "engine/kundli.h"
#include "output/kundli_json.h"
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
          "                      ashtakavarga,doshas,yogas (default all of them): the\n"
          "                      sections computed, and printed as tables or in --json\n"
          "  --vargas LIST       also print these divisional charts in detail, e.g. D9,D10\n"
          "  --dasha N           Vimshottari depth 1..3 (default 2); adds the dasha section\n"
          "  --dasha-year-days D days in a dasha year (default 365.25)\n"
          "  --as-of YYYY-MM-DD  date for sade sati (default today, UTC)\n"
          "  --json              print the API's JSON of those sections instead of tables\n"
          "  --help              this text\n"
          "\n"
          "Exit status: 0 on success, 2 on a bad argument or birth.\n",
          f);
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

int cmd_chart(const struct context *ctx, int argc, char **argv)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    bool json = false, show_dasha = false;
    unsigned show_vargas = 0;

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
        if (strcmp(argv[i], "--vargas") == 0 || strncmp(argv[i], "--vargas=", 9) == 0) {
            const char *v = argv[i][8] == '=' ? argv[i] + 9 : args_value(argc, argv, &i);
            if (!v || parse_vargas(v, &show_vargas)) {
                fprintf(stderr, "kundli chart: --vargas takes a list like D9,D10 (D1 D2 D3 D4 "
                                "D7 D9 D10 D12 D16 D20 D24 D27 D30 D40 D45 D60)\n");
                return EXIT_USAGE;
            }
            continue;
        }
        show_dasha |= strcmp(argv[i], "--dasha") == 0 || strncmp(argv[i], "--dasha=", 8) == 0;
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
    options_default_as_of(&o, (double)time(NULL));
    struct kundli *k = xmalloc(sizeof *k);
    int rc = 0;
    if (birth_check_complete(&b, &err) || kundli_compute(ctx, &b, &o, k, NULL, &err)) {
        rc = args_fail(&err);
    } else if (json) {
        struct jsonw w;
        jw_init(&w, 16u << 20);
        kundli_json_write(&w, k, SECTIONS_ALL);
        rc = args_print_json(&w);
    } else {
        print_tables(k, show, show_vargas);
    }
    free(k);
    return rc;
}
