/* sensitivity_table.h - the birth-time sensitivity as a readable text
 * table for `kundli sensitivity` (the JSON is sensitivity_json.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_SENSITIVITY_TABLE_H
#define KUNDLI_SENSITIVITY_TABLE_H

#include "engine/sensitivity.h"

#include <stdio.h>

/* Prints the birth and the window, the values at birth, the margins on
 * each side, then one line per change: its offset from the birth, its
 * local time to the second, its kind (and house), and the values before
 * and after. */
void sensitivity_table_write(FILE *f, const struct sensitivity *s);

#endif
