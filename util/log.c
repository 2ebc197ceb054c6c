/*
 * The -d log (items listed once in include/log.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
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
