/* 85-rdpid: RDPID (F3 0F C7 /7, SDM vol. 2) returns IA32_TSC_AUX, which
 * Linux sets to (node << 12) | cpu for each CPU (arch/x86/kernel/cpu/
 * common.c setup_getcpu()).  Pinned to each CPU of its affinity mask in
 * turn, the program checks that RDPID agrees with getcpu(); the memory
 * form, 0x66 and F2 forms are checked too (#UD, or the 32-bit value).
 * CPUID.(7,0):ECX[22] says whether the CPU has it: on a host without
 * RDPID the program says so and checks nothing else (natively and under
 * stitch alike, since stitch reports RDPID only where the host has it). */
#define _GNU_SOURCE
#include <cpuid.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static sigjmp_buf back;

static void on_ill(int sig)
{
    siglongjmp(back, sig);
}

static unsigned rdpid(void)
{
    unsigned v;

    __asm__ volatile(".byte 0xf3, 0x0f, 0xc7, 0xf8" : "=a"(v)); /* rdpid %eax */
    return v;
}

int main(void)
{
    unsigned a, b, c, d;
    cpu_set_t all, one;
    int tried = 0, agreed = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(c & (1u << 22))) {
        printf("RDPID not reported by CPUID: skipped\n");
        return 0;
    }
    sched_getaffinity(0, sizeof(all), &all);
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (!CPU_ISSET(cpu, &all))
            continue;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        if (sched_setaffinity(0, sizeof(one), &one) < 0)
            continue;
        unsigned got_cpu, node, v = rdpid();
        syscall(SYS_getcpu, &got_cpu, &node, NULL);
        tried++;
        agreed += v == ((node << 12) | got_cpu) && got_cpu == (unsigned)cpu;
    }
    sched_setaffinity(0, sizeof(all), &all);
    printf("RDPID agrees with getcpu on %s of the allowed CPUs\n",
           tried && agreed == tried ? "all" : "not all");

    /* 66 F3 0F C7 F9: the operand size does not apply, all 32 bits. */
    unsigned v;
    __asm__ volatile("movl $0xffffffff, %%ecx\n\t.byte 0x66, 0xf3, 0x0f, 0xc7, 0xf9"
                     : "=c"(v));
    printf("with 0x66: high half %s\n", (v >> 16) == (rdpid() >> 16) ? "written" : "kept");

    signal(SIGILL, on_ill);
    int sig;
    if (!(sig = sigsetjmp(back, 1))) {
        __asm__ volatile(".byte 0xf3, 0x0f, 0xc7, 0x38" ::"a"(&v) : "memory"); /* /7 mem */
        printf("memory form: ran\n");
    } else {
        printf("memory form: signal %d\n", sig);
    }
    if (!(sig = sigsetjmp(back, 1))) {
        __asm__ volatile(".byte 0xf2, 0x0f, 0xc7, 0xf8" ::: "eax");
        printf("F2 form: ran\n");
    } else {
        printf("F2 form: signal %d\n", sig);
    }
    return 0;
}
