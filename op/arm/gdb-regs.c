/*
 * The ARM CPU as gdb sees it (the gdb stub's guest part, include/gdb-guest.h):
 * the target description and the registers in gdb's numbering, the order
 * of the feature below (gdb's features/arm/arm-core.xml: r0-r12, sp, lr,
 * pc, then cpsr as register 25, after the eight FPA registers and fps
 * that gdb's numbering keeps for old targets; a description with regnum
 * attributes may skip them), then gdb's features/arm/arm-vfpv3.xml cut
 * to sixteen registers as a VFPv3-D16 target reports it
 * (org.gnu.gdb.arm.vfp: d0-d15, fpscr; gdb derives s0-s31).
 *
 * Called only while the guest is stopped in the CPU loop, when every
 * register is in env.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "gdb-guest.h"
#include "guest.h"

const char gdb_target_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target version=\"1.0\">\n"
    "<architecture>arm</architecture>\n"
    "<osabi>GNU/Linux</osabi>\n"
    "<feature name=\"org.gnu.gdb.arm.core\">\n"
    "<reg name=\"r0\" bitsize=\"32\" type=\"uint32\" regnum=\"0\"/>\n"
    "<reg name=\"r1\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r2\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r3\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r4\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r5\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r6\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r7\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r8\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r9\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r10\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r11\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"r12\" bitsize=\"32\" type=\"uint32\"/>\n"
    "<reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\"/>\n"
    "<reg name=\"lr\" bitsize=\"32\"/>\n"
    "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\"/>\n"
    "<reg name=\"cpsr\" bitsize=\"32\" regnum=\"25\"/>\n"
    "</feature>\n"
    "<feature name=\"org.gnu.gdb.arm.vfp\">\n"
#define VFP_REG(n) "<reg name=\"d" #n "\" bitsize=\"64\" type=\"ieee_double\"/>\n"
    VFP_REG(0) VFP_REG(1) VFP_REG(2) VFP_REG(3) VFP_REG(4) VFP_REG(5) VFP_REG(6)
    VFP_REG(7) VFP_REG(8) VFP_REG(9) VFP_REG(10) VFP_REG(11) VFP_REG(12)
    VFP_REG(13) VFP_REG(14) VFP_REG(15)
#undef VFP_REG
    "<reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "</feature>\n"
    "</target>\n";

enum { GDB_CPSR = 25, GDB_D0 = 26, GDB_FPSCR = GDB_D0 + 16 };

const int gdb_num_regs = GDB_FPSCR + 1;
const int gdb_pc_regnum = R_PC;

static void put32(uint8_t *buf, uint32_t v)
{
    memcpy(buf, &v, 4); /* the host is little-endian, as armel is */
}

static uint32_t get32(const uint8_t *buf)
{
    uint32_t v;

    memcpy(&v, buf, 4);
    return v;
}

int gdb_read_register(CPUState *env, uint8_t *buf, int n)
{
    if (n >= 0 && n < 16) {
        put32(buf, env->regs[n]);
        return 4;
    }
    if (n == GDB_CPSR) {
        put32(buf, cpu_get_cpsr(env));
        return 4;
    }
    if (n >= GDB_D0 && n < GDB_FPSCR) {
        memcpy(buf, &env->vfp.d[n - GDB_D0], 8);
        return 8;
    }
    if (n == GDB_FPSCR) {
        put32(buf, env->fpscr);
        return 4;
    }
    return -1;
}

int gdb_write_register(CPUState *env, const uint8_t *buf, int n)
{
    if (n >= 0 && n < 16) {
        env->regs[n] = get32(buf);
        return 4;
    }
    if (n == GDB_CPSR) {
        /* What user mode can write (the APSR), as ptrace's
         * PTRACE_SETREGS keeps the mode bits (valid_user_regs). */
        cpu_set_cpsr(env, get32(buf), CPSR_USER);
        return 4;
    }
    if (n >= GDB_D0 && n < GDB_FPSCR) {
        memcpy(&env->vfp.d[n - GDB_D0], buf, 8);
        return 8;
    }
    if (n == GDB_FPSCR) { /* as a VMSR writes it */
        env->fpscr = get32(buf) & FPSCR_WRITABLE;
        return 4;
    }
    return -1;
}
