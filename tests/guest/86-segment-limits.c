/* cflags: -msse2 */
/* 86-segment-limits: data segments of the LDT with a base and a limit
 * loaded into ES, DS and FS, accessed inside and beyond the limit: byte
 * and page granular limits, expand-down segments (32- and 16-bit), string
 * instructions that run into the limit part way through a REP (the
 * registers show how far they got).  Accesses of every size whose first
 * byte is inside the limit and last byte beyond it (general, SSE, MMX,
 * x87, far pointers, string elements), and writes through a read-only
 * data segment and a readable code segment.  Beyond the limit or a write
 * the type forbids is #GP(0): SIGSEGV, SI_KERNEL, trap 13, error code 0,
 * EIP the faulting instruction.  Everything printed must be what the real
 * CPU and kernel give. */
#include "fault-harness.h"

#include <asm/ldt.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned char buf[8192] __attribute__((aligned(4096)));
static int show_regs;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;

    printf("  -> signal %d code %d addr %p trapno %d err %#x", sig, si->si_code,
           si->si_addr, (int)g[REG_TRAPNO], (unsigned)g[REG_ERR]);
    if (show_regs) /* the string instructions' progress */
        printf(" ecx %#x esi %#x edi %#x", (unsigned)g[REG_ECX],
               (unsigned)g[REG_ESI] - (unsigned)buf, (unsigned)g[REG_EDI]);
    printf("\n");
    siglongjmp(back, 1);
}

enum { E_BYTES, E_PAGE, E_DOWN32, E_DOWN16, E_FLAT, E_RO, E_CODE };

/* A load through FS at offset off: FS is set and cleared in the same asm
 * statement. */
static void fs_read(const char *what, unsigned sel, unsigned off)
{
    char name[96];
    unsigned v = 0;

    snprintf(name, sizeof(name), "%s: fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w1, %%fs\n\tmovzbl %%fs:(%2), %0\n\tmovw %w3, %%fs"
                         : "=&r"(v) : "r"(sel), "r"(off), "r"(0));
        printf("  = %#x\n", v);
    });
}

/* Accesses of each size through FS (selector sel) at offset off. */
static void fs_sizes(const char *what, unsigned sel, unsigned off)
{
    char name[128];
    unsigned v = 0;
    unsigned long long q = 0;
    long double x = 0;

    snprintf(name, sizeof(name), "%s: word fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w1, %%fs\n\tmovzwl %%fs:(%2), %0\n\tmovw %w3, %%fs"
                         : "=&r"(v) : "r"(sel), "r"(off), "r"(0));
        printf("  = %#x\n", v);
    });
    snprintf(name, sizeof(name), "%s: dword fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w1, %%fs\n\tmovl %%fs:(%2), %0\n\tmovw %w3, %%fs"
                         : "=&r"(v) : "r"(sel), "r"(off), "r"(0));
        printf("  = %#x\n", v);
    });
    snprintf(name, sizeof(name), "%s: dword add to fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w0, %%fs\n\taddl $0, %%fs:(%1)\n\tmovw %w2, %%fs"
                         :: "r"(sel), "r"(off), "r"(0) : "memory", "cc");
        printf("  done\n");
    });
    snprintf(name, sizeof(name), "%s: movq xmm fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w1, %%fs\n\tmovq %%fs:(%2), %%xmm0\n\tmovq %%xmm0, %0\n\tmovw %w3, %%fs"
                         : "=m"(q) : "r"(sel), "r"(off), "r"(0) : "xmm0");
        printf("  = %#llx\n", q);
    });
    snprintf(name, sizeof(name), "%s: movdqu fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w1, %%fs\n\tmovdqu %%fs:(%2), %%xmm0\n\tmovq %%xmm0, %0\n\tmovw %w3, %%fs"
                         : "=m"(q) : "r"(sel), "r"(off), "r"(0) : "xmm0");
        printf("  = %#llx\n", q);
    });
    snprintf(name, sizeof(name), "%s: movq mm fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w1, %%fs\n\tmovq %%fs:(%2), %%mm0\n\tmovq %%mm0, %0\n\temms\n\tmovw %w3, %%fs"
                         : "=m"(q) : "r"(sel), "r"(off), "r"(0));
        printf("  = %#llx\n", q);
    });
    snprintf(name, sizeof(name), "%s: fldl fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w1, %%fs\n\tfldl %%fs:(%2)\n\tfstpl %0\n\tmovw %w3, %%fs"
                         : "=m"(q) : "r"(sel), "r"(off), "r"(0));
        printf("  = %#llx\n", q);
    });
    snprintf(name, sizeof(name), "%s: fstpt fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w0, %%fs\n\tfldz\n\tfstpt %%fs:(%1)\n\tmovw %w2, %%fs"
                         :: "r"(sel), "r"(off), "r"(0) : "memory");
        printf("  done\n");
    });
    snprintf(name, sizeof(name), "%s: lgs fs:%#x", what, off);
    TRY(name, {
        __asm__ volatile("movw %w1, %%fs\n\tmovw %%gs, %%dx\n\tlgs %%fs:(%2), %0\n\tmovw %%dx, %%gs\n\tmovw %w3, %%fs"
                         : "=&r"(v) : "r"(sel), "r"(off), "r"(0) : "edx");
        printf("  = %#x\n", v);
    });
    (void)x;
}

