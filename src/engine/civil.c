/* civil.c - proleptic Gregorian calendar arithmetic and ISO 8601 parsing.
 * Day counting follows Howard Hinnant's days_from_civil algorithm.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "engine/civil.h"

#include "common/err.h"

#include <math.h>
#include <string.h>

#define JD_UNIX_EPOCH 2440587.5

bool civil_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int civil_days_in_month(int y, int m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && civil_is_leap(y) ? 29 : mdays[m - 1];
}

int64_t civil_days_from_date(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_date_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (mm <= 2));
    *m = mm;
    *d = dd;
}

int64_t civil_to_seconds(const struct civil *c)
{
    return civil_days_from_date(c->year, c->month, c->day) * 86400 +
           c->hour * 3600 + c->minute * 60 + c->second;
}

void civil_from_seconds(int64_t secs, struct civil *c)
{
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    int64_t rem = secs - days * 86400;
    civil_date_from_days(days, &c->year, &c->month, &c->day);
    c->hour = (int)(rem / 3600);
    c->minute = (int)(rem / 60 % 60);
    c->second = (int)(rem % 60);
}

int civil_weekday(int y, int m, int d)
{
    int64_t days = civil_days_from_date(y, m, d); /* 1970-01-01 was a Thursday */
    int64_t w = (days + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* Reads exactly n decimal digits. */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

int civil_parse_date(const char *s, struct civil *c)
{
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
        return ERR_INVALID_DATE;
    if (m < 1 || m > 12 || d < 1 || d > civil_days_in_month(y, m))
        return ERR_INVALID_DATE;
    if (y < CIVIL_YEAR_MIN || y > CIVIL_YEAR_MAX)
        return ERR_DATE_OUT_OF_RANGE;
    c->year = y;
    c->month = m;
    c->day = d;
    return 0;
}

int civil_parse_time(const char *s, struct civil *c)
{
    int h, mi, se = 0;
    size_t n = strlen(s);
    if ((n != 5 && n != 8) || s[2] != ':' || !digits(s, 2, &h) || !digits(s + 3, 2, &mi))
        return ERR_INVALID_TIME;
    if (n == 8 && (s[5] != ':' || !digits(s + 6, 2, &se)))
        return ERR_INVALID_TIME;
    if (h > 23 || mi > 59 || se > 59)
        return ERR_INVALID_TIME;
    c->hour = h;
    c->minute = mi;
    c->second = se;
    return 0;
}

double civil_jd_from_seconds(double secs)
{
    return JD_UNIX_EPOCH + secs / 86400.0;
}

double civil_seconds_from_jd(double jd)
{
    return (jd - JD_UNIX_EPOCH) * 86400.0;
}

/* Two digits of v (0..99) at p; returns the end. */
static char *put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
    return p + 2;
}

/* "+05:30" or "+05:21:07" at p (|off| < 100 h); returns the end. */
static char *put_offset(char *p, int off)
{
    int a = off < 0 ? -off : off;
    *p++ = off < 0 ? '-' : '+';
    p = put2(p, a / 3600 % 100);
    *p++ = ':';
    p = put2(p, a / 60 % 60);
    if (a % 60) {
        *p++ = ':';
        p = put2(p, a % 60);
    }
    *p = '\0';
    return p;
}

void civil_format_offset(int off, char out[16])
{
    put_offset(out, off);
}

/* No printf here: a chart document formats hundreds of instants. */
void civil_format_iso(double secs, const int *offset_seconds, char out[32])
{
    struct civil c;
    civil_from_seconds((int64_t)llround(secs) + (offset_seconds ? *offset_seconds : 0), &c);
    int y = c.year < 0 ? 0 : c.year > 9999 ? 9999 : c.year; /* 1..5400 in practice */
    char *p = put2(out, y / 100);
    p = put2(p, y % 100);
    *p++ = '-';
    p = put2(p, c.month);
    *p++ = '-';
    p = put2(p, c.day);
    *p++ = 'T';
    p = put2(p, c.hour);
    *p++ = ':';
    p = put2(p, c.minute);
    *p++ = ':';
    p = put2(p, c.second);
    if (offset_seconds) {
        put_offset(p, *offset_seconds);
    } else {
        p[0] = 'Z';
        p[1] = '\0';
    }
}
