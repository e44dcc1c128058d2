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
#define SECTIONS_DEFAULT SECTIONS_ALL

/* The wire name of section id ("planets"), or NULL out of range. */
const char *section_name(int id);
/* The stage name of section id ("vargas"), or NULL when it has none. */
const char *section_stage(int id);
/* Parses a comma list of names ("planets,dasha") into bits. Returns 0 or
 * ERR_UNKNOWN_SECTION (field "options.sections"). */
int sections_parse(const char *list, unsigned *out, struct error *err);

#endif
