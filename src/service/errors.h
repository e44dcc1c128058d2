/* errors.h - the one place that maps result codes to HTTP status codes.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ERRORS_H
#define KUNDLI_ERRORS_H

/* HTTP status for an enum err code: 400 malformed JSON, 404, 405, 413,
 * 415, 422 for every invalid birth or option, 503 for deadline, draining
 * and an unusable ephemeris, 500 only for ERR_INTERNAL. */
int errors_http_status(int code);

#endif