int main(void)
{
    unsigned v = 0;

    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char)(i * 7);
    catch_faults(on_fault, SIGSEGV, SIGBUS, 0);
    /* flags: seg_32bit 1, contents << 1 (1: expand-down), limit_in_pages 0x10 */
    printf("modify_ldt: %d %d %d %d %d\n",
           ldt_set(E_BYTES, (unsigned)buf, 0xff, 0x01),
           ldt_set(E_PAGE, (unsigned)buf, 0, 0x11),
           ldt_set(E_DOWN32, (unsigned)buf - 0x1000, 0xfff, 0x03),
           ldt_set(E_DOWN16, (unsigned)buf - 0x1000, 0xfff, 0x02),
           ldt_set(E_FLAT, 0, 0xfffff, 0x11));

    fs_read("byte limit 0xff", 0x7, 0x10);
    fs_read("byte limit 0xff", 0x7, 0xff);
    fs_read("byte limit 0xff", 0x7, 0x100);
    fs_read("byte limit 0xff", 0x7, 0xfffffff0);
    fs_read("page limit 0xfff", 0xf, 0xfff);
    fs_read("page limit 0xfff", 0xf, 0x1000);
    fs_read("expand-down 32-bit, limit 0xfff", 0x17, 0xfff);
    fs_read("expand-down 32-bit, limit 0xfff", 0x17, 0x1000);
    fs_read("expand-down 32-bit, limit 0xfff", 0x17, 0x2fff);
    fs_read("expand-down 32-bit, limit 0xfff", 0x17, 0x10);
    fs_read("expand-down 16-bit, limit 0xfff", 0x1f, 0x1800);
    fs_read("expand-down 16-bit, limit 0xfff", 0x1f, 0x800);
    fs_read("expand-down 16-bit, limit 0xfff", 0x1f, 0x10000);
    fs_read("flat LDT segment", 0x27, (unsigned)buf + 5);

    TRY("ds limited: read ds:0x80", {
        __asm__ volatile("movw %%ds, %%dx\n\tmovw %w1, %%ds\n\tmovzbl 0x80, %0\n\tmovw %%dx, %%ds"
                         : "=r"(v) : "r"(0x7) : "edx");
        printf("  = %#x\n", v);
    });
    TRY("ds limited: read ds:0x180", {
        __asm__ volatile("movw %%ds, %%dx\n\tmovw %w1, %%ds\n\tmovzbl 0x180, %0\n\tmovw %%dx, %%ds"
                         : "=r"(v) : "r"(0x7) : "edx");
        printf("  = %#x\n", v);
    });
    /* Accesses that start inside the limit (0xff) and end beyond it. */
    fs_sizes("byte limit 0xff", 0x7, 0xf0);
    fs_sizes("byte limit 0xff", 0x7, 0xf6);
    fs_sizes("byte limit 0xff", 0x7, 0xf8);
    fs_sizes("byte limit 0xff", 0x7, 0xfa);
    fs_sizes("byte limit 0xff", 0x7, 0xfc);
    fs_sizes("byte limit 0xff", 0x7, 0xfe);
    /* Expand-down: a dword at the top wraps past 0xffff or 4 GiB. */
    TRY("expand-down 16-bit, limit 0xfff: dword fs:0xfffe", {
        __asm__ volatile("movw %w1, %%fs\n\tmovl %%fs:0xfffe, %0\n\tmovw %w2, %%fs"
                         : "=&r"(v) : "r"(0x1f), "r"(0));
        printf("  = %#x\n", v);
    });
    TRY("expand-down 32-bit, limit 0xfff: dword add to fs:0xfffffffe", {
        __asm__ volatile("movw %w0, %%fs\n\taddl $0, %%fs:0xfffffffe\n\tmovw %w1, %%fs"
                         :: "r"(0x17), "r"(0) : "memory", "cc");
        printf("  done\n");
    });
    /* read_exec_only (flags bit 3): a read-only data segment, and a
     * readable code segment (contents 2). */
    printf("modify_ldt: %d %d\n", ldt_set(E_RO, (unsigned)buf, 0xfffff, 0x19),
           ldt_set(E_CODE, (unsigned)buf, 0xfffff, 0x15));
    fs_read("read-only data", 0x2f, 0x10);
    fs_read("readable code", 0x37, 0x10);
    TRY("read-only data: write fs:0x10", {
        __asm__ volatile("movw %w0, %%fs\n\tmovb $1, %%fs:0x10\n\tmovw %w1, %%fs"
                         :: "r"(0x2f), "r"(0) : "memory");
        printf("  done\n");
    });
    TRY("read-only data: lock incl fs:0x10", {
        __asm__ volatile("movw %w0, %%fs\n\tlock incl %%fs:0x10\n\tmovw %w1, %%fs"
                         :: "r"(0x2f), "r"(0) : "memory", "cc");
        printf("  done\n");
    });
    TRY("readable code: write fs:0x10", {
        __asm__ volatile("movw %w0, %%fs\n\tmovl $1, %%fs:0x10\n\tmovw %w1, %%fs"
                         :: "r"(0x37), "r"(0) : "memory");
        printf("  done\n");
    });
    TRY("read-only data in es: stosb", {
        __asm__ volatile("movw %%es, %%dx\n\tmovw %w0, %%es\n\tstosb\n\tmovw %%dx, %%es"
                         :: "r"(0x2f), "D"(0x10), "a"(0) : "edx", "memory");
        printf("  done\n");
    });
    printf("  buf[0x10] %02x\n", buf[0x10]);
    show_regs = 1;
    TRY("es limited: rep stosl from es:0xf2, 8 dwords", {
        __asm__ volatile("movw %%es, %%dx\n\tmovw %w0, %%es\n\trep stosl\n\tmovw %%dx, %%es"
                         :: "r"(0x7), "D"(0xf2), "c"(8), "a"(0x66), "S"(buf) : "edx", "memory");
        printf("  done\n");
    });
    TRY("es limited: rep stosb from es:0xf0, 0x20 bytes", {
        __asm__ volatile("movw %%es, %%dx\n\tmovw %w0, %%es\n\trep stosb\n\tmovw %%dx, %%es"
                         :: "r"(0x7), "D"(0xf0), "c"(0x20), "a"(0x55), "S"(buf) : "edx", "memory");
        printf("  done\n");
    });
    printf("  stored: %02x %02x\n", buf[0xff], buf[0x100]);
    TRY("es limited: rep movsl from the flat ds to es:0xe0, 16 dwords", {
        __asm__ volatile("movw %%es, %%dx\n\tmovw %w0, %%es\n\trep movsl\n\tmovw %%dx, %%es"
                         :: "r"(0x7), "D"(0xe0), "S"(buf + 0x1000), "c"(16) : "edx", "memory");
        printf("  done\n");
    });
    TRY("fs limited: lodsb through fs until the limit", {
        __asm__ volatile("movw %w0, %%fs\n\tmovl $0xfc, %%esi\n1:\tfs lodsb\n\tjmp 1b"
                         :: "r"(0x7), "c"(0) : "esi", "eax");
    });
    __asm__ volatile("movw %w0, %%fs" :: "r"(0));
    return 0;
}
