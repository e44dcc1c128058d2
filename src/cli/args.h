/* args.h - command-line parsing shared by the kundli subcommands: birth
 * and option flags map onto the engine's one birth/options parser.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ARGS_H
#define KUNDLI_ARGS_H

#include "common/err.h"
#include "common/jsonw.h"
#include "engine/birth.h"

#include <stdbool.h>

/* Exit status for bad arguments. */
#define EXIT_USAGE 2

/* If argv[*i] is a birth or chart-option flag (--date, --time, --tz, --lat,
 * --lon, --alt, --fold, --place, --ayanamsa, --node, --houses,
 * --topocentric, --outer-planets, --explain, --sections, --dasha, --as-of,
 * --node-aspects), consumes
 * it and its value ("--tz VALUE" or "--tz=VALUE"), advancing *i, and
 * returns 1; returns 0 if the flag is not one of these, or a negative
 * error (missing value, bad value, ERR_DUPLICATE_PARAMETER for a flag
 * given earlier in argv) with err filled. */
int args_birth_flag(int argc, char **argv, int *i, struct birth *b, struct chart_options *o,
                    struct error *err);

/* Reads the value of flag argv[*i] (advancing *i), or NULL if missing. */
const char *args_value(int argc, char **argv, int *i);

/* Reads argv[*i] as a flag of command's own table (n rows {"--from",
 * "from"}: the flag, the parameter it sets): puts the parameter in *key and
 * the next argument in *value, advancing *i, marks seen[k] and returns
 * true; or prints why not (an unknown flag, a missing value, a flag given
 * twice) and returns false: the command then exits with EXIT_USAGE. */
bool args_table_flag(const char *command, int argc, char **argv, int *i,
                     const char *const (*table)[2], size_t n, bool *seen, const char **key,
                     const char **value);

/* Parses a whole decimal integer in [min, max]. */
bool args_int(const char *s, long min, long max, long *out);

/* Prints w's document and a newline on stdout, then frees w. Returns 0,
 * or EXIT_FAILURE after an error line when the document is not whole
 * (jw_finish): nothing truncated is ever printed. */
int args_print_json(struct jsonw *w);

/* Prints "kundli: <message> (<field>: <code>)" to stderr, naming the flag
 * (--tz) instead of the API field it sets (birth.timezone), in the message
 * too; returns EXIT_USAGE. */
int args_fail(const struct error *err);

#endif
