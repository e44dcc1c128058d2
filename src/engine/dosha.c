/* dosha.c - Manglik (Kuja dosha) with its cancellations, Kaal sarp, and
 * Sade sati read from Saturn's memoised sign-passage timeline (transit.c;
 * see docs/dosha.md).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/dosha.h"

#include "engine/civil.h"
#include "engine/dignity.h"
#include "engine/eph.h"
#include "engine/transit.h"
#include "engine/zodiac.h"

#include <math.h>
#include <stddef.h>

/* House (1..12) of sign `sign` counted from sign `from`, whole signs. */
static int house_from(int from, int sign)
{
    return (sign - from + 12) % 12 + 1;
}

/* ---- Manglik ------------------------------------------------------------ */

static const struct {
    const char *name;
    const char *description;
} cancel_text[MANGLIK_CANCEL_COUNT] = {
    [MANGLIK_CANCEL_OWN_SIGN] = {"own_sign", "Mars in its own sign, Aries or Scorpio"},
    [MANGLIK_CANCEL_EXALTED] = {"exalted", "Mars exalted in Capricorn"},
    [MANGLIK_CANCEL_LEO_AQUARIUS] = {"leo_aquarius",
                                     "Mars in Leo or Aquarius gives no dosha (B.V. Raman)"},
    [MANGLIK_CANCEL_JUPITER] = {"jupiter",
                                "Mars conjunct Jupiter or in Jupiter's 5th, 7th or 9th aspect"},
    [MANGLIK_CANCEL_MOON] = {"moon", "Mars conjunct the Moon (B.V. Raman)"},
    [MANGLIK_CANCEL_YOGAKARAKA] = {"yogakaraka",
                                   "Cancer or Leo lagna: Mars is the yogakaraka"},
    [MANGLIK_CANCEL_SECOND_GEMINI_VIRGO] = {"second_gemini_virgo",
                                            "Mars in the 2nd house in Gemini or Virgo"},
    [MANGLIK_CANCEL_FOURTH_ARIES_SCORPIO] = {"fourth_aries_scorpio",
                                             "Mars in the 4th house in Aries or Scorpio"},
    [MANGLIK_CANCEL_SEVENTH_CANCER_CAPRICORN] = {"seventh_cancer_capricorn",
                                                 "Mars in the 7th house in Cancer or Capricorn"},
    [MANGLIK_CANCEL_EIGHTH_SAGITTARIUS_PISCES] = {
        "eighth_sagittarius_pisces", "Mars in the 8th house in Sagittarius or Pisces"},
    [MANGLIK_CANCEL_TWELFTH_TAURUS_LIBRA] = {"twelfth_taurus_libra",
                                             "Mars in the 12th house in Taurus or Libra"},
};

const char *dosha_manglik_cancel_name(int cancel)
{
    return cancel >= 0 && cancel < MANGLIK_CANCEL_COUNT ? cancel_text[cancel].name : "";
}

const char *dosha_manglik_cancel_description(int cancel)
{
    return cancel >= 0 && cancel < MANGLIK_CANCEL_COUNT ? cancel_text[cancel].description : "";
}

/* The house-based cancellation for Mars in house h in sign s, or -1
 * (B.V. Raman's exceptions, see docs/dosha.md). */
static int house_cancel(int h, int s)
{
    switch (h) {
    case 2:
        return s == GEMINI || s == VIRGO ? MANGLIK_CANCEL_SECOND_GEMINI_VIRGO : -1;
    case 4:
        return s == ARIES || s == SCORPIO ? MANGLIK_CANCEL_FOURTH_ARIES_SCORPIO : -1;
    case 7:
        return s == CANCER || s == CAPRICORN ? MANGLIK_CANCEL_SEVENTH_CANCER_CAPRICORN : -1;
    case 8:
        return s == SAGITTARIUS || s == PISCES ? MANGLIK_CANCEL_EIGHTH_SAGITTARIUS_PISCES : -1;
    case 12:
        return s == TAURUS || s == LIBRA ? MANGLIK_CANCEL_TWELFTH_TAURUS_LIBRA : -1;
    default:
        return -1;
    }
}

