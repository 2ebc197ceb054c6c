/* 81-segments: the segment registers of a 32-bit process on an x86_64
 * kernel.  The selectors it starts with; reloads of each one (MOV, PUSH/
 * POP, LDS LES LFS LGS LSS); null selectors in DS/ES/FS/GS and accesses
 * through them (#GP(0)); selectors the CPU refuses, with the signal,
 * si_code, trap number and error code (the selector) Linux reports;
 * modify_ldt (reads, writes, old mode, clearing, 16-bit and "useable"
 * entries, refused ones) and LDT selectors loaded and used as bases;
 * LAR/LSL/VERR/VERW over the GDT and the LDT; ARPL; and SLDT, STR, SMSW,
 * SGDT, SIDT as the kernel's UMIP emulation answers them.  Everything
 * printed must be what the real CPU and kernel give. */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf back;
static unsigned char buf[8192] __attribute__((aligned(4096)));

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    printf("  -> signal %d code %d addr %p trapno %d err %#x\n", sig,
           si->si_code, si->si_addr, (int)uc->uc_mcontext.gregs[REG_TRAPNO],
           (unsigned)uc->uc_mcontext.gregs[REG_ERR]);
    siglongjmp(back, 1);
}

#define SEL(reg) ({ unsigned short v_; __asm__ volatile("movw %%" #reg ", %0" : "=r"(v_)); v_; })

static void show_sels(const char *when)
{
    printf("%-28s cs=%x ds=%x es=%x ss=%x fs=%x gs=%x\n", when, SEL(cs), SEL(ds),
           SEL(es), SEL(ss), SEL(fs), SEL(gs));
}

/* Run `code`, which may fault; each case loads a segment register and
 * puts the old value back in the same asm statement, so that nothing
 * else runs with an unusual segment (glibc's own accesses would fault
 * on a limit or a base the emulation does not have to share). */
#define TRY(name, code)                                                     \
    do {                                                                    \
        printf("%s\n", name);                                               \
        if (!sigsetjmp(back, 1)) {                                          \
            code;                                                           \
        }                                                                   \
    } while (0)

static void load(const char *name, int which, unsigned short sel)
{
    unsigned short got = 0xdead;
    char label[64];

    snprintf(label, sizeof(label), "load %s %#x", name, sel);
    TRY(label, {
        switch (which) {
        case 0: __asm__ volatile("movw %%ds, %%dx\n\tmovw %w1, %%ds\n\tmovw %%ds, %w0\n\tmovw %%dx, %%ds"
                                 : "=r"(got) : "r"(sel) : "edx"); break;
        case 1: __asm__ volatile("movw %%es, %%dx\n\tmovw %w1, %%es\n\tmovw %%es, %w0\n\tmovw %%dx, %%es"
                                 : "=r"(got) : "r"(sel) : "edx"); break;
        case 2: __asm__ volatile("movw %%fs, %%dx\n\tmovw %w1, %%fs\n\tmovw %%fs, %w0\n\tmovw %%dx, %%fs"
                                 : "=r"(got) : "r"(sel) : "edx"); break;
        case 3: __asm__ volatile("movw %%ss, %%dx\n\tmovw %w1, %%ss\n\tmovw %%ss, %w0\n\tmovw %%dx, %%ss"
                                 : "=r"(got) : "r"(sel) : "edx"); break;
        case 4: __asm__ volatile("movw %%es, %%dx\n\tpushl %1\n\tpopl %%es\n\tmovw %%es, %w0\n\tmovw %%dx, %%es"
                                 : "=r"(got) : "r"((unsigned)sel) : "edx"); break;
        case 5: __asm__ volatile("movw %%gs, %%dx\n\tmovw %w1, %%gs\n\tmovw %%gs, %w0\n\tmovw %%dx, %%gs"
                                 : "=r"(got) : "r"(sel) : "edx"); break;
        }
        printf("  = %#x\n", got);
    });
}

