/* dasha.c - Vimshottari and Yogini dashas from the Moon's nakshatra.
 * Vimshottari: BPHS ch. 46 (Santhanam tr.), "Vimshottari dasha"; Yogini:
 * BPHS ch. 46 vv. 195-199 (eight yoginis born of Shiva's teaching; birth
 * star + 3, divided by 8, remainder 1 = Mangala .. 0 = Sankata).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/dasha.h"

#include <math.h>

#define SECONDS_PER_DAY 86400.0
#define VIM_TOTAL 120.0
#define YOGINI_TOTAL 36.0

/* Vimshottari order from Ashwini's lord, and the years of each. */
static const int vim_order[9] = {
    GRAHA_KETU, GRAHA_VENUS, GRAHA_SUN, GRAHA_MOON, GRAHA_MARS,
    GRAHA_RAHU, GRAHA_JUPITER, GRAHA_SATURN, GRAHA_MERCURY,
};
static const double vim_years[9] = {7, 20, 6, 10, 7, 18, 16, 19, 17};

static const char *const yogini_names[YOGINI_COUNT] = {
    "Mangala", "Pingala", "Dhanya", "Bhramari", "Bhadrika", "Ulka", "Siddha", "Sankata",
};
static const int yogini_lords[YOGINI_COUNT] = {
    GRAHA_MOON, GRAHA_SUN, GRAHA_JUPITER, GRAHA_MARS,
    GRAHA_MERCURY, GRAHA_SATURN, GRAHA_VENUS, GRAHA_RAHU,
};

static int vim_index(int g)
{
    for (int i = 0; i < 9; i++)
        if (vim_order[i] == g)
            return i;
    return -1;
}

int dasha_vimshottari_years(int g)
{
    int i = vim_index(g);
    return i < 0 ? 0 : (int)vim_years[i];
}

int dasha_vimshottari_next(int g)
{
    int i = vim_index(g);
    return i < 0 ? g : vim_order[(i + 1) % 9];
}

const char *dasha_yogini_name(int y)
{
    return y >= 0 && y < YOGINI_COUNT ? yogini_names[y] : "?";
}

int dasha_yogini_lord(int y)
{
    return y >= 0 && y < YOGINI_COUNT ? yogini_lords[y] : -1;
}

int dasha_yogini_years(int y)
{
    return y + 1;
}

int dasha_yogini_of_nakshatra(int nak)
{
    /* (number + 3) mod 8 with number = nak + 1 and Mangala = remainder 1,
     * i.e. enum index (nak + 1 + 3 - 1) mod 8. */
    return ((nak % 27 + 27) % 27 + 3) % YOGINI_COUNT;
}

/* The Moon's nakshatra and the fraction of it already crossed, [0, 1). */
static void moon_nakshatra(double moon, int *nak, double *elapsed)
{
    struct zodiac_pos p;
    zodiac_locate(moon, &p);
    double f = (p.longitude - p.nakshatra * NAKSHATRA_SPAN) / NAKSHATRA_SPAN;
    if (f < 0) /* on the edge within zodiac_part's tie window */
        f = 0;
    if (f >= 1)
        f = nextafter(1.0, 0.0);
    *nak = p.nakshatra;
    *elapsed = f;
}

/* Date `days` days after y-m-d as the calendar difference from y-m-d in
 * whole years, months and days; a month added to the 31st ends on the last
 * day of a shorter month. */
static void calendar_diff(int y1, int m1, int d1, int64_t days, int *y, int *m, int *d)
{
    int64_t from = civil_days_from_date(y1, m1, d1);
    int64_t to = from + days;
    int y2, m2, d2;
    civil_date_from_days(to, &y2, &m2, &d2);
    int months = (y2 - y1) * 12 + (m2 - m1);
    int64_t at = 0;
    for (; months > 0; months--) {
        int ty = y1 + (m1 - 1 + months) / 12;
        int tm = (m1 - 1 + months) % 12 + 1;
        int dim = civil_days_in_month(ty, tm);
        at = civil_days_from_date(ty, tm, d1 < dim ? d1 : dim);
        if (at <= to)
            break;
    }
    if (months <= 0) {
        months = 0;
        at = from;
    }
    *y = months / 12;
    *m = months % 12;
    *d = (int)(to - at);
}

static void fill_balance(struct dasha_balance *b, int lord, int nak, double elapsed,
                         double years_left, double year_days, double birth,
                         double local_offset)
{
    b->lord = lord;
    b->nakshatra = nak;
    b->elapsed = elapsed;
    b->years = years_left;
    b->days = years_left * year_days;
    struct civil lc;
    civil_from_seconds((int64_t)floor(birth + local_offset), &lc);
    calendar_diff(lc.year, lc.month, lc.day, (int64_t)llround(b->days), &b->y, &b->m,
                  &b->d);
}

/* Splits parent into n sub-periods proportional to years[] (summing to
 * total), starting with order index first; lords come from lords[]. */
static void subdivide(const struct dasha_period *parent, const int *lords, const double *years,
                      int n, double total, int first, struct dasha_period *out)
{
    double span = parent->end - parent->start;
    double cum = 0;
    for (int i = 0; i < n; i++) {
        int k = (first + i) % n;
        out[i].lord = lords[k];
        out[i].start = parent->start + span * (cum / total);
        cum += years[k];
        out[i].end = i == n - 1 ? parent->end : parent->start + span * (cum / total);
    }
}

/* Mahadashas from index first (whose elapsed part at birth is elapsed_years)
 * until one ends at or after birth + DASHA_SPAN_YEARS. Returns their count. */
