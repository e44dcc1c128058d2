/* chart_cmd.c - `kundli chart`: one birth chart as a readable table or as
 * the API's JSON.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "app/mem.h"
#include "engine/dignity.h"
#include "engine/eph.h"
#include "engine/karaka.h"
#include "engine/kundli.h"
#include "output/kundli_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void usage(FILE *f)
{
    fputs("usage: kundli chart --date YYYY-MM-DD --time HH:MM[:SS] --tz ZONE\n"
          "                    --lat DEG --lon DEG [options]\n"
          "\n"
          "birth:\n"
          "  --date YYYY-MM-DD   local civil date, proleptic Gregorian, 0001..5399\n"
          "  --time HH:MM[:SS]   local civil time, 24-hour\n"
          "  --tz ZONE           IANA zone (Asia/Kolkata), offset (+05:30) or LMT\n"
          "  --lat DEG           latitude, -90..90, north positive\n"
          "  --lon DEG           longitude, -180..180, east positive\n"
          "  --alt METRES        altitude, used with --topocentric (default 0)\n"
          "  --fold 0|1          which reading of a time that occurs twice (DST overlap)\n"
          "options:\n"
          "  --ayanamsa NAME     any Swiss Ephemeris sidereal mode by name (default lahiri;\n"
          "                      e.g. raman, krishnamurti, true_citra, fagan_bradley)\n"
          "  --node mean|true    lunar node (default mean)\n"
          "  --houses SYSTEM     whole_sign (default), placidus, sripati, koch, equal,\n"
          "                      porphyry, regiomontanus, campanus\n"
          "  --positions apparent|true  apparent (default, as swetest) or true geometric\n"
          "                      positions (no light-time/aberration; as Jagannatha Hora)\n"
          "  --topocentric       positions for the observer instead of the geocentre\n"
          "  --outer-planets     add Uranus, Neptune and Pluto\n"
          "  --sections LIST     comma list: planets,houses,vargas,dasha,panchang,\n"
          "                      ashtakavarga,doshas,yogas (default all of them)\n"
          "  --vargas LIST       also print these divisional charts, e.g. D9,D10\n"
          "  --dasha N           Vimshottari depth 1..3 (default 2), and print the dasha\n"
          "  --dasha-year-days D days in a dasha year (default 365.25)\n"
          "  --as-of YYYY-MM-DD  date for sade sati (default today, UTC)\n"
          "  --json              print the API's JSON (every section) instead of the table\n"
          "  --help              this text\n"
          "\n"
          "Exit status: 0 on success, 2 on a bad argument or birth.\n",
          f);
}

static void print_pos(const char *name, const struct zodiac_pos *p)
{
    int d, m;
    double s;
    zodiac_dms(p->degree, &d, &m, &s);
    printf("%-9s %-11s %2d\xC2\xB0%02d'%05.2f\"  %-17s %d", name, sign_name(p->sign), d, m, s,
           nakshatra_name(p->nakshatra), p->pada);
}

static void print_varga(const struct kundli *k, int v)
{
    const struct varga_chart *vc = &k->vargas.charts[v];
    printf("\n%s (%d parts)\n", varga_name(v), varga_division(v));
    printf("  %-9s %-11s %6.2f\n", "Lagna", sign_name(vc->ascendant.sign), vc->ascendant.degree);
    for (int g = 0; g < k->chart.ngrahas; g++)
        printf("  %-9s %-11s %6.2f\n", graha_name(g), sign_name(vc->grahas[g].sign),
               vc->grahas[g].degree);
}

static void print_period(const char *indent, const struct dasha_period *p, double offset)
{
    char start[32], end[32];
    int off = (int)lround(offset);
    civil_format_iso(p->start, &off, start);
    civil_format_iso(p->end, &off, end);
    start[16] = end[16] = '\0'; /* to the minute */
    printf("%s%-8s %s  %s\n", indent, graha_name(p->lord), start, end);
}

static void print_dasha(const struct kundli *k)
{
    const struct dasha_vimshottari *v = &k->dasha.vimshottari;
    double off = k->chart.tz.offset;
    printf("\nVimshottari dasha (balance at birth: %s %dy%dm%dd; times in the birth zone)\n",
           graha_name(v->balance.lord), v->balance.y, v->balance.m, v->balance.d);
    for (int i = 0; i < v->nmaha; i++) {
        print_period("  ", &v->maha[i], off);
        for (int j = 0; v->levels >= 2 && j < 9; j++) {
            print_period("    ", &v->antar[i][j], off);
            for (int l = 0; v->levels >= 3 && l < 9; l++)
                print_period("      ", &v->pratyantar[i][j][l], off);
        }
    }
}

static void print_panchang(const struct panchang *p)
{
    printf("\nPanchang  %s, tithi %d %s, nakshatra %s %d, yoga %s, karana %s\n",
           panchang_vara_name(p->vara), p->tithi, panchang_tithi_name(p->tithi),
           nakshatra_name(p->nakshatra - 1), p->pada, panchang_yoga_name(p->yoga),
           panchang_karana_name(p->karana));
}

