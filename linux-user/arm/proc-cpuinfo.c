/*
 * /proc/cpuinfo as an ARM kernel writes it (arch/arm/kernel/setup.c
 * c_show): the host's describes the host's x86 CPU, which tells an ARM
 * program nothing it can use (glibc's and libraries' feature probes,
 * scripts that grep "Features" or "CPU part").  qemu-arm (8.2 on) also
 * writes its own.  One entry per CPU this process may run on (its
 * sched_getaffinity mask, numbered as the host numbers them, since
 * sched_getcpu() answers with the host's numbers), each the -cpu model's
 * core (op/arm/cpu-models.c), then the machine lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>

#include "user.h"

static const char *const hwcap_name[ARM_HWCAP_BITS] = {
#define HWCAP_NAME(n, s) s,
    ARM_HWCAPS(HWCAP_NAME)
#undef HWCAP_NAME
};

/* c_show's "Features" line: the names of AT_HWCAP's bits in bit order,
 * each followed by a space; no AT_HWCAP2 bits (target-elf.h). */
static void features(FILE *out)
{
    fputs("Features\t: ", out);
    for (int i = 0; i < ARM_HWCAP_BITS; i++)
        if (arm_hwcap & (1u << i))
            fprintf(out, "%s ", hwcap_name[i]);
    fputc('\n', out);
}

/* The MIDR's fields as c_show prints a post-ARM7 core's (MIDR bits
 * 15:12 neither 0 nor 7 on every model stitch has). */
static void processor(FILE *out, int n)
{
    uint32_t midr = arm_cpu_id.midr;

    fprintf(out, "processor\t: %d\n", n);
    fprintf(out, "model name\t: %s rev %u (%s)\n", arm_cpu_id.name, midr & 15, arm_platform);
    /* The calibrated delay loop's count means nothing for a translated
     * core; qemu-arm shows 100.00 as well. */
    fputs("BogoMIPS\t: 100.00\n", out);
    features(out);
    fprintf(out, "CPU implementer\t: 0x%02x\n", midr >> 24);
    fprintf(out, "CPU architecture: %s\n", arm_cpu_id.arch);
    fprintf(out, "CPU variant\t: 0x%x\n", (midr >> 20) & 15);
    fprintf(out, "CPU part\t: 0x%03x\n", (midr >> 4) & 0xfff);
    fprintf(out, "CPU revision\t: %u\n\n", midr & 15);
}

int arm_proc_cpuinfo(FILE *out)
{
    cpu_set_t set;
    int n = 0;

    if (sched_getaffinity(0, sizeof(set), &set) != 0) {
        CPU_ZERO(&set);
        CPU_SET(0, &set);
    }
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
        if (CPU_ISSET(cpu, &set)) {
            processor(out, cpu);
            n++;
        }
    /* machine_name is the device tree's model, system_rev and the serial
     * the boot loader's (ATAGs): a user-mode CPU has neither, and says
     * what it is instead, as qemu-arm does ("QEMU v8.2 ..."). */
    fputs("Hardware\t: stitch-arm (user mode)\n", out);
    fputs("Revision\t: 0000\n", out);
    fputs("Serial\t\t: 0000000000000000\n", out);
    return 0;
}
