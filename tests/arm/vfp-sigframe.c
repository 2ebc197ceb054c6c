/*
 * The VFP record of an ARM signal frame (arch/arm/include/asm/ucontext.h,
 * struct vfp_sigframe; arch/arm/kernel/signal.c preserve_vfp_context and
 * restore_vfp_context): a handler finds d0-d15 (d16-d31 zero on a D16
 * core), FPSCR and FPEXC (EN) behind VFP_MAGIC in uc_regspace, and what it
 * writes there is what the interrupted code has after sigreturn.  A
 * record whose magic was overwritten is a bad frame: SIGSEGV.
 *
 * The signal is an undefined instruction inside one asm block that loads
 * the registers before it and stores them after it, so no compiled code
 * touches VFP state in between.
 *
 * cflags: -mfloat-abi=softfp -mfpu=vfpv3-d16
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "insn-test.h"

#define VFP_MAGIC 0x56465001u
#define VFP_SIZE 288u

struct vfp_record {
    uint32_t magic, size;
    uint64_t fpregs[32];
    uint32_t fpscr, pad;
    uint32_t fpexc, fpinst, fpinst2;
};

static uint64_t in[16], out[16];
static uint32_t fpscr_in, fpscr_out;
/* what the handler saw */
static uint32_t seen_magic, seen_size, seen_fpscr, seen_fpexc, seen_end;
static uint64_t seen[32];
static int corrupt;

/* FPSCR: RM, FZ, IXC and IDC set, NZCV = 1010 */
#define FPSCR_IN 0xa1800090u
/* written by the handler: RZ, DN, UFC, NZCV = 0110 */
#define FPSCR_NEW 0x62c00008u

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    struct vfp_record *v = (struct vfp_record *)uc->uc_regspace;

    (void)sig;
    (void)si;
    seen_magic = v->magic;
    seen_size = v->size;
    memcpy(seen, v->fpregs, sizeof(seen));
    seen_fpscr = v->fpscr;
    seen_fpexc = v->fpexc;
    seen_end = uc->uc_regspace[VFP_SIZE / 4];
    for (int i = 0; i < 16; i++)
        v->fpregs[i] = ~v->fpregs[i] + (uint64_t)i;
    v->fpscr = FPSCR_NEW;
    if (corrupt)
        v->magic = 0;
    uc->uc_mcontext.arm_pc += 4; /* past the UDF */
}

static void run(void)
{
    __asm__ volatile("vmsr fpscr, %[f]\n\t"
                     "vldmia %[in], {d0-d15}\n\t"
                     "udf #0x5a\n\t"
                     "vstmia %[out], {d0-d15}\n\t"
                     "vmrs %[fo], fpscr"
                     : [fo] "=r"(fpscr_out)
                     : [f] "r"(fpscr_in), [in] "r"(in), [out] "r"(out)
                     : "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8",
                       "d9", "d10", "d11", "d12", "d13", "d14", "d15",
                       "memory");
}

int main(void)
{
    struct sigaction sa;
    char what[64];
    int status;
    pid_t pid;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    for (int i = 0; i < 16; i++)
        in[i] = 0x0123456789abcdefull * (uint64_t)(i + 1);
    fpscr_in = FPSCR_IN;

    group("VFP record: what the handler sees");
    run();
    check("magic", seen_magic, VFP_MAGIC);
    check("size", seen_size, VFP_SIZE);
    check("end marker after the record", seen_end, 0);
    for (int i = 0; i < 32; i++) {
        uint64_t want = i < 16 ? in[i] : 0;
        snprintf(what, sizeof what, "d%d lo", i);
        check(what, (uint32_t)seen[i], (uint32_t)want);
        snprintf(what, sizeof what, "d%d hi", i);
        check(what, (uint32_t)(seen[i] >> 32), (uint32_t)(want >> 32));
    }
    check("fpscr", seen_fpscr, FPSCR_IN);
    check("fpexc EN", seen_fpexc & 0x40000000u, 0x40000000u);
    end_group();

    group("VFP record: sigreturn restores what the handler wrote");
    for (int i = 0; i < 16; i++) {
        uint64_t want = ~in[i] + (uint64_t)i;
        snprintf(what, sizeof what, "d%d lo", i);
        check(what, (uint32_t)out[i], (uint32_t)want);
        snprintf(what, sizeof what, "d%d hi", i);
        check(what, (uint32_t)(out[i] >> 32), (uint32_t)(want >> 32));
    }
    check("fpscr", fpscr_out, FPSCR_NEW);
    end_group();

    group("VFP record: a lost magic is a bad frame (SIGSEGV)");
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        /* the translator's own "uncaught guest signal" line, as a
         * shell's "Segmentation fault", is not this test's output */
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        corrupt = 1;
        run();
        _exit(0);
    }
    waitpid(pid, &status, 0);
    check("child killed", WIFSIGNALED(status), 1);
    check("by SIGSEGV", WIFSIGNALED(status) ? (uint32_t)WTERMSIG(status) : 0, SIGSEGV);
    end_group();
    return finish();
}
