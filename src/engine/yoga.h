/* yoga.h - a documented table of common yogas (planetary combinations):
 * the five Mahapurusha yogas, the lunar and solar yogas, Raja, Dhana,
 * Viparita and others, each found present or absent with the grahas that
 * form it. Rules and sources: docs/yoga.md and the table in yoga.c.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_YOGA_H
#define KUNDLI_YOGA_H

#include "engine/chart.h"

#include <stdbool.h>

/* Yogas in the order of the table (and of the JSON array). */
enum yoga_id {
    YOGA_RUCHAKA,
    YOGA_BHADRA,
    YOGA_HAMSA,
    YOGA_MALAVYA,
    YOGA_SASA,
    YOGA_GAJA_KESARI,
    YOGA_BUDHA_ADITYA,
    YOGA_CHANDRA_MANGALA,
    YOGA_ADHI,
    YOGA_SUNAPHA,
    YOGA_ANAPHA,
    YOGA_DURUDHARA,
    YOGA_KEMADRUMA,
    YOGA_KEMADRUMA_BHANGA,
    YOGA_VESI,
    YOGA_VASI,
    YOGA_UBHAYACHARI,
    YOGA_NEECHA_BHANGA,
    YOGA_HARSHA,
    YOGA_SARALA,
    YOGA_VIMALA,
    YOGA_RAJA,
    YOGA_DHANA,
    YOGA_LAKSHMI,
    YOGA_SARASWATI,
    YOGA_AMALA,
    YOGA_PARVATA,
    YOGA_KAHALA,
    YOGA_SHAKATA,
    YOGA_CHATUSSAGARA,
    YOGA_PARIVARTANA,
    YOGA_COUNT
};

struct yoga {
    bool present;
    int nplanets;
    signed char planets[GRAHA_CLASSICAL]; /* enum graha, forming graha first;
                                             empty when absent */
};

struct yogas {
    struct yoga y[YOGA_COUNT]; /* indexed by enum yoga_id */
    int present_count;
};

/* Evaluates every yoga of the table on chart c (signs of Sun .. Ketu, the
 * lagna, and the degrees of the grahas for dignity). Cannot fail. */
void yoga_compute(const struct chart *c, struct yogas *out);

/* The table's text for yoga id: name ("Gaja Kesari"), one-line rule, and
 * the classical source. "" for an unknown id. */
const char *yoga_name(int id);
const char *yoga_description(int id);
const char *yoga_source(int id);

#endif