static void reloads(void)
{
    struct { unsigned off; unsigned short sel; } __attribute__((packed)) fp;
    unsigned off = 0;
    unsigned short s;

    show_sels("at start");
    __asm__ volatile("movw %%ds, %%ax\n\tmovw %%ax, %%ds\n\tpushl %%ds\n\tpopl %%es\n\t"
                     "pushl %%ss\n\tpopl %%ss\n\tmovw %%ss, %%ax\n\tmovw %%ax, %%ss\n\t"
                     "pushl %%gs\n\tpopl %%gs\n\tmovw %%gs, %%ax\n\tmovw %%ax, %%gs\n\t"
                     "pushl %%fs\n\tpopl %%fs" ::: "eax", "memory");
    show_sels("after reloading each");
    fp.off = 0x12345678;
    fp.sel = SEL(ds);
    __asm__ volatile("ldsl %1, %0" : "=r"(off) : "m"(fp)); printf("lds  %#x\n", off);
    __asm__ volatile("lesl %1, %0" : "=r"(off) : "m"(fp)); printf("les  %#x\n", off);
    __asm__ volatile("lfsl %1, %0" : "=r"(off) : "m"(fp)); printf("lfs  %#x\n", off);
    __asm__ volatile("movw %%ss, %%dx\n\tlssl (%1), %0\n\tmovw %%dx, %%ss"
                     : "=r"(off) : "r"(&fp) : "edx", "memory");
    printf("lss  %#x\n", off);
    s = SEL(gs);
    struct { unsigned short off, sel; } fp16 = {0x9abc, s};
    off = 0x11111111;
    __asm__ volatile("lgsw %1, %w0" : "+r"(off) : "m"(fp16)); printf("lgsw %#x\n", off);
    show_sels("after the far-pointer loads");
    fp.sel = 0x3;
    __asm__ volatile("lfsl %1, %0" : "=r"(off) : "m"(fp));
    show_sels("lfs of a null selector");

    static const unsigned short sels[] = {0, 1, 3, 4, 7, 8, 0xb, 0x10, 0x13, 0x1b, 0x20, 0x23, 0x28,
                                          0x2a, 0x2b, 0x33, 0x3b, 0x43, 0x4b, 0x53, 0x5b, 0x63,
                                          0x6b, 0x73, 0x7b, 0x80, 0x83, 0xfffb};
    for (unsigned i = 0; i < sizeof(sels) / sizeof(sels[0]); i++) {
        load("ds", 0, sels[i]);
        load("ss", 3, sels[i]);
    }
    load("es", 1, 0x63);
    load("fs", 2, 0x2b);
    load("fs", 2, 0x23);
    load("gs", 5, 0x2b);
    load("gs", 5, 0x10);
    load("es (pop)", 4, 0x2);
    load("es (pop)", 4, 0x40);
}

static void null_accesses(void)
{
    unsigned v = 0;

    TRY("read through a null ds", {
        __asm__ volatile("movw %%ds, %%dx\n\tmovw %w1, %%ds\n\tmovl (%2), %0\n\tmovw %%dx, %%ds"
                         : "=r"(v) : "r"(0), "r"(buf) : "edx");
        printf("  = %x\n", v);
    });
    TRY("read through a null fs", {
        __asm__ volatile("movl %%fs:(%1), %0" : "=r"(v) : "r"(buf));
        printf("  = %x\n", v);
    });
    TRY("write through a null fs (RPL 3)", {
        __asm__ volatile("movw %w0, %%fs\n\tmovl %%eax, %%fs:(%1)\n\tmovw %w2, %%fs"
                         :: "r"(3), "r"(buf), "r"(0) : "memory");
        printf("  done\n");
    });
    TRY("stos through a null es", {
        __asm__ volatile("movw %%es, %%dx\n\tmovw %w0, %%es\n\tstosb\n\tmovw %%dx, %%es"
                         ::"r"(0), "D"(buf), "a"(0) : "edx", "memory");
        printf("  done\n");
    });
    TRY("lea with a null ds (no access)", {
        __asm__ volatile("movw %%ds, %%dx\n\tmovw %w1, %%ds\n\tleal 4(%2), %0\n\tmovw %%dx, %%ds"
                         : "=r"(v) : "r"(0), "r"(buf) : "edx");
        printf("  = %d\n", (int)(v - (unsigned)buf));
    });
}

static int modify_ldt(int func, void *p, unsigned long n)
{
    return (int)syscall(SYS_modify_ldt, func, p, n);
}

static void desc_bits(unsigned short sel)
{
    unsigned ar = 0xdead, lim = 0xdead;
    unsigned char z1, z2, vr, vw;

    __asm__ volatile("larl %2, %0\n\tsetz %1" : "+r"(ar), "=q"(z1) : "r"((unsigned)sel));
    __asm__ volatile("lsll %2, %0\n\tsetz %1" : "+r"(lim), "=q"(z2) : "r"((unsigned)sel));
    __asm__ volatile("verr %1\n\tsetz %0" : "=q"(vr) : "r"(sel));
    __asm__ volatile("verw %1\n\tsetz %0" : "=q"(vw) : "r"(sel));
    if ((sel | 3) == 0x7b)
        lim = 0; /* the CPU number */
    printf("  %04x: lar %d %08x lsl %d %08x verr %d verw %d\n", sel, z1, ar, z2, lim, vr, vw);
}

