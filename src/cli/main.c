/* main.c - the kundli command-line tool: dispatches to subcommands.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "engine/context.h"
#include "engine/eph.h"
#include "places/places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fputs("usage: kundli <command> [options]\n"
          "\n"
          "Vedic birth charts (kundlis) from the terminal, computed by the same engine\n"
          "as the kundlid HTTP service.\n"
          "\n"
          "commands:\n"
          "  chart    compute a birth chart (table, or the API's JSON with --json)\n"
          "  match    kundli matching (ashtakoota guna milan) of two births or stars\n"
          "  bulk     charts of many births from CSV or NDJSON, on every core\n"
          "  match-matrix  the best matches of every boy among many girls\n"
          "  panchang the day's panchang for a date and place\n"
          "  events   ingresses, stations, panchang changes, eclipses ... in a span of time\n"
          "  sensitivity  what changes near the birth time, to the second (rectification)\n"
          "  muhurta  the auspicious windows of a date range for a purpose\n"
          "  transits the grahas at a date against a birth chart (gochara)\n"
          "  places   search the gazetteer of cities (for --place)\n"
          "  bench    compute-only charts per second, with the time per stage\n"
          "\n"
          "Run 'kundli <command> --help' for a command's options.\n"
          "\n"
          "environment:\n"
          "  KUNDLI_EPHE_PATH   Swiss Ephemeris files (default /usr/share/libswe/ephe)\n"
          "  KUNDLI_ZONEINFO    IANA time zone files (default /usr/share/zoneinfo)\n"
          "\n"
          "kundli is free software under the AGPL-3.0-or-later; source: see README.md.\n",
          f);
}

static int run(const struct context *ctx, int argc, char **argv);

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("kundli: missing command (try 'kundli --help')\n", stderr);
        return EXIT_USAGE;
    }
    static struct context ctx;
    struct error err;
    if (context_init(&ctx, getenv("KUNDLI_EPHE_PATH"), getenv("KUNDLI_ZONEINFO"), NULL, &err)) {
        fprintf(stderr, "kundli: %s\n", err.message);
        return EXIT_USAGE;
    }
    struct places *places = places_new(); /* indexed on the first place asked */
    if (!places) {
        fputs("kundli: out of memory\n", stderr);
        context_free(&ctx);
        return EXIT_FAILURE;
    }
    ctx.place_resolve = places_resolve;
    ctx.gazetteer = places;
    int rc = run(&ctx, argc, argv);
    context_free(&ctx);
    places_free(places);
    return rc;
}

static int run(const struct context *ctx, int argc, char **argv)
{
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        char from[32], to[32];
        context_range_text(ctx, from, to);
        printf("kundli %s\nSwiss Ephemeris %s, %s %s .. %s (UT)\n", KUNDLI_VERSION, eph_version(),
               ctx->eph_files ? "files for" : "no files, analytic for", from, to);
        return 0;
    }
    if (strcmp(cmd, "chart") == 0)
        return cmd_chart(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0)
        return cmd_bench(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "bulk") == 0)
        return cmd_bulk(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "match-matrix") == 0)
        return cmd_match_matrix(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "match") == 0)
        return cmd_match(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "panchang") == 0)
        return cmd_panchang(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "events") == 0)
        return cmd_events(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "sensitivity") == 0)
        return cmd_sensitivity(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "muhurta") == 0)
        return cmd_muhurta(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "transits") == 0)
        return cmd_transits(ctx, argc - 1, argv + 1);
    if (strcmp(cmd, "places") == 0)
        return cmd_places(ctx->gazetteer, argc - 1, argv + 1);
    fprintf(stderr, "kundli: unknown command '%s' (try 'kundli --help')\n", cmd);
    return EXIT_USAGE;
}
