/*
 * For run-vdso.sh: what the process is told about a vDSO (AT_SYSINFO_EHDR,
 * AT_SYSINFO) and what /proc/self/maps shows of one ([vdso], [vvar]...),
 * then whether glibc's clock calls, which use the vDSO when there is one,
 * answer with the host's time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/time.h>
#include <time.h>

int main(void)
{
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");
    struct timespec ts;
    struct timeval tv;

    if (!f)
        return 2;
    printf("AT_SYSINFO_EHDR %#lx\nAT_SYSINFO %#lx\n", getauxval(AT_SYSINFO_EHDR),
           getauxval(AT_SYSINFO));
    while (fgets(line, sizeof(line), f))
        if (strstr(line, " [v"))
            printf("map %s", line);
    if (clock_gettime(CLOCK_REALTIME, &ts) || gettimeofday(&tv, NULL))
        return 3;
    printf("time %lld %lld %lld\n", (long long)ts.tv_sec, (long long)tv.tv_sec,
           (long long)time(NULL));
    return 0;
}
