/* muhurta_cmd.c - `kundli muhurta`: the windows of a date range at a place
 * that satisfy a purpose's rules (engine/muhurta.h), as a table or as the
 * API's JSON (GET /v1/muhurta).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "engine/eph.h"
#include "engine/muhurta.h"
#include "engine/panchang.h"
#include "engine/zodiac.h"
#include "output/muhurta_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_FLAGS 32 /* distinct flags remembered for duplicates */

static void usage(FILE *f)
{
    fputs("usage: kundli muhurta --purpose P --from YYYY-MM-DD --to YYYY-MM-DD\n"
          "                      --tz ZONE --lat DEG --lon DEG [--ayanamsa NAME]\n"
          "                      [--native.date D --native.time T --native.tz Z\n"
          "                       --native.lat X --native.lon Y | --boy.* ... --girl.* ...]\n"
          "                      [--json]\n"
          "\n"
          "The muhurtas of a date range at a place: the windows, to the minute, in which\n"
          "every rule of the purpose holds (Muhurta Chintamani: tithi, nakshatra, vara,\n"
          "lagna and the season, with no inauspicious yoga, no Vishti karana and no rahu\n"
          "kalam), each with the factors that qualified it and a score. docs/muhurta.md\n"
          "lists every rule and its source.\n"
          "\n"
          "  --purpose P         vivaha, griha_pravesh, namakarana, vehicle, travel or\n"
          "                      business\n"
          "  --from, --to DATE   the range, local dates, both included: from 00:00 of\n"
          "                      --from to 24:00 of --to, at most 92 days\n"
          "  --tz ZONE           IANA zone (Asia/Kolkata), offset (+05:30) or LMT; times\n"
          "                      are printed in this zone\n"
          "  --lat DEG           latitude, -66..66, north positive\n"
          "  --lon DEG           longitude, -180..180, east positive\n"
          "  --ayanamsa NAME     sidereal mode for nakshatra, yoga, lagna and the Sun's\n"
          "                      sign (default lahiri)\n"
          "  --native.KEY VALUE  a birth whose Moon personalises the search (KEY: date,\n"
          "                      time, tz, lat, lon, place): windows where its tara bala\n"
          "                      or chandra bala fails are listed as excluded\n"
          "  --boy.KEY, --girl.KEY  the same for one or two births (with vivaha)\n"
          "  --json              print the API's JSON instead of the table\n"
          "  --help              this text\n"
          "\n"
          "Windows are maximal runs of whole minutes at each of which every rule holds;\n"
          "the score (60..100) grades tithi, nakshatra, vara and lagna: 25 points for a\n"
          "value the source calls best, 15 for one it allows, scaled to 100.\n"
          "\n"
          "Exit status: 0 on success, 2 on a bad argument.\n",
          f);
}

