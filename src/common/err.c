/* err.c - names and construction of project-wide errors (see err.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "common/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const names[] = {
#define X(sym, name) name,
    ERR_TABLE(X)
#undef X
};

const char *err_name(int code)
{
    if (code <= ERR_FIRST_ || code >= ERR_LAST_)
        return "internal_error";
    return names[code - ERR_FIRST_ - 1];
}

int err_set(struct error *e, int code, const char *field, const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return code;
}

void err_clear(struct error *e)
{
    if (!e)
        return;
    e->code = ERR_OK;
    e->field[0] = '\0';
    e->message[0] = '\0';
}
