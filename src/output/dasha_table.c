/* dasha_table.c - the dasha systems as indented lists of periods with their
 * start and end, the running ones marked (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

/* What a period's lord is. */
enum lord_kind { LORD_GRAHA, LORD_YOGINI, LORD_SIGN };

/* The lord's name in the chart's language (table_name). */
static const char *lord_name(const struct kundli *k, int lord, enum lord_kind kind)
{
    return table_name(k,
                      kind == LORD_SIGN     ? LANG_KIND_SIGN
                      : kind == LORD_YOGINI ? LANG_KIND_YOGINI
                                            : LANG_KIND_GRAHA,
                      lord);
}

/* Prints the lord's name padded to its column; a yogini with its graha. */
static void put_lord(FILE *f, const struct kundli *k, int lord, enum lord_kind kind)
{
    if (kind == LORD_YOGINI) {
        table_put(f, lord_name(k, lord, kind), 8);
        fputc(' ', f);
        table_put(f, table_name(k, LANG_KIND_GRAHA, dasha_yogini_lord(lord)), 7);
    } else {
        table_put(f, lord_name(k, lord, kind), kind == LORD_SIGN ? 11 : 7);
    }
}

/* One period: its lord, start and end, and whether it is running. */
static void print_period(FILE *f, int depth, const struct dasha_period *p, enum lord_kind kind,
                         const struct kundli *k, bool running)
{
    char start[32], end[32];
    table_format_time(p->start, &k->chart, start);
    table_format_time(p->end, &k->chart, end);
    fprintf(f, "%*s", 2 + 2 * depth, "");
    put_lord(f, k, p->lord, kind);
    fprintf(f, "  %s  %s%s\n", start, end, running ? "  <- running" : "");
}

/* Whether p is the running period of its level (0 maha, 1 antar, ...). */
static bool is_running(const struct dasha_current *cur, int level, const struct dasha_period *p)
{
    return cur->found && level < cur->levels && level < DASHA_LEVELS_MAX &&
           cur->period[level].start == p->start && cur->period[level].end == p->end;
}

/* "  running on DAY: A / B / C (maha / antar / pratyantar)" */
static void print_running(FILE *f, const struct kundli *k, const struct dasha_current *cur,
                          enum lord_kind kind)
{
    static const char *const names[DASHA_LEVELS_MAX] = {"maha", "antar", "pratyantar"};
    if (!cur->found)
        return;
    char as_of[32];
    civil_format_iso(cur->at, NULL, as_of);
    as_of[10] = '\0'; /* the day */
    fprintf(f, "  running on %s: ", as_of);
    for (int l = 0; l < cur->levels; l++) {
        fprintf(f, "%s%s", l ? " / " : "", lord_name(k, cur->period[l].lord, kind));
    }
    fprintf(f, " (");
    for (int l = 0; l < cur->levels; l++)
        fprintf(f, "%s%s", l ? " / " : "", names[l]);
    fprintf(f, ")\n");
}

static void print_vimshottari(FILE *f, const struct dasha_vimshottari *v, const struct kundli *k)
{
    const struct dasha_current *cur = &v->current;
    fprintf(f, "\nVimshottari dasha (balance at birth: %s %dy%dm%dd; times in the birth zone)\n",
            table_name(k, LANG_KIND_GRAHA, v->balance.lord), v->balance.y, v->balance.m,
            v->balance.d);
    print_running(f, k, cur, LORD_GRAHA);
    for (int i = 0; i < v->nmaha; i++) {
        print_period(f, 0, &v->maha[i], LORD_GRAHA, k, is_running(cur, 0, &v->maha[i]));
        for (int j = 0; v->levels >= 2 && j < 9; j++) {
            print_period(f, 1, &v->antar[i][j], LORD_GRAHA, k, is_running(cur, 1, &v->antar[i][j]));
            for (int l = 0; v->levels >= 3 && l < 9; l++)
                print_period(f, 2, &v->pratyantar[i][j][l], LORD_GRAHA, k,
                             is_running(cur, 2, &v->pratyantar[i][j][l]));
        }
    }
}

static void print_yogini(FILE *f, const struct dasha_yogini *y, const struct kundli *k)
{
    const struct dasha_current *cur = &y->current;
    fprintf(f, "\nYogini dasha (balance at birth: %s %dy%dm%dd; times in the birth zone)\n",
            table_name(k, LANG_KIND_YOGINI, y->balance.lord), y->balance.y, y->balance.m,
            y->balance.d);
    print_running(f, k, cur, LORD_YOGINI);
    for (int i = 0; i < y->nmaha; i++) {
        print_period(f, 0, &y->maha[i], LORD_YOGINI, k, is_running(cur, 0, &y->maha[i]));
        for (int j = 0; y->levels >= 2 && j < YOGINI_COUNT; j++)
            print_period(f, 1, &y->antar[i][j], LORD_YOGINI, k,
                         is_running(cur, 1, &y->antar[i][j]));
    }
}

