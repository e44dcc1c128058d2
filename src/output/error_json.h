/* error_json.h - the one error document of the API and the CLI:
 * {"error":{"code","message","field"}}.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ERROR_JSON_H
#define KUNDLI_ERROR_JSON_H

#include "common/err.h"
#include "common/jsonw.h"

/* Appends the error document of e: code is its wire name (err_name), field
 * is "" when e names none. */
void error_json_write(struct jsonw *w, const struct error *e);

#endif
