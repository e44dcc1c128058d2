/* admin_cli.h - kundlid's operator commands, beside the service: API keys
 * (kundlid keys create|list|revoke) and the database (kundlid db
 * stats|backup). They open the store of the same settings as the service
 * (database_url and the db_* settings: flags, KUNDLI_* variables, the
 * config file) and may run while it serves.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ADMIN_CLI_H
#define KUNDLI_ADMIN_CLI_H

#include <stdbool.h>

/* Whether argv[1] names a command ("keys" or "db"). */
bool admin_cli_is_command(const char *arg);

/* Runs kundlid COMMAND ...: returns the exit status, 0 done, 1 failed
 * (the store could not do it: unreachable, no such key), 2 misused. */
int admin_cli_main(int argc, char **argv);

#endif
