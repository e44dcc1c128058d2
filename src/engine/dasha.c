/* dasha.c - the dasha systems of the dasha section (see dasha.h).
 * Vimshottari: BPHS ch. 46 (Santhanam tr.), "Vimshottari dasha"; Yogini:
 * BPHS ch. 46 vv. 195-199 (eight yoginis born of Shiva's teaching; birth
 * star + 3, divided by 8, remainder 1 = Mangala .. 0 = Sankata); Ashtottari,
 * Kalachakra: BPHS ch. 46 and P.V.R. Narasimha Rao, Vedic Astrology: An
 * Integrated Approach, ch. 17 and 24; Chara: K.N. Rao, Predicting through
 * Jaimini's Chara Dasha. The rules, with their sources, are in
 * docs/dasha.md.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/dasha.h"

#include <math.h>

#define SECONDS_PER_DAY 86400.0
#define VIM_TOTAL 120.0
#define YOGINI_TOTAL 36.0
#define ASHTOTTARI_TOTAL 108.0

/* Vimshottari order from Ashwini's lord, and the years of each. */
static const int vim_order[9] = {
    GRAHA_KETU, GRAHA_VENUS,   GRAHA_SUN,    GRAHA_MOON,    GRAHA_MARS,
    GRAHA_RAHU, GRAHA_JUPITER, GRAHA_SATURN, GRAHA_MERCURY,
};
static const double vim_years[9] = {7, 20, 6, 10, 7, 18, 16, 19, 17};