static void print_table(const struct chart *c)
{
    char ut[32], off[16];
    civil_format_iso(c->tz.ut, NULL, ut);
    civil_format_offset((int)lround(c->tz.offset), off);
    printf("Birth    %04d-%02d-%02d %02d:%02d:%02d %s (%s %s)  lat %.4f lon %.4f\n",
           c->birth.local.year, c->birth.local.month, c->birth.local.day, c->birth.local.hour,
           c->birth.local.minute, c->birth.local.second, c->zone_name, c->tz.abbrev, off,
           c->birth.latitude, c->birth.longitude);
    printf("UT       %s  JD %.6f  delta T %.1f s\n", ut, c->jd_ut, c->delta_t);
    printf("Settings ayanamsa %s %.6f\xC2\xB0, node %s, houses %s%s, ephemeris %s\n\n",
           eph_ayanamsa_name(c->options.ayanamsa), c->ayanamsa_value, node_name(c->options.node),
           house_system_name(c->house_system_used), c->house_fallback ? " (fallback)" : "",
           c->ephemeris == EPH_SWISS ? "swiss" : "moshier");
    printf("%-9s %-11s %-13s %-17s %s  %-5s %-5s %-13s %-4s %s\n", "Body", "Sign", "Degree",
           "Nakshatra", "Pada", "House", "Bhava", "Dignity", "Flag", "Karaka");
    print_pos("Lagna", &c->ascendant);
    printf("     1\n");
    for (int g = 0; g < c->ngrahas; g++) {
        const struct graha_pos *gp = &c->grahas[g];
        char flags[4] = "";
        size_t n = 0;
        if (gp->retrograde && g != GRAHA_RAHU && g != GRAHA_KETU)
            flags[n++] = 'R';
        if (gp->combust)
            flags[n++] = 'C';
        flags[n] = '\0';
        print_pos(graha_name(g), &gp->pos);
        printf("     %-5d %-5d %-13s %-4s %s\n", gp->house, gp->bhava, dignity_name(gp->dignity),
               flags, gp->karaka == KARAKA_NONE ? "" : karaka_name(gp->karaka));
    }
    printf("\n%-5s %-11s %-8s %-13s %s\n", "House", "Sign", "Lord", "Cusp", "Occupants");
    for (int h = 0; h < 12; h++) {
        const struct house *hs = &c->houses[h];
        int d, m;
        double s;
        zodiac_dms(hs->cusp - 30.0 * zodiac_part(hs->cusp, 30.0), &d, &m, &s);
        printf("%-5d %-11s %-8s %2d\xC2\xB0%02d'%05.2f\"  ", h + 1, sign_name(hs->sign),
               graha_name(sign_lord(hs->sign)), d, m, s);
        for (int g = 0; g < c->ngrahas; g++)
            if (hs->occupants & (1u << g))
                printf("%s ", graha_name(g));
        printf("\n");
    }
}

/* Parses "D9,D10" into bits of enum varga. */
static int parse_vargas(const char *s, unsigned *out)
{
    char buf[128];
    if (strlen(s) >= sizeof buf)
        return -1;
    memcpy(buf, s, strlen(s) + 1);
    *out = 0;
    for (char *p = buf, *comma; p; p = comma ? comma + 1 : NULL) {
        comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        int v = varga_find(p);
        if (v < 0)
            return -1;
        *out |= 1u << v;
    }
    return 0;
}

int cmd_chart(const struct context *ctx, int argc, char **argv)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    bool json = false, show_dasha = false;
    unsigned show_vargas = 0;

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
        if (strcmp(argv[i], "--vargas") == 0) {
            const char *v = args_value(argc, argv, &i);
            if (!v || parse_vargas(v, &show_vargas)) {
                fprintf(stderr, "kundli chart: --vargas takes a list like D9,D10 (D1 D2 D3 D4 "
                                "D7 D9 D10 D12 D16 D20 D24 D27 D30 D40 D45 D60)\n");
                return EXIT_USAGE;
            }
            continue;
        }
        show_dasha |= strcmp(argv[i], "--dasha") == 0;
        int rc = args_birth_flag(argc, argv, &i, &b, &o, &err);
        if (rc < 0)
            return args_fail(&err);
        if (rc == 0) {
            fprintf(stderr, "kundli chart: unknown option '%s' (try --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (show_vargas)
        o.sections |= SECTION_VARGAS;
    if (show_dasha)
        o.sections |= SECTION_DASHA;
    options_default_as_of(&o, (double)time(NULL));
    struct kundli *k = xmalloc(sizeof *k);
    int rc = 0;
    if (birth_check_complete(&b, &err) || kundli_compute(ctx, &b, &o, k, NULL, &err)) {
        rc = args_fail(&err);
    } else if (json) {
        struct jsonw w;
        jw_init(&w, 16u << 20);
        kundli_json_write(&w, k, SECTIONS_ALL);
        rc = args_print_json(&w);
    } else {
        print_table(&k->chart);
        if (o.sections & SECTION_PANCHANG)
            print_panchang(&k->panchang);
        for (int v = 0; v < VARGA_COUNT; v++)
            if (show_vargas & (1u << v))
                print_varga(k, v);
        if (show_dasha)
            print_dasha(k);
    }
    free(k);
    return rc;
}