void dosha_manglik(const struct chart *c, struct manglik *out)
{
    const int mars = c->grahas[GRAHA_MARS].pos.sign;
    const int jupiter = c->grahas[GRAHA_JUPITER].pos.sign;
    const int refs[MANGLIK_REF_COUNT] = {c->ascendant.sign, c->grahas[GRAHA_MOON].pos.sign,
                                         c->grahas[GRAHA_VENUS].pos.sign};
    unsigned general = 0;

    /* Cancellations that hold from every reference. */
    if (mars == ARIES || mars == SCORPIO)
        general |= 1u << MANGLIK_CANCEL_OWN_SIGN;
    if (mars == dignity_exaltation_sign(GRAHA_MARS))
        general |= 1u << MANGLIK_CANCEL_EXALTED;
    if (mars == LEO || mars == AQUARIUS)
        general |= 1u << MANGLIK_CANCEL_LEO_AQUARIUS;
    /* Jupiter's full aspects fall on the 5th, 7th and 9th from it (BPHS
     * ch. 26 v. 3-4); the 1st is conjunction. */
    int hj = house_from(jupiter, mars);
    if (hj == 1 || hj == 5 || hj == 7 || hj == 9)
        general |= 1u << MANGLIK_CANCEL_JUPITER;
    if (mars == refs[MANGLIK_MOON])
        general |= 1u << MANGLIK_CANCEL_MOON;
    if (refs[MANGLIK_LAGNA] == CANCER || refs[MANGLIK_LAGNA] == LEO)
        general |= 1u << MANGLIK_CANCEL_YOGAKARAKA;

    out->present = false;
    out->cancellations = 0;
    out->mars_sign = mars;
    for (int r = 0; r < MANGLIK_REF_COUNT; r++) {
        int h = house_from(refs[r], mars);
        int hc = house_cancel(h, mars);
        unsigned why = general | (hc >= 0 ? 1u << hc : 0);
        out->house[r] = h;
        out->raw[r] = (MANGLIK_HOUSES >> h) & 1u;
        out->cancelled[r] = out->raw[r] && why != 0;
        if (out->raw[r]) {
            out->cancellations |= why;
            if (!why)
                out->present = true;
        }
    }
    out->from_lagna = out->raw[MANGLIK_LAGNA];
    out->from_moon = out->raw[MANGLIK_MOON];
    out->from_venus = out->raw[MANGLIK_VENUS];
}

/* ---- Kaal sarp ---------------------------------------------------------- */

static const char *const kaal_sarp_names[12] = {
    "Anant",  "Kulik",   "Vasuki",   "Shankhpal",   "Padma",  "Mahapadma",
    "Takshak", "Karkotak", "Shankhachur", "Ghatak", "Vishdhar", "Sheshnag",
};

const char *dosha_kaal_sarp_name(int type)
{
    return type >= 0 && type < 12 ? kaal_sarp_names[type] : "";
}

