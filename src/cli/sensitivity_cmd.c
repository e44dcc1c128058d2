/* sensitivity_cmd.c - `kundli sensitivity`: the instants within a window
 * around a birth at which the lagna, the D9/D10 lagna, the Moon's pada, the
 * running dasha or a cusp's sign change (a rectification aid), as a table
 * or as the JSON of GET /v1/kundli/sensitivity.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "app/mem.h"
#include "engine/sensitivity.h"
#include "output/sensitivity_json.h"
#include "output/sensitivity_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void usage(FILE *f)
{
    fputs("usage: kundli sensitivity --date YYYY-MM-DD --time HH:MM[:SS] --tz ZONE\n"
          "                          --lat DEG --lon DEG [--window 30m] [options] [--json]\n"
          "  (every flag also as --flag=VALUE)\n"
          "\n"
          "Birth-time sensitivity, an aid to rectification: every instant within the\n"
          "window either side of the birth time at which one of these changes, to the\n"
          "second, and how far the given time is from the first change each way:\n"
          "  the lagna's sign and its nakshatra-pada; the D9 and D10 lagna; the Moon's\n"
          "  nakshatra-pada; the Vimshottari mahadasha/antardasha running on the --as-of\n"
          "  date; the sign of each house cusp (not in whole-sign houses).\n"
          "\n"
          "  --window N[s|m|h]   how far to look each way: 90s, 30m, 2h (default 30m,\n"
          "                      at most 24h)\n"
          "  --json              print the JSON of GET /v1/kundli/sensitivity instead\n"
          "  --help              this text\n"
          "birth and options (as for 'kundli chart'):\n"
          "  --date, --time, --tz, --lat, --lon, --alt, --fold, --place\n"
          "  --ayanamsa NAME     sidereal mode (default lahiri)\n"
          "  --houses SYSTEM     whole_sign (default: the lagna alone), placidus, sripati,\n"
          "                      koch, equal, porphyry, regiomontanus, campanus\n"
          "  --positions apparent|true, --topocentric: the Moon's frame\n"
          "  --dasha-year-days D days in a dasha year (default 365.25)\n"
          "  --as-of YYYY-MM-DD  the date whose dasha is followed (default today, UTC)\n"
          "\n"
          "Exit status: 0 on success, 2 on a bad argument or birth.\n",
          f);
}

int cmd_sensitivity(const struct context *ctx, int argc, char **argv)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    bool json = false;
    double window = SENSITIVITY_WINDOW_DEFAULT;
    bool have_window = false;

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
        if (strncmp(argv[i], "--window", 8) == 0 && (argv[i][8] == '\0' || argv[i][8] == '=')) {
            const char *v = argv[i][8] == '=' ? argv[i] + 9 : args_value(argc, argv, &i);
            if (have_window) {
                err_set(&err, ERR_DUPLICATE_PARAMETER, "--window",
                        "--window is given twice; give it once");
                return args_fail(&err);
            }
            if (!v) {
                err_set(&err, ERR_MISSING_FIELD, "--window", "--window needs a value");
                return args_fail(&err);
            }
            if (sensitivity_window_parse(v, "--window", &window, &err))
                return args_fail(&err);
            have_window = true;
            continue;
        }
        int rc = args_birth_flag(argc, argv, &i, &b, &o, &err);
        if (rc < 0)
            return args_fail(&err);
        if (rc == 0) {
            fprintf(stderr, "kundli sensitivity: unknown option '%s' (try --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    options_default_as_of(&o, (double)time(NULL));
    struct sensitivity *s = xmalloc(sizeof *s);
    int rc = 0;
    if (birth_check_complete(&b, &err) || sensitivity_compute(ctx, &b, &o, window, s, &err)) {
        rc = args_fail(&err);
    } else if (json) {
        struct jsonw w;
        jw_init(&w, 4u << 20);
        sensitivity_json_write(&w, s);
        rc = args_print_json(&w);
    } else {
        sensitivity_table_write(stdout, s);
    }
    free(s);
    return rc;
}
