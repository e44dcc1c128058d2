/* timefmt.c - RFC 3339 formatting and strict parsing (see timefmt.h), on
 * the engine's proleptic Gregorian arithmetic (civil.h).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/timefmt.h"

#include "engine/civil.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void timefmt_rfc3339(int64_t us, char out[32])
{
    if (us < 0)
        us = 0;
    int64_t secs = us / 1000000;
    struct civil c;
    civil_from_seconds(secs, &c);
    snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", c.year, c.month, c.day, c.hour,
             c.minute, (int)c.second, (int)(us % 1000000));
}

/* n decimal digits at s, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool timefmt_parse_rfc3339(const char *s, int64_t *us)
{
    int y = digits(s, 4);
    if (y < 1970 || s[4] != '-')
        return false;
    int mo = digits(s + 5, 2);
    if (mo < 1 || mo > 12 || s[7] != '-')
        return false;
    int d = digits(s + 8, 2);
    if (d < 1 || d > civil_days_in_month(y, mo) || (s[10] != 'T' && s[10] != 't'))
        return false;
    int h = digits(s + 11, 2), mi = -1, sec = -1;
    if (h >= 0 && h <= 23 && s[13] == ':')
        mi = digits(s + 14, 2);
    if (mi >= 0 && mi <= 59 && s[16] == ':')
        sec = digits(s + 17, 2);
    if (sec < 0 || sec > 59)
        return false;
    const char *p = s + 19;
    int64_t frac = 0;
    if (*p == '.') {
        int n = 0;
        for (p++; *p >= '0' && *p <= '9'; p++, n++)
            if (n < 6)
                frac = frac * 10 + (*p - '0');
        if (n < 1 || n > 9)
            return false;
        for (; n < 6; n++)
            frac *= 10;
    }
    int offset = 0;
    if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
        offset = 0;
    } else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
        int oh = digits(p + 1, 2), om = digits(p + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59)
            return false;
        offset = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
    } else {
        return false;
    }
    int64_t t = civil_days_from_date(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
    if (t < 0)
        return false;
    *us = t * 1000000 + frac;
    return true;
}

int64_t timefmt_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
