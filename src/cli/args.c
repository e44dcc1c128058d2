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

int args_birth_flag(int argc, char **argv, int *i, struct birth *b, struct chart_options *o,
                    struct error *err)
{
    /* flag -> parameter name understood by birth_param_set */
    static const char *const flags[][2] = {
        {"--date", "date"},         {"--time", "time"},
        {"--tz", "timezone"},       {"--lat", "latitude"},
        {"--lon", "longitude"},     {"--alt", "altitude"},
        {"--fold", "fold"},         {"--ayanamsa", "ayanamsa"},
        {"--node", "node"},         {"--houses", "house_system"},
        {"--positions", "positions"},
        {"--sections", "sections"}, {"--dasha", "dasha_levels"},
        {"--dasha-year-days", "dasha_year_days"}, {"--as-of", "as_of"},
    };
    const char *flag = argv[*i];
    if (strcmp(flag, "--topocentric") == 0)
        return options_set(o, "topocentric", "true", err) ? err->code : 1;
    if (strcmp(flag, "--outer-planets") == 0)
        return options_set(o, "outer_planets", "true", err) ? err->code : 1;
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++) {
        if (strcmp(flag, flags[k][0]) != 0)
            continue;
        const char *v = args_value(argc, argv, i);
        if (!v)
            return err_set(err, ERR_MISSING_FIELD, flags[k][1], "%s needs a value", flag);
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
    if (err->field[0])
        fprintf(stderr, "kundli: %s (%s: %s)\n", err->message, err->field, err_name(err->code));
    else
        fprintf(stderr, "kundli: %s\n", err->message);
    return EXIT_USAGE;
}
