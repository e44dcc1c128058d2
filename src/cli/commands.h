/* commands.h - the kundli subcommands; each returns the process exit code.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_COMMANDS_H
#define KUNDLI_COMMANDS_H

int cmd_chart(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_panchang(int argc, char **argv);

#endif