static int mahadashas(const int *lords, const double *years, int n, int first,
                      double elapsed_years, double birth, double year_secs, int max,
                      struct dasha_period *out)
{
    double origin = birth - elapsed_years * year_secs;
    double cum = 0;
    int count = 0;
    while (count < max) {
        int k = (first + count) % n;
        out[count].lord = lords[k];
        out[count].start = origin + cum * year_secs;
        cum += years[k];
        out[count].end = origin + cum * year_secs;
        count++;
        if (cum - elapsed_years >= DASHA_SPAN_YEARS - 1e-9)
            break;
    }
    return count;
}

void dasha_vimshottari_from_moon(double moon, double birth, double local_offset,
                                 double year_days, int levels,
                                 struct dasha_vimshottari *out)
{
    int nak;
    double elapsed;
    moon_nakshatra(moon, &nak, &elapsed);
    int lord = nakshatra_lord(nak);
    int first = vim_index(lord);
    double years0 = vim_years[first];
    double year_secs = year_days * SECONDS_PER_DAY;

    out->levels = levels < 1 ? 1 : levels > DASHA_LEVELS_MAX ? DASHA_LEVELS_MAX : levels;
    fill_balance(&out->balance, lord, nak, elapsed, (1.0 - elapsed) * years0, year_days, birth,
                 local_offset);
    out->nmaha = mahadashas(vim_order, vim_years, 9, first, elapsed * years0, birth, year_secs,
                            DASHA_VIM_MAHA_MAX, out->maha);
    for (int i = 0; out->levels >= 2 && i < out->nmaha; i++) {
        subdivide(&out->maha[i], vim_order, vim_years, 9, VIM_TOTAL,
                  vim_index(out->maha[i].lord), out->antar[i]);
        for (int j = 0; out->levels >= 3 && j < 9; j++)
            subdivide(&out->antar[i][j], vim_order, vim_years, 9, VIM_TOTAL,
                      vim_index(out->antar[i][j].lord), out->pratyantar[i][j]);
    }
}

void dasha_vimshottari_current(const struct dasha_vimshottari *v, double at,
                               struct dasha_current *out)
{
    out->found = false;
    out->at = at;
    if (!isfinite(at))
        return;
    const struct dasha_period *parent = NULL;
    for (int i = 0; i < v->nmaha && !parent; i++)
        if (v->maha[i].start <= at && at < v->maha[i].end)
            parent = &v->maha[i];
    if (!parent)
        return;
    out->period[0] = *parent;
    /* Each level splits its parent from the parent's own lord, as
     * dasha_vimshottari_from_moon does; the last sub-period ends exactly at
     * the parent's end, so one of the nine always holds at. */
    for (int level = 1; level < DASHA_LEVELS_MAX; level++) {
        struct dasha_period sub[9];
        subdivide(&out->period[level - 1], vim_order, vim_years, 9, VIM_TOTAL,
                  vim_index(out->period[level - 1].lord), sub);
        int k = 8;
        while (k > 0 && at < sub[k].start)
            k--;
        out->period[level] = sub[k];
    }
    out->found = true;
}

void dasha_yogini_from_moon(double moon, double birth, double local_offset, double year_days,
                            int levels, struct dasha_yogini *out)
{
    static const int ids[YOGINI_COUNT] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const double years[YOGINI_COUNT] = {1, 2, 3, 4, 5, 6, 7, 8};
    int nak;
    double elapsed;
    moon_nakshatra(moon, &nak, &elapsed);
    int first = dasha_yogini_of_nakshatra(nak);
    double years0 = years[first];
    double year_secs = year_days * SECONDS_PER_DAY;

    out->levels = levels < 1 ? 1 : levels > DASHA_YOGINI_LEVELS ? DASHA_YOGINI_LEVELS : levels;
    /* The balance is the Moon's remaining part of its nakshatra, as in
     * Vimshottari. */
    fill_balance(&out->balance, first, nak, elapsed, (1.0 - elapsed) * years0, year_days, birth,
                 local_offset);
    out->nmaha = mahadashas(ids, years, YOGINI_COUNT, first, elapsed * years0, birth, year_secs,
                            DASHA_YOGINI_MAHA_MAX, out->maha);
    for (int i = 0; out->levels >= 2 && i < out->nmaha; i++)
        subdivide(&out->maha[i], ids, years, YOGINI_COUNT, YOGINI_TOTAL, out->maha[i].lord,
                  out->antar[i]);
}

int dasha_compute(const struct chart *c, struct dasha *out, struct error *err)
{
    const struct chart_options *o = &c->options;
    if (!(o->dasha_year_days >= 360.0 && o->dasha_year_days <= 366.0))
        return err_set(err, ERR_INVALID_VALUE, "options.dasha_year_days",
                       "dasha_year_days must be a number between 360 and 366");
    if (o->dasha_levels < 1 || o->dasha_levels > DASHA_LEVELS_MAX)
        return err_set(err, ERR_INVALID_VALUE, "options.dasha_levels",
                       "dasha_levels must be 1, 2 or 3");
    double moon = c->grahas[GRAHA_MOON].pos.longitude;
    out->birth = c->tz.ut;
    out->year_days = o->dasha_year_days;
    dasha_vimshottari_from_moon(moon, c->tz.ut, c->tz.offset, o->dasha_year_days,
                                o->dasha_levels, &out->vimshottari);
    dasha_yogini_from_moon(moon, c->tz.ut, c->tz.offset, o->dasha_year_days, o->yogini_levels,
                           &out->yogini);
    dasha_vimshottari_current(&out->vimshottari, o->as_of, &out->vimshottari.current);
    return 0;
}
