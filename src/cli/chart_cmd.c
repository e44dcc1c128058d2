/* chart_cmd.c - `kundli chart`: one birth chart as a readable table or as
 * the API's JSON.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "cli/args.h"
#include "cli/commands.h"

#include "engine/chart.h"
#include "engine/dignity.h"
#include "engine/eph.h"
#include "engine/karaka.h"
#include "output/chart_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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
          "                      ashtakavarga,doshas,yogas,svg (default all but svg)\n"
          "  --json              print the API's JSON instead of the table\n"
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

int cmd_chart(int argc, char **argv)
{
    struct birth b;
    struct chart_options o;
    struct error err;
    struct chart c;
    bool json = false;

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
        int rc = args_birth_flag(argc, argv, &i, &b, &o, &err);
        if (rc < 0)
            return args_fail(&err);
        if (rc == 0) {
            fprintf(stderr, "kundli chart: unknown option '%s' (try --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (birth_check_complete(&b, &err) || chart_compute(&b, &o, &c, NULL, &err))
        return args_fail(&err);
    if (json) {
        struct jsonw w;
        jw_init(&w, 1u << 20);
        chart_json_write(&w, &c);
        fwrite(w.buf, 1, w.len, stdout);
        fputc('\n', stdout);
        jw_free(&w);
    } else {
        print_table(&c);
    }
    return 0;
}
