/* dasha_json.c - serialises struct dasha with the streaming writer; local
 * times use the offset of the birth zone in force at each instant.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/dasha_json.h"

#include "output/display_json.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

/* What a period's lord is. */
enum lord_kind { LORD_GRAHA, LORD_YOGINI, LORD_SIGN };

/* An instant already formatted. A period's start is its parent's start or
 * the previous period's end, so the last two instants cover most lookups. */
struct formatted {
    double ut;
    char iso[32];
    char local[32];
};

struct out {
    struct jsonw *w;
    const struct tz_zone *zone; /* NULL: no local times */
    double longitude;           /* for LMT */
    double year_secs;
    enum lord_kind kind;
    int lang; /* enum lang of the display fields */
    struct formatted cache[2];
    int next; /* cache slot to replace */
};

static const struct formatted *format_instant(struct out *o, double ut)
{
    for (int i = 0; i < 2; i++)
        if (o->cache[i].ut == ut) {
            o->next = i ^ 1; /* keep the entry just used */
            return &o->cache[i];
        }
    struct formatted *f = &o->cache[o->next];
    o->next ^= 1;
    f->ut = ut;
    civil_format_iso(ut, NULL, f->iso);
    f->local[0] = '\0';
    if (o->zone) {
        struct tz_conv conv;
        tz_ut_to_local(o->zone, ut, o->longitude, &conv);
        int offset = (int)lround(conv.offset);
        civil_format_iso(ut, &offset, f->local);
    }
    return f;
}

static void write_instants(struct out *o, double start, double end)
{
    const struct formatted *s = format_instant(o, start);
    const struct formatted *e = format_instant(o, end);
    jw_kstr(o->w, "start", s->iso);
    jw_kstr(o->w, "end", e->iso);
    if (!o->zone)
        return;
    jw_kstr(o->w, "start_local", s->local);
    jw_kstr(o->w, "end_local", e->local);
}

static void write_lord(struct out *o, int lord)
{
    switch (o->kind) {
    case LORD_YOGINI: {
        int graha = dasha_yogini_lord(lord);
        jw_kstr(o->w, "yogini", dasha_yogini_name(lord));
        display_json_write(o->w, "yogini_display", o->lang, LANG_KIND_YOGINI, lord);
        jw_kstr(o->w, "lord", graha_name(graha));
        display_json_write(o->w, "lord_display", o->lang, LANG_KIND_GRAHA, graha);
        break;
    }
    case LORD_SIGN:
        jw_kstr(o->w, "sign", sign_name(lord));
        display_json_write(o->w, "sign_display", o->lang, LANG_KIND_SIGN, lord);
        break;
    default:
        jw_kstr(o->w, "lord", graha_name(lord));
        display_json_write(o->w, "lord_display", o->lang, LANG_KIND_GRAHA, lord);
    }
}

/* Opens a period object and writes its fields; the caller closes it. */
static void open_period(struct out *o, const struct dasha_period *p, int level)
{
    jw_obj(o->w);
    write_lord(o, p->lord);
    jw_kint(o->w, "level", level);
    jw_kfixed(o->w, "years", (p->end - p->start) / o->year_secs, 6);
    write_instants(o, p->start, p->end);
}

static void write_period(struct out *o, const struct dasha_period *p, int level)
{
    open_period(o, p, level);
    jw_obj_end(o->w);
}

/* Opens the "periods" array of a period's n sub-periods and writes them
 * without sub-periods of their own. */
static void write_subs(struct out *o, const struct dasha_period *sub, int n, int level)
{
    jw_key(o->w, "periods");
    jw_arr(o->w);
    for (int j = 0; j < n; j++)
        write_period(o, &sub[j], level);
    jw_arr_end(o->w);
}

static void write_balance(struct out *o, const struct dasha_balance *b)
{
    char ymd[48];
    jw_key(o->w, "balance");
    jw_obj(o->w);
    write_lord(o, b->lord);
    jw_kstr(o->w, "nakshatra", nakshatra_name(b->nakshatra));
    display_json_write(o->w, "nakshatra_display", o->lang, LANG_KIND_NAKSHATRA, b->nakshatra);
    jw_kfixed(o->w, "nakshatra_elapsed", b->elapsed, 8);
    jw_kfixed(o->w, "years", b->years, 8);
    jw_kfixed(o->w, "days", b->days, 4);
    snprintf(ymd, sizeof ymd, "%dy%dm%dd", b->y, b->m, b->d);
    jw_kstr(o->w, "ymd", ymd);
    jw_obj_end(o->w);
}

