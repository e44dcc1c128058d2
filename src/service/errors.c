/* errors.c - result code -> HTTP status (see errors.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/errors.h"

#include "common/err.h"

int errors_http_status(int code)
{
    switch (code) {
    case ERR_OK: return 200;
    case ERR_MALFORMED_JSON:
    case ERR_INVALID_CHARACTER:
    case ERR_MALFORMED_REQUEST: return 400;
    case ERR_UNAUTHORIZED: return 401;
    case ERR_FORBIDDEN: return 403;
    case ERR_NOT_FOUND: return 404;
    case ERR_METHOD_NOT_ALLOWED: return 405;
    case ERR_TOO_LARGE: return 413;
    case ERR_UNSUPPORTED_MEDIA_TYPE: return 415;
    case ERR_RATE_LIMITED: return 429;
    case ERR_DEADLINE_EXCEEDED:
    case ERR_UNAVAILABLE:
    case ERR_OVERLOADED:
    case ERR_STORE_UNAVAILABLE:
    case ERR_STORE_BUSY:
    case ERR_NO_MEMORY:
    case ERR_EPHEMERIS: return 503;
    case ERR_INVALID_ARGUMENT:
    case ERR_INTERNAL: return 500;
    default: return 422; /* every validation error of a birth or option */
    }
}
