/* dasha_json.c - serialises struct dasha with the streaming writer; local
 * times use the offset of the birth zone in force at each instant.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/dasha_json.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

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
    bool yogini;
    struct formatted cache[2];
    int next;                   /* cache slot to replace */
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
    if (o->yogini) {
        jw_kstr(o->w, "yogini", dasha_yogini_name(lord));
        jw_kstr(o->w, "lord", graha_name(dasha_yogini_lord(lord)));
    } else {
        jw_kstr(o->w, "lord", graha_name(lord));
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

static void write_balance(struct out *o, const struct dasha_balance *b)
{
    char ymd[48];
    jw_key(o->w, "balance");
    jw_obj(o->w);
    write_lord(o, b->lord);
    jw_kstr(o->w, "nakshatra", nakshatra_name(b->nakshatra));
    jw_kfixed(o->w, "nakshatra_elapsed", b->elapsed, 8);
    jw_kfixed(o->w, "years", b->years, 8);
    jw_kfixed(o->w, "days", b->days, 4);
    snprintf(ymd, sizeof ymd, "%dy%dm%dd", b->y, b->m, b->d);
    jw_kstr(o->w, "ymd", ymd);
    jw_obj_end(o->w);
}

static void write_header(struct out *o, const char *system, double year_days, int levels,
                         const struct dasha_balance *b)
{
    jw_kstr(o->w, "system", system);
    jw_kfixed(o->w, "year_days", year_days, 6);
    jw_kint(o->w, "levels", levels);
    write_balance(o, b);
}

/* "current": the maha, antar and pratyantar running at as_of, or null. */
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
    for (int level = 0; level < DASHA_LEVELS_MAX; level++) {
        jw_key(o->w, names[level]);
        open_period(o, &cur->period[level], level + 1);
        jw_obj_end(o->w);
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
                if (v->levels >= 3) {
                    jw_key(o->w, "periods");
                    jw_arr(o->w);
                    for (int k = 0; k < 9; k++) {
                        open_period(o, &v->pratyantar[i][j][k], 3);
                        jw_obj_end(o->w);
                    }
                    jw_arr_end(o->w);
                }
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
    jw_key(o->w, "periods");
    jw_arr(o->w);
    for (int i = 0; i < y->nmaha; i++) {
        open_period(o, &y->maha[i], 1);
        if (y->levels >= 2) {
            jw_key(o->w, "periods");
            jw_arr(o->w);
            for (int j = 0; j < YOGINI_COUNT; j++) {
                open_period(o, &y->antar[i][j], 2);
                jw_obj_end(o->w);
            }
            jw_arr_end(o->w);
        }
        jw_obj_end(o->w);
    }
    jw_arr_end(o->w);
}

void dasha_json_write(struct jsonw *w, const struct dasha *m, const struct chart *c)
{
    struct out o = {.w = w, .longitude = c->birth.longitude,
                    .year_secs = m->year_days * 86400.0, .zone = c->zone,
                    .cache = {{.ut = NAN}, {.ut = NAN}}};

    jw_obj(w);
    write_header(&o, "vimshottari", m->year_days, m->vimshottari.levels,
                 &m->vimshottari.balance);
    write_vimshottari(&o, &m->vimshottari);
    jw_key(w, "yogini");
    jw_obj(w);
    o.yogini = true;
    write_header(&o, "yogini", m->year_days, m->yogini.levels, &m->yogini.balance);
    write_yogini(&o, &m->yogini);
    jw_obj_end(w);
    jw_obj_end(w);
}
