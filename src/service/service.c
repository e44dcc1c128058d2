/* service.c - small shared facts of the service: endpoint labels, clock.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/service.h"

#include "engine/chart.h"
#include "service/metrics.h"

#include <time.h>

const char *service_endpoint_name(int endpoint)
{
    static const char *const names[EP_COUNT] = {
        "kundli", "kundli_batch", "match", "panchang", "healthz",
        "readyz", "metrics", "openapi", "other", "none",
    };
    return endpoint >= 0 && endpoint < EP_COUNT ? names[endpoint] : "other";
}

double service_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double service_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

struct metrics *service_metrics_create(void)
{
    const char *endpoints[EP_COUNT];
    const char *stages[STAGE_COUNT + 1];
    for (int i = 0; i < EP_COUNT; i++)
        endpoints[i] = service_endpoint_name(i);
    for (int i = 0; i < STAGE_COUNT; i++)
        stages[i] = chart_stage_name(i);
    stages[STAGE_COUNT] = "serialise";
    return metrics_create(endpoints, EP_COUNT, stages, STAGE_COUNT + 1);
}
