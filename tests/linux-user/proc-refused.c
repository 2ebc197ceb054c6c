/*
 * For run-proc-refused.sh: the /proc entries that would reach stitch's
 * own memory (mem, map_files: docs/security.md), opened by every name a
 * guest has for them.  Prints "NAME errno-name" for each; the script
 * wants EACCES everywhere.  Natively (as root) they all open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void try_at(int dir, const char *shown, const char *name, int flags)
{
    int fd = openat(dir, name, flags);

    printf("%s %s\n", shown, fd >= 0 ? "opened" : strerrorname_np(errno));
    if (fd >= 0)
        close(fd);
}

static void try(const char *name, int flags)
{
    try_at(AT_FDCWD, name, name, flags);
}

int main(void)
{
    char name[128], range[64] = "", line[256];
    FILE *maps = fopen("/proc/self/maps", "r");
    int self;

    /* A map_files entry the kernel would have: the guest's first mapping. */
    if (maps && fgets(line, sizeof(line), maps))
        sscanf(line, "%63[0-9a-f-]", range);
    if (maps)
        fclose(maps);
    try("/proc/self/mem", O_RDWR);
    try("/proc/self/map_files", O_RDONLY | O_DIRECTORY);
    try("/proc/self/map_files/", O_RDONLY | O_DIRECTORY);
    try("/proc/self//map_files", O_RDONLY | O_DIRECTORY);
    try("/proc/self/./map_files", O_RDONLY | O_DIRECTORY);
    snprintf(name, sizeof(name), "/proc/self/map_files/%s", range);
    try(name, O_RDWR);
    snprintf(name, sizeof(name), "/proc/%d/map_files", (int)getpid());
    try(name, O_RDONLY | O_DIRECTORY);
    snprintf(name, sizeof(name), "/proc/self/task/%d/map_files", (int)syscall(SYS_gettid));
    try(name, O_RDONLY | O_DIRECTORY);
    try("/proc/thread-self/map_files", O_RDONLY | O_DIRECTORY);
    self = open("/proc/self", O_RDONLY | O_DIRECTORY);
    try_at(self, "openat(/proc/self, map_files)", "map_files", O_RDONLY | O_DIRECTORY);
    try_at(self, "openat(/proc/self, mem)", "mem", O_RDONLY);
    if (chdir("/proc/self") == 0) {
        try("map_files", O_RDONLY | O_DIRECTORY);
        try("./mem", O_RDONLY);
    }
    /* The entry by a name relative to the directory made current. */
    snprintf(name, sizeof(name), "/proc/self/map_files");
    if (chdir(name) == 0 || errno != EACCES) {
        try(range, O_RDWR);
    } else {
        printf("chdir(%s) EACCES\n", name);
    }
    return 0;
}
