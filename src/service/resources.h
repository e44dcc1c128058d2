/* resources.h - samples host and process resource usage from /proc and
 * statvfs(): CPU, memory and disk use in percent, the process's resident
 * memory, CPU time and open descriptors, and network bytes. Feeds the
 * resource gauges of /metrics and the resource monitor.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#ifndef KUNDLI_RESOURCES_H
#define KUNDLI_RESOURCES_H

#include <stdbool.h>
#include <stdint.h>

/* Block devices whose busy time is followed (more are ignored). */
#define RESOURCES_DISKS_MAX 32

/* Sampler state, owned by the caller (no globals): where to read and the
 * counters of the previous sample, from which the next sample's CPU, disk
 * busy and process CPU percentages are computed. One sampler per thread,
 * or a lock around it. */
struct resources {
    char proc_root[128]; /* "/proc", or a directory laid out like it (tests) */
    char disk_path[256]; /* a path on the filesystem whose use is reported */
    bool have_prev;      /* prev_* hold a previous sample */
    uint64_t prev_busy;  /* /proc/stat busy ticks, all CPUs */
    uint64_t prev_total; /* /proc/stat total ticks, all CPUs */
    double prev_time;    /* monotonic seconds of the previous sample (0: none) */
    double prev_process_cpu; /* process CPU seconds then */
    int n_disks;
    struct {
        char name[32];
        uint64_t io_ms; /* /proc/diskstats io_ticks then */
    } disk[RESOURCES_DISKS_MAX];
};

/* One sample. A percentage that could not be read is -1; any other field
 * that could not be read is 0. */
struct resource_sample {
    /* System-wide CPU busy time over all CPUs, 0..100 %, since the previous
     * sample (since boot for the first one): 100 - idle - iowait shares of
     * the /proc/stat "cpu" line (user nice system idle iowait irq softirq
     * steal; guest time is already inside user). */
    double cpu_percent;
    /* (MemTotal - MemAvailable) / MemTotal, 0..100 % (/proc/meminfo). */
    double memory_percent;
    /* used / (used + available to unprivileged users) of disk_path's
     * filesystem, 0..100 %, as df(1) computes Use% (statvfs). */
    double disk_percent;
    uint64_t rss_bytes;           /* VmRSS of /proc/self/status, bytes */
    double process_cpu_seconds;   /* utime + stime of /proc/self/stat, seconds */
    uint64_t open_fds;            /* entries of /proc/self/fd, the listing's own excluded */
    uint64_t net_rx_bytes;        /* /proc/net/dev receive bytes, all interfaces but lo */
    uint64_t net_tx_bytes;        /* /proc/net/dev transmit bytes, all interfaces but lo */
    uint64_t mem_total_bytes;     /* MemTotal */
    uint64_t mem_available_bytes; /* MemAvailable */
    uint64_t disk_total_bytes;    /* f_blocks * f_frsize */
    uint64_t disk_avail_bytes;    /* f_bavail * f_frsize */
    /* The busiest block device's share of wall time with I/O in flight,
     * 0..100 %, since the previous sample: the largest rise of io_ticks
     * (/proc/diskstats, loop and ram devices left out) over the elapsed
     * milliseconds. -1 on the first sample. */
    double disk_io_percent;
    /* This process's CPU time since the previous sample over the elapsed
     * time of all CPUs, 0..100 % (the base of cpu_percent). -1 on the first
     * sample. */
    double process_cpu_percent;
    /* rss_bytes / mem_total_bytes, 0..100 %. */
    double process_memory_percent;
};

/* Prepares a sampler reading proc_root (NULL: "/proc") and reporting the
 * filesystem of disk_path (NULL: "/"). Longer paths are truncated. */
void resources_init(struct resources *r, const char *proc_root, const char *disk_path);

/* Takes a sample into out and remembers its CPU ticks in r for the next
 * one. Returns 0 when every source was read, or ERR_INTERNAL when one or
 * more could not be (missing file, unexpected format); out is then still
 * filled from the sources that could be read. Cost: about 7 small file
 * reads, tens of microseconds. */
int resources_sample(struct resources *r, struct resource_sample *out);

#endif
