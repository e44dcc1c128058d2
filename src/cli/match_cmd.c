/* match_cmd.c - `kundli match`: Ashtakoota guna milan or the ten poruthams
 * of two births, or of two Moon nakshatra:pada pairs, as a readable table or
 * the API's JSON.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "engine/chart.h"
#include "engine/match.h"
#include "output/match_json.h"
#include "output/tables.h"

#include <stdio.h>
#include <string.h>

#define BIRTH_TEXT_MAX 512 /* bytes of one quoted --boy/--girl string */
#define BIRTH_TOKENS_MAX 40

static void usage(FILE *f)
{
    fputs("usage: kundli match --boy \"BIRTH\" --girl \"BIRTH\" [--system S] [--school S]\n"
          "                    [--lang CODE] [--json]\n"
          "       kundli match --boy-nakshatra NAME:PADA --girl-nakshatra NAME:PADA [...]\n"
          "\n"
          "Ashtakoota guna milan (varna 1, vashya 2, tara 3, yoni 4, graha maitri 5,\n"
          "gana 6, bhakoot 7, nadi 8 = 36 points) of the boy's and the girl's Moon, with\n"
          "the classical exceptions, or the ten South Indian poruthams (dina, gana,\n"
          "mahendra, stree deergha, yoni, rasi, rasi adhipati, vasya, rajju, vedha) with\n"
          "papasamyam; a verdict band; manglik compatibility when births are given.\n"
          "\n"
          "options:\n"
          "  --boy \"BIRTH\"          the boy's birth as one quoted string of chart flags,\n"
          "                         split at spaces: --date YYYY-MM-DD --time HH:MM[:SS]\n"
          "                         --tz ZONE --lat DEG --lon DEG, and optionally --fold,\n"
          "                         --alt, --ayanamsa, --node, --topocentric (see\n"
          "                         'kundli chart --help'); e.g. \"--date 1990-01-01\n"
          "                         --time 10:00 --tz Asia/Kolkata --lat 28.6 --lon 77.2\"\n"
          "  --girl \"BIRTH\"         the girl's birth, as for --boy\n"
          "  --boy-nakshatra N:P    the boy's Moon given directly: nakshatra name (as in\n"
          "                         the API, case-insensitive, e.g. Anuradha or\n"
          "                         \"Purva Phalguni\") or number 1..27, and pada 1..4\n"
          "  --girl-nakshatra N:P   the girl's Moon, as for --boy-nakshatra\n"
          "  --system S             ashtakoota (default) or porutham\n"
          "  --school S             the Ashtakoota tables: north (default; Drik Panchang,\n"
          "                         AstroSage) or jhora (PyJHora / Jagannatha Hora's\n"
          "                         varna, vashya and gana); not with --system porutham\n"
          "  --lang CODE            koota, porutham, nakshatra and sign names in en, hi,\n"
          "                         sa, ta, te, kn, ml, bn, mr or gu (and display fields\n"
          "                         in --json); default English, no display fields\n"
          "  --json                 print the API's JSON instead of the table\n"
          "  --help                 this text\n"
          "\n"
          "Each side is given once, either as a birth or as a nakshatra; manglik\n"
          "compatibility and papasamyam are reported only when both births are given.\n"
          "Exit status: 0 on success, 2 on a bad argument or birth.\n",
          f);
}

/* Replaces the "birth." prefix of an error's field by "boy." / "girl.". */
static void name_side(struct error *err, const char *side)
{
    char field[sizeof err->field + 8]; /* room for "girl." before any field */
    const char *rest = strncmp(err->field, "birth.", 6) == 0 ? err->field + 6 : err->field;
    snprintf(field, sizeof field, "%s%s%s", side, *rest ? "." : "", rest);
    field[sizeof err->field - 1] = '\0';
    memcpy(err->field, field, sizeof err->field);
}

