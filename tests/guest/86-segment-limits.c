/* 86-segment-limits: data segments of the LDT with a base and a limit
 * loaded into ES, DS and FS, accessed inside and beyond the limit: byte
 * and page granular limits, expand-down segments (32- and 16-bit), string
 * instructions that run into the limit part way through a REP (the
 * registers show how far they got).  Beyond the limit is #GP(0): SIGSEGV,
 * SI_KERNEL, trap 13, error code 0, EIP the faulting instruction.  Only
 * accesses whose first byte is beyond the limit are made (stitch checks
 * that byte; docs/i386-cpu.md).  Everything printed must be what the real
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

enum { E_BYTES, E_PAGE, E_DOWN32, E_DOWN16, E_FLAT };

static int set_ldt(int entry, unsigned base, unsigned limit, unsigned flags)
{
    struct user_desc d;
    unsigned w[4] = {(unsigned)entry, base, limit, flags};

    memcpy(&d, w, sizeof(d));
    return (int)syscall(SYS_modify_ldt, 0x11, &d, sizeof(d));
}

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

int main(void)
{
    unsigned v = 0;

    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char)(i * 7);
    catch_faults(on_fault, SIGSEGV, SIGBUS, 0);
    /* flags: seg_32bit 1, contents << 1 (1: expand-down), limit_in_pages 0x10 */
    printf("modify_ldt: %d %d %d %d %d\n",
           set_ldt(E_BYTES, (unsigned)buf, 0xff, 0x01),
           set_ldt(E_PAGE, (unsigned)buf, 0, 0x11),
           set_ldt(E_DOWN32, (unsigned)buf - 0x1000, 0xfff, 0x03),
           set_ldt(E_DOWN16, (unsigned)buf - 0x1000, 0xfff, 0x02),
           set_ldt(E_FLAT, 0, 0xfffff, 0x11));

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
    show_regs = 1;
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
