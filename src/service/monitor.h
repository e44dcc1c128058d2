/* monitor.h - the resource monitor: a thread that every monitor_interval
 * seconds samples the host and the process (resources.h) and the requests
 * of the interval (metrics.h: latency quantiles, 4xx and 5xx shares),
 * stores the sample, checks the alert thresholds (alerts.h) and reports
 * each alert and recovery as a JSON line on stderr, a row in the store and,
 * if configured, a webhook POST (webhook.h). A store that is unavailable
 * only skips the storing. Private to src/service.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_MONITOR_H
#define KUNDLI_MONITOR_H

#include "service/service.h"

/* Starts the monitor (and the webhook's thread when alert_webhook is set)
 * if s->cfg.monitor_interval > 0; sets s->monitor, else leaves it NULL.
 * The first sample is taken at once. instance names this process in the
 * rows it stores (e.g. "host:8080"; cut to 128 bytes). Call after
 * storage_start. */
void monitor_start(struct service *s, const char *instance);

/* Stops the thread (a sample in progress finishes first) and the
 * webhook's, and frees the monitor. NULL s->monitor: nothing. Call before
 * storage_stop. */
void monitor_stop(struct service *s);

#endif
