/* probe: what the options of tests/linux-user/run-options.sh change, as
 * the guest sees it.  `probe WHAT...` prints one line per WHAT:
 *   argv0 env:NAME uname persona random getrandom cpuid avx vex stack:KiB
 *   pagesize threads */
#include <cpuid.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/random.h>
#include <sys/utsname.h>

static void hex(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

static sigjmp_buf ill_jmp;
static void on_sigill(int sig)
{
    (void)sig;
    siglongjmp(ill_jmp, 1);
}

/* VPXOR xmm0, xmm0, xmm0 (C5 F9 EF C0) and XGETBV: "ok" or "sigill". */
static void try_vex(void)
{
    unsigned lo = 0, hi = 0;

    signal(SIGILL, on_sigill);
    if (sigsetjmp(ill_jmp, 1) == 0) {
        __asm__ volatile(".byte 0xc5, 0xf9, 0xef, 0xc0"); /* the probe uses no SSE */
        printf("vex=ok");
    } else {
        printf("vex=sigill");
    }
    if (sigsetjmp(ill_jmp, 1) == 0) {
        __asm__ volatile(".byte 0x0f, 0x01, 0xd0" : "=a"(lo), "=d"(hi) : "c"(0));
        printf(" xgetbv=%u\n", lo & 7);
    } else {
        printf(" xgetbv=sigill\n");
    }
}

/*
 * What -p changes: the page size the guest is told (AT_PAGESZ, which
 * stays 4096), and where mmap(NULL) puts small anonymous mappings: the
 * step between two successive ones and the largest power of two (up to
 * 16 MiB) that divides all of them; and that a 4 KiB MAP_FIXED mapping
 * still goes anywhere page aligned (inside a range of the probe's own).
 */
static void pagesize(void)
{
    unsigned long addr[8], all = 0;
    unsigned long align = 1;

    for (int k = 0; k < 8; k++) {
        void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            printf("mmap failed\n");
            return;
        }
        addr[k] = (unsigned long)p;
        all |= addr[k];
    }
    while (align < (16ul << 20) && !(all & align))
        align <<= 1;
    long step = (long)(addr[1] - addr[0]);
    char *own = mmap(NULL, 128 << 10, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *fixed = own + 4096;
    void *q = mmap(fixed, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("at_pagesz=%lu sysconf=%ld mmap_step=%ld mmap_align=%lu fixed=%s\n", getauxval(AT_PAGESZ),
           sysconf(_SC_PAGESIZE), step < 0 ? -step : step, align, q == fixed ? "ok" : "failed");
}

/* Two threads that both run guest code for a while at the same time,
 * which --threads=serial makes them take turns at. */
static void *spin(void *arg)
{
    volatile unsigned n = 0;

    for (unsigned k = 0; k < 20u << 20; k++)
        n += k;
    return arg;
}

static void threads(void)
{
    pthread_t t;

    if (pthread_create(&t, NULL, spin, NULL)) {
        printf("pthread_create failed\n");
        return;
    }
    spin(NULL);
    pthread_join(t, NULL);
    printf("threads joined\n");
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *w = argv[i];
        if (!strcmp(w, "argv0")) {
            printf("argv0=%s\n", argv[0]);
        } else if (!strncmp(w, "env:", 4)) {
            const char *v = getenv(w + 4);
            printf("%s=%s\n", w + 4, v ? v : "(unset)");
        } else if (!strcmp(w, "uname")) {
            struct utsname u;
            uname(&u);
            printf("release=%s machine=%s\n", u.release, u.machine);
        } else if (!strcmp(w, "persona")) {
            printf("persona=%x\n", personality(0xffffffff));
        } else if (!strcmp(w, "random")) {
            printf("at_random=");
            hex((const unsigned char *)getauxval(AT_RANDOM), 16);
        } else if (!strcmp(w, "getrandom")) {
            unsigned char b[24];
            if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b))
                return 2;
            printf("getrandom=");
            hex(b, sizeof(b));
        } else if (!strcmp(w, "cpuid")) {
            unsigned a, b, c, d;
            __cpuid(1, a, b, c, d);
            printf("mmx=%u fxsr=%u sse=%u sse2=%u\n", d >> 23 & 1, d >> 24 & 1, d >> 25 & 1,
                   d >> 26 & 1);
            printf("sse3=%u ssse3=%u sse41=%u sse42=%u aes=%u pclmul=%u rdrand=%u", c & 1,
                   c >> 9 & 1, c >> 19 & 1, c >> 20 & 1, c >> 25 & 1, c >> 1 & 1, c >> 30 & 1);
            __cpuid_count(7, 0, a, b, c, d);
            printf(" rdseed=%u\n", b >> 18 & 1);
        } else if (!strcmp(w, "avx")) {
            unsigned a, b, c, d;
            __cpuid(1, a, b, c, d);
            printf("fma=%u xsave=%u osxsave=%u avx=%u f16c=%u", c >> 12 & 1, c >> 26 & 1,
                   c >> 27 & 1, c >> 28 & 1, c >> 29 & 1);
            __cpuid_count(7, 0, a, b, c, d);
            printf(" avx2=%u", b >> 5 & 1);
            /* leaf 0xd subleaf 1: XSAVEOPT, XSAVEC, XGETBV1, XSAVES */
            __cpuid_count(0xd, 1, a, b, c, d);
            printf(" xsave_1=%x\n", a & 15);
        } else if (!strcmp(w, "threads")) {
            threads();
        } else if (!strcmp(w, "pagesize")) {
            pagesize();
        } else if (!strcmp(w, "vex")) {
            try_vex();
        } else if (!strncmp(w, "stack:", 6)) {
            /* touch N KiB of stack: faults when the stack is smaller */
            size_t n = strtoul(w + 6, NULL, 0) << 10;
            volatile char *p = __builtin_alloca(n);
            for (size_t k = 0; k < n; k += 1024)
                p[k] = 1;
            printf("stack %zuk ok\n", n >> 10);
        }
    }
    return 0;
}
