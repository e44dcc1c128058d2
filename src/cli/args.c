/* args.c - birth and option flags for the kundli CLI (see args.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *args_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        return NULL;
    *i += 1;
    return argv[*i];
}

bool args_table_flag(const char *command, int argc, char **argv, int *i,
                     const char *const (*table)[2], size_t n, bool *seen, const char **key,
                     const char **value)
{
    struct error err;
    size_t k = 0;
    while (k < n && strcmp(argv[*i], table[k][0]) != 0)
        k++;
    if (k == n) {
        fprintf(stderr, "kundli %s: unknown option '%s' (try --help)\n", command, argv[*i]);
        return false;
    }
    const char *flag = argv[*i];
    *key = table[k][1];
    *value = args_value(argc, argv, i);
    if (!*value) {
        err_set(&err, ERR_MISSING_FIELD, *key, "%s needs a value", flag);
        args_fail(&err);
        return false;
    }
    if (seen[k]) {
        err_set(&err, ERR_DUPLICATE_PARAMETER, *key, "%s is given twice; give it once", flag);
        args_fail(&err);
        return false;
    }
    seen[k] = true;
    return true;
}

bool args_int(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < min || v > max)
        return false;
    *out = v;
    return true;
}

/* flag -> parameter name understood by birth_param_set */
static const char *const flags[][2] = {
    {"--date", "date"},         {"--time", "time"},
    {"--tz", "timezone"},       {"--lat", "latitude"},
    {"--lon", "longitude"},     {"--alt", "altitude"},
    {"--fold", "fold"},         {"--place", "place"},
    {"--ayanamsa", "ayanamsa"}, {"--node", "node"},
    {"--houses", "house_system"}, {"--positions", "positions"},
    {"--sections", "sections"}, {"--dasha", "dasha_levels"},
    {"--dasha-year-days", "dasha_year_days"}, {"--as-of", "as_of"},
    {"--kp-ayanamsa", "kp_ayanamsa"}, {"--kp-horary", "kp_horary"},
    {"--dasha-systems", "dasha_systems"}, {"--yogini-levels", "yogini_levels"},
    {"--ashtottari-levels", "ashtottari_levels"}, {"--chara-levels", "chara_levels"},
    {"--kalachakra-levels", "kalachakra_levels"}, {"--ashtottari-rule", "ashtottari_rule"},
    {"--chara-method", "chara_method"}, {"--strength-school", "strength_school"},
    {"--lang", "lang"},
    {"--node-aspects", "node_aspects"},
};
#define NFLAGS (sizeof flags / sizeof flags[0])

/* Whether argument a is flag name, as "--tz" or "--tz=...". */
static bool is_flag(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

/* The flag that sets an API field ("birth.timezone" -> "--tz"), or NULL. */
static const char *flag_of_field(const char *field)
{
    const char *dot = strrchr(field, '.');
    const char *name = dot ? dot + 1 : field;
    for (size_t k = 0; k < NFLAGS; k++)
        if (strcmp(name, flags[k][1]) == 0)
            return flags[k][0];
    return NULL;
}

int args_birth_flag(int argc, char **argv, int *i, struct birth *b, struct chart_options *o,
                    struct error *err)
{
    const char *flag = argv[*i];
    if (strcmp(flag, "--topocentric") == 0)
        return options_set(o, "topocentric", "true", err) ? err->code : 1;
    if (strcmp(flag, "--outer-planets") == 0)
        return options_set(o, "outer_planets", "true", err) ? err->code : 1;
    if (strcmp(flag, "--explain") == 0)
        return options_set(o, "explain", "true", err) ? err->code : 1;
    for (size_t k = 0; k < NFLAGS; k++) {
        const char *name = flags[k][0];
        if (!is_flag(flag, name))
            continue;
        for (int j = 1; j < *i; j++)
            if (is_flag(argv[j], name) && (j == 1 || !is_flag(argv[j - 1], "--vargas")))
                return err_set(err, ERR_DUPLICATE_PARAMETER, name,
                               "%s is given twice; give it "
                               "once",
                               name);
        const char *v =
            flag[strlen(name)] == '=' ? flag + strlen(name) + 1 : args_value(argc, argv, i);
        if (!v)
            return err_set(err, ERR_MISSING_FIELD, name, "%s needs a value", name);
        int rc = birth_param_set(b, o, flags[k][1], v, err);
        return rc ? rc : 1;
    }
    return 0;
}

int args_print_json(struct jsonw *w)
{
    struct error err;
    int rc = jw_finish(w, &err);
    if (rc == 0) {
        fwrite(w->buf, 1, w->len, stdout);
        fputc('\n', stdout);
    } else {
        fprintf(stderr, "kundli: %s\n", err.message);
    }
    jw_free(w);
    return rc ? EXIT_FAILURE : 0;
}

int args_fail(const struct error *err)
{
    const char *flag = flag_of_field(err->field);
    if (flag && strncmp(err->field, "--", 2) != 0) {
        /* the user typed the flag, not the API's field: name that */
        char message[sizeof err->message];
        const char *at = strstr(err->message, flag) ? NULL : strstr(err->message, err->field);
        if (at)
            snprintf(message, sizeof message, "%.*s%s%s", (int)(at - err->message), err->message,
                     flag, at + strlen(err->field));
        else
            snprintf(message, sizeof message, "%s", err->message);
        fprintf(stderr, "kundli: %s (%s: %s)\n", message, flag, err_name(err->code));
        return EXIT_USAGE;
    }
    if (err->field[0])
        fprintf(stderr, "kundli: %s (%s: %s)\n", err->message, err->field, err_name(err->code));
    else
        fprintf(stderr, "kundli: %s\n", err->message);
    return EXIT_USAGE;
}
