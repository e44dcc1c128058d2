/* embed.c - libkundli from a C program: computes the Chennai 1996 chart,
 * prints its positions, checks the Moon (Libra, Swati pada 1) and the JSON,
 * and shows how an invalid field is reported. Build:
 *   cc embed.c $(pkg-config --cflags --libs kundli)
 * Usage: embed [EPHE_PATH [ZONEINFO_DIR]]; exits 0 when every check holds.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include <kundli.h>

#include <stdio.h>
#include <string.h>

/* Prints a failed call's status, field and message; returns 1. */
static int fail(const char *what, int rc, const struct kd_error *err)
{
    fprintf(stderr, "embed: %s: %s (%s: %s)\n", what, kd_strerror(rc), kd_error_field(err),
            kd_error_message(err));
    return 1;
}

/* Sets the birth fields of 1996-12-07 10:34 IST at Chennai. */
static int set_birth(struct kd_birth *birth, struct kd_error *err)
{
    static const char *const fields[][2] = {
        {"date", "1996-12-07"},  {"time", "10:34:00"},     {"timezone", "+05:30"},
        {"latitude", "13.0878"}, {"longitude", "80.2785"},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        int rc = kd_birth_parse_field(birth, fields[i][0], fields[i][1], err);
        if (rc != KD_OK)
            return rc;
    }
    return kd_birth_check(birth, err);
}

/* Prints one line per body: name, sign, degree, nakshatra and pada. */
static int print_positions(const struct kd_chart *chart, struct kd_error *err)
{
    static const int bodies[] = {KD_ASCENDANT, KD_SUN,   KD_MOON,   KD_MARS, KD_MERCURY,
                                 KD_JUPITER,   KD_VENUS, KD_SATURN, KD_RAHU, KD_KETU};
    printf("%-8s %-12s %8s  %-18s %s\n", "Body", "Sign", "Degree", "Nakshatra", "Pada");
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        struct kd_position pos;
        pos.size = sizeof pos; /* tells the library which fields this program knows */
        int rc = kd_chart_position(chart, bodies[i], &pos, err);
        if (rc != KD_OK)
            return rc;
        printf("%-8s %-12s %8.4f  %-18s %d%s\n", kd_body_name(bodies[i]), kd_sign_name(pos.sign),
               pos.degree, kd_nakshatra_name(pos.nakshatra), pos.pada,
               pos.retrograde ? "  (R)" : "");
    }
    return KD_OK;
}

/* The checks: the Moon in Libra, Swati (index 14) pada 1, and the JSON. */
static int check_chart(struct kd_context *ctx, const struct kd_chart *chart, struct kd_error *err)
{
    struct kd_position moon;
    moon.size = sizeof moon;
    int rc = kd_chart_position(chart, KD_MOON, &moon, err);
    if (rc != KD_OK)
        return fail("kd_chart_position", rc, err);
    if (moon.sign != KD_LIBRA || moon.nakshatra != 14 || moon.pada != 1) {
        fprintf(stderr, "embed: the Moon is in %s, %s pada %d; want Libra, Swati pada 1\n",
                kd_sign_name(moon.sign), kd_nakshatra_name(moon.nakshatra), moon.pada);
        return 1;
    }
    char *json = NULL;
    size_t len = 0;
    rc = kd_json_string(chart, KD_SECTIONS_FROM_OPTIONS, &json, &len, err);
    if (rc != KD_OK)
        return fail("kd_json_string", rc, err);
    int bad = strncmp(json, "{\"input\":", 9) != 0;
    if (bad)
        fprintf(stderr, "embed: the JSON starts with '%.20s', want '{\"input\":'\n", json);
    else
        printf("JSON: %zu bytes, %.40s...\n", len, json);
    kd_free(ctx, json);
    return bad;
}

/* An invalid latitude fails with its own status and names the field. */
static int check_error(struct kd_context *ctx)
{
    struct kd_birth *birth = NULL;
    struct kd_error err;
    int rc = kd_birth_new(ctx, &birth, &err);
    if (rc != KD_OK)
        return fail("kd_birth_new", rc, &err);
    rc = kd_birth_parse_field(birth, "latitude", "91", &err);
    kd_birth_free(birth);
    if (rc != KD_ERR_INVALID_LATITUDE || strcmp(kd_error_field(&err), "birth.latitude") != 0) {
        fprintf(stderr,
                "embed: latitude 91 gave %s (field '%s'), want invalid_latitude "
                "(field 'birth.latitude')\n",
                kd_strerror(rc), kd_error_field(&err));
        return 1;
    }
    printf("latitude 91: %s (%s): %s\n", kd_strerror(rc), kd_error_field(&err),
           kd_error_message(&err));
    return 0;
}

/* Computes, prints and checks the chart with a fresh birth, options and chart. */
static int chart_demo(struct kd_context *ctx, struct kd_birth *birth, struct kd_options *options,
                      struct kd_chart *chart)
{
    struct kd_error err;
    int rc = set_birth(birth, &err);
    if (rc != KD_OK)
        return fail("birth", rc, &err);
    rc = kd_options_set(options, "ayanamsa", "lahiri", &err);
    if (rc != KD_OK)
        return fail("options", rc, &err);
    rc = kd_compute(ctx, birth, options, KD_SECTION_PLANETS | KD_SECTION_HOUSES, chart, &err);
    if (rc != KD_OK)
        return fail("kd_compute", rc, &err);
    printf("Chennai, 1996-12-07 10:34 +05:30, lat 13.0878 lon 80.2785, ayanamsa lahiri\n");
    rc = print_positions(chart, &err);
    if (rc != KD_OK)
        return fail("kd_chart_position", rc, &err);
    return check_chart(ctx, chart, &err);
}

int main(int argc, char **argv)
{
    struct kd_config config = KD_CONFIG_INIT;
    struct kd_context *ctx = NULL;
    struct kd_birth *birth = NULL;
    struct kd_options *options = NULL;
    struct kd_chart *chart = NULL;
    struct kd_error err;

    /* The library reads no environment variables: the data directories come
     * from argv here (absent or "": Debian's defaults). */
    config.ephe_path = argc > 1 && argv[1][0] ? argv[1] : NULL;
    config.zoneinfo_dir = argc > 2 && argv[2][0] ? argv[2] : NULL;
    int rc = kd_context_new(&config, &ctx, &err);
    if (rc != KD_OK)
        return fail("kd_context_new", rc, &err);
    printf("libkundli %s\n", kd_version());

    rc = kd_birth_new(ctx, &birth, &err);
    if (rc == KD_OK)
        rc = kd_options_new(ctx, &options, &err);
    if (rc == KD_OK)
        rc = kd_chart_new(ctx, &chart, &err);
    int status = rc == KD_OK ? chart_demo(ctx, birth, options, chart) : fail("new", rc, &err);
    status |= check_error(ctx);
    printf("%s\n", status == 0 ? "ok" : "FAILED");

    /* Births, options and charts go before their context. */
    if (chart)
        kd_chart_free(chart);
    if (options)
        kd_options_free(options);
    if (birth)
        kd_birth_free(birth);
    kd_context_free(ctx);
    return status;
}