static const char *const yogini_names[YOGINI_COUNT] = {
    "Mangala", "Pingala", "Dhanya", "Bhramari", "Bhadrika", "Ulka", "Siddha", "Sankata",
};
static const int yogini_lords[YOGINI_COUNT] = {
    GRAHA_MOON,    GRAHA_SUN,    GRAHA_JUPITER, GRAHA_MARS,
    GRAHA_MERCURY, GRAHA_SATURN, GRAHA_VENUS,   GRAHA_RAHU,
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
                         double years_left, double year_days, double birth, double local_offset)
{
    b->lord = lord;
    b->nakshatra = nak;
    b->elapsed = elapsed;
    b->years = years_left;
    b->days = years_left * year_days;
    struct civil lc;
    civil_from_seconds((int64_t)floor(birth + local_offset), &lc);
    calendar_diff(lc.year, lc.month, lc.day, (int64_t)llround(b->days), &b->y, &b->m, &b->d);
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
static int mahadashas(const int *lords, const double *years, int n, int first, double elapsed_years,
                      double birth, double year_secs, int max, struct dasha_period *out)
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

void dasha_vimshottari_from_moon(double moon, double birth, double local_offset, double year_days,
                                 int levels, struct dasha_vimshottari *out)
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
        subdivide(&out->maha[i], vim_order, vim_years, 9, VIM_TOTAL, vim_index(out->maha[i].lord),
                  out->antar[i]);
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
    out->levels = DASHA_LEVELS_MAX;
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

/* ---- the running periods -------------------------------------------------- */

/* The index of the period of p[0..n) holding at, or -1. */
static int running(const struct dasha_period *p, int n, double at)
{
    for (int i = 0; i < n; i++)
        if (p[i].start <= at && at < p[i].end)
            return i;
    return -1;
}

/* The sub-period of sub[0..n) holding at, when their parent holds it: the
 * last one begun (the last ends exactly at the parent's end). */
static int running_sub(const struct dasha_period *sub, int n, double at)
{
    int k = n - 1;
    while (k > 0 && at < sub[k].start)
        k--;
    return k;
}

/* Starts out for instant at; returns the index of the mahadasha holding it,
 * or -1 (out->found stays false). */
static int current_begin(const struct dasha_period *maha, int nmaha, double at, int levels,
                         struct dasha_current *out)
{
    out->found = false;
    out->at = at;
    out->levels = levels;
    if (!isfinite(at))
        return -1;
    int i = running(maha, nmaha, at);
    if (i >= 0)
        out->period[0] = maha[i];
    return i;
}

void dasha_yogini_current(const struct dasha_yogini *y, double at, struct dasha_current *out)
{
    static const int ids[YOGINI_COUNT] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const double years[YOGINI_COUNT] = {1, 2, 3, 4, 5, 6, 7, 8};
    if (current_begin(y->maha, y->nmaha, at, DASHA_YOGINI_LEVELS, out) < 0)
        return;
    struct dasha_period sub[YOGINI_COUNT];
    subdivide(&out->period[0], ids, years, YOGINI_COUNT, YOGINI_TOTAL, out->period[0].lord, sub);
    out->period[1] = sub[running_sub(sub, YOGINI_COUNT, at)];
    out->found = true;
}

/* ---- Ashtottari (BPHS ch. 46, "Ashtottari dasha") ---------------------------- */

/* The eight lords in order from the Sun, their years (108 in all), and the
 * first of each lord's nakshatras with their count: Ardra .. Ashlesha (4)
 * the Sun, Magha .. Uttara Phalguni (3) the Moon, Hasta .. Vishakha (4) Mars,
 * Anuradha .. Mula (3) Mercury, Purva Ashadha .. Shravana (3, with Abhijit
 * within them: the same arc) Saturn, Dhanishta .. Purva Bhadrapada (3)
 * Jupiter, Uttara Bhadrapada .. Bharani (4) Rahu, Krittika .. Mrigashira (3)
 * Venus. */
static const int asht_order[DASHA_ASHTOTTARI_LORDS] = {
    GRAHA_SUN,    GRAHA_MOON,    GRAHA_MARS, GRAHA_MERCURY,
    GRAHA_SATURN, GRAHA_JUPITER, GRAHA_RAHU, GRAHA_VENUS,
};
static const double asht_years[DASHA_ASHTOTTARI_LORDS] = {6, 15, 8, 17, 10, 19, 12, 21};
static const int asht_first_nak[DASHA_ASHTOTTARI_LORDS] = {5, 9, 12, 16, 19, 22, 25, 2};
static const int asht_nak_count[DASHA_ASHTOTTARI_LORDS] = {4, 3, 4, 3, 3, 3, 4, 3};

static int asht_index(int g)
{
    for (int i = 0; i < DASHA_ASHTOTTARI_LORDS; i++)
        if (asht_order[i] == g)
            return i;
    return -1;
}

/* The index (into asht_order) of the lord of nakshatra nak. */
static int asht_index_of_nakshatra(int nak)
{
    nak = (nak % 27 + 27) % 27;
    for (int i = 0; i < DASHA_ASHTOTTARI_LORDS; i++)
        if ((nak - asht_first_nak[i] + 27) % 27 < asht_nak_count[i])
            return i;
    return 0; /* unreachable: the groups cover the 27 */
}

int dasha_ashtottari_years(int g)
{
    int i = asht_index(g);
    return i < 0 ? 0 : (int)asht_years[i];
}

int dasha_ashtottari_next(int g)
{
    int i = asht_index(g);
    return i < 0 ? g : asht_order[(i + 1) % DASHA_ASHTOTTARI_LORDS];
}

int dasha_ashtottari_lord_of_nakshatra(int nak)
{
    return asht_order[asht_index_of_nakshatra(nak)];
}

void dasha_ashtottari_sub(const struct dasha_period *parent, struct dasha_period out[8])
{
    /* BPHS: antardashas from the mahadasha's lord, in order, each
     * md * ad / 108 years. */
    int first = asht_index(parent->lord);
    subdivide(parent, asht_order, asht_years, DASHA_ASHTOTTARI_LORDS, ASHTOTTARI_TOTAL,
              first < 0 ? 0 : first, out);
}

void dasha_ashtottari_from_moon(double moon, double birth, double local_offset, double year_days,
                                int levels, struct dasha_ashtottari *out)
{
    int nak;
    double elapsed;
    moon_nakshatra(moon, &nak, &elapsed);
    int first = asht_index_of_nakshatra(nak);
    /* The part of the lord's arc of 3 or 4 nakshatras the Moon has crossed
     * is the part of the mahadasha gone (each nakshatra a third or quarter
     * of it, the Moon's place within its own nakshatra proportional). */
    int into = (nak - asht_first_nak[first] + 27) % 27;
    double group_elapsed = (into + elapsed) / asht_nak_count[first];
    double years0 = asht_years[first];
    out->levels = levels < 1 ? 1 : levels > DASHA_LEVELS_MAX ? DASHA_LEVELS_MAX : levels;
    out->group_elapsed = group_elapsed;
    fill_balance(&out->balance, asht_order[first], nak, elapsed, (1.0 - group_elapsed) * years0,
                 year_days, birth, local_offset);
    out->nmaha =
        mahadashas(asht_order, asht_years, DASHA_ASHTOTTARI_LORDS, first, group_elapsed * years0,
                   birth, year_days * SECONDS_PER_DAY, DASHA_ASHTOTTARI_MAHA_MAX, out->maha);
}

void dasha_ashtottari_check(double ascendant, const double lon[GRAHA_CLASSICAL], int rule,
                            struct dasha_ashtottari_check *out)
{
    int lagna = zodiac_part(zodiac_norm(ascendant), 30.0);
    int lord = sign_lord(lagna);
    int lord_sign = zodiac_part(zodiac_norm(lon[lord]), 30.0);
    int rahu_sign = zodiac_part(zodiac_norm(lon[GRAHA_RAHU]), 30.0);
    out->rule = rule;
    out->lagna_lord = lord;
    out->rahu_from_lord = (rahu_sign - lord_sign + 12) % 12 + 1;
    out->rahu_house = (rahu_sign - lagna + 12) % 12 + 1;
    /* BPHS ch. 46 (Ashtottari): "when Rahu, not in the lagna, is in a kendra
     * or a trikona from the lord of the lagna". The 1st counts as both. */
    int f = out->rahu_from_lord;
    bool kendra_trikona = f == 1 || f == 4 || f == 5 || f == 7 || f == 9 || f == 10;
    out->by_rahu = kendra_trikona && out->rahu_house != 1;
    /* The other rule: Krishna paksha with a birth by day, Shukla by night.
     * Paksha as the panchang's tithi (Moon - Sun); day while the Sun is above
     * the horizon by the panchang's sunrise convention (the disc's centre, on
     * the ecliptic, without refraction): exactly when the Sun lies in the
     * half of the ecliptic from the descendant up to the ascendant. */
    out->krishna = zodiac_norm(lon[GRAHA_MOON] - lon[GRAHA_SUN]) >= 180.0;
    double behind = zodiac_norm(ascendant - lon[GRAHA_SUN]);
    out->day = behind > 0.0 && behind < 180.0;
    out->by_paksha = out->krishna == out->day;
    out->applicable = rule == ASHTOTTARI_RULE_PAKSHA ? out->by_paksha : out->by_rahu;
}

void dasha_ashtottari_current(const struct dasha_ashtottari *a, double at,
                              struct dasha_current *out)
{
    if (current_begin(a->maha, a->nmaha, at, DASHA_LEVELS_MAX, out) < 0)
        return;
    for (int level = 1; level < DASHA_LEVELS_MAX; level++) {
        struct dasha_period sub[DASHA_ASHTOTTARI_LORDS];
        dasha_ashtottari_sub(&out->period[level - 1], sub);
        out->period[level] = sub[running_sub(sub, DASHA_ASHTOTTARI_LORDS, at)];
    }
    out->found = true;
}

/* ---- Chara (Jaimini; K.N. Rao) ------------------------------------------------ */

/* Odd-footed (ojapada) signs, BPHS ch. 46 v. 156 ("from Aries, by threes,
 * odd- and even-footed"): Aries, Taurus, Gemini, Libra, Scorpio,
 * Sagittarius. Periods are counted forward from them, backward from the
 * others. */
static bool odd_footed(int sign)
{
    return sign == ARIES || sign == TAURUS || sign == GEMINI || sign == LIBRA || sign == SCORPIO ||
           sign == SAGITTARIUS;
}

static int sign_of(double lon)
{
    return zodiac_part(zodiac_norm(lon), 30.0);
}

/* Whether dashas (or antardashas) from sign s run zodiacally: when the 9th
 * sign from it is odd-footed (K.N. Rao; the "direct" lagnas Aries, Leo,
 * Virgo, Libra, Aquarius, Pisces). */
static bool chara_zodiacal(int s)
{
    return odd_footed((s + 8) % 12);
}

/* The grahas' signs and degrees within them, found once per chart. */
struct chara_places {
    int sign[GRAHA_CLASSICAL];
    double degree[GRAHA_CLASSICAL];
};

/* Of the two lords a and b of Scorpio (Mars, Ketu) or Aquarius (Saturn,
 * Rahu), neither in the sign: the one with more grahas in its sign, then
 * the one further into its sign (K.N. Rao). */
static int chara_stronger(int a, int b, const struct chara_places *at)
{
    int company[2] = {0, 0};
    int lords[2] = {a, b};
    for (int k = 0; k < 2; k++)
        for (int g = 0; g < GRAHA_CLASSICAL; g++)
            if (g != lords[k] && at->sign[g] == at->sign[lords[k]])
                company[k]++;
    if (company[0] != company[1])
        return company[0] > company[1] ? a : b;
    return at->degree[b] > at->degree[a] ? b : a;
}

/* Years of sign s in the first cycle, and the lord counted to (*lord). */
static int chara_years(int s, const struct chara_places *places, int method, int *lord)
{
    int target = sign_lord(s);
    if (s == SCORPIO || s == AQUARIUS) {
        int a = s == SCORPIO ? GRAHA_MARS : GRAHA_SATURN;
        int b = s == SCORPIO ? GRAHA_KETU : GRAHA_RAHU;
        bool in_a = places->sign[a] == s, in_b = places->sign[b] == s;
        /* Both in the sign: 12 years; one in it: count to the other. */
        if (in_a && in_b) {
            *lord = a;
            return 12;
        }
        target = in_a ? b : in_b ? a : chara_stronger(a, b, places);
    }
    *lord = target;
    int at = places->sign[target];
    int count = odd_footed(s) ? (at - s + 12) % 12 + 1 : (s - at + 12) % 12 + 1;
    int years = count == 1 ? 12 : count - 1;
    if (method == CHARA_METHOD_PVR && count != 1) {
        /* P.V.R. Narasimha Rao: a year more for an exalted lord, one less
         * for a debilitated one; Mercury exalted in Virgo, its own sign,
         * counts as in its own sign (no extra year). K.N. Rao rejects both
         * corrections. */
        if (at == dignity_exaltation_sign(target) && !(target == GRAHA_MERCURY && at == VIRGO))
            years++;
        else if (at == dignity_debilitation_sign(target))
            years--;
    }
    return years;
}

void dasha_chara_from_chart(int lagna, const double lon[GRAHA_CLASSICAL], int method, double birth,
                            double year_days, int levels, struct dasha_chara *out)
{
    double year_secs = year_days * SECONDS_PER_DAY;
    lagna = (lagna % 12 + 12) % 12;
    out->method = method;
    out->lagna = lagna;
    out->zodiacal = chara_zodiacal(lagna);
    out->levels = levels < 1 ? 1 : levels > DASHA_CHARA_LEVELS ? DASHA_CHARA_LEVELS : levels;
    struct chara_places places;
    for (int g = 0; g < GRAHA_CLASSICAL; g++) {
        places.sign[g] = sign_of(lon[g]);
        places.degree[g] = zodiac_norm(lon[g]) - 30.0 * places.sign[g];
    }
    for (int s = 0; s < 12; s++)
        out->years[s] = chara_years(s, &places, method, &out->lord[s]);
    /* From birth, the twelve signs; then the second cycle, 12 minus the
     * first's years, until birth + 120 years is covered (two cycles are
     * 144 years). */
    int step = out->zodiacal ? 1 : 11;
    double cum = 0;
    out->nmaha = 0;
    for (int cycle = 0; cycle < 2 && cum < DASHA_SPAN_YEARS; cycle++)
        for (int k = 0; k < 12 && cum < DASHA_SPAN_YEARS; k++) {
            int s = (lagna + k * step) % 12;
            int years = cycle == 0 ? out->years[s] : 12 - out->years[s];
            if (years <= 0)
                continue;
            struct dasha_period *p = &out->maha[out->nmaha++];
            p->lord = s;
            p->start = birth + cum * year_secs;
            cum += years;
            p->end = birth + cum * year_secs;
        }
}

void dasha_chara_sub(const struct dasha_period *parent, struct dasha_period out[12])
{
    /* K.N. Rao: twelve equal antardashas, from the sign after the dasha's in
     * its own direction (as if it were the lagna), the dasha's sign last. */
    int s = parent->lord;
    int step = chara_zodiacal(s) ? 1 : 11;
    double span = parent->end - parent->start;
    for (int k = 0; k < 12; k++) {
        out[k].lord = (s + (k + 1) * step) % 12;
        out[k].start = parent->start + span * (k / 12.0);
        out[k].end = k == 11 ? parent->end : parent->start + span * ((k + 1) / 12.0);
    }
}

void dasha_chara_current(const struct dasha_chara *c, double at, struct dasha_current *out)
{
    if (current_begin(c->maha, c->nmaha, at, DASHA_CHARA_LEVELS, out) < 0)
        return;
    struct dasha_period sub[12];
    dasha_chara_sub(&out->period[0], sub);
    out->period[1] = sub[running_sub(sub, 12, at)];
    out->found = true;
}

/* ---- Kalachakra (BPHS ch. 46; P.V.R. Narasimha Rao ch. 24) -------------------- */

/* The nine signs of each pada of the four groups, in the order of their
 * dashas (BPHS ch. 46; the table of P.V.R. Narasimha Rao's ch. 24, as
 * Jagannatha Hora and PyJHora have it). The savya chakra is Ashwini's four
 * padas then Bharani's, the apasavya chakra Rohini's then Mrigashira's; the
 * dashas after a pada's nine continue with the next pada of the chakra. */
static const int kc_signs[4][4][9] = {
    [KALACHAKRA_ASHWINI] = {{0, 1, 2, 3, 4, 5, 6, 7, 8},
                            {9, 10, 11, 7, 6, 5, 3, 4, 2},
                            {1, 0, 11, 10, 9, 8, 0, 1, 2},
                            {3, 4, 5, 6, 7, 8, 9, 10, 11}},
    [KALACHAKRA_BHARANI] = {{7, 6, 5, 3, 4, 2, 1, 0, 11},
                            {10, 9, 8, 0, 1, 2, 3, 4, 5},
                            {6, 7, 8, 9, 10, 11, 7, 6, 5},
                            {3, 4, 2, 1, 0, 11, 10, 9, 8}},
    [KALACHAKRA_ROHINI] = {{8, 9, 10, 11, 0, 1, 2, 4, 3},
                           {5, 6, 7, 11, 10, 9, 8, 7, 6},
                           {5, 4, 3, 2, 1, 0, 8, 9, 10},
                           {11, 0, 1, 2, 4, 3, 5, 6, 7}},
    [KALACHAKRA_MRIGASHIRA] = {{11, 10, 9, 8, 7, 6, 5, 4, 3},
                               {2, 1, 0, 8, 9, 10, 11, 0, 1},
                               {2, 4, 3, 5, 6, 7, 11, 10, 9},
                               {8, 7, 6, 5, 4, 3, 2, 1, 0}},
};

/* The group of each nakshatra (BPHS ch. 46): the savya triples (Ashwini,
 * Bharani, Krittika ...) are Ashwini, Bharani, Ashwini groups; the apasavya
 * triples (Rohini, Mrigashira, Ardra ...) Rohini, Mrigashira, Mrigashira. */
static const unsigned char kc_group[27] = {
    0, 1, 0, 2, 3, 3, 0, 1, 0, 2, 3, 3, 0, 1, 0, 2, 3, 3, 0, 1, 0, 2, 3, 3, 0, 1, 0,
};

/* Years of the signs: those of their lords, Mars 7, Venus 16, Mercury 9,
 * Moon 21, Sun 5, Jupiter 10, Saturn 4. */
static const int kc_years[12] = {7, 16, 9, 21, 5, 9, 16, 7, 10, 4, 4, 10};

#define KC_WHEEL 72 /* two groups of four padas of nine signs */

int dasha_kalachakra_group(int nak)
{
    return kc_group[(nak % 27 + 27) % 27];
}

const char *dasha_kalachakra_group_name(int group)
{
    static const char *const names[4] = {"ashwini", "bharani", "rohini", "mrigashira"};
    return group >= 0 && group < 4 ? names[group] : "?";
}

const int *dasha_kalachakra_signs(int group, int pada)
{
    return group >= 0 && group < 4 && pada >= 1 && pada <= 4 ? kc_signs[group][pada - 1] : NULL;
}

int dasha_kalachakra_years(int sign)
{
    return kc_years[(sign % 12 + 12) % 12];
}

/* The sign at position pos of the chakra of the savya or apasavya groups. */
static int kc_wheel_sign(bool savya, int pos)
{
    pos = (pos % KC_WHEEL + KC_WHEEL) % KC_WHEEL;
    int group = (savya ? KALACHAKRA_ASHWINI : KALACHAKRA_ROHINI) + pos / 36;
    return kc_signs[group][pos % 36 / 9][pos % 9];
}

void dasha_kalachakra_from_moon(double moon, double birth, double local_offset, double year_days,
                                int levels, struct dasha_kalachakra *out)
{
    int nak;
    double elapsed;
    moon_nakshatra(moon, &nak, &elapsed);
    /* The pada from the fraction of the nakshatra, so the two agree at edges. */
    int pada = (int)floor(elapsed * 4.0) + 1;
    if (pada > 4)
        pada = 4;
    double pada_elapsed = elapsed * 4.0 - (pada - 1);
    int group = kc_group[nak];
    const int *signs = kc_signs[group][pada - 1];
    out->pada = pada;
    out->group = group;
    out->savya = group == KALACHAKRA_ASHWINI || group == KALACHAKRA_BHARANI;
    out->paramayu = 0;
    for (int k = 0; k < 9; k++)
        out->paramayu += kc_years[signs[k]];
    /* Deha and jeeva: the first and last signs of a savya pada; reversed
     * in the apasavya chakra (the last is deha). */
    out->deha = out->savya ? signs[0] : signs[8];
    out->jeeva = out->savya ? signs[8] : signs[0];
    out->pada_elapsed = pada_elapsed;
    out->elapsed_years = pada_elapsed * out->paramayu;
    out->levels = levels < 1                         ? 1
                  : levels > DASHA_KALACHAKRA_LEVELS ? DASHA_KALACHAKRA_LEVELS
                                                     : levels;
    /* The dasha at birth: the sign in whose years the elapsed part of the
     * paramayu falls (P.V.R. Narasimha Rao ch. 24). */
    int idx = 0;
    double before = 0;
    while (idx < 8 && before + kc_years[signs[idx]] <= out->elapsed_years) {
        before += kc_years[signs[idx]];
        idx++;
    }
    int pos = (group == KALACHAKRA_BHARANI || group == KALACHAKRA_MRIGASHIRA ? 36 : 0) +
              (pada - 1) * 9 + idx;
    out->wheel = pos;
    double gone = out->elapsed_years - before; /* of the birth dasha */
    double year_secs = year_days * SECONDS_PER_DAY;
    double origin = birth - gone * year_secs;
    double cum = 0;
    out->nmaha = 0;
    while (out->nmaha < DASHA_KALACHAKRA_MAHA_MAX) {
        struct dasha_period *p = &out->maha[out->nmaha];
        p->lord = kc_wheel_sign(out->savya, pos + out->nmaha);
        p->start = origin + cum * year_secs;
        cum += kc_years[p->lord];
        p->end = origin + cum * year_secs;
        out->nmaha++;
        if (cum - gone >= DASHA_SPAN_YEARS - 1e-9)
            break;
    }
    fill_balance(&out->balance, signs[idx], nak, elapsed, kc_years[signs[idx]] - gone, year_days,
                 birth, local_offset);
}

void dasha_kalachakra_sub(const struct dasha_kalachakra *k, int i, struct dasha_period out[9])
{
    if (i < 0 || i >= k->nmaha)
        return;
    /* The nine signs of the chakra from the dasha's own, each for its
     * share of their years (P.V.R. Narasimha Rao ch. 24, Example 97: the
     * antardashas of a Leo dasha are Le, Cn, Ge, Ta, Ar, Sg, Cp, Aq, Pi,
     * Leo's for 5/86 of it). */
    int lords[9];
    double years[9], total = 0;
    for (int j = 0; j < 9; j++) {
        lords[j] = kc_wheel_sign(k->savya, k->wheel + i + j);
        years[j] = kc_years[lords[j]];
        total += years[j];
    }
    subdivide(&k->maha[i], lords, years, 9, total, 0, out);
}

void dasha_kalachakra_current(const struct dasha_kalachakra *k, double at,
                              struct dasha_current *out)
{
    int i = current_begin(k->maha, k->nmaha, at, DASHA_KALACHAKRA_LEVELS, out);
    if (i < 0)
        return;
    struct dasha_period sub[9];
    dasha_kalachakra_sub(k, i, sub);
    out->period[1] = sub[running_sub(sub, 9, at)];
    out->found = true;
}

/* ---- the section ------------------------------------------------------------- */

int dasha_compute(const struct chart *c, struct dasha *out, struct error *err)
{
    const struct chart_options *o = &c->options;
    if (!(o->dasha_year_days >= 360.0 && o->dasha_year_days <= 366.0))
        return err_set(err, ERR_INVALID_VALUE, "options.dasha_year_days",
                       "dasha_year_days must be a number between 360 and 366");
    if (o->dasha_levels < 1 || o->dasha_levels > DASHA_LEVELS_MAX)
        return err_set(err, ERR_INVALID_VALUE, "options.dasha_levels",
                       "dasha_levels must be 1, 2 or 3");
    if (o->dasha_systems == 0 || (o->dasha_systems & ~DASHA_SYSTEMS_ALL))
        return err_set(err, ERR_INVALID_VALUE, "options.dasha_systems",
                       "dasha_systems must name at least one of vimshottari, yogini, "
                       "ashtottari, chara, kalachakra");
    double moon = c->grahas[GRAHA_MOON].pos.longitude;
    double lon[GRAHA_CLASSICAL];
    for (int g = 0; g < GRAHA_CLASSICAL; g++)
        lon[g] = c->grahas[g].pos.longitude;
    unsigned systems = o->dasha_systems;
    out->birth = c->tz.ut;
    out->year_days = o->dasha_year_days;
    out->systems = systems;
    if (systems & DASHA_SYSTEM_VIMSHOTTARI) {
        dasha_vimshottari_from_moon(moon, c->tz.ut, c->tz.offset, o->dasha_year_days,
                                    o->dasha_levels, &out->vimshottari);
        dasha_vimshottari_current(&out->vimshottari, o->as_of, &out->vimshottari.current);
    }
    if (systems & DASHA_SYSTEM_YOGINI) {
        dasha_yogini_from_moon(moon, c->tz.ut, c->tz.offset, o->dasha_year_days, o->yogini_levels,
                               &out->yogini);
        dasha_yogini_current(&out->yogini, o->as_of, &out->yogini.current);
    }
    if (systems & DASHA_SYSTEM_ASHTOTTARI) {
        dasha_ashtottari_from_moon(moon, c->tz.ut, c->tz.offset, o->dasha_year_days,
                                   o->ashtottari_levels, &out->ashtottari);
        dasha_ashtottari_check(c->ascendant.longitude, lon, o->ashtottari_rule,
                               &out->ashtottari.applicability);
        dasha_ashtottari_current(&out->ashtottari, o->as_of, &out->ashtottari.current);
    }
    if (systems & DASHA_SYSTEM_CHARA) {
        dasha_chara_from_chart(c->ascendant.sign, lon, o->chara_method, c->tz.ut,
                               o->dasha_year_days, o->chara_levels, &out->chara);
        dasha_chara_current(&out->chara, o->as_of, &out->chara.current);
    }
    if (systems & DASHA_SYSTEM_KALACHAKRA) {
        dasha_kalachakra_from_moon(moon, c->tz.ut, c->tz.offset, o->dasha_year_days,
                                   o->kalachakra_levels, &out->kalachakra);
        dasha_kalachakra_current(&out->kalachakra, o->as_of, &out->kalachakra.current);
    }
    return 0;
}
