/* panchang_cmd.c - `kundli panchang`: the daily panchang of a civil date at
 * a place, as a readable table or as the API's JSON (GET /v1/panchang).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "engine/eph.h"
#include "engine/panchang.h"
#include "output/panchang_json.h"
#include "output/tables.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Also declared in cli/commands.h, where main.c finds it. */

static void usage(FILE *f)
{
    fputs("usage: kundli panchang --date YYYY-MM-DD --tz ZONE --lat DEG --lon DEG\n"
          "                       [--ayanamsa NAME] [--lang CODE] [--json]\n"
          "\n"
          "The panchang of one day at one place: the Vedic day runs from the date's\n"
          "sunrise to the next sunrise. Prints vara, sunrise, sunset, moonrise and\n"
          "moonset, each tithi, nakshatra, yoga and karana of the day with its end\n"
          "time, rahu kalam, yamaganda, gulika kalam and abhijit muhurta.\n"
          "\n"
          "  --date YYYY-MM-DD   civil date, proleptic Gregorian, 0001..5398\n"
          "  --tz ZONE           IANA zone (Asia/Kolkata), offset (+05:30) or LMT;\n"
          "                      times are printed in this zone\n"
          "  --lat DEG           latitude, -90..90, north positive\n"
          "  --lon DEG           longitude, -180..180, east positive\n"
          "  --ayanamsa NAME     sidereal mode for nakshatra and yoga (default lahiri;\n"
          "                      e.g. raman, krishnamurti, true_citra, fagan_bradley)\n"
          "  --lang CODE         the names of vara, tithi, nakshatra, yoga and karana in\n"
          "                      en, hi, sa, ta, te, kn, ml, bn, mr or gu (and display\n"
          "                      fields in --json); default English, no display fields\n"
          "  --json              print the API's JSON instead of the table\n"
          "  --help              this text\n"
          "\n"
          "Sunrise and sunset: centre of the Sun's disc on the horizon, no refraction\n"
          "(the Hindu convention). Where the Sun does not rise or set that day (polar\n"
          "day or night) there is no panchang and the command fails.\n"
          "\n"
          "Exit status: 0 on success, 2 on a bad argument.\n",
          f);
}

/* "HH:MM:SS" local, with "+1d" when the instant falls after the date. */
static void print_time(const struct panchang_day *d, const struct panchang_time *t)
{
    if (!t->valid) {
        printf("%-13s", "-");
        return;
    }
    struct civil c;
    civil_from_seconds((int64_t)llround(t->ut + t->offset), &c);
    int64_t days = civil_days_from_date(c.year, c.month, c.day) -
                   civil_days_from_date(d->date.year, d->date.month, d->date.day);
    char tag[16] = "";
    if (days != 0)
        snprintf(tag, sizeof tag, " %+dd", (int)days);
    printf("%02d:%02d:%02d%-5s", c.hour, c.minute, c.second, tag);
}

/* The spans of one limb (enum lang_kind `kind`), the names in d->lang. */
static void print_spans(const struct panchang_day *d, const char *label,
                        const struct panchang_spans *l, int kind)
{
    for (int i = 0; i < l->count; i++) {
        const struct panchang_span *s = &l->span[i];
        int index = kind == LANG_KIND_KARANA ? panchang_karana_index(s->number) : s->number - 1;
        printf("%-10s %2d ", i == 0 ? label : "", s->number);
        table_put(stdout, lang_name(d->lang, kind, index), 20);
        printf(" until ");
        print_time(d, &s->end);
        printf("\n");
    }
}

static void print_period(const struct panchang_day *d, const char *label,
                         const struct panchang_period *p)
{
    printf("%-16s ", label);
    print_time(d, &p->start);
    printf(" - ");
    print_time(d, &p->end);
    printf("\n");
}

static void print_table(const struct panchang_day *d)
{
    printf("Panchang %04d-%02d-%02d %s  lat %.4f lon %.4f  ayanamsa %s %.6f\xC2\xB0\n\n",
           d->date.year, d->date.month, d->date.day, d->zone_name, d->latitude, d->longitude,
           eph_ayanamsa_name(d->ayanamsa), d->ayanamsa_value);
    printf("Vara       %s (%s)\n", lang_name(d->lang, LANG_KIND_VARA, d->vara),
           panchang_vara_sanskrit(d->vara));
    printf("Sunrise    ");
    print_time(d, &d->sunrise);
    printf("  Sunset   ");
    print_time(d, &d->sunset);
    printf("  Next sunrise ");
    print_time(d, &d->next_sunrise);
    printf("\nMoonrise   ");
    print_time(d, &d->moonrise);
    printf("  Moonset  ");
    print_time(d, &d->moonset);
    printf("\n\n");
    print_spans(d, "Tithi", &d->tithi, LANG_KIND_TITHI);
    print_spans(d, "Nakshatra", &d->nakshatra, LANG_KIND_NAKSHATRA);
    print_spans(d, "Yoga", &d->yoga, LANG_KIND_YOGA);
    print_spans(d, "Karana", &d->karana, LANG_KIND_KARANA);
    printf("\n");
    print_period(d, "Rahu kalam", &d->rahu_kalam);
    print_period(d, "Yamaganda", &d->yamaganda);
    print_period(d, "Gulika kalam", &d->gulika_kalam);
    print_period(d, "Abhijit muhurta", &d->abhijit_muhurta);
}

int cmd_panchang(const struct context *ctx, int argc, char **argv)
{
    static const char *const flags[][2] = {
        {"--date", "date"},         {"--tz", "tz"},     {"--lat", "lat"}, {"--lon", "lon"},
        {"--ayanamsa", "ayanamsa"}, {"--lang", "lang"},
    };
    struct birth b;
    struct chart_options o;
    struct panchang_day d;
    struct error err;
    bool json = false, seen[sizeof flags / sizeof flags[0]] = {false};

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
        const char *key, *v;
        if (!args_table_flag("panchang", argc, argv, &i, flags, sizeof flags / sizeof flags[0],
                             seen, &key, &v))
            return EXIT_USAGE;
        if (panchang_param_set(&b, &o, key, v, &err))
            return args_fail(&err);
    }
    if (panchang_daily(ctx, &b, &o, &d, &err))
        return args_fail(&err);
    if (json) {
        struct jsonw w;
        jw_init(&w, 1u << 20);
        panchang_day_json_write(&w, &d);
        return args_print_json(&w);
    } else {
        print_table(&d);
    }
    return 0;
}
