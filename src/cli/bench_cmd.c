/* bench_cmd.c - `kundli bench`: compute-only charts per second over random
 * births (1800..2399), the time per stage, and the cost of the bare Swiss
 * Ephemeris calls the same charts make, measured in the same run.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "app/mem.h"
#include "engine/eph.h"
#include "engine/kundli.h"
#include "output/kundli_json.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct job {
    const struct context *ctx;
    const struct birth *births;
    int n;
    struct chart_options options;
    bool swe_only;            /* only the ephemeris calls a chart makes */
    struct chart_timing timing;
    double json_ns;
    size_t json_bytes;
    int failures;
};

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static double uniform(uint64_t *s, double lo, double hi)
{
    return lo + (hi - lo) * (double)(next_random(s) >> 11) / 9007199254740992.0;
}

static void random_births(struct birth *out, int n)
{
    static const char *const zones[] = {"Asia/Kolkata", "America/New_York", "Europe/London",
                                        "+05:30", "Australia/Sydney", "UTC"};
    uint64_t seed = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < n; i++) {
        struct birth *b = &out[i];
        birth_init(b);
        b->local.year = 1800 + (int)(next_random(&seed) % 600);
        b->local.month = 1 + (int)(next_random(&seed) % 12);
        b->local.day = 1 + (int)(next_random(&seed) % 28);
        b->local.hour = (int)(next_random(&seed) % 24);
        b->local.minute = (int)(next_random(&seed) % 60);
        b->local.second = (int)(next_random(&seed) % 60);
        snprintf(b->timezone, sizeof b->timezone, "%s", zones[next_random(&seed) % 6]);
        b->fold = 0; /* a random time may fall in an overlap */
        b->latitude = uniform(&seed, -60, 60);
        b->longitude = uniform(&seed, -180, 180);
        b->have = BIRTH_HAVE_DATE | BIRTH_HAVE_TIME | BIRTH_HAVE_TZ | BIRTH_HAVE_LAT |
                  BIRTH_HAVE_LON;
    }
}

/* The Swiss Ephemeris work of one D1 chart and nothing else. The instant is
 * taken as the local time read as UT: the ephemeris cost does not depend on
 * the zone. */
static void swe_calls(const struct context *ctx, const struct birth *b,
                      const struct chart_options *o)
{
    struct eph_frame f = {.ephe_path = ctx->ephe_path,
                          .ayanamsa = o->ayanamsa,
                          .true_node = o->node == NODE_TRUE,
                          .topocentric = o->topocentric,
                          .true_positions = o->true_positions,
                          .latitude = b->latitude,
                          .longitude = b->longitude,
                          .altitude = b->altitude};
    double jd = civil_jd_from_seconds((double)civil_to_seconds(&b->local));
    double cusps[12], asc, mc;
    struct eph_pos p;
    enum eph_source src;
    int n = o->outer_planets ? GRAHA_COUNT : GRAHA_CLASSICAL;
    eph_begin(&f);
    for (int g = 0; g < n; g++)
        if (g != GRAHA_KETU)
            eph_graha(jd, g, &p, &src, NULL);
    eph_houses(jd, b->latitude, b->longitude, 'W', cusps, &asc, &mc);
    eph_ayanamsa(jd);
    eph_delta_t(jd);
}

static void *run(void *arg)
{
    struct job *j = arg;
    struct kundli *k = xmalloc(sizeof *k);
    struct jsonw w;
    struct error err;
    jw_init(&w, 1u << 22);
    for (int i = 0; i < j->n; i++) {
        if (j->swe_only) {
            swe_calls(j->ctx, &j->births[i], &j->options);
            continue;
        }
        if (kundli_compute(j->ctx, &j->births[i], &j->options, k, &j->timing, &err)) {
            j->failures++;
            continue;
        }
        double t0 = now_s();
        jw_reset(&w);
        kundli_json_write(&w, k, SECTIONS_ALL);
        j->json_ns += (now_s() - t0) * 1e9;
        j->json_bytes += w.len;
    }
    jw_free(&w);
    free(k);
    return NULL;
}

/* Runs n births split over threads; returns wall seconds and sums into *sum. */
static double run_threads(const struct context *ctx, const struct birth *births, int n,
                          int threads, const struct chart_options *o, bool swe_only,
                          struct job *sum)
{
    pthread_t tid[64];
    struct job jobs[64];
    double t0 = now_s();
    for (int t = 0; t < threads; t++) {
        int lo = (int)((long)n * t / threads), hi = (int)((long)n * (t + 1) / threads);
        jobs[t] = (struct job){.ctx = ctx, .births = births + lo, .n = hi - lo, .options = *o,
                               .swe_only = swe_only, .timing = {.now = now_ns}};
        pthread_create(&tid[t], NULL, run, &jobs[t]);
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(tid[t], NULL);
        for (int s = 0; s < STAGE_COUNT; s++)
            sum->timing.ns[s] += jobs[t].timing.ns[s];
        sum->json_ns += jobs[t].json_ns;
        sum->json_bytes += jobs[t].json_bytes;
        sum->failures += jobs[t].failures;
    }
    return now_s() - t0;
}

