/* chart.c - computes the D1 chart: UT from civil time, sidereal positions,
 * lagna and houses, then each graha's sign, nakshatra, house, dignity,
 * combustion and chara karaka.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/chart.h"

#include "engine/combustion.h"
#include "engine/dignity.h"
#include "engine/eph.h"
#include "engine/karaka.h"

#include <math.h>
#include <string.h>

/* libswe house-system letters, in enum house_system order. */
static const char hsys_letter[HOUSES_COUNT] = {'W', 'P', 'S', 'K', 'E', 'O', 'R', 'C'};

const char *chart_stage_name(enum chart_stage stage)
{
    static const char *const names[STAGE_SECTIONS] = {"time", "ephemeris", "houses",
                                                      "derivations"};
    if (stage >= 0 && stage < STAGE_SECTIONS)
        return names[stage];
    return section_stage(stage - STAGE_SECTIONS);
}

double chart_timing_start(const struct chart_timing *t)
{
    return t && t->now ? t->now() : 0;
}

void chart_timing_lap(struct chart_timing *t, enum chart_stage stage, double *mark)
{
    if (!t || !t->now)
        return;
    double now = t->now();
    t->ns[stage] += now - *mark;
    *mark = now;
}

int chart_house_of_sign(const struct chart *c, int sign)
{
    return ((sign - c->ascendant.sign) % 12 + 12) % 12 + 1;
}

/* House 1 .. 12 whose [cusp, next cusp) arc holds lon. */
static int bhava_of(const struct chart *c, double lon)
{
    for (int h = 0; h < 12; h++) {
        double start = c->houses[h].cusp;
        double span = zodiac_norm(c->houses[(h + 1) % 12].cusp - start);
        if (zodiac_norm(lon - start) < span)
            return h + 1;
    }
    return 1; /* degenerate cusps (all equal): only at the poles */
}

int chart_resolve_time(const struct context *ctx, const struct birth *b,
                       const struct chart_options *o, struct chart *c, struct error *err)
{
    const struct tz_zone *zone;
    c->birth = *b;
    c->options = *o;
    b = &c->birth; /* with its place resolved */
    int rc = birth_resolve_place(ctx, &c->birth, err);
    if (rc)
        return rc;
    rc = tz_zone_get(ctx->tz, b->timezone, &zone, err);
    if (rc)
        return rc;
    rc = tz_local_to_ut(zone, &b->local, b->longitude, b->fold, &c->tz, err);
    if (rc)
        return rc;
    c->zone = zone;
    c->zone_name = tz_zone_name(zone);
    c->ephe_path = ctx->ephe_path;
    c->jd_ut = civil_jd_from_seconds(c->tz.ut);
    return context_check_instant(ctx, c->jd_ut, "birth.date", err);
}

char chart_house_letter(int house_system)
{
    return house_system >= 0 && house_system < HOUSES_COUNT ? hsys_letter[house_system] : 'W';
}

void chart_frame(const struct context *ctx, const struct birth *b, const struct chart_options *o,
                 struct eph_frame *out)
{
    *out = (struct eph_frame){
        .ephe_path = ctx->ephe_path,
        .ayanamsa = o->ayanamsa,
        .true_node = o->node == NODE_TRUE,
        .topocentric = o->topocentric,
        .true_positions = o->true_positions,
        .latitude = b->latitude,
        .longitude = b->longitude,
        .altitude = b->altitude,
    };
}

