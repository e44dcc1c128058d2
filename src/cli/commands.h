/* commands.h - the kundli subcommands; each returns the process exit code.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_COMMANDS_H
#define KUNDLI_COMMANDS_H

#include "engine/context.h"
#include "places/places.h"

/* ctx: the engine's context, made by main() from KUNDLI_EPHE_PATH and
 * KUNDLI_ZONEINFO. */
int cmd_chart(const struct context *ctx, int argc, char **argv);
int cmd_bench(const struct context *ctx, int argc, char **argv);
int cmd_match(const struct context *ctx, int argc, char **argv);
int cmd_panchang(const struct context *ctx, int argc, char **argv);
/* `kundli muhurta`: the windows of a date range that satisfy a purpose's
 * rules (engine/muhurta.h). */
int cmd_muhurta(const struct context *ctx, int argc, char **argv);
/* `kundli bulk`: charts of many births (CSV or NDJSON) on every core. */
int cmd_bulk(const struct context *ctx, int argc, char **argv);
/* `kundli match-matrix`: the best girls for each boy, from the table of
 * pairs (engine/match_table.h). */
int cmd_match_matrix(const struct context *ctx, int argc, char **argv);
/* `kundli events`: the events of a span of time (docs/events.md). */
int cmd_events(const struct context *ctx, int argc, char **argv);
/* `kundli sensitivity`: the changes within a window around a birth time. */
int cmd_sensitivity(const struct context *ctx, int argc, char **argv);
/* `kundli transits`: the transits over a birth chart at --at. */
int cmd_transits(const struct context *ctx, int argc, char **argv);
/* `kundli places QUERY`: the gazetteer's cities, as a table or --json. */
int cmd_places(struct places *places, int argc, char **argv);

#endif
