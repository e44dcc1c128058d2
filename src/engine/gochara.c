/* gochara.c - the transits of the nine grahas over a natal chart at an
 * instant: positions, houses, favourable houses and their vedha,
 * ashtakavarga bindus, next sign changes and chandrashtama (see gochara.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/gochara.h"

#include "engine/civil.h"
#include "engine/tz.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Gochara phala: the houses from the natal Moon in which each graha's
 * transit is good, each paired with its vedha house, from which a graha
 * transiting there obstructs that good result (Mantreswara, Phaladeepika
 * ch. 26; Muhurta Chintamani, Gochara prakarana; tabulated in P.V.R.
 * Narasimha Rao, Vedic Astrology: An Integrated Approach, section 26.3).
 * The pairs, good:vedha:
 *   Sun      3:9  6:12 10:4 11:5
 *   Moon     1:5  3:9  6:12 7:2  10:4 11:8
 *   Mars     3:12 6:9  11:5
 *   Mercury  2:5  4:3  6:9  8:1  10:8 11:12
 *   Jupiter  2:12 5:4  7:3  9:10 11:8
 *   Venus    1:8  2:7  3:1  4:10 5:9  8:5  9:11 11:6 12:3
 *   Saturn   3:12 6:9  11:5
 * (some renderings pair Venus's 11th with the 3rd and 12th with the 6th;
 * docs/transits.md). The tables name the seven planets; Rahu and Ketu
 * transit as Saturn and Mars ("Shanivat Rahu, Kujavat Ketu"), whose rows
 * are the same. vedha[g][h] is the vedha house of good house h, 0 when h is
 * not good. */
static const signed char vedha[GRAHA_CLASSICAL][13] = {
    [GRAHA_SUN] = {[3] = 9, [6] = 12, [10] = 4, [11] = 5},
    [GRAHA_MOON] = {[1] = 5, [3] = 9, [6] = 12, [7] = 2, [10] = 4, [11] = 8},
    [GRAHA_MARS] = {[3] = 12, [6] = 9, [11] = 5},
    [GRAHA_MERCURY] = {[2] = 5, [4] = 3, [6] = 9, [8] = 1, [10] = 8, [11] = 12},
    [GRAHA_JUPITER] = {[2] = 12, [5] = 4, [7] = 3, [9] = 10, [11] = 8},
    [GRAHA_VENUS] =
        {[1] = 8, [2] = 7, [3] = 1, [4] = 10, [5] = 9, [8] = 5, [9] = 11, [11] = 6, [12] = 3},
    [GRAHA_SATURN] = {[3] = 12, [6] = 9, [11] = 5},
    [GRAHA_RAHU] = {[3] = 12, [6] = 9, [11] = 5},
    [GRAHA_KETU] = {[3] = 12, [6] = 9, [11] = 5},
};

bool gochara_favourable(int graha, int house, int *vedha_house)
{
    int v = graha >= 0 && graha < GRAHA_CLASSICAL && house >= 1 && house <= 12 ? vedha[graha][house]
                                                                               : 0;
    if (vedha_house)
        *vedha_house = v;
    return v != 0;
}

/* Whether a graha in the vedha house obstructs g: any other of the nine
 * but the pairs of father and son, Sun and Saturn, and of Moon and
 * Mercury, which never obstruct each other (Phaladeepika ch. 26). */
static bool obstructs(int by, int g)
{
    if (by == g)
        return false;
    if ((by == GRAHA_SUN && g == GRAHA_SATURN) || (by == GRAHA_SATURN && g == GRAHA_SUN))
        return false;
    if ((by == GRAHA_MOON && g == GRAHA_MERCURY) || (by == GRAHA_MERCURY && g == GRAHA_MOON))
        return false;
    return true;
}

int gochara_compute(const struct chart *c, const struct ashtakavarga *av, double jd_ut,
                    struct gochara *out, struct error *err)
{
    const struct eph_frame natal = {
        .ephe_path = c->ephe_path,
        .ayanamsa = c->options.ayanamsa,
        .true_node = c->options.node == NODE_TRUE,
        .topocentric = c->options.topocentric,
        .true_positions = c->options.true_positions,
        .latitude = c->birth.latitude,
        .longitude = c->birth.longitude,
        .altitude = c->birth.altitude,
    };
    struct eph_frame geo = natal;
    int rc = 0;

    geo.topocentric = false;
    memset(out, 0, sizeof *out);
    out->jd_ut = jd_ut;
    out->lagna_sign = c->ascendant.sign;
    out->moon_sign = c->grahas[GRAHA_MOON].pos.sign;
    out->chandrashtama_sign = (out->moon_sign + 7) % 12;
    out->chandrashtama_current = (struct transit_span){NAN, NAN};
    out->chandrashtama_next = (struct transit_span){NAN, NAN};
    if (!isfinite(jd_ut))
        return err_set(err, ERR_INVALID_VALUE, "options.as_of", "as_of must be a finite instant");