static void write_header(struct out *o, const char *system, double year_days, int levels)
{
    jw_kstr(o->w, "system", system);
    jw_kfixed(o->w, "year_days", year_days, 6);
    jw_kint(o->w, "levels", levels);
}

/* "current": the periods running at as_of, at every level the system has
 * (maha, antar and, for Vimshottari and Ashtottari, pratyantar), or null. */
static void write_current(struct out *o, const struct dasha_current *cur)
{
    static const char *const names[DASHA_LEVELS_MAX] = {"maha", "antar", "pratyantar"};
    jw_key(o->w, "current");
    if (!cur->found) {
        jw_null(o->w);
        return;
    }
    char as_of[32];
    civil_format_iso(cur->at, NULL, as_of);
    jw_obj(o->w);
    jw_kstr(o->w, "as_of", as_of);
    for (int level = 0; level < cur->levels && level < DASHA_LEVELS_MAX; level++) {
        jw_key(o->w, names[level]);
        write_period(o, &cur->period[level], level + 1);
    }
    jw_obj_end(o->w);
}

static void write_vimshottari(struct out *o, const struct dasha_vimshottari *v)
{
    write_current(o, &v->current);
    jw_key(o->w, "periods");
    jw_arr(o->w);
    for (int i = 0; i < v->nmaha; i++) {
        open_period(o, &v->maha[i], 1);
        if (v->levels >= 2) {
            jw_key(o->w, "periods");
            jw_arr(o->w);
            for (int j = 0; j < 9; j++) {
                open_period(o, &v->antar[i][j], 2);
                if (v->levels >= 3)
                    write_subs(o, v->pratyantar[i][j], 9, 3);
                jw_obj_end(o->w);
            }
            jw_arr_end(o->w);
        }
        jw_obj_end(o->w);
    }
    jw_arr_end(o->w);
}

static void write_yogini(struct out *o, const struct dasha_yogini *y)
{
    write_current(o, &y->current);
    jw_key(o->w, "periods");
    jw_arr(o->w);
    for (int i = 0; i < y->nmaha; i++) {
        open_period(o, &y->maha[i], 1);
        if (y->levels >= 2)
            write_subs(o, y->antar[i], YOGINI_COUNT, 2);
        jw_obj_end(o->w);
    }
    jw_arr_end(o->w);
}

static const char *ordinal(int n)
{
    static const char *const s[13] = {"",    "1st", "2nd", "3rd",  "4th",  "5th", "6th",
                                      "7th", "8th", "9th", "10th", "11th", "12th"};
    return n >= 1 && n <= 12 ? s[n] : "?";
}

/* The applicability of Ashtottari dasha: the verdict of the chosen rule, in
 * words why, and both rules' verdicts with the facts they rest on. */
