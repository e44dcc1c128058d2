/* places_cmd.c - `kundli places QUERY`: the cities of the gazetteer that a
 * query finds, ranked as GET /v1/places ranks them, as a table or its JSON.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: kundli places QUERY [--limit N] [--json]\n"
            "\n"
            "The cities whose name is QUERY, starts with it, or has a word starting with it\n"
            "(case and accents ignored), most populous first; \"springfield, illinois\" keeps\n"
            "those whose state or country starts with the part after the comma. Any of\n"
            "them can be a birth's --place.\n"
            "\n"
            "  --limit N   at most N cities, 1..%d (default %d)\n"
            "  --json      the JSON of GET /v1/places\n",
            PLACES_LIMIT_MAX, PLACES_LIMIT_DEFAULT);
}

/* Prints s left-aligned in width columns, counting UTF-8 characters. */
static void column(const char *s, int width)
{
    int chars = 0;
    for (const char *c = s; *c; c++)
        chars += ((unsigned char)*c & 0xC0) != 0x80;
    fputs(s, stdout);
    for (; chars < width; chars++)
        putchar(' ');
    putchar(' ');
}

int cmd_places(struct places *places, int argc, char **argv)
{
    const char *query = NULL;
    bool json = false;
    long limit = PLACES_LIMIT_DEFAULT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--json") == 0) {
            json = true;
        } else if (strcmp(a, "--limit") == 0 || strncmp(a, "--limit=", 8) == 0) {
            const char *v = a[7] == '=' ? a + 8 : args_value(argc, argv, &i);
            if (!v || !args_int(v, 1, PLACES_LIMIT_MAX, &limit)) {
                fprintf(stderr, "kundli places: --limit takes a number 1..%d\n",
                        PLACES_LIMIT_MAX);
                return EXIT_USAGE;
            }
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "kundli places: unknown option '%s' (try --help)\n", a);
            return EXIT_USAGE;
        } else if (query) {
            fprintf(stderr, "kundli places: one query only; quote a name of several words\n");
            return EXIT_USAGE;
        } else {
            query = a;
        }
    }
    if (!query || !query[0]) {
        fputs("kundli places: missing QUERY (try --help)\n", stderr);
        return EXIT_USAGE;
    }
    struct place found[PLACES_LIMIT_MAX];
    int n = places_search(places, query, (int)limit, found);
    if (n < 0) {
        fputs("kundli places: out of memory\n", stderr);
        return EXIT_FAILURE;
    }
    if (json) {
        struct jsonw w;
        jw_init(&w, 1u << 20);
        places_json_write(&w, found, n);
        return args_print_json(&w);
    }
    if (n == 0) {
        fprintf(stderr, "kundli places: no city matches '%s'\n", query);
        return EXIT_FAILURE;
    }
    printf("%-28s %-24s %-20s %9s %10s  %-22s %10s\n", "name", "state", "country", "latitude",
           "longitude", "timezone", "population");
    for (int i = 0; i < n; i++) {
        column(found[i].name, 28);
        column(found[i].state, 24);
        column(found[i].country, 20);
        printf("%9.5f %10.5f  ", found[i].latitude, found[i].longitude);
        column(found[i].timezone, 22);
        printf("%10u\n", found[i].population);
    }
    return 0;
}
