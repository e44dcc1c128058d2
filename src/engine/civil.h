/* civil.h - proleptic Gregorian calendar arithmetic and ISO 8601 parsing.
 * Instants are counted in seconds from 1970-01-01T00:00:00 on the same
 * (proleptic Gregorian, no leap seconds) time line that tzdata uses.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_CIVIL_H
#define KUNDLI_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

#define CIVIL_YEAR_MIN 1
#define CIVIL_YEAR_MAX 5399

/* A calendar date and wall-clock time, in no particular zone. */
struct civil {
    int year, month, day;      /* month 1..12, day 1..31 */
    int hour, minute, second;  /* 0..23, 0..59, 0..59 */
};

bool civil_is_leap(int year);
int civil_days_in_month(int year, int month);

/* Days from 1970-01-01 to y-m-d (negative before); exact for any year. */
int64_t civil_days_from_date(int year, int month, int day);
/* Inverse of civil_days_from_date. */
void civil_date_from_days(int64_t days, int *year, int *month, int *day);

/* Seconds since 1970-01-01T00:00:00 of the wall time c. */
int64_t civil_to_seconds(const struct civil *c);
/* Inverse of civil_to_seconds. */
void civil_from_seconds(int64_t secs, struct civil *c);

/* Day of week of y-m-d: 0 = Sunday .. 6 = Saturday. */
int civil_weekday(int year, int month, int day);

/* Parse "YYYY-MM-DD" into c's date fields. Rejects anything else, impossible
 * dates (2023-02-29) and years outside CIVIL_YEAR_MIN..MAX.
 * Returns 0, ERR_INVALID_DATE or ERR_DATE_OUT_OF_RANGE. */
int civil_parse_date(const char *s, struct civil *c);
/* Parse "HH:MM" or "HH:MM:SS" (24-hour) into c's time fields.
 * Returns 0 or ERR_INVALID_TIME. */
int civil_parse_time(const char *s, struct civil *c);

/* Julian day (UT) of seconds since 1970 (UT). */
double civil_jd_from_seconds(double secs);
/* Seconds since 1970 of Julian day jd. */
double civil_seconds_from_jd(double jd);

/* Formats seconds since 1970 (UT) as "YYYY-MM-DDTHH:MM:SSZ", or with the
 * offset as "YYYY-MM-DDTHH:MM:SS+05:30" when offset_seconds is not NULL.
 * Seconds are rounded to the nearest whole second. out needs 32 bytes. */
void civil_format_iso(double secs, const int *offset_seconds, char out[32]);
/* Formats an offset as "+05:30" (or "+05:53:28" when it has seconds).
 * out needs 16 bytes. */
void civil_format_offset(int offset_seconds, char out[16]);

#endif
