/* section.h - the sections a caller can ask of a kundli, from the registry
 * (sections.def): their ids, bits, wire names and stage names, and the
 * parser of a comma list of names.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SECTION_H
#define KUNDLI_SECTION_H

#include "common/err.h"

#include <stddef.h>

/* Index of each row: SECTION_ID_PLANETS, ... */
enum section_id {
#define SECTION(id, name, stage, compute, write_json, write_table) SECTION_ID_##id,
#include "engine/sections.def"
#undef SECTION
    SECTION_COUNT
};

/* Bit of each row in chart_options.sections: SECTION_PLANETS, ... */
enum section {
#define SECTION(id, name, stage, compute, write_json, write_table)                                 \
    SECTION_##id = 1 << SECTION_ID_##id,
#include "engine/sections.def"
#undef SECTION
};

#define SECTIONS_ALL ((1u << SECTION_COUNT) - 1)
/* Sections computed only when named: the drawings (svg) are a rendering
 * of the others, asked for by whoever wants pictures; kp is a system of
 * its own (its own ayanamsa and houses), for whoever practises it; the
 * strengths (strength) are a long computation few callers want; the
 * transits are of a date (options.as_of), not of the birth, and cost
 * milliseconds. */
#define SECTIONS_OPT_IN (SECTION_SVG | SECTION_KP | SECTION_STRENGTH | SECTION_TRANSITS)
/* The sections of a request that names none: every data section. */
#define SECTIONS_DEFAULT (SECTIONS_ALL & ~SECTIONS_OPT_IN)

/* The layouts of the drawings (section svg, output/svg.h): North Indian
 * (fixed houses, a diamond), South Indian (fixed signs, Pisces top-left,
 * clockwise) and East Indian (fixed signs, Aries top-middle,
 * counter-clockwise). Option chart_style; default north. */
enum chart_style { CHART_STYLE_NORTH, CHART_STYLE_SOUTH, CHART_STYLE_EAST, CHART_STYLE_COUNT };

/* The wire name of section id ("planets"), or NULL out of range. */
const char *section_name(int id);
/* The stage name of section id ("vargas"), or NULL when it has none. */
const char *section_stage(int id);
/* Parses a comma list of names ("planets,dasha") into bits. Returns 0 or
 * ERR_UNKNOWN_SECTION (field "options.sections"). */
int sections_parse(const char *list, unsigned *out, struct error *err);

/* The wire name of a chart style ("north", "south", "east"), or NULL out of
 * range. */
const char *chart_style_name(int style);
/* Parses a chart style's wire name into *out (enum chart_style). Returns 0
 * or ERR_INVALID_VALUE naming `field` ("options.chart_style", "style"). */
int chart_style_parse(const char *name, int *out, const char *field, struct error *err);

#endif