/* Splits text at blanks into at most max tokens inside buf (a copy). */
static int split_blanks(const char *text, char *buf, size_t bufsize, char **tok, int max)
{
    size_t len = strlen(text);
    if (len >= bufsize)
        return -1;
    memcpy(buf, text, len + 1);
    int n = 0;
    for (char *p = buf; *p;) {
        while (*p == ' ' || *p == '\t')
            *p++ = '\0';
        if (!*p)
            break;
        if (n == max)
            return -1;
        tok[n++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
    return n;
}

/* Parses one side's quoted birth string and computes its chart into p. */
static int person_from_birth(const struct context *ctx, struct match_person *p, const char *text,
                             const char *side, struct error *err)
{
    char buf[BIRTH_TEXT_MAX];
    char *tok[BIRTH_TOKENS_MAX];
    struct birth b;
    struct chart_options o;
    int n = split_blanks(text, buf, sizeof buf, tok, BIRTH_TOKENS_MAX);
    if (n < 0)
        return err_set(err, ERR_TOO_LARGE, side, "the %s's birth string is too long", side);
    birth_init(&b);
    options_init(&o);
    for (int i = 0; i < n; i++) {
        int rc = args_birth_flag(n, tok, &i, &b, &o, err);
        if (rc < 0) {
            name_side(err, side);
            return rc;
        }
        if (rc == 0)
            return err_set(err, ERR_UNKNOWN_FIELD, side, "unknown birth flag '%.40s' in --%s",
                           tok[i], side);
    }
    if (match_person_compute(ctx, &b, &o, p, err)) {
        name_side(err, side);
        return err->code;
    }
    return 0;
}

/* A match option's error names the flag typed: options.school -> --school. */
static int option_fail(struct error *err)
{
    if (strncmp(err->field, "options.", 8) == 0) {
        char field[sizeof err->field];
        snprintf(field, sizeof field, "--%s", err->field + 8);
        memcpy(err->field, field, sizeof err->field);
    }
    return args_fail(err);
}

static void print_person(const char *who, const struct match_person *p, int lang)
{
    printf("%-5s %s pada %d, Moon in %s", who, lang_name(lang, LANG_KIND_NAKSHATRA, p->nakshatra),
           p->pada, lang_name(lang, LANG_KIND_SIGN, p->moon_sign));
    if (p->moon_degree >= 0)
        printf(" %.2f\xC2\xB0", p->moon_degree);
    if (p->have_manglik)
        printf(", %s", p->manglik ? "manglik" : "not manglik");
    printf("\n");
}

static void print_poruthams(const struct match *m, int lang)
{
    printf("\n%-14s %-8s %s\n", "Porutham", "Present", "Reason");
    for (int i = 0; i < PORUTHAM_COUNT; i++) {
        const struct porutham *p = &m->poruthams[i];
        char name[80];
        snprintf(name, sizeof name, "%s%s",
                 lang == LANG_NONE ? match_porutham_name(i)
                                   : lang_name(lang, LANG_KIND_PORUTHAM, i),
                 p->deciding ? "*" : "");
        table_put(stdout, name, 14);
        printf(" %-8s %s\n", p->present ? "yes" : "no", p->reason);
    }
    printf("%-14s %d of %d (* deciding: rajju %s, vedha %s)\n", "count", m->count, PORUTHAM_COUNT,
           m->rajju_ok ? "present" : "absent", m->vedha_ok ? "present" : "absent");
    if (m->have_papasamyam)
        printf("\nPapasamyam: boy %g (lagna %g, Moon %g, Venus %g), girl %g (lagna %g, Moon %g, "
               "Venus %g): %s\n",
               m->papa_boy, m->boy.papa[PAPA_LAGNA], m->boy.papa[PAPA_MOON],
               m->boy.papa[PAPA_VENUS], m->papa_girl, m->girl.papa[PAPA_LAGNA],
               m->girl.papa[PAPA_MOON], m->girl.papa[PAPA_VENUS],
               m->papa_balanced ? "balanced" : "not balanced");
}

/* The koota or porutham table; with lang given the names in lang (the
 * reasons stay English). */
static void print_table(const struct match *m, int lang)
{
    print_person("Boy", &m->boy, lang);
    print_person("Girl", &m->girl, lang);
    if (m->system == MATCH_SYSTEM_PORUTHAM) {
        print_poruthams(m, lang);
        printf("\nVerdict: %s\n", m->verdict.text);
        if (m->have_manglik)
            printf("Manglik: %s: %s\n", m->manglik_reason,
                   m->manglik_compatible ? "compatible" : "not compatible");
        return;
    }
    printf("Tables: %s school\n", match_school_name(m->school));
    printf("\n%-13s %6s %4s  %s\n", "Koota", "Points", "Max", "Reason");
    for (int i = 0; i < KOOTA_COUNT; i++) {
        const struct koota *k = &m->kootas[i];
        table_put(stdout,
                  lang == LANG_NONE ? match_koota_name(i) : lang_name(lang, LANG_KIND_KOOTA, i),
                  13);
        printf(" %6g %4g  %s\n", k->points, k->max, k->reason);
        if (k->exception != MATCH_EXC_NONE)
            printf("%-13s %6s %4s  exception: %s\n", "", "", "", k->exception_text);
    }
    printf("%-13s %6g %4g\n", "total", m->total, m->max);
    printf("\nVerdict: %s\n", m->verdict.text);
    if (m->have_manglik)
        printf("Manglik: %s: %s\n", m->manglik_reason,
               m->manglik_compatible ? "compatible" : "not compatible");
}

int cmd_match(const struct context *ctx, int argc, char **argv)
{
    const char *text[2] = {NULL, NULL}; /* --boy, --girl births */
    const char *moon[2] = {NULL, NULL}; /* --boy-nakshatra, --girl-nakshatra */
    static const char *const side[2] = {"boy", "girl"};
    static const char *const flags[4] = {"--boy", "--girl", "--boy-nakshatra", "--girl-nakshatra"};
    struct match_person person[2];
    struct match_options mo;
    struct match m;
    struct error err;
    bool json = false;

    err_clear(&err);
    match_options_init(&mo);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
            continue;
        }
        size_t n = strncmp(argv[i], "--lang", 6) == 0 ? 6 : 8;
        if ((strncmp(argv[i], "--system", 8) == 0 || strncmp(argv[i], "--school", 8) == 0 ||
             n == 6) &&
            (argv[i][n] == '\0' || argv[i][n] == '=')) {
            char key[8];
            memcpy(key, argv[i] + 2, n - 2);
            key[n - 2] = '\0';
            const char *v = argv[i][n] == '=' ? argv[i] + n + 1 : args_value(argc, argv, &i);
            if (!v) {
                fprintf(stderr, "kundli match: --%s needs a value (try --help)\n", key);
                return EXIT_USAGE;
            }
            if (match_options_set(&mo, key, v, &err))
                return option_fail(&err);
            continue;
        }
        int f = 0;
        while (f < 4 && strcmp(argv[i], flags[f]) != 0)
            f++;
        if (f == 4) {
            fprintf(stderr, "kundli match: unknown option '%s' (try --help)\n", argv[i]);
            return EXIT_USAGE;
        }
        const char *v = args_value(argc, argv, &i);
        if (!v) {
            fprintf(stderr, "kundli match: %s needs a value (try --help)\n", flags[f]);
            return EXIT_USAGE;
        }
        const char **slot = f < 2 ? &text[f] : &moon[f - 2];
        if (text[f % 2] || moon[f % 2]) {
            fprintf(stderr, "kundli match: the %s is given twice (use --%s or --%s-nakshatra)\n",
                    side[f % 2], side[f % 2], side[f % 2]);
            return EXIT_USAGE;
        }
        *slot = v;
    }
    for (int s = 0; s < 2; s++) {
        int rc;
        if (text[s])
            rc = person_from_birth(ctx, &person[s], text[s], side[s], &err);
        else if (moon[s])
            rc = match_person_parse(&person[s], moon[s], side[s], &err);
        else {
            fprintf(stderr,
                    "kundli match: the %s is missing (--%s \"BIRTH\" or "
                    "--%s-nakshatra NAME:PADA; try --help)\n",
                    side[s], side[s], side[s]);
            return EXIT_USAGE;
        }
        if (rc)
            return args_fail(&err);
    }
    if (match_compute(&person[0], &person[1], &mo, &m, &err))
        return option_fail(&err);
    if (json) {
        struct jsonw w;
        jw_init(&w, 1u << 16);
        match_json_write(&w, &m, mo.lang);
        return args_print_json(&w);
    } else {
        print_table(&m, mo.lang);
    }
    return 0;
}
