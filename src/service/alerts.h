/* alerts.h - the alert rules of the resource monitor as pure logic: one
 * threshold per metric, the firing/resolved state machine with its repeat
 * limit, and the quantile of a latency histogram. No I/O, no clock: the
 * caller passes every value and the time (monitor.c does the sampling,
 * logging, storing and webhook).
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_ALERTS_H
#define KUNDLI_ALERTS_H

#include <stdbool.h>
#include <stdint.h>

/* What an alert watches; the names are those of the JSON and of the
 * metric label (alerts_total{metric}). */
enum alert_metric {
    ALERT_CPU,      /* "cpu": system CPU busy, percent */
    ALERT_MEMORY,   /* "memory": system memory in use, percent */
    ALERT_DISK_IO,  /* "disk_io": busiest block device's busy time, percent */
    ALERT_P95,      /* "p95": 95th percentile request latency, seconds */
    ALERT_P99,      /* "p99": 99th percentile request latency, seconds */
    ALERT_5XX_RATE, /* "5xx_rate": share of 5xx answers, percent */
    ALERT_4XX_RATE, /* "4xx_rate": share of 4xx answers, percent */
    ALERT_METRIC_COUNT
};

/* The metric's name ("cpu", ..., "4xx_rate"); "" out of range. */
const char *alerts_metric_name(int metric);

/* The state of one metric's rule. */
struct alert_rule {
    double threshold;
    bool reported;    /* a "firing" alert was reported and not yet resolved */
    bool have_fired;  /* last_fired is set */
    double last_fired; /* caller's clock, seconds, of the last "firing" */
};

struct alerts {
    struct alert_rule rule[ALERT_METRIC_COUNT];
    double repeat_s; /* no new "firing" for a metric within this of its last one */
};

/* One transition to report. */
struct alert_event {
    int metric;       /* enum alert_metric */
    double value;     /* the value that caused it */
    double threshold; /* the rule's threshold */
    bool firing;      /* true: "firing"; false: "resolved" */
};

/* Sets every rule to its threshold (thresholds[ALERT_METRIC_COUNT], in the
 * metric's unit) and nothing reported. repeat_s >= 0. */
void alerts_init(struct alerts *a, const double *thresholds, double repeat_s);

/* Feeds one value of metric at time now (seconds, any clock that does not
 * go back). A value above the threshold (strictly) fires, unless an alert
 * is already reported for the metric or the last one fired less than
 * repeat_s ago (then nothing: a flapping value alerts at most once per
 * repeat_s; if it is still above after repeat_s, it fires then). A value
 * at or under the threshold resolves a reported alert. NaN (no value this
 * interval, e.g. no requests) changes nothing. Returns true with *ev
 * filled when there is a transition to report; false otherwise. */
bool alerts_observe(struct alerts *a, int metric, double value, double now,
                    struct alert_event *ev);

/* The q-quantile (0 < q < 1) of a histogram of n finite buckets with upper
 * bounds bound[0..n) (rising) plus an overflow bucket: counts[0..n]
 * (not cumulative; counts[n] above bound[n-1]). As Prometheus's
 * histogram_quantile: linear within the bucket where the rank falls, from
 * the previous bound (0 for the first); in the overflow bucket, the last
 * finite bound. NaN when the counts sum to 0. */
double alerts_quantile(const uint64_t *counts, const double *bound, int n, double q);

#endif
