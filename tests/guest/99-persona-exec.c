/*
 * A persona the program sets outlives its execve (kernel/exec_domain.c;
 * the exec only adds READ_IMPLIES_EXEC for an executable stack, and
 * arch/x86 set_personality_ia32 keeps the flags): the next program sees
 * it, READ_IMPLIES_EXEC makes its PROT_READ mappings executable, and a
 * host program (the shell) gets it too.
 * levels: O0 O2
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include <unistd.h>

/* The permissions /proc/self/maps shows for a fresh PROT_READ mapping. */
static void show_read_mapping(void)
{
    char line[512], perms[8] = "?";
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    FILE *f = fopen("/proc/self/maps", "r");
    unsigned long lo, hi;

    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && lo <= (unsigned long)p &&
            (unsigned long)p < hi)
            break;
    if (f)
        fclose(f);
    printf("  PROT_READ mapping: %s\n", perms);
}

int main(int argc, char **argv)
{
    static const unsigned long sets[] = {
        ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC, PER_LINUX32,
        ADDR_NO_RANDOMIZE | READ_IMPLIES_EXEC, 0,
    };

    if (argc > 1 && !strcmp(argv[1], "show")) {
        printf("  after exec: %#x\n", personality(0xffffffff));
        show_read_mapping();
        return 0;
    }
    printf("start: %#x\n", personality(0xffffffff));
    for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
        fflush(stdout);
        if (fork() == 0) {
            personality(sets[i]);
            printf("set %#lx: %#x\n", sets[i], personality(0xffffffff));
            fflush(stdout);
            execl("/proc/self/exe", "p", "show", (char *)NULL);
            _exit(1);
        }
        wait(NULL);
    }
    fflush(stdout);
    if (fork() == 0) {
        personality(ADDR_NO_RANDOMIZE | PER_LINUX32);
        execl("/bin/sh", "sh", "-c", "echo \"host program: $(cat /proc/self/personality)\"",
              (char *)NULL);
        _exit(1);
    }
    wait(NULL);
    return 0;
}
