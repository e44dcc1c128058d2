/* alerts.c - the alert rules' state machine and the histogram quantile
 * (see alerts.h). Pure functions of their arguments.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/alerts.h"

#include <math.h>
#include <string.h>

const char *alerts_metric_name(int metric)
{
    static const char *const names[ALERT_METRIC_COUNT] = {
        "cpu", "memory", "disk_io", "p95", "p99", "5xx_rate", "4xx_rate",
    };
    return metric >= 0 && metric < ALERT_METRIC_COUNT ? names[metric] : "";
}

void alerts_init(struct alerts *a, const double *thresholds, double repeat_s)
{
    memset(a, 0, sizeof *a);
    for (int i = 0; i < ALERT_METRIC_COUNT; i++)
        a->rule[i].threshold = thresholds[i];
    a->repeat_s = repeat_s > 0 ? repeat_s : 0;
}

bool alerts_observe(struct alerts *a, int metric, double value, double now,
                    struct alert_event *ev)
{
    if (metric < 0 || metric >= ALERT_METRIC_COUNT || isnan(value))
        return false;
    struct alert_rule *r = &a->rule[metric];
    bool above = value > r->threshold;
    if (above == r->reported)
        return false; /* still firing, or still fine */
    if (above && r->have_fired && now - r->last_fired < a->repeat_s)
        return false; /* flapping: held back until repeat_s has passed */
    r->reported = above;
    if (above) {
        r->have_fired = true;
        r->last_fired = now;
    }
    ev->metric = metric;
    ev->value = value;
    ev->threshold = r->threshold;
    ev->firing = above;
    return true;
}

double alerts_quantile(const uint64_t *counts, const double *bound, int n, double q)
{
    uint64_t total = 0;
    for (int i = 0; i <= n; i++)
        total += counts[i];
    if (total == 0 || n < 1)
        return NAN;
    double rank = q * (double)total;
    uint64_t below = 0;
    for (int i = 0; i < n; i++) {
        if ((double)(below + counts[i]) >= rank && counts[i] > 0) {
            double lo = i ? bound[i - 1] : 0.0;
            return lo + (bound[i] - lo) * (rank - (double)below) / (double)counts[i];
        }
        below += counts[i];
    }
    return bound[n - 1];
}