static void ldt(void)
{
    struct user_desc d;
    unsigned char out[200];
    unsigned v = 0;
    int r;

    memset(out, 0xaa, sizeof(out));
    printf("read empty: %d\n", modify_ldt(0, out, sizeof(out)));
    r = modify_ldt(2, out, sizeof(out));
    printf("read default: %d, %02x %02x\n", r, out[0], out[127]);
    printf("bad func: %d\n", modify_ldt(3, out, 16));
    printf("bad size: %d\n", modify_ldt(0x11, &d, 12));
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char)i;

    struct { unsigned e, base, limit; unsigned flags; } w[] = {
        {0, (unsigned)buf, 0xfff, 0x01},          /* 32-bit data, bytes */
        {1, (unsigned)buf + 16, 1, 0x11},         /* 32-bit data, pages */
        {2, (unsigned)buf, 0xfffff, 0x15},        /* 32-bit code, readable */
        {3, 0, 0xfffff, 0x1d},                    /* 32-bit code, exec only */
        {4, (unsigned)buf, 0xffff, 0x00},         /* 16-bit data */
        {5, (unsigned)buf, 0xfff, 0x41},          /* useable */
        {6, (unsigned)buf, 0xfff, 0x21},          /* not present */
        {7, 0, 0xfff, 0x07},                      /* contents 3, present: refused */
        {8, 0, 0xfff, 0x27},                      /* contents 3, not present */
        {9, (unsigned)buf, 0xfff, 0x09},          /* read-only data */
        {8192, 0, 0xfff, 0x01},                   /* beyond the table */
    };
    for (unsigned i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
        memcpy(&d, &w[i], sizeof(d));
        r = modify_ldt(0x11, &d, sizeof(d));
        printf("write %u flags %02x: %d\n", w[i].e, w[i].flags, r);
    }
    memcpy(&d, &(unsigned[4]){12, (unsigned)buf, 0xfff, 0x41}, sizeof(d));
    printf("old-mode write 12: %d\n", modify_ldt(1, &d, sizeof(d)));
    memcpy(&d, &(unsigned[4]){13, 0, 0, 0x01}, sizeof(d));
    printf("old-mode clear 13: %d\n", modify_ldt(1, &d, sizeof(d)));
    memcpy(&d, &(unsigned[4]){9, 0, 0, 0x28}, sizeof(d));
    printf("clear 9: %d\n", modify_ldt(0x11, &d, sizeof(d)));
    memset(out, 0xaa, sizeof(out));
    r = modify_ldt(0, out, sizeof(out));
    printf("read: %d\n", r);
    for (int i = 0; i < 15 * 8; i += 8) {
        unsigned lo, hi;
        memcpy(&lo, out + i, 4);
        memcpy(&hi, out + i + 4, 4);
        /* the base words name buf's address: show them relative to it */
        printf("  %2d: %08x %08x\n", i / 8, lo & 0xffff, hi & 0x00ffff00);
    }
    printf("  tail %02x %02x\n", out[15 * 8], out[199]);
    for (unsigned short sel = 4; sel < 0x78; sel += 8)
        desc_bits(sel | 3);
    for (unsigned short sel = 0; sel < 0x80; sel += 8)
        desc_bits(sel | 3);
    desc_bits(0x2b & ~3);
    desc_bits(0x0c | 1);

    TRY("ds = ldt 0: read ds:0x104", {
        __asm__ volatile("movw %%ds, %%dx\n\tmovw %w1, %%ds\n\tmovl 0x104, %0\n\tmovw %%dx, %%ds"
                         : "=r"(v) : "r"(0x7) : "edx");
        printf("  = %08x\n", v);
    });
    TRY("fs = ldt 1: read fs:0x20", {
        __asm__ volatile("movw %w1, %%fs\n\tmovl %%fs:0x20, %0\n\tmovw %w2, %%fs"
                         : "=r"(v) : "r"(0xf), "r"(0));
        printf("  = %08x\n", v);
    });
    TRY("ds = ldt 2 (readable code): read ds:0x33", {
        __asm__ volatile("movw %%ds, %%dx\n\tmovw %w1, %%ds\n\tmovzbl 0x33, %0\n\tmovw %%dx, %%ds"
                         : "=r"(v) : "r"(0x17) : "edx");
        printf("  = %08x\n", v);
    });
    TRY("es = ldt 0: stosl to es:0x40, read back", {
        __asm__ volatile("movw %%es, %%dx\n\tmovw %w0, %%es\n\tstosl\n\tmovw %%dx, %%es"
                         ::"r"(0x7), "D"(0x40), "a"(0xcafef00d) : "edx", "memory");
        memcpy(&v, buf + 0x40, 4);
        printf("  = %08x\n", v);
    });
    TRY("ds = ldt 0, es = ldt 5: rep movsb", {
        __asm__ volatile("pushl %%ds\n\tpushl %%es\n\tmovw %w0, %%ds\n\tmovw %w1, %%es\n\t"
                         "rep movsb\n\tpopl %%es\n\tpopl %%ds"
                         ::"r"(0x7), "r"(0x2f), "S"(0x10), "D"(0x200), "c"(8) : "memory");
        memcpy(&v, buf + 0x204, 4);
        printf("  = %08x\n", v);
    });
    TRY("gs = ldt 12 (old mode): read gs:0x8", {
        __asm__ volatile("movw %%gs, %%dx\n\tmovw %w1, %%gs\n\tmovl %%gs:0x8, %0\n\tmovw %%dx, %%gs"
                         : "=r"(v) : "r"(0x67) : "edx");
        printf("  = %08x\n", v);
    });
    load("ds", 0, 0x1f);   /* exec-only code */
    load("ds", 0, 0x37);   /* not present: #NP */
    load("ss", 3, 0x4f);   /* cleared */
    load("ss", 3, 0x7);
    load("ss", 3, 0x5);    /* RPL 1 */
    load("ss", 3, 0x37);   /* not present: #SS */
    load("ss", 3, 0x4f);
    load("fs", 2, 0x27);   /* 16-bit data */
    load("es", 1, 0x47);   /* conforming code, not present */
    load("ds", 0, 100 * 8 + 7); /* beyond the table */
    load("es", 1, 0xfffc);
}