static void usage(FILE *f)
{
    fputs("usage: kundli bench [--n N] [--threads T] [--rounds R] [chart options]\n"
          "\n"
          "Computes N charts (default 20000) of random births 1800..2399 on T threads\n"
          "(default 1) and prints charts/s, microseconds per stage, and the cost of the\n"
          "bare Swiss Ephemeris calls of the same charts. The two are measured in R\n"
          "alternating rounds (default 5) so that machine noise hits both alike.\n"
          "Chart options (--ayanamsa, --node, --houses, --sections, --outer-planets ...)\n"
          "are those of 'kundli chart'; --sections defaults to planets,houses (the D1\n"
          "chart); --full is every default section (what the API computes by default).\n",
          f);
}

int cmd_bench(const struct context *ctx, int argc, char **argv)
{
    long n = 20000, threads = 1, rounds = 5;
    struct birth dummy;
    struct chart_options o;
    struct error err;
    birth_init(&dummy);
    options_init(&o);
    o.sections = SECTION_PLANETS | SECTION_HOUSES;
    o.as_of = 1.7e9; /* sade sati's "today": fixed, so runs compare */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        long *target = strcmp(a, "--n") == 0         ? &n
                       : strcmp(a, "--threads") == 0 ? &threads
                       : strcmp(a, "--rounds") == 0  ? &rounds
                                                     : NULL;
        if (target) {
            const char *v = args_value(argc, argv, &i);
            long max = target == &n ? 10000000 : 64;
            if (!v || !args_int(v, 1, max, target)) {
                fprintf(stderr, "kundli bench: %s needs a whole number 1..%ld\n", a, max);
                return EXIT_USAGE;
            }
            continue;
        }
        if (strcmp(a, "--full") == 0) {
            o.sections = SECTIONS_DEFAULT;
            continue;
        }
        int rc = args_birth_flag(argc, argv, &i, &dummy, &o, &err);
        if (rc < 0)
            return args_fail(&err);
        if (rc == 0) {
            fprintf(stderr, "kundli bench: unknown option '%s' (try --help)\n", a);
            return EXIT_USAGE;
        }
    }
    if (rounds > n)
        rounds = n;

    struct birth *births = xmalloc((size_t)n * sizeof *births);
    random_births(births, (int)n);
    struct job chart_sum = {0}, swe_sum = {0};
    double chart_wall = 0, swe_wall = 0;
    run_threads(ctx, births, (int)(n < 500 ? n : 500), (int)threads, &o, false,
                &(struct job){0});
    for (long r = 0; r < rounds; r++) { /* alternate so noise hits both */
        long lo = n * r / rounds, hi = n * (r + 1) / rounds;
        swe_wall +=
            run_threads(ctx, births + lo, (int)(hi - lo), (int)threads, &o, true, &swe_sum);
        chart_wall +=
            run_threads(ctx, births + lo, (int)(hi - lo), (int)threads, &o, false, &chart_sum);
    }
    free(births);

    double per = 1e-3 / (double)n; /* ns total -> us per chart */
    double compute_us = 0;
    for (int s = 0; s < STAGE_COUNT; s++)
        compute_us += chart_sum.timing.ns[s] * per;
    double json_us = chart_sum.json_ns * per;
    double swe_us = swe_wall * 1e6 * (double)threads / (double)n;
    double chart_us = chart_wall * 1e6 * (double)threads / (double)n;

    char sections[160] = "";
    size_t len = 0;
    for (int i = 0; i < SECTION_COUNT; i++)
        if (o.sections & (1u << i))
            len += (size_t)snprintf(sections + len, sizeof sections - len, "%s%s",
                                    len ? "," : "", section_name(i));
    printf("kundli bench: %ld charts, %ld thread%s, sections %s, ayanamsa %s, houses %s\n", n,
           threads, threads == 1 ? "" : "s", sections, eph_ayanamsa_name(o.ayanamsa),
           house_system_name(o.house_system));
    printf("  charts/s (compute + JSON)     %10.0f\n", (double)n / chart_wall);
    printf("  us/chart per thread           %10.2f\n", chart_us);
    printf("  stage                      us/chart\n");
    for (int s = 0; s < STAGE_COUNT; s++)
        if (chart_sum.timing.ns[s] > 0)
            printf("    %-22s %10.2f\n", chart_stage_name(s), chart_sum.timing.ns[s] * per);
    printf("    %-22s %10.2f   (%.0f bytes/chart)\n", "json", json_us,
           (double)chart_sum.json_bytes / (double)n);
    printf("  chart compute (no JSON)       %10.2f us\n", compute_us);
    printf("  Swiss Ephemeris calls only    %10.2f us   (%.0f calls/s)\n", swe_us,
           (double)n / swe_wall);
    printf("  ratio compute / swe calls     %10.3f\n", compute_us / swe_us);
    if (chart_sum.failures)
        printf("  failures                      %10d\n", chart_sum.failures);
    return chart_sum.failures ? 1 : 0;
}