static int compute_positions(const struct context *ctx, const struct birth *b,
                             const struct chart_options *o, struct chart *c, struct error *err)
{
    struct eph_frame frame;
    chart_frame(ctx, b, o, &frame);
    eph_begin(&frame);
    c->ephemeris = EPH_SWISS;
    c->ngrahas = o->outer_planets ? GRAHA_COUNT : GRAHA_CLASSICAL;
    for (int g = 0; g < c->ngrahas; g++) {
        struct eph_pos p;
        if (g == GRAHA_KETU) { /* Rahu + 180: no second ephemeris call */
            p = (struct eph_pos){zodiac_norm(c->grahas[GRAHA_RAHU].pos.longitude + 180.0),
                                 -c->grahas[GRAHA_RAHU].latitude,
                                 c->grahas[GRAHA_RAHU].speed};
        } else {
            int rc = eph_graha(c->jd_ut, g, &p, &c->ephemeris, err);
            if (rc)
                return rc;
        }
        struct graha_pos *gp = &c->grahas[g];
        gp->graha = g;
        gp->pos.longitude = p.longitude;
        gp->latitude = p.latitude;
        gp->speed = p.speed;
    }
    c->ayanamsa_value = eph_ayanamsa(c->jd_ut);
    c->delta_t = eph_delta_t(c->jd_ut);
    return 0;
}

static void compute_houses(const struct birth *b, const struct chart_options *o,
                           struct chart *c)
{
    double cusps[12], asc, mc;
    char want = chart_house_letter(o->house_system);
    char used = eph_houses(c->jd_ut, b->latitude, b->longitude, want, cusps, &asc, &mc);
    c->house_fallback = used != want;
    c->house_system_used = c->house_fallback ? HOUSES_PORPHYRY : o->house_system;
    zodiac_locate(asc, &c->ascendant);
    zodiac_locate(mc, &c->mc);
    for (int h = 0; h < 12; h++) {
        struct house *hs = &c->houses[h];
        hs->cusp = zodiac_norm(cusps[h]);
        hs->sign = o->house_system == HOUSES_WHOLE_SIGN ? (int)(c->ascendant.sign + h) % 12
                                                        : zodiac_part(hs->cusp, 30.0);
        hs->occupants = 0;
    }
}

static void derive(struct chart *c)
{
    const double sun = c->grahas[GRAHA_SUN].pos.longitude;
    double degrees[GRAHA_SEVEN];
    int karakas[GRAHA_SEVEN];

    for (int g = 0; g < c->ngrahas; g++) {
        struct graha_pos *gp = &c->grahas[g];
        zodiac_locate(gp->pos.longitude, &gp->pos);
        gp->retrograde = gp->speed < 0;
        gp->house = chart_house_of_sign(c, gp->pos.sign);
        gp->bhava = bhava_of(c, gp->pos.longitude);
        c->houses[gp->bhava - 1].occupants |= 1u << g;
        gp->sun_distance = combustion_distance(gp->pos.longitude, sun);
        gp->combust = combustion_is_combust(g, gp->pos.longitude, sun, gp->retrograde);
        gp->karaka = KARAKA_NONE;
    }
    for (int g = 0; g < c->ngrahas; g++) {
        struct graha_pos *gp = &c->grahas[g];
        int lord = sign_lord(gp->pos.sign);
        gp->dignity = dignity_of(g, gp->pos.sign, gp->pos.degree, c->grahas[lord].pos.sign,
                                 &gp->relation);
    }
    for (int g = 0; g < GRAHA_SEVEN; g++)
        degrees[g] = c->grahas[g].pos.degree;
    karaka_assign(degrees, karakas);
    for (int g = 0; g < GRAHA_SEVEN; g++)
        c->grahas[g].karaka = karakas[g];
}

int chart_compute(const struct context *ctx, const struct birth *b, const struct chart_options *o,
                  struct chart *c, struct chart_timing *t, struct error *err)
{
    double mark = chart_timing_start(t);
    int rc;

    memset(c, 0, sizeof *c);
    rc = chart_resolve_time(ctx, b, o, c, err);
    chart_timing_lap(t, STAGE_TIME, &mark);
    if (rc)
        return rc;
    b = &c->birth; /* with its place resolved */
    rc = compute_positions(ctx, b, o, c, err);
    chart_timing_lap(t, STAGE_EPHEMERIS, &mark);
    if (rc)
        return rc;
    compute_houses(b, o, c);
    chart_timing_lap(t, STAGE_HOUSES, &mark);
    derive(c);
    chart_timing_lap(t, STAGE_DERIVE, &mark);
    return 0;
}
