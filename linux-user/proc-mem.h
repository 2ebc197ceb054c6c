/*
 * The guest's memory as /proc/self shows it: smaps, smaps_rollup, statm
 * and the memory counters of status and stat (linux-user/proc-mem.c),
 * from the guest's mappings that proc-self.c finds for maps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef PROC_MEM_H
#define PROC_MEM_H

#include <stdint.h>
#include <stdio.h>

/* A run of guest pages with the same flags inside one host mapping: a
 * guest mapping (PAGE_VALID in flags) or a piece of the window's
 * reservation between them. */
typedef struct {
    uint32_t start;
    uint64_t end;
    int flags;
    uint64_t host_start, host_end; /* its host mapping, guest addresses */
    char shared;                   /* maps' 's' or 'p' */
    int stack;                     /* maps names it [stack] */
    const char *host_path;         /* the host mapping's file, or "" */
    const char *host_dev;          /* its device, maps' "major:minor" in hex */
    const char *line;              /* maps' line for it, no newline */
} GuestRun;

typedef void GuestRunFn(void *arg, const GuestRun *run);

/* proc-self.c: every run, in address order, from the host's maps; the
 * number of the host's mappings, or -errno.  run->line is "" unless
 * `lines`. */
int proc_guest_runs(GuestRunFn *fn, void *arg, int lines);

int proc_mem_smaps(FILE *out);
int proc_mem_smaps_rollup(FILE *out);

/* The guest's counters, read once for a whole file; [start_code,
 * end_code) is its program's text (mm->start_code, end_code); VmLck and
 * HugetlbPages only when `locked` (status prints them).  NULL when the
 * host's maps or pagemap cannot be read. */
typedef struct GuestMem GuestMem;
GuestMem *proc_mem_read(uint32_t start_code, uint32_t end_code, int locked);
int proc_mem_statm(FILE *out, uint32_t start_code, uint32_t end_code);
/* A line of status with a memory counter, printed as the guest's (1),
 * or 0 for a line that is none of them. */
int proc_mem_status_line(FILE *out, const char *line, const GuestMem *m);
/* stat's vsize (bytes) and rss (pages). */
void proc_mem_stat_fields(const GuestMem *m, uint64_t *vsize, uint64_t *rss);

/* A forked child's high-water marks start from its current use. */
void proc_mem_fork_child(void);

#endif