    eph_begin(&geo);
    for (int g = 0; g < GRAHA_CLASSICAL && rc == 0; g++) {
        struct gochara_graha *t = &out->g[g];
        struct eph_pos p;
        enum eph_source source = EPH_SWISS;
        if (g == GRAHA_KETU) { /* Rahu + 180 */
            p = (struct eph_pos){zodiac_norm(out->g[GRAHA_RAHU].pos.longitude + 180.0), 0,
                                 out->g[GRAHA_RAHU].speed};
        } else {
            rc = eph_graha(jd_ut, g, &p, &source, err);
            if (rc)
                break;
            out->ephemeris_calls++;
        }
        zodiac_locate(p.longitude, &t->pos);
        t->speed = p.speed;
        t->retrograde = p.speed < 0;
        t->house = (t->pos.sign - out->lagna_sign + 12) % 12 + 1;
        t->house_from_moon = (t->pos.sign - out->moon_sign + 12) % 12 + 1;
        t->bindus = g < GRAHA_SEVEN ? av->bhinna[g][t->pos.sign] : -1;
        t->sarva_bindus = av->sarva[t->pos.sign];
    }
    for (int g = 0; g < GRAHA_CLASSICAL && rc == 0; g++) {
        struct gochara_graha *t = &out->g[g];
        t->favourable = gochara_favourable(g, t->house_from_moon, &t->vedha_house);
        for (int by = 0; by < GRAHA_CLASSICAL && t->favourable; by++)
            if (out->g[by].house_from_moon == t->vedha_house && obstructs(by, g))
                t->vedha_by |= 1u << by;
        t->obstructed = t->vedha_by != 0;
    }
    for (int g = 0; g < GRAHA_CLASSICAL && rc == 0; g++) {
        struct gochara_graha *t = &out->g[g];
        if (g == GRAHA_KETU) { /* leaves its sign with Rahu, into the opposite one */
            t->next_change = out->g[GRAHA_RAHU].next_change;
            t->next_sign = (out->g[GRAHA_RAHU].next_sign + 6) % 12;
            continue;
        }
        rc = transit_next_sign_change(&geo, g, jd_ut, &t->next_change, &t->next_sign,
                                      &out->ephemeris_calls, err);
    }
    if (rc == 0)
        rc = transit_moon_stays(&geo, out->chandrashtama_sign, jd_ut, &out->chandrashtama_current,
                                &out->chandrashtama_next, &out->ephemeris_calls, err);
    out->chandrashtama_active = !isnan(out->chandrashtama_current.start);
    eph_begin(&natal);
    return rc;
}

/* Reads "Z", "+HH:MM", "+HHMM" or "+HH" (and '-') into seconds east. */
static bool parse_offset(const char *s, int *out)
{
    int h, m = 0;
    size_t n = strlen(s);
    if (strcmp(s, "Z") == 0 || strcmp(s, "z") == 0) {
        *out = 0;
        return true;
    }
    if ((s[0] != '+' && s[0] != '-') || (n != 3 && n != 5 && n != 6))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!(s[i] >= '0' && s[i] <= '9') && !(n == 6 && i == 3 && s[i] == ':'))
            return false;
    h = (s[1] - '0') * 10 + (s[2] - '0');
    if (n > 3)
        m = (s[n - 2] - '0') * 10 + (s[n - 1] - '0');
    if (h > 23 || m > 59)
        return false;
    *out = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return true;
}

int gochara_parse_instant(const struct tz_zone *zone, double longitude, const char *text,
                          const char *field, double *ut, struct error *err)
{
    static const char form[] = "must be a date YYYY-MM-DD or a date and time "
                               "YYYY-MM-DDTHH:MM[:SS], optionally ending in Z or an offset "
                               "like +05:30";
    struct civil c = {0};
    char date[11], clock[9] = "", zone_text[8] = "";
    size_t n = strlen(text), at = 10;
    int offset = 0, rc;
    bool has_offset = false;

    if (n < 10 || n > 32)
        return err_set(err, ERR_INVALID_DATE, field, "%s %s", field, form);
    memcpy(date, text, 10);
    date[10] = '\0';
    rc = civil_parse_date(date, &c);
    if (rc)
        return err_set(err, ERR_INVALID_DATE, field, "%s %s, a calendar date in %04d..%04d", field,
                       form, CIVIL_YEAR_MIN, CIVIL_YEAR_MAX);
    if (at < n && (text[at] == 'T' || text[at] == 't' || text[at] == ' ')) {
        size_t len = 0;
        at++;
        while (at + len < n && len < 8 &&
               (text[at + len] == ':' || (text[at + len] >= '0' && text[at + len] <= '9')))
            len++;
        memcpy(clock, text + at, len);
        clock[len] = '\0';
        at += len;
        if (civil_parse_time(clock, &c))
            return err_set(err, ERR_INVALID_TIME, field,
                           "%s has a bad time '%.8s'; use HH:MM or HH:MM:SS (24-hour)", field,
                           clock);
    }
    if (at < n) {
        if (n - at >= sizeof zone_text)
            return err_set(err, ERR_INVALID_DATE, field, "%s %s", field, form);
        memcpy(zone_text, text + at, n - at + 1);
        if (!parse_offset(zone_text, &offset))
            return err_set(err, ERR_INVALID_DATE, field, "%s %s", field, form);
        has_offset = true;
    }
    if (has_offset) {
        *ut = (double)civil_to_seconds(&c) - offset;
        return 0;
    }
    struct tz_conv conv;
    rc = tz_local_to_ut(zone, &c, longitude, 0, &conv, err);
    if (rc) {
        snprintf(err->field, sizeof err->field, "%s", field);
        return rc;
    }
    *ut = conv.ut;
    return 0;
}
