/* timefmt.h - RFC 3339 timestamps of the admin endpoints and alerts:
 * microseconds since 1970-01-01T00:00:00Z to text and back.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_TIMEFMT_H
#define KUNDLI_TIMEFMT_H

#include <stdbool.h>
#include <stdint.h>

/* us (microseconds since the epoch, >= 0) as "2024-01-02T03:04:05.000006Z"
 * into out (NUL-terminated, 27 characters). */
void timefmt_rfc3339(int64_t us, char out[32]);

/* Parses an RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS", an optional
 * fraction of 1..9 digits (kept to the microsecond, truncated), then "Z"
 * or an offset "+HH:MM" / "-HH:MM" ('T' and 'Z' in either case). Years
 * 1970..9999. True with *us set; false (and *us untouched) otherwise. */
bool timefmt_parse_rfc3339(const char *s, int64_t *us);

/* Now, on the real-time clock, in microseconds since the epoch. */
int64_t timefmt_now_us(void);

#endif
