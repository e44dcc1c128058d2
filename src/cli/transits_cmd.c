/* transits_cmd.c - `kundli transits`: the transits over a birth chart at an
 * instant (--at), as the table of section transits or as the JSON of
 * GET /v1/transits.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "app/mem.h"
#include "engine/gochara.h"
#include "engine/kundli.h"
#include "output/kundli_json.h"
#include "output/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void usage(FILE *f)
{
    fputs("usage: kundli transits --date YYYY-MM-DD --time HH:MM[:SS] --tz ZONE\n"
          "                       --lat DEG --lon DEG [--at WHEN] [options]\n"
          "\n"
          "The grahas at an instant against the birth chart: sign, houses from the\n"
          "lagna and the Moon, favourable transit and its vedha, bindus, the next sign\n"
          "change of each graha (to the second) and the chandrashtama windows.\n"
          "\n"
          "  --date, --time, --tz, --lat, --lon, --alt, --fold, --place\n"
          "                      the birth, as for 'kundli chart'\n"
          "  --at WHEN           the transits' instant: YYYY-MM-DD (its midnight) or\n"
          "                      YYYY-MM-DDTHH:MM[:SS], in the birth's zone unless it ends\n"
          "                      in Z or an offset (+05:30); default now\n"
          "  --ayanamsa NAME, --node mean|true, --positions apparent|true, --houses SYSTEM\n"
          "                      as for 'kundli chart'\n"
          "  --json              print the JSON of GET /v1/transits instead of the table\n"
          "  --help              this text\n"
          "\n"
          "Positions are geocentric and sidereal (docs/transits.md).\n"
          "Exit status: 0 on success, 2 on a bad argument.\n",
          f);
}

int cmd_transits(const struct context *ctx, int argc, char **argv)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    const char *at = NULL;
    bool json = false;

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
        if (strcmp(argv[i], "--at") == 0 || strncmp(argv[i], "--at=", 5) == 0) {
            at = argv[i][4] == '=' ? argv[i] + 5 : args_value(argc, argv, &i);
            if (!at) {
                fprintf(stderr, "kundli transits: --at needs a date or a date and time\n");
                return EXIT_USAGE;
            }
            continue;
        }
        if (strncmp(argv[i], "--sections", 10) == 0 || strncmp(argv[i], "--as-of", 7) == 0) {
            fprintf(stderr, "kundli transits: %s is not an option here; --at gives the instant\n",
                    argv[i]);
            return EXIT_USAGE;
        }
        int rc = args_birth_flag(argc, argv, &i, &b, &o, &err);
        if (rc < 0)
            return args_fail(&err);
        if (rc == 0) {
            fprintf(stderr, "kundli transits: unknown option '%s' (try --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    o.sections = SECTION_TRANSITS;
    o.as_of = (double)time(NULL);
    struct kundli *k = xmalloc(sizeof *k);
    int rc = birth_check_complete(&b, &err);
    if (rc == 0 && at) { /* read in the birth's zone */
        rc = chart_resolve_time(ctx, &b, &o, &k->chart, &err);
        if (rc == 0)
            rc = gochara_parse_instant(k->chart.zone, k->chart.birth.longitude, at, "--at",
                                       &o.as_of, &err);
    }
    if (rc == 0)
        rc = kundli_compute(ctx, &b, &o, k, NULL, &err);
    if (rc) {
        if (strcmp(err.field, "options.as_of") == 0)
            snprintf(err.field, sizeof err.field, "--at");
        rc = args_fail(&err);
    } else if (json) {
        struct jsonw w;
        jw_init(&w, 1u << 20);
        kundli_json_write(&w, k, SECTION_TRANSITS);
        rc = args_print_json(&w);
    } else {
        chart_table_head(stdout, k);
        transits_table_write(stdout, k);
    }
    free(k);
    return rc;
}
