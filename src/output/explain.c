/* explain.c - swetest command lines that reproduce a chart (see
 * explain.h). The flags are those of swetest 2.10 (`swetest -h`): -b date
 * (day.month.year, Gregorian from 1582-10-15, "greg" appended before),
 * -ut time (UT1), -p bodies (0-9 Sun..Pluto in swetest's order, m/t the
 * mean/true node, b the ayanamsa, q delta T), -sidN the sidereal mode,
 * -true geometric positions (SEFLG_TRUEPOS), -topoLON,LAT,ALT the observer,
 * -speed the speeds, -houseLON,LAT,HSYS the cusps; -fPlbs -g, -head -ep
 * print name, longitude, latitude and speed, comma-separated, without a
 * header, with 11 decimals.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/explain.h"

#include "engine/civil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The first day of the Gregorian calendar, 1582-10-15, as JD UT of its
 * midnight: swetest reads earlier dates as Julian unless told "greg". */
#define JD_GREGORIAN 2299160.5

/* "-b7.12.1996 -ut05:04:00" (fractional seconds when the instant has them,
 * as LMT births do). */
static int when(const struct chart *c, char *out, size_t cap)
{
    double ut = c->tz.ut;
    double day = floor(ut / 86400.0);
    double secs = ut - day * 86400.0;
    struct civil d;
    civil_from_seconds((int64_t)day * 86400, &d);
    int h = (int)(secs / 3600.0), m = (int)(fmod(secs, 3600.0) / 60.0);
    double s = secs - h * 3600.0 - m * 60.0;
    const char *greg = c->jd_ut < JD_GREGORIAN ? "greg" : "";
    if (s == floor(s))
        return snprintf(out, cap, "-b%d.%d.%d%s -ut%02d:%02d:%02d", d.day, d.month, d.year, greg, h,
                        m, (int)s);
    return snprintf(out, cap, "-b%d.%d.%d%s -ut%02d:%02d:%09.6f", d.day, d.month, d.year, greg, h,
                    m, s);
}

int explain_swetest(const struct chart *c, char lines[][EXPLAIN_LINE_MAX])
{
    const struct chart_options *o = &c->options;
    const struct birth *b = &c->birth;
    char date[80], frame[96] = "";
    when(c, date, sizeof date);
    if (o->true_positions)
        strcat(frame, " -true");
    if (o->topocentric) {
        size_t n = strlen(frame);
        snprintf(frame + n, sizeof frame - n, " -topo%.6f,%.6f,%.1f", b->longitude, b->latitude,
                 b->altitude);
    }
    snprintf(lines[0], EXPLAIN_LINE_MAX,
             "swetest %s -p0123456%s%cbq -sid%d%s -speed -fPlbs -g, "
             "-head -ep",
             date, c->ngrahas > GRAHA_CLASSICAL ? "789" : "", o->node == NODE_TRUE ? 't' : 'm',
             o->ayanamsa, frame);
    snprintf(lines[1], EXPLAIN_LINE_MAX,
             "swetest %s -p -house%.6f,%.6f,%c -sid%d -fPl -g, -head "
             "-ep",
             date, b->longitude, b->latitude, chart_house_letter(c->house_system_used),
             o->ayanamsa);
    return EXPLAIN_COMMANDS;
}

/* The notes, in order; %s-free so that they can be written as they are. */
static int notes(const struct chart *c, const char *out[8])
{
    int n = 0;
    out[n++] = "The first command prints one line per body: name, sidereal longitude, "
               "latitude (degrees) and speed (degrees/day), in swetest's order (Sun, Moon, "
               "Mercury, Venus, Mars, Jupiter, Saturn[, Uranus, Neptune, Pluto], then the "
               "node); then the ayanamsa (degrees, settings.ayanamsa_value) and delta T "
               "(seconds, input.delta_t).";
    out[n++] = c->options.node == NODE_TRUE
                   ? "Rahu is the true node; Ketu is Rahu + 180 degrees, its latitude "
                     "negated (swetest has no line for it)."
                   : "Rahu is the mean node; Ketu is Rahu + 180 degrees, its latitude "
                     "negated (swetest has no line for it).";
    out[n++] = "The second prints the twelve house cusps (houses[].cusp), then the "
               "Ascendant (ascendant.longitude) and MC (mc.longitude); the lines after "
               "them (ARMC, Vertex, ...) are not in the chart.";
    if (c->options.topocentric && c->options.true_positions)
        out[n++] = "Topocentric true positions: swetest computes at TT (swe_calc), the chart "
                   "at UT (swe_calc_ut), and on these two paths libswe's speeds differ (the "
                   "Moon's by up to ~7 arcseconds a day, the true node's ~20); the positions "
                   "are the same.";
    if (c->house_fallback)
        out[n++] = "The house system asked for is undefined at this latitude: the chart, "
                   "like libswe, uses Porphyry (O), which the command names.";
    out[n++] = "-b and -ut are the birth's UT date and time; swetest reads the ephemeris "
               "files from its default directory (add -edirDIR for others).";
    return n;
}

void explain_json_write(struct jsonw *w, const struct chart *c)
{
    char lines[EXPLAIN_COMMANDS][EXPLAIN_LINE_MAX];
    const char *text[8];
    int n = explain_swetest(c, lines);
    jw_obj(w);
    jw_key(w, "swetest");
    jw_arr(w);
    for (int i = 0; i < n; i++)
        jw_str(w, lines[i]);
    jw_arr_end(w);
    jw_key(w, "notes");
    jw_arr(w);
    n = notes(c, text);
    for (int i = 0; i < n; i++)
        jw_str(w, text[i]);
    jw_arr_end(w);
    jw_obj_end(w);
}

void explain_text_write(FILE *f, const struct chart *c)
{
    char lines[EXPLAIN_COMMANDS][EXPLAIN_LINE_MAX];
    const char *text[8];
    int n = explain_swetest(c, lines);
    fprintf(f, "\nReproduce with swetest\n");
    for (int i = 0; i < n; i++)
        fprintf(f, "  %s\n", lines[i]);
    n = notes(c, text);
    for (int i = 0; i < n; i++)
        fprintf(f, "  - %s\n", text[i]);
}