static void hhmm(const struct muhurta_query *q, double ut, char out[32], bool date)
{
    struct tz_conv conv;
    struct civil c;
    tz_ut_to_local(q->zone, ut, q->place.longitude, &conv);
    civil_from_seconds((int64_t)llround(ut + conv.offset), &c);
    if (date)
        snprintf(out, 32, "%04d-%02d-%02d  %02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
    else
        snprintf(out, 32, "%02d:%02d", c.hour, c.minute);
}

/* The distinct values of a factor over segments, joined with '/'. */
static void names(const struct muhurta_segment *g, size_t n, int which, char *out, size_t cap)
{
    out[0] = '\0';
    int last = -1;
    for (size_t i = 0; i < n; i++) {
        const struct muhurta_state *s = &g[i].state;
        int v = which == 0 ? s->tithi : which == 1 ? s->nakshatra : s->lagna;
        if (v == last)
            continue;
        last = v;
        const char *name = which == 0   ? panchang_tithi_name(v)
                           : which == 1 ? nakshatra_name(v - 1)
                                        : sign_name(v);
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", len ? "/" : "", name);
    }
}

static void print_table(const struct muhurta_result *r)
{
    const struct muhurta_query *q = &r->query;
    printf("Muhurtas for %s, %04d-%02d-%02d .. %04d-%02d-%02d, %s, lat %.4f lon %.4f, %s\n",
           muhurta_purpose_name(q->purpose), q->from.year, q->from.month, q->from.day, q->to.year,
           q->to.month, q->to.day, r->zone_name, q->place.latitude, q->place.longitude,
           eph_ayanamsa_name(q->options.ayanamsa));
    for (int i = 0; i < q->nnatives; i++)
        printf("%s: Moon in %s pada %d, %s\n", q->natives[i].role,
               nakshatra_name(q->natives[i].nakshatra - 1), q->natives[i].pada,
               sign_name(q->natives[i].moon_sign));
    printf("\n%-17s  %-5s  %5s  %5s  %-9s  %s | %s | %s\n", "start", "end", "min", "score", "vara",
           "tithi", "nakshatra", "lagna");
    for (size_t i = 0; i < r->nwindows; i++) {
        const struct muhurta_window *w = &r->windows[i];
        const struct muhurta_segment *g = r->segments + w->first;
        char a[32], b[32], t[96], n[96], l[96];
        hhmm(q, w->start, a, true);
        hhmm(q, w->end, b, false);
        names(g, w->count, 0, t, sizeof t);
        names(g, w->count, 1, n, sizeof n);
        names(g, w->count, 2, l, sizeof l);
        printf("%-17s  %-5s  %5lld  %5d  %-9s  %s | %s | %s\n", a, b,
               (long long)llround((w->end - w->start) / 60.0), w->score,
               panchang_vara_name(g->state.vara), t, n, l);
    }
    if (!r->nwindows)
        printf("(no window)\n");
    if (r->nexcluded)
        printf("\nExcluded by a native's tara bala or chandra bala:\n");
    for (size_t i = 0; i < r->nexcluded; i++) {
        const struct muhurta_excluded *x = &r->excluded[i];
        char a[32], b[32];
        hhmm(q, x->start, a, true);
        hhmm(q, x->end, b, false);
        printf("%-17s  %-5s ", a, b);
        const struct muhurta_state *s = &r->segments[x->first].state;
        for (int n = 0; n < q->nnatives; n++) {
            if (x->personal & (1u << (2 * n)))
                printf(" %s tara %s;", q->natives[n].role, muhurta_tara_name(s->tara[n]));
            if (x->personal & (1u << (2 * n + 1)))
                printf(" %s Moon in house %d;", q->natives[n].role, s->chandra[n]);
        }
        printf("\n");
    }
}

/* Errors name the flag as typed: "--boy.lat". */
static int fail(const struct error *err)
{
    if (err->field[0])
        fprintf(stderr, "kundli: %s (--%s: %s)\n", err->message, err->field, err_name(err->code));
    else
        fprintf(stderr, "kundli: %s\n", err->message);
    return EXIT_USAGE;
}

int cmd_muhurta(const struct context *ctx, int argc, char **argv)
{
    struct muhurta_query q;
    struct muhurta_result r;
    struct error err;
    bool json = false;
    char seen[MAX_FLAGS][80];
    int nseen = 0;

    muhurta_query_init(&q);
    err_clear(&err);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(arg, "--json") == 0) {
            json = true;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0 || !arg[2]) {
            fprintf(stderr, "kundli muhurta: unknown argument '%s' (try --help)\n", arg);
            return EXIT_USAGE;
        }
        char key[64];
        const char *eq = strchr(arg, '=');
        const char *v;
        size_t n = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        snprintf(key, sizeof key, "%.*s", (int)(n < 63 ? n : 63), arg + 2);
        if (eq) {
            v = eq + 1;
        } else {
            v = args_value(argc, argv, &i);
            if (!v) {
                err_set(&err, ERR_MISSING_FIELD, key, "--%s needs a value", key);
                return fail(&err);
            }
        }
        /* A flag given twice, or by both its short and long names. */
        char norm[80];
        const char *dot = strchr(key, '.');
        if (dot)
            snprintf(norm, sizeof norm, "%.*s.%s", (int)(dot - key), key,
                     birth_param_name(dot + 1));
        else
            snprintf(norm, sizeof norm, "%s", birth_param_name(key));
        for (int j = 0; j < nseen; j++)
            if (strcmp(seen[j], norm) == 0) {
                err_set(&err, ERR_DUPLICATE_PARAMETER, key, "--%s is given twice; give it once",
                        key);
                return fail(&err);
            }
        if (nseen < MAX_FLAGS)
            snprintf(seen[nseen++], sizeof seen[0], "%s", norm);
        if (muhurta_param_set(&q, key, v, &err)) {
            if (err.code == ERR_UNKNOWN_FIELD) {
                fprintf(stderr, "kundli muhurta: unknown option '--%s' (try --help)\n", key);
                return EXIT_USAGE;
            }
            return fail(&err);
        }
    }
    if (muhurta_search(ctx, &q, &r, &err))
        return fail(&err);
    int rc = 0;
    if (json) {
        struct jsonw w;
        jw_init(&w, 64u << 20);
        muhurta_json_write(&w, &r);
        rc = args_print_json(&w);
    } else {
        print_table(&r);
    }
    muhurta_result_free(&r);
    return rc;
}
