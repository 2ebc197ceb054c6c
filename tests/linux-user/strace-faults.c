/*
 * strace-faults: system calls whose string argument -strace cannot read
 * whole, for tests/linux-user/run-strace.sh.  Prints, per case, the
 * address the call got, which the -strace line must show instead of a
 * string (strace prints an unreadable string argument's address).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096

int main(void)
{
    int fd = open("strace-faults.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
    char *two = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *shared;

    if (fd < 0 || ftruncate(fd, PAGE) || two == MAP_FAILED)
        return 1;
    /* The second page of a shared mapping of a one-page file: mapped,
     * readable by its flags, past the end of the file (SIGBUS). */
    shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    munmap(two + PAGE, PAGE);
    memset(two, 'a', PAGE);

    printf("unmapped %#lx\n", 16ul);
    syscall(SYS_open, (char *)16, O_RDONLY);
    printf("past-eof %#lx\n", (unsigned long)(shared + PAGE));
    syscall(SYS_open, shared + PAGE, O_RDONLY);
    /* No NUL before the unmapped page: only the first 3 bytes readable. */
    printf("runs-off %#lx\n", (unsigned long)(two + PAGE - 3));
    syscall(SYS_open, two + PAGE - 3, O_RDONLY);
    /* No NUL before the page past EOF. */
    memset(shared + PAGE - 5, 'b', 5);
    printf("runs-into-eof %#lx\n", (unsigned long)(shared + PAGE - 5));
    syscall(SYS_open, shared + PAGE - 5, O_RDONLY);
    /* A long readable one: the first 64 bytes and "...". */
    two[PAGE - 1] = 0;
    printf("long %#lx\n", (unsigned long)(two + PAGE - 101));
    syscall(SYS_open, two + PAGE - 101, O_RDONLY);
    unlink("strace-faults.tmp");
    return 0;
}
