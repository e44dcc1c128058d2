/* dasha_table.c - the Vimshottari and Yogini dashas as indented lists of
 * periods with their start and end (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

/* One period: its lord (and yogini), start and end. yogini: p->lord is an
 * enum yogini, else an enum graha. */
static void print_period(FILE *f, const char *indent, const struct dasha_period *p,
                         const struct chart *c, bool yogini, bool running)
{
    char start[32], end[32];
    table_format_time(p->start, c, start);
    table_format_time(p->end, c, end);
    if (yogini)
        fprintf(f, "%s%-8s %-8s %s  %s\n", indent, dasha_yogini_name(p->lord),
                graha_name(dasha_yogini_lord(p->lord)), start, end);
    else
        fprintf(f, "%s%-8s %s  %s%s\n", indent, graha_name(p->lord), start, end,
                running ? "  <- running" : "");
}

static void print_vimshottari(FILE *f, const struct dasha_vimshottari *v, const struct chart *c)
{
    fprintf(f, "\nVimshottari dasha (balance at birth: %s %dy%dm%dd; times in the birth zone)\n",
            graha_name(v->balance.lord), v->balance.y, v->balance.m, v->balance.d);
    const struct dasha_current *cur = &v->current;
    if (cur->found) {
        char as_of[32];
        civil_format_iso(cur->at, NULL, as_of);
        as_of[10] = '\0'; /* the day */
        fprintf(f, "  running on %s: %s / %s / %s (maha / antar / pratyantar)\n", as_of,
                graha_name(cur->period[0].lord), graha_name(cur->period[1].lord),
                graha_name(cur->period[2].lord));
    }
    /* A period is marked running when it is the current one at its level. */
#define RUNNING(level, p) (cur->found && cur->period[level].start == (p)->start)
    for (int i = 0; i < v->nmaha; i++) {
        print_period(f, "  ", &v->maha[i], c, false, RUNNING(0, &v->maha[i]));
        for (int j = 0; v->levels >= 2 && j < 9; j++) {
            print_period(f, "    ", &v->antar[i][j], c, false, RUNNING(1, &v->antar[i][j]));
            for (int l = 0; v->levels >= 3 && l < 9; l++)
                print_period(f, "      ", &v->pratyantar[i][j][l], c, false,
                             RUNNING(2, &v->pratyantar[i][j][l]));
        }
    }
#undef RUNNING
}

static void print_yogini(FILE *f, const struct dasha_yogini *y, const struct chart *c)
{
    fprintf(f, "\nYogini dasha (balance at birth: %s %dy%dm%dd; times in the birth zone)\n",
            dasha_yogini_name(y->balance.lord), y->balance.y, y->balance.m, y->balance.d);
    for (int i = 0; i < y->nmaha; i++) {
        print_period(f, "  ", &y->maha[i], c, true, false);
        for (int j = 0; y->levels >= 2 && j < YOGINI_COUNT; j++)
            print_period(f, "    ", &y->antar[i][j], c, true, false);
    }
}

void dasha_table_write(FILE *f, const struct kundli *k)
{
    if (!(k->chart.options.sections & SECTION_DASHA))
        return;
    print_vimshottari(f, &k->dasha.vimshottari, &k->chart);
    print_yogini(f, &k->dasha.yogini, &k->chart);
}