void dosha_kaal_sarp(const struct chart *c, struct kaal_sarp *out)
{
    const double rahu = c->grahas[GRAHA_RAHU].pos.longitude;
    const int rahu_sign = c->grahas[GRAHA_RAHU].pos.sign;
    const int ketu_sign = (rahu_sign + 6) % 12;
    unsigned ahead = 0, behind = 0; /* off-axis grahas Rahu->Ketu, Ketu->Rahu */
    int n_ahead = 0, n_behind = 0;

    out->on_axis = 0;
    for (int g = 0; g < GRAHA_SEVEN; g++) {
        int s = c->grahas[g].pos.sign;
        if (s == rahu_sign || s == ketu_sign) {
            out->on_axis |= 1u << g; /* conjunct a node: counted as on the axis */
            continue;
        }
        if (zodiac_norm(c->grahas[g].pos.longitude - rahu) < 180.0) {
            ahead |= 1u << g;
            n_ahead++;
        } else {
            behind |= 1u << g;
            n_behind++;
        }
    }
    out->rahu_house = house_from(c->ascendant.sign, rahu_sign);
    out->savya = n_ahead >= n_behind;
    out->outside = -1;
    if (n_ahead == 0 || n_behind == 0) {
        out->status = out->on_axis ? KAAL_SARP_PARTIAL : KAAL_SARP_FULL;
    } else if (n_ahead == 1 || n_behind == 1) {
        unsigned lone = n_ahead == 1 ? ahead : behind;
        out->status = KAAL_SARP_PARTIAL;
        out->savya = n_behind == 1; /* the six others lie Rahu->Ketu */
        for (int g = 0; g < GRAHA_SEVEN; g++)
            if (lone == 1u << g)
                out->outside = g;
    } else {
        out->status = KAAL_SARP_NONE;
    }
    out->present = out->status != KAAL_SARP_NONE;
    out->type = out->present ? out->rahu_house - 1 : -1;
}

/* ---- Sade sati ---------------------------------------------------------- */

const char *dosha_sade_sati_phase_name(int phase)
{
    static const char *const names[] = {"none", "rising", "peak", "setting"};
    return phase >= 0 && phase <= SADE_SATI_SETTING ? names[phase] : "";
}

/* Sade sati is Saturn's stay in the block of three signs starting with the
 * 12th from the Moon, read off the timeline of Saturn's sign passages that
 * every chart of the same ayanamsa, positions option and as_of day shares
 * (transit.h): the natal Moon only picks the block. */
int dosha_sade_sati(const struct chart *c, double as_of_ut, struct sade_sati *out,
                    struct error *err)
{
    const struct eph_frame frame = {
        .ephe_path = c->ephe_path,
        .ayanamsa = c->options.ayanamsa,
        .true_node = c->options.node == NODE_TRUE,
        .topocentric = c->options.topocentric,
        .true_positions = c->options.true_positions,
        .latitude = c->birth.latitude,
        .longitude = c->birth.longitude,
        .altitude = c->birth.altitude,
    };
    struct transit_span current, next;
    double lon = NAN;
    int rc;

    out->moon_sign = c->grahas[GRAHA_MOON].pos.sign;
    out->as_of = civil_jd_from_seconds(as_of_ut);
    out->active = false;
    out->current = (struct sade_sati_cycle){NAN, NAN};
    out->next = (struct sade_sati_cycle){NAN, NAN};
    out->ephemeris_calls = 0;
    if (!isfinite(as_of_ut))
        return err_set(err, ERR_INVALID_VALUE, "options.as_of", "as_of must be a finite instant");

    rc = transit_saturn_stays(&frame, out->as_of, (out->moon_sign + 11) % 12, 3, &current, &next,
                              &lon, &out->ephemeris_calls, err);
    if (rc)
        return rc;
    out->saturn_longitude = lon;
    out->saturn_sign = zodiac_part(lon, 30.0);
    switch ((out->saturn_sign - out->moon_sign + 12) % 12) {
    case 11:
        out->phase = SADE_SATI_RISING;
        break;
    case 0:
        out->phase = SADE_SATI_PEAK;
        break;
    case 1:
        out->phase = SADE_SATI_SETTING;
        break;
    default:
        out->phase = SADE_SATI_NONE;
    }
    out->active = !isnan(current.start);
    out->current = (struct sade_sati_cycle){current.start, current.end};
    out->next = (struct sade_sati_cycle){next.start, next.end};
    return 0;
}

/* ---- all three ---------------------------------------------------------- */

int dosha_compute(const struct chart *c, double as_of_ut, struct doshas *out, struct error *err)
{
    dosha_manglik(c, &out->manglik);
    dosha_kaal_sarp(c, &out->kaal_sarp);
    return dosha_sade_sati(c, as_of_ut, &out->sade_sati, err);
}