static void arpl_umip(void)
{
    static const unsigned short pairs[][2] = {
        {0x20, 0x3}, {0x23, 0x1}, {0x21, 0x2}, {0x22, 0x2}, {0xfff8, 0xffff}};
    unsigned short m = 0;
    unsigned r32 = 0x12345678;
    unsigned char mem[8];

    for (unsigned i = 0; i < 5; i++) {
        unsigned short d = pairs[i][0];
        unsigned char z;
        __asm__ volatile("arpl %2, %0\n\tsetz %1" : "+r"(d), "=q"(z) : "r"(pairs[i][1]));
        m = pairs[i][0];
        __asm__ volatile("arpl %1, %0" : "+m"(m) : "r"(pairs[i][1]));
        printf("arpl %04x, %04x -> %04x zf %d (memory %04x)\n", pairs[i][0], pairs[i][1], d, z, m);
    }
    memset(mem, 0xaa, sizeof(mem));
    __asm__ volatile("sgdt %0" : "=m"(mem));
    printf("sgdt %02x %02x %02x %02x %02x %02x %02x\n", mem[0], mem[1], mem[2], mem[3], mem[4], mem[5], mem[6]);
    memset(mem, 0xaa, sizeof(mem));
    __asm__ volatile("sidt %0" : "=m"(mem));
    printf("sidt %02x %02x %02x %02x %02x %02x %02x\n", mem[0], mem[1], mem[2], mem[3], mem[4], mem[5], mem[6]);
    memset(mem, 0xaa, sizeof(mem));
    __asm__ volatile("sldt %0\n\tstr 2+%0\n\tsmsw 4+%0" : "+m"(mem));
    printf("sldt str smsw to memory %02x %02x %02x %02x %02x %02x %02x\n", mem[0], mem[1], mem[2], mem[3], mem[4], mem[5], mem[6]);
    r32 = 0x12345678; __asm__ volatile("sldtl %0" : "+r"(r32)); printf("sldtl %08x\n", r32);
    r32 = 0x12345678; __asm__ volatile("sldtw %w0" : "+r"(r32)); printf("sldtw %08x\n", r32);
    r32 = 0x12345678; __asm__ volatile("strl %0" : "+r"(r32)); printf("strl %08x\n", r32);
    r32 = 0x12345678; __asm__ volatile("strw %w0" : "+r"(r32)); printf("strw %08x\n", r32);
    r32 = 0x12345678; __asm__ volatile("smswl %0" : "+r"(r32)); printf("smswl %08x\n", r32);
    r32 = 0x12345678; __asm__ volatile("smsww %w0" : "+r"(r32)); printf("smsww %08x\n", r32);
    TRY("lldt", __asm__ volatile("lldt %w0" ::"r"(0)));
    TRY("ltr", __asm__ volatile("ltr %w0" ::"r"(0x40)));
    TRY("lmsw", __asm__ volatile("lmsw %w0" ::"r"(0x33)));
    TRY("lgdt", __asm__ volatile("lgdt %0" ::"m"(mem)));
}

int main(void)
{
    struct sigaction sa;

    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    reloads();
    null_accesses();
    ldt();
    arpl_umip();
    return 0;
}
