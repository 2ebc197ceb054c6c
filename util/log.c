/*
 * The -d log (items listed once in include/log.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

FILE *stitch_logfile;
FILE *stitch_err;
unsigned stitch_loglevel;

static const struct {
    const char *name;
    const char *help;
} items[] = {
#define LOG_ITEM(name, help) {#name, help},
    LOG_ITEMS(LOG_ITEM)
#undef LOG_ITEM
};
#define NB_ITEMS (sizeof(items) / sizeof(items[0]))

void log_print_help(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < NB_ITEMS; i++)
        fprintf(f, "%-10s %s\n", items[i].name, items[i].help);
}

static int item_bit(const char *name, size_t len)
{
    for (size_t i = 0; i < NB_ITEMS; i++)
        if (strlen(items[i].name) == len && !strncmp(items[i].name, name, len))
            return (int)i;
    return -1;
}

int log_parse_items(const char *spec, unsigned *mask)
{
    *mask = 0;
    if (strcmp(spec, "help") == 0)
        return 0;
    for (const char *p = spec; *p;) {
        size_t len = strcspn(p, ",");
        int bit = item_bit(p, len);
        if (bit < 0)
            return -1;
        *mask |= 1u << bit;
        p += len + (p[len] == ',');
    }
    return 1;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stitch_logfile ? stitch_logfile : stderr, fmt, ap);
    va_end(ap);
}

/* ---- -dfilter ----------------------------------------------------------- */

#define DFILTER_MAX 32

static struct {
    uint32_t lo, hi; /* inclusive */
} dfilter[DFILTER_MAX];
static int dfilter_n;
int log_dfilter_active;

static int parse_u32(const char *s, size_t len, uint32_t *v)
{
    char buf[24], *end;

    if (len == 0 || len >= sizeof(buf))
        return -1;
    memcpy(buf, s, len);
    buf[len] = 0;
    unsigned long long x = strtoull(buf, &end, 0);
    if (*end || x > 0xffffffffull || buf[0] == '-')
        return -1;
    *v = (uint32_t)x;
    return 0;
}

/* One range: "a..b", "a+len" or "a-len" (qemu's qemu_set_dfilter_ranges). */
static int parse_range(const char *p, size_t len, uint32_t *lo, uint32_t *hi)
{
    const char *dots = memmem(p, len, "..", 2);
    size_t sep = dots ? (size_t)(dots - p) : strcspn(p, "+-");
    uint32_t a, b;

    if (sep >= len || parse_u32(p, sep, &a) < 0)
        return -1;
    size_t skip = dots ? 2 : 1;
    if (parse_u32(p + sep + skip, len - sep - skip, &b) < 0)
        return -1;
    if (dots)
        *lo = a, *hi = b;
    else if (p[sep] == '+' && b)
        *lo = a, *hi = (uint32_t)((uint64_t)a + b - 1 > 0xffffffffu ? 0xffffffffu : a + b - 1);
    else if (p[sep] == '-' && b && b - 1 <= a)
        *lo = a - (b - 1), *hi = a;
    else
        return -1;
    return *lo <= *hi ? 0 : -1;
}

int log_parse_dfilter(const char *spec)
{
    dfilter_n = 0;
    for (const char *p = spec; *p;) {
        size_t len = strcspn(p, ",");
        if (dfilter_n == DFILTER_MAX ||
            parse_range(p, len, &dfilter[dfilter_n].lo, &dfilter[dfilter_n].hi) < 0)
            return -1;
        dfilter_n++;
        p += len + (p[len] == ',');
    }
    log_dfilter_active = dfilter_n > 0;
    return dfilter_n > 0 ? 0 : -1;
}

int log_pc_in_dfilter(uint32_t pc)
{
    for (int i = 0; i < dfilter_n; i++)
        if (pc >= dfilter[i].lo && pc <= dfilter[i].hi)
            return 1;
    return 0;
}
