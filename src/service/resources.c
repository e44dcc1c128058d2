/* resources.c - reads /proc and statvfs() for resources_sample() (see
 * resources.h). Every file is read whole into a bounded buffer and parsed
 * with strtoull and end pointers.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
#include "service/resources.h"

#include "common/err.h"
#include "app/mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* Large enough for the parts we read: the "cpu" line opens /proc/stat,
 * VmRSS sits in the first 2 KiB of status, and 16 KiB of /proc/net/dev
 * holds about 100 interfaces (a cut-off last line is ignored). */
#define READ_MAX 16384

static void copy_path(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void resources_init(struct resources *r, const char *proc_root, const char *disk_path)
{
    memset(r, 0, sizeof *r);
    copy_path(r->proc_root, sizeof r->proc_root, proc_root ? proc_root : "/proc");
    copy_path(r->disk_path, sizeof r->disk_path, disk_path ? disk_path : "/");
}

/* Reads up to READ_MAX - 1 bytes of proc_root/name into buf, NUL-terminated.
 * Returns false if the file cannot be opened or read. */
static bool read_proc(const struct resources *r, const char *name, char *buf)
{
    char path[192];
    int n = snprintf(path, sizeof path, "%s/%s", r->proc_root, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    size_t len = 0;
    bool ok = true;
    while (len < READ_MAX - 1) {
        ssize_t got = read(fd, buf + len, READ_MAX - 1 - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            ok = false;
            break;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    buf[len] = '\0';
    return ok;
}

/* Parses an unsigned decimal after optional blanks at *p and advances *p
 * past it. False (and *p unchanged) if there is none or it overflows. */
static bool next_u64(const char **p, uint64_t *out)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno == ERANGE || end == s)
        return false;
    *out = v;
    *p = end;
    return true;
}

/* The text just after `key` where it starts a line of buf, or NULL. */
static const char *after_line_key(const char *buf, const char *key)
{
    size_t n = strlen(key);
    for (const char *line = buf; line && *line;) {
        if (strncmp(line, key, n) == 0)
            return line + n;
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return NULL;
}

/* "Key:   1234 kB" of /proc/meminfo or /proc/self/status, in bytes. */
static bool kb_field(const char *buf, const char *key, uint64_t *bytes)
{
    const char *p = after_line_key(buf, key);
    uint64_t kb;
    if (!p || !next_u64(&p, &kb) || strncmp(p, " kB", 3) != 0 || kb > UINT64_MAX / 1024)
        return false;
    *bytes = kb * 1024;
    return true;
}

/* utime and stime (fields 14 and 15 of proc(5)) in seconds. The command
 * name (field 2) may hold spaces and parentheses, so fields are counted
 * from the last ')'. */
static bool read_self_stat(const struct resources *r, char *buf, double *cpu_seconds)
{
    if (!read_proc(r, "self/stat", buf))
        return false;
    const char *p = strrchr(buf, ')');
    if (!p)
        return false;
    p++;
    for (int field = 3; field < 14; field++) { /* skip state .. cmajflt */
        while (*p == ' ')
            p++;
        if (!*p || *p == '\n')
            return false;
        while (*p && *p != ' ' && *p != '\n')
            p++;
    }
    uint64_t utime, stime;
    long hz = sysconf(_SC_CLK_TCK);
    if (!next_u64(&p, &utime) || !next_u64(&p, &stime) || hz <= 0)
        return false;
    *cpu_seconds = (double)(utime + stime) / (double)hz;
    return true;
}

/* Busy and total ticks of the aggregate "cpu" line of /proc/stat. */
static bool read_stat(const struct resources *r, char *buf, uint64_t *busy, uint64_t *total)
{
    if (!read_proc(r, "stat", buf))
        return false;
    const char *p = after_line_key(buf, "cpu ");
    if (!p)
        return false;
    /* user nice system idle iowait irq softirq steal [guest guest_nice] */
    uint64_t v[8] = {0};
    int n = 0;
    while (n < 8 && next_u64(&p, &v[n]))
        n++;
    if (n < 4)
        return false;
    uint64_t sum = 0, idle = v[3] + v[4];
    for (int i = 0; i < n; i++)
        sum += v[i];
    *total = sum;
    *busy = sum - idle;
    return true;
}

/* Receive and transmit bytes summed over the interfaces but "lo". */
static bool read_net_dev(const struct resources *r, char *buf, uint64_t *rx, uint64_t *tx)
{
    if (!read_proc(r, "net/dev", buf))
        return false;
    *rx = *tx = 0;
    const char *line = buf;
    for (const char *nl = strchr(line, '\n'); nl; line = nl + 1, nl = strchr(line, '\n')) {
        const char *colon = memchr(line, ':', (size_t)(nl - line));
        if (!colon)
            continue; /* the two header lines */
        const char *name = line;
        while (*name == ' ')
            name++;
        if (colon - name == 2 && strncmp(name, "lo", 2) == 0)
            continue;
        /* bytes packets errs drop fifo frame compressed multicast (receive),
         * then bytes ... (transmit) */
        const char *p = colon + 1;
        uint64_t v[9];
        for (int i = 0; i < 9; i++) {
            if (!next_u64(&p, &v[i])) {
                *rx = *tx = 0;
                return false;
            }
        }
        *rx += v[0];
        *tx += v[8];
    }
    return true;
}

static bool count_fds(const struct resources *r, uint64_t *count)
{
    char path[192];
    int n = snprintf(path, sizeof path, "%s/self/fd", r->proc_root);
    if (n < 0 || (size_t)n >= sizeof path)
        return false;
    DIR *d = opendir(path);
    if (!d)
        return false;
    int own = dirfd(d);
    uint64_t c = 0;
    for (struct dirent *de = readdir(d); de; de = readdir(d)) {
        const char *p = de->d_name;
        uint64_t fd;
        if (p[0] == '.')
            continue;
        if (next_u64(&p, &fd) && *p == '\0' && own >= 0 && fd == (uint64_t)own)
            continue;
        c++;
    }
    closedir(d);
    *count = c;
    return true;
}

static bool read_disk(const struct resources *r, struct resource_sample *out)
{
    struct statvfs sv;
    if (statvfs(r->disk_path, &sv) != 0)
        return false;
    uint64_t unit = sv.f_frsize ? sv.f_frsize : sv.f_bsize;
    uint64_t used = (uint64_t)(sv.f_blocks - sv.f_bfree) * unit;
    uint64_t avail = (uint64_t)sv.f_bavail * unit;
    out->disk_total_bytes = (uint64_t)sv.f_blocks * unit;
    out->disk_avail_bytes = avail;
    out->disk_percent = used + avail ? 100.0 * (double)used / (double)(used + avail) : 0.0;
    return true;
}

static double clamp_percent(double v)
{
    return v < 0 ? 0 : v > 100 ? 100 : v;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && strncmp(s, prefix, k) == 0;
}

/* The largest rise of io_ticks (milliseconds with I/O in flight, the 10th
 * figure after the name in /proc/diskstats) of any device since the
 * previous call, into *max_ms (0 on the first call); remembers each
 * device's figure in r. Partitions are rows too: a disk's rise is at least
 * its partitions', so the largest is the busiest disk's. */
static bool read_diskstats(struct resources *r, char *buf, uint64_t *max_ms, bool *had_prev)
{
    if (!read_proc(r, "diskstats", buf))
        return false;
    uint64_t best = 0;
    bool seen_before = false;
    const char *line = buf;
    for (const char *nl = strchr(line, '\n'); nl; line = nl + 1, nl = strchr(line, '\n')) {
        const char *p = line;
        uint64_t major, minor;
        if (!next_u64(&p, &major) || !next_u64(&p, &minor))
            continue;
        while (*p == ' ')
            p++;
        const char *name = p;
        while (p < nl && *p != ' ')
            p++;
        size_t nlen = (size_t)(p - name);
        if (nlen == 0 || nlen >= sizeof r->disk[0].name || starts_with(name, nlen, "loop") ||
            starts_with(name, nlen, "ram") || starts_with(name, nlen, "zram"))
            continue;
        uint64_t v[10];
        int k = 0;
        while (k < 10 && next_u64(&p, &v[k]))
            k++;
        if (k < 10)
            continue;
        uint64_t ticks = v[9];
        int i = 0;
        while (i < r->n_disks && !(strlen(r->disk[i].name) == nlen &&
                                   strncmp(r->disk[i].name, name, nlen) == 0))
            i++;
        if (i < r->n_disks) {
            seen_before = true;
            if (ticks >= r->disk[i].io_ms && ticks - r->disk[i].io_ms > best)
                best = ticks - r->disk[i].io_ms;
        } else if (r->n_disks < RESOURCES_DISKS_MAX) {
            r->n_disks++;
            memcpy(r->disk[i].name, name, nlen);
            r->disk[i].name[nlen] = '\0';
        } else {
            continue;
        }
        r->disk[i].io_ms = ticks;
    }
    *max_ms = best;
    *had_prev = seen_before;
    return true;
}

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int resources_sample(struct resources *r, struct resource_sample *out)
{
    char *buf = xmalloc(READ_MAX);
    int result = ERR_OK;
    memset(out, 0, sizeof *out);
    out->cpu_percent = out->memory_percent = out->disk_percent = -1;
    out->disk_io_percent = out->process_cpu_percent = out->process_memory_percent = -1;
    double now = monotonic_seconds();
    double elapsed = r->prev_time > 0 ? now - r->prev_time : 0;

    uint64_t busy, total;
    if (read_stat(r, buf, &busy, &total)) {
        uint64_t db = busy - r->prev_busy, dt = total - r->prev_total;
        /* since boot on the first sample, or if the counters went back */
        if (!r->have_prev || total < r->prev_total || busy < r->prev_busy) {
            db = busy;
            dt = total;
        }
        out->cpu_percent = dt ? clamp_percent(100.0 * (double)db / (double)dt) : 0.0;
        r->prev_busy = busy;
        r->prev_total = total;
        r->have_prev = true;
    } else {
        result = ERR_INTERNAL;
    }

    if (read_proc(r, "meminfo", buf) && kb_field(buf, "MemTotal:", &out->mem_total_bytes) &&
        kb_field(buf, "MemAvailable:", &out->mem_available_bytes) && out->mem_total_bytes) {
        uint64_t used = out->mem_total_bytes > out->mem_available_bytes
                            ? out->mem_total_bytes - out->mem_available_bytes
                            : 0;
        out->memory_percent = 100.0 * (double)used / (double)out->mem_total_bytes;
    } else {
        result = ERR_INTERNAL;
    }

    if (!read_proc(r, "self/status", buf) || !kb_field(buf, "VmRSS:", &out->rss_bytes))
        result = ERR_INTERNAL;
    if (out->rss_bytes && out->mem_total_bytes)
        out->process_memory_percent =
            clamp_percent(100.0 * (double)out->rss_bytes / (double)out->mem_total_bytes);
    if (read_self_stat(r, buf, &out->process_cpu_seconds)) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        if (elapsed > 0 && cpus > 0)
            out->process_cpu_percent =
                clamp_percent(100.0 * (out->process_cpu_seconds - r->prev_process_cpu) /
                              (elapsed * (double)cpus));
        r->prev_process_cpu = out->process_cpu_seconds;
    } else {
        result = ERR_INTERNAL;
    }
    uint64_t io_ms;
    bool had_prev;
    if (read_diskstats(r, buf, &io_ms, &had_prev)) {
        if (elapsed > 0 && had_prev)
            out->disk_io_percent = clamp_percent((double)io_ms / (elapsed * 10.0));
    } else {
        result = ERR_INTERNAL;
    }
    r->prev_time = now;
    if (!read_net_dev(r, buf, &out->net_rx_bytes, &out->net_tx_bytes))
        result = ERR_INTERNAL;
    if (!count_fds(r, &out->open_fds))
        result = ERR_INTERNAL;
    if (!read_disk(r, out))
        result = ERR_INTERNAL;
    free(buf);
    return result;
}
