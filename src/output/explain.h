/* explain.h - how to reproduce a chart's positions with the Swiss
 * Ephemeris's own test program, swetest: the command lines (same instant,
 * ayanamsa, node, frame, house system) and notes on reading their output.
 * The "explain" member of a chart document (option explain) and the
 * closing lines of `kundli chart --explain`.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_EXPLAIN_H
#define KUNDLI_EXPLAIN_H

#include "common/jsonw.h"
#include "engine/chart.h"

#include <stdio.h>

#define EXPLAIN_COMMANDS 2 /* the grahas, the houses */
#define EXPLAIN_LINE_MAX 256

/* Writes chart c's swetest command lines into lines[0..]: the grahas (and
 * the ayanamsa and delta T), then the house cusps with the ascendant and
 * MC. Returns their count (EXPLAIN_COMMANDS). */
int explain_swetest(const struct chart *c, char lines[][EXPLAIN_LINE_MAX]);

/* Appends the value of "explain": {"swetest": [command, ...], "notes":
 * [text, ...]}. The caller writes the key. */
void explain_json_write(struct jsonw *w, const struct chart *c);

/* Prints the same as a blank line, a heading, the commands and the notes,
 * for the text tables of `kundli chart`. */
void explain_text_write(FILE *f, const struct chart *c);

#endif
