/*
 * The i386 CPU as gdb sees it (the gdb stub's guest part, include/gdb-guest.h):
 * the target description and the registers in gdb's numbering, which is
 * the order of the features below (gdb's features/i386/32bit-core.xml,
 * 32bit-sse.xml and 32bit-linux.xml name these registers; gdb's i386
 * Linux support needs org.gnu.gdb.i386.linux to be present).
 *
 *   0-7   eax ecx edx ebx esp ebp esi edi     32 bits
 *   8     eip, 9 eflags, 10-15 cs ss ds es fs gs
 *   16-23 st0-st7                              80 bits, ST(i), not R[i]
 *   24-31 fctrl fstat ftag fiseg fioff foseg fooff fop
 *   32-39 xmm0-xmm7                            128 bits
 *   40    mxcsr, 41 orig_eax
 *
 * Called only while the guest is stopped in the CPU loop, when every
 * register is in env (cpu_leave_code has run: the x87 state too).
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
    "<architecture>i386</architecture>\n"
    "<osabi>GNU/Linux</osabi>\n"
    "<feature name=\"org.gnu.gdb.i386.core\">\n"
    "<flags id=\"i386_eflags\" size=\"4\">\n"
    "<field name=\"CF\" start=\"0\" end=\"0\"/><field name=\"\" start=\"1\" end=\"1\"/>\n"
    "<field name=\"PF\" start=\"2\" end=\"2\"/><field name=\"AF\" start=\"4\" end=\"4\"/>\n"
    "<field name=\"ZF\" start=\"6\" end=\"6\"/><field name=\"SF\" start=\"7\" end=\"7\"/>\n"
    "<field name=\"TF\" start=\"8\" end=\"8\"/><field name=\"IF\" start=\"9\" end=\"9\"/>\n"
    "<field name=\"DF\" start=\"10\" end=\"10\"/><field name=\"OF\" start=\"11\" end=\"11\"/>\n"
    "<field name=\"NT\" start=\"14\" end=\"14\"/><field name=\"RF\" start=\"16\" end=\"16\"/>\n"
    "<field name=\"VM\" start=\"17\" end=\"17\"/><field name=\"AC\" start=\"18\" end=\"18\"/>\n"
    "<field name=\"VIF\" start=\"19\" end=\"19\"/><field name=\"VIP\" start=\"20\" end=\"20\"/>\n"
    "<field name=\"ID\" start=\"21\" end=\"21\"/>\n"
    "</flags>\n"
    "<reg name=\"eax\" bitsize=\"32\" type=\"int32\" regnum=\"0\"/>\n"
    "<reg name=\"ecx\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"edx\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ebx\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"esp\" bitsize=\"32\" type=\"data_ptr\"/>\n"
    "<reg name=\"ebp\" bitsize=\"32\" type=\"data_ptr\"/>\n"
    "<reg name=\"esi\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"edi\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"eip\" bitsize=\"32\" type=\"code_ptr\"/>\n"
    "<reg name=\"eflags\" bitsize=\"32\" type=\"i386_eflags\"/>\n"
    "<reg name=\"cs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ss\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ds\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"es\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"fs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"gs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"st0\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st1\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st2\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st3\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st4\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st5\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st6\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st7\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"fctrl\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fstat\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"ftag\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fiseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fioff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"foseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fooff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fop\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "</feature>\n"
    "<feature name=\"org.gnu.gdb.i386.sse\">\n"
    "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
    "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
    "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>\n"
    "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>\n"
    "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>\n"
    "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>\n"
    "<union id=\"vec128\">\n"
    "<field name=\"v4_float\" type=\"v4f\"/><field name=\"v2_double\" type=\"v2d\"/>\n"
    "<field name=\"v16_int8\" type=\"v16i8\"/><field name=\"v8_int16\" type=\"v8i16\"/>\n"
    "<field name=\"v4_int32\" type=\"v4i32\"/><field name=\"v2_int64\" type=\"v2i64\"/>\n"
    "<field name=\"uint128\" type=\"uint128\"/>\n"
    "</union>\n"
    "<flags id=\"i386_mxcsr\" size=\"4\">\n"
    "<field name=\"IE\" start=\"0\" end=\"0\"/><field name=\"DE\" start=\"1\" end=\"1\"/>\n"
    "<field name=\"ZE\" start=\"2\" end=\"2\"/><field name=\"OE\" start=\"3\" end=\"3\"/>\n"
    "<field name=\"UE\" start=\"4\" end=\"4\"/><field name=\"PE\" start=\"5\" end=\"5\"/>\n"
    "<field name=\"DAZ\" start=\"6\" end=\"6\"/><field name=\"IM\" start=\"7\" end=\"7\"/>\n"
    "<field name=\"DM\" start=\"8\" end=\"8\"/><field name=\"ZM\" start=\"9\" end=\"9\"/>\n"
    "<field name=\"OM\" start=\"10\" end=\"10\"/><field name=\"UM\" start=\"11\" end=\"11\"/>\n"
    "<field name=\"PM\" start=\"12\" end=\"12\"/><field name=\"FZ\" start=\"15\" end=\"15\"/>\n"
    "</flags>\n"
    "<reg name=\"xmm0\" bitsize=\"128\" type=\"vec128\" regnum=\"32\"/>\n"
    "<reg name=\"xmm1\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm2\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm3\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm4\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm5\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm6\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"xmm7\" bitsize=\"128\" type=\"vec128\"/>\n"
    "<reg name=\"mxcsr\" bitsize=\"32\" type=\"i386_mxcsr\" group=\"vector\"/>\n"
    "</feature>\n"
    "<feature name=\"org.gnu.gdb.i386.linux\">\n"
    "<reg name=\"orig_eax\" bitsize=\"32\" type=\"int\" regnum=\"41\"/>\n"
    "</feature>\n"
    "</target>\n";

const int gdb_num_regs = 42;
const int gdb_pc_regnum = 8;

enum {
    REG_EIP = 8,
    REG_EFLAGS,
    REG_SEG0,
    REG_ST0 = 16,
    REG_FCTRL = 24,
    REG_FSTAT,
    REG_FTAG,
    REG_XMM0 = 32,
    REG_MXCSR = 40,
    REG_ORIG_EAX,
};

/* gdb's segment order (cs ss ds es fs gs) in stitch's segs[]. */
static const int seg_index[6] = {R_CS, R_SS, R_DS, R_ES, R_FS, R_GS};