static void write_applicability(struct out *o, const struct dasha_ashtottari_check *a,
                                const struct chart *c)
{
    char reason[200];
    int lord_sign = c->grahas[a->lagna_lord].pos.sign;
    int rahu_sign = c->grahas[GRAHA_RAHU].pos.sign;
    const char *paksha = a->krishna ? "Krishna" : "Shukla";
    const char *when = a->day ? "by day" : "by night";
    if (a->rule == ASHTOTTARI_RULE_PAKSHA) {
        snprintf(reason, sizeof reason, "born in %s paksha %s: %s", paksha, when,
                 a->by_paksha ? "applies (Krishna paksha by day or Shukla paksha by night)"
                              : "does not apply (it needs Krishna paksha by day or Shukla "
                                "paksha by night)");
    } else if (a->rahu_house == 1) {
        snprintf(reason, sizeof reason, "Rahu in %s is in the lagna: does not apply",
                 sign_name(rahu_sign));
    } else {
        int f = a->rahu_from_lord;
        bool kendra = f == 1 || f == 4 || f == 7 || f == 10, trikona = f == 1 || f == 5 || f == 9;
        snprintf(reason, sizeof reason,
                 "Rahu in %s is %s from the lagna lord %s in %s%s, and not in the lagna: %s",
                 sign_name(rahu_sign), ordinal(f), graha_name(a->lagna_lord), sign_name(lord_sign),
                 kendra && trikona ? ", a kendra and a trikona"
                 : kendra          ? ", a kendra"
                 : trikona         ? ", a trikona"
                                   : ", neither a kendra nor a trikona",
                 a->by_rahu ? "applies" : "does not apply");
    }
    jw_key(o->w, "applicability");
    jw_obj(o->w);
    jw_kbool(o->w, "applicable", a->applicable);
    jw_kstr(o->w, "rule", ashtottari_rule_name(a->rule));
    jw_kstr(o->w, "reason", reason);
    jw_kbool(o->w, "by_rahu", a->by_rahu);
    jw_kbool(o->w, "by_paksha", a->by_paksha);
    jw_kstr(o->w, "lagna_lord", graha_name(a->lagna_lord));
    display_json_write(o->w, "lagna_lord_display", o->lang, LANG_KIND_GRAHA, a->lagna_lord);
    jw_kint(o->w, "rahu_from_lagna_lord", a->rahu_from_lord);
    jw_kint(o->w, "rahu_house", a->rahu_house);
    jw_kstr(o->w, "paksha", a->krishna ? "krishna" : "shukla");
    jw_kbool(o->w, "day", a->day);
    jw_obj_end(o->w);
}

/* Ashtottari sub-periods of p from level `level` + 1 down to `levels`. */
static void write_ashtottari_subs(struct out *o, const struct dasha_period *p, int level,
                                  int levels)
{
    struct dasha_period sub[DASHA_ASHTOTTARI_LORDS];
    dasha_ashtottari_sub(p, sub);
    jw_key(o->w, "periods");
    jw_arr(o->w);
    for (int j = 0; j < DASHA_ASHTOTTARI_LORDS; j++) {
        open_period(o, &sub[j], level + 1);
        if (level + 1 < levels)
            write_ashtottari_subs(o, &sub[j], level + 1, levels);
        jw_obj_end(o->w);
    }
    jw_arr_end(o->w);
}

static void write_ashtottari(struct out *o, const struct dasha_ashtottari *a, double year_days,
                             const struct chart *c)
{
    jw_key(o->w, "ashtottari");
    jw_obj(o->w);
    write_header(o, "ashtottari", year_days, a->levels);
    write_applicability(o, &a->applicability, c);
    write_balance(o, &a->balance);
    jw_kfixed(o->w, "group_elapsed", a->group_elapsed, 8);
    write_current(o, &a->current);
    jw_key(o->w, "periods");
    jw_arr(o->w);
    for (int i = 0; i < a->nmaha; i++) {
        open_period(o, &a->maha[i], 1);
        if (a->levels >= 2)
            write_ashtottari_subs(o, &a->maha[i], 1, a->levels);
        jw_obj_end(o->w);
    }
    jw_arr_end(o->w);
    jw_obj_end(o->w);
}

static void write_chara(struct out *o, const struct dasha_chara *ch, double year_days)
{
    jw_key(o->w, "chara");
    jw_obj(o->w);
    write_header(o, "chara", year_days, ch->levels);
    jw_kstr(o->w, "method", chara_method_name(ch->method));
    jw_kstr(o->w, "lagna", sign_name(ch->lagna));
    display_json_write(o->w, "lagna_display", o->lang, LANG_KIND_SIGN, ch->lagna);
    jw_kstr(o->w, "direction", ch->zodiacal ? "zodiacal" : "reverse");
    jw_key(o->w, "sign_years");
    jw_arr(o->w);
    for (int s = 0; s < 12; s++) {
        jw_obj(o->w);
        jw_kstr(o->w, "sign", sign_name(s));
        display_json_write(o->w, "sign_display", o->lang, LANG_KIND_SIGN, s);
        jw_kstr(o->w, "lord", graha_name(ch->lord[s]));
        display_json_write(o->w, "lord_display", o->lang, LANG_KIND_GRAHA, ch->lord[s]);
        jw_kint(o->w, "years", ch->years[s]);
        jw_obj_end(o->w);
    }
    jw_arr_end(o->w);
    write_current(o, &ch->current);
    jw_key(o->w, "periods");
    jw_arr(o->w);
    for (int i = 0; i < ch->nmaha; i++) {
        open_period(o, &ch->maha[i], 1);
        if (ch->levels >= 2) {
            struct dasha_period sub[12];
            dasha_chara_sub(&ch->maha[i], sub);
            write_subs(o, sub, 12, 2);
        }
        jw_obj_end(o->w);
    }
    jw_arr_end(o->w);
    jw_obj_end(o->w);
}

