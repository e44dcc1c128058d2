/* kundli_table.c - the registry's write_table column: which table writer
 * prints each section of `kundli chart` (see tables.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "output/tables.h"

static const table_write_fn writers[SECTION_COUNT] = {
#define SECTION(id, name, stage, compute, write_json, write_table) write_table,
#include "engine/sections.def"
#undef SECTION
};

table_write_fn section_table_writer(int id)
{
    return writers[id >= 0 && id < SECTION_COUNT ? id : 0];
}