/* The x87 tag of physical register i, as FSTENV writes it (SDM vol. 1,
 * 8.1.7): 00 valid, 01 zero, 10 special (NaN, infinity, denormal,
 * unnormal), 11 empty. */
static unsigned fp_tag(const CPUState *env, int i)
{
    const FPReg *r = &env->fpregs[i];
    unsigned exp = r->x.sexp & 0x7fff;

    if (!env->fptag_used[i])
        return 3;
    if (exp == 0 && r->x.mant == 0)
        return 1;
    if (exp == 0 || exp == 0x7fff || !(r->x.mant >> 63))
        return 2;
    return 0;
}

static int put32(uint8_t *buf, uint32_t v)
{
    memcpy(buf, &v, 4); /* the guest's byte order, little-endian as the host's */
    return 4;
}

int gdb_read_register(CPUState *env, uint8_t *buf, int n)
{
    if (n < 8)
        return put32(buf, env->regs[n]);
    if (n >= REG_SEG0 && n < REG_SEG0 + 6)
        return put32(buf, env->segs[seg_index[n - REG_SEG0]].selector);
    if (n >= REG_ST0 && n < REG_ST0 + 8) {
        memcpy(buf, env->fpregs[(env->fpstt + n - REG_ST0) & 7].b, 10);
        return 10;
    }
    if (n >= REG_XMM0 && n < REG_XMM0 + 8) {
        memcpy(buf, env->xmm[n - REG_XMM0].b, 16);
        return 16;
    }
    switch (n) {
    case REG_EIP: return put32(buf, env->eip);
    case REG_EFLAGS: return put32(buf, cpu_get_eflags(env));
    case REG_FCTRL: return put32(buf, env->fpuc_x ^ FPUC_RESET);
    case REG_FSTAT: return put32(buf, (env->fpus & ~0x3800u) | (env->fpstt & 7) << 11);
    case REG_FTAG: {
        uint32_t tags = 0;
        for (int i = 0; i < 8; i++)
            tags |= fp_tag(env, i) << (2 * i);
        return put32(buf, tags);
    }
    case REG_MXCSR: return put32(buf, env->mxcsr_x ^ MXCSR_RESET);
    case REG_ORIG_EAX: return put32(buf, 0xffffffffu); /* no system call to restart */
    }
    /* fiseg, fioff, foseg, fooff, fop: stitch does not record the last
     * x87 instruction and operand pointers. */
    if (n < gdb_num_regs)
        return put32(buf, 0);
    return -1;
}

static uint32_t get32(const uint8_t *buf)
{
    uint32_t v;

    memcpy(&v, buf, 4);
    return v;
}

int gdb_write_register(CPUState *env, const uint8_t *buf, int n)
{
    if (n < 8) {
        env->regs[n] = get32(buf);
        return 4;
    }
    if (n >= REG_SEG0 && n < REG_SEG0 + 6)
        return 4; /* user mode: segments are the kernel's (flat), not gdb's to change */
    if (n >= REG_ST0 && n < REG_ST0 + 8) {
        memcpy(env->fpregs[(env->fpstt + n - REG_ST0) & 7].b, buf, 10);
        return 10;
    }
    if (n >= REG_XMM0 && n < REG_XMM0 + 8) {
        memcpy(env->xmm[n - REG_XMM0].b, buf, 16);
        return 16;
    }
    switch (n) {
    case REG_EIP: env->eip = get32(buf); return 4;
    case REG_EFLAGS: cpu_set_eflags(env, get32(buf)); return 4;
    case REG_FCTRL: env->fpuc_x = (uint16_t)(get32(buf) ^ FPUC_RESET); return 4;
    case REG_FSTAT:
        env->fpus = (uint16_t)(get32(buf) & ~0x3800u);
        env->fpstt = get32(buf) >> 11 & 7;
        return 4;
    case REG_FTAG:
        for (int i = 0; i < 8; i++)
            env->fptag_used[i] = (get32(buf) >> (2 * i) & 3) != 3;
        return 4;
    case REG_MXCSR: env->mxcsr_x = get32(buf) ^ MXCSR_RESET; return 4;
    }
    return n < gdb_num_regs ? 4 : -1;
}