static void write_kalachakra(struct out *o, const struct dasha_kalachakra *k, double year_days)
{
    jw_key(o->w, "kalachakra");
    jw_obj(o->w);
    write_header(o, "kalachakra", year_days, k->levels);
    jw_kstr(o->w, "nakshatra", nakshatra_name(k->balance.nakshatra));
    display_json_write(o->w, "nakshatra_display", o->lang, LANG_KIND_NAKSHATRA,
                       k->balance.nakshatra);
    jw_kint(o->w, "pada", k->pada);
    jw_kstr(o->w, "group", dasha_kalachakra_group_name(k->group));
    jw_kstr(o->w, "chakra", k->savya ? "savya" : "apasavya");
    jw_kint(o->w, "paramayu", k->paramayu);
    jw_kstr(o->w, "deha", sign_name(k->deha));
    display_json_write(o->w, "deha_display", o->lang, LANG_KIND_SIGN, k->deha);
    jw_kstr(o->w, "jeeva", sign_name(k->jeeva));
    display_json_write(o->w, "jeeva_display", o->lang, LANG_KIND_SIGN, k->jeeva);
    jw_kfixed(o->w, "pada_elapsed", k->pada_elapsed, 8);
    jw_kfixed(o->w, "elapsed_years", k->elapsed_years, 8);
    write_balance(o, &k->balance);
    write_current(o, &k->current);
    jw_key(o->w, "periods");
    jw_arr(o->w);
    for (int i = 0; i < k->nmaha; i++) {
        open_period(o, &k->maha[i], 1);
        if (k->levels >= 2) {
            struct dasha_period sub[9];
            dasha_kalachakra_sub(k, i, sub);
            write_subs(o, sub, 9, 2);
        }
        jw_obj_end(o->w);
    }
    jw_arr_end(o->w);
    jw_obj_end(o->w);
}

void dasha_json_write(struct jsonw *w, const struct dasha *m, const struct chart *c)
{
    struct out o = {.w = w,
                    .longitude = c->birth.longitude,
                    .year_secs = m->year_days * 86400.0,
                    .zone = c->zone,
                    .lang = c->options.lang,
                    .cache = {{.ut = NAN}, {.ut = NAN}}};

    jw_obj(w);
    if (m->systems & DASHA_SYSTEM_VIMSHOTTARI) {
        write_header(&o, "vimshottari", m->year_days, m->vimshottari.levels);
        write_balance(&o, &m->vimshottari.balance);
        write_vimshottari(&o, &m->vimshottari);
    }
    if (m->systems & DASHA_SYSTEM_YOGINI) {
        jw_key(w, "yogini");
        jw_obj(w);
        o.kind = LORD_YOGINI;
        write_header(&o, "yogini", m->year_days, m->yogini.levels);
        write_balance(&o, &m->yogini.balance);
        write_yogini(&o, &m->yogini);
        jw_obj_end(w);
    }
    if (m->systems & DASHA_SYSTEM_ASHTOTTARI) {
        o.kind = LORD_GRAHA;
        write_ashtottari(&o, &m->ashtottari, m->year_days, c);
    }
    if (m->systems & DASHA_SYSTEM_CHARA) {
        o.kind = LORD_SIGN;
        write_chara(&o, &m->chara, m->year_days);
    }
    if (m->systems & DASHA_SYSTEM_KALACHAKRA) {
        o.kind = LORD_SIGN;
        write_kalachakra(&o, &m->kalachakra, m->year_days);
    }
    jw_obj_end(w);
}
