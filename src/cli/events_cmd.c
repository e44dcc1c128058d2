/* events_cmd.c - `kundli events`: every event of the chosen kinds in a span
 * of time (ingresses, stations, combustion, the panchang's changes, rising
 * and setting, eclipses, sankrantis, purnima, amavasya), as a table or as
 * the API's JSON (GET /v1/events).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "engine/events.h"
#include "engine/zodiac.h"
#include "output/events_json.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
    fputs("usage: kundli events --from WHEN --to WHEN --tz ZONE [--lat DEG --lon DEG]\n"
          "                     [--kinds LIST] [--bodies LIST] [--ayanamsa NAME]\n"
          "                     [--node mean|true] [--positions apparent|true] [--json]\n"
          "\n"
          "Every event of the chosen kinds from --from (included) to --to (excluded),\n"
          "sorted by time, each found to within a second: the instant a continuous\n"
          "quantity crosses a division is bracketed and refined on the ephemeris.\n"
          "\n"
          "  --from, --to WHEN   YYYY-MM-DD (midnight) or YYYY-MM-DDTHH:MM[:SS], wall\n"
          "                      time in --tz, or with Z or +HH:MM; at most 10 years\n"
          "  --tz ZONE           IANA zone (Asia/Kolkata), offset (+05:30) or LMT;\n"
          "                      times are printed in this zone\n"
          "  --lat, --lon DEG    the place, north and east positive; needed for\n"
          "                      sunrise, sunset, moonrise, moonset and eclipse\n"
          "  --kinds LIST        comma-separated, default all:\n"
          "                        sign_ingress, nakshatra_ingress, pada_ingress (of\n"
          "                        each graha), station (retrograde, direct),\n"
          "                        combustion (combust, visible), tithi, nakshatra\n"
          "                        (the Moon's, as in a panchang), yoga, karana,\n"
          "                        sunrise, sunset, moonrise, moonset, eclipse (solar\n"
          "                        and lunar: type, and visibility at the place),\n"
          "                        sankranti (the Sun's sign ingress), purnima and\n"
          "                        amavasya (full and new moon)\n"
          "  --bodies LIST       grahas for ingress, station and combustion: Sun,\n"
          "                      Moon, Mars, Mercury, Jupiter, Venus, Saturn, Rahu,\n"
          "                      Ketu (the default), Uranus, Neptune, Pluto, or all\n"
          "  --ayanamsa NAME     sidereal mode (default lahiri)\n"
          "  --node mean|true    lunar node (default mean; the true node stations)\n"
          "  --positions P       apparent (default) or true (geometric)\n"
          "  --json              print the API's JSON instead of the table\n"
          "  --help              this text\n"
          "\n"
          "Rising and setting: centre of the disc on the horizon, no refraction (the\n"
          "panchang's convention). Definitions and sources: docs/events.md.\n"
          "\n"
          "Exit status: 0 on success, 2 on a bad argument.\n",
          f);
}

static void print_table(const struct events_list *l)
{
    char iso[32], from[32], to[32];
    for (size_t i = 0; i < l->count; i++) {
        const struct event *e = &l->items[i];
        civil_format_iso(e->ut, &e->offset, iso);
        printf("%s  %-17s %-8s %s -> %s\n", iso, event_kind_name(e->kind), graha_name(e->body),
               event_state_name(e, false, from), event_state_name(e, true, to));
    }
    printf("%zu events\n", l->count);
}

int cmd_events(const struct context *ctx, int argc, char **argv)
{
    static const char *const flags[][2] = {
        {"--from", "from"},         {"--to", "to"},     {"--tz", "tz"},
        {"--lat", "lat"},           {"--lon", "lon"},   {"--kinds", "kinds"},
        {"--bodies", "bodies"},     {"--node", "node"}, {"--positions", "positions"},
        {"--ayanamsa", "ayanamsa"},
    };
    struct events_query q;
    struct events_list l;
    struct error err;
    bool json = false, seen[sizeof flags / sizeof flags[0]] = {false};

    events_query_init(&q);
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
        const char *key, *v;
        if (!args_table_flag("events", argc, argv, &i, flags, sizeof flags / sizeof flags[0], seen,
                             &key, &v))
            return EXIT_USAGE;
        if (events_param_set(&q, key, v, &err))
            return args_fail(&err);
    }
    int rc = events_find(ctx, &q, &l, &err);
    if (rc) {
        events_list_free(&l);
        return args_fail(&err);
    }
    if (json) {
        struct jsonw w;
        jw_init(&w, EVENTS_JSON_BYTES(l.count));
        events_json_write(&w, &l);
        rc = args_print_json(&w);
    } else {
        print_table(&l);
    }
    events_list_free(&l);
    return rc;
}