static void print_ashtottari_subs(FILE *f, const struct dasha_period *p, int level, int levels,
                                  const struct dasha_current *cur, const struct kundli *k)
{
    struct dasha_period sub[DASHA_ASHTOTTARI_LORDS];
    dasha_ashtottari_sub(p, sub);
    for (int j = 0; j < DASHA_ASHTOTTARI_LORDS; j++) {
        print_period(f, level, &sub[j], LORD_GRAHA, k, is_running(cur, level, &sub[j]));
        if (level + 1 < levels)
            print_ashtottari_subs(f, &sub[j], level + 1, levels, cur, k);
    }
}

static void print_ashtottari(FILE *f, const struct dasha_ashtottari *a, const struct kundli *k)
{
    const struct dasha_ashtottari_check *ap = &a->applicability;
    const struct dasha_current *cur = &a->current;
    fprintf(f, "\nAshtottari dasha (balance at birth: %s %dy%dm%dd; times in the birth zone)\n",
            table_name(k, LANG_KIND_GRAHA, a->balance.lord), a->balance.y, a->balance.m,
            a->balance.d);
    fprintf(f,
            "  applicable: %s by the %s rule (Rahu %d from the lagna lord %s%s; "
            "%s paksha, born by %s)\n",
            ap->applicable ? "yes" : "no", ashtottari_rule_name(ap->rule), ap->rahu_from_lord,
            table_name(k, LANG_KIND_GRAHA, ap->lagna_lord),
            ap->rahu_house == 1 ? ", in the lagna" : "", ap->krishna ? "Krishna" : "Shukla",
            ap->day ? "day" : "night");
    print_running(f, k, cur, LORD_GRAHA);
    for (int i = 0; i < a->nmaha; i++) {
        print_period(f, 0, &a->maha[i], LORD_GRAHA, k, is_running(cur, 0, &a->maha[i]));
        if (a->levels >= 2)
            print_ashtottari_subs(f, &a->maha[i], 1, a->levels, cur, k);
    }
}

static void print_chara(FILE *f, const struct dasha_chara *ch, const struct kundli *k)
{
    const struct dasha_current *cur = &ch->current;
    fprintf(f, "\nChara dasha (%s; from %s, %s; times in the birth zone)\n",
            ch->method == CHARA_METHOD_PVR ? "P.V.R. Narasimha Rao's years" : "K.N. Rao",
            table_name(k, LANG_KIND_SIGN, ch->lagna), ch->zodiacal ? "zodiacal" : "reverse");
    print_running(f, k, cur, LORD_SIGN);
    for (int i = 0; i < ch->nmaha; i++) {
        print_period(f, 0, &ch->maha[i], LORD_SIGN, k, is_running(cur, 0, &ch->maha[i]));
        if (ch->levels < 2)
            continue;
        struct dasha_period sub[12];
        dasha_chara_sub(&ch->maha[i], sub);
        for (int j = 0; j < 12; j++)
            print_period(f, 1, &sub[j], LORD_SIGN, k, is_running(cur, 1, &sub[j]));
    }
}

static void print_kalachakra(FILE *f, const struct dasha_kalachakra *kc, const struct kundli *k)
{
    const struct dasha_current *cur = &kc->current;
    fprintf(f,
            "\nKalachakra dasha (%s pada %d, %s, %s group; paramayu %d, deha %s, jeeva %s; "
            "balance at birth: %s %dy%dm%dd)\n",
            table_name(k, LANG_KIND_NAKSHATRA, kc->balance.nakshatra), kc->pada,
            kc->savya ? "savya" : "apasavya", dasha_kalachakra_group_name(kc->group), kc->paramayu,
            table_name(k, LANG_KIND_SIGN, kc->deha), table_name(k, LANG_KIND_SIGN, kc->jeeva),
            table_name(k, LANG_KIND_SIGN, kc->balance.lord), kc->balance.y, kc->balance.m,
            kc->balance.d);
    print_running(f, k, cur, LORD_SIGN);
    for (int i = 0; i < kc->nmaha; i++) {
        print_period(f, 0, &kc->maha[i], LORD_SIGN, k, is_running(cur, 0, &kc->maha[i]));
        if (kc->levels < 2)
            continue;
        struct dasha_period sub[9];
        dasha_kalachakra_sub(kc, i, sub);
        for (int j = 0; j < 9; j++)
            print_period(f, 1, &sub[j], LORD_SIGN, k, is_running(cur, 1, &sub[j]));
    }
}

void dasha_table_write(FILE *f, const struct kundli *k)
{
    if (!(k->chart.options.sections & SECTION_DASHA))
        return;
    unsigned systems = k->dasha.systems;
    if (systems & DASHA_SYSTEM_VIMSHOTTARI)
        print_vimshottari(f, &k->dasha.vimshottari, k);
    if (systems & DASHA_SYSTEM_YOGINI)
        print_yogini(f, &k->dasha.yogini, k);
    if (systems & DASHA_SYSTEM_ASHTOTTARI)
        print_ashtottari(f, &k->dasha.ashtottari, k);
    if (systems & DASHA_SYSTEM_CHARA)
        print_chara(f, &k->dasha.chara, k);
    if (systems & DASHA_SYSTEM_KALACHAKRA)
        print_kalachakra(f, &k->dasha.kalachakra, k);
}
