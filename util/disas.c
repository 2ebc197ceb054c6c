/*
 * libopcodes wrapper (binutils >= 2.39 takes a second, "styled" printer:
 * RESEARCH.md trap 10).
 *
 * The library is opened at the first disassembly, not linked: with the
 * libbfd it needs it is 2.4 MB and 13,000 relocations, which every run of
 * stitch would load and relocate at start-up (bench group "startup") to
 * serve only -d in_asm and out_asm.  OPCODES_SONAME, from configure, is
 * the name a link would have recorded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dis-asm.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "disas.h"

static struct {
    __typeof__(&init_disassemble_info) init_info;
    __typeof__(&disassemble_init_for_target) init_target;
    __typeof__(&disassembler) find;
    const char *error; /* why the library could not be opened, or NULL */
} opcodes;

static void opcodes_open(void)
{
    void *lib = dlopen(OPCODES_SONAME, RTLD_NOW | RTLD_LOCAL);

    if (!lib) {
        opcodes.error = dlerror();
        return;
    }
    opcodes.init_info = (__typeof__(opcodes.init_info))dlsym(lib, "init_disassemble_info");
    opcodes.init_target =
        (__typeof__(opcodes.init_target))dlsym(lib, "disassemble_init_for_target");
    opcodes.find = (__typeof__(opcodes.find))dlsym(lib, "disassembler");
    if (!opcodes.init_info || !opcodes.init_target || !opcodes.find)
        opcodes.error = OPCODES_SONAME " lacks the disassembler's functions";
}

typedef struct TextBuf {
    char *text;
    size_t len, used;
} TextBuf;

static void append(TextBuf *b, const char *fmt, va_list ap)
{
    if (b->used >= b->len)
        return;
    int n = vsnprintf(b->text + b->used, b->len - b->used, fmt, ap);
    if (n > 0)
        b->used += (size_t)n < b->len - b->used ? (size_t)n : b->len - b->used - 1;
}

static int plain_printf(void *stream, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    append(stream, fmt, ap);
    va_end(ap);
    return 0;
}

static int styled_printf(void *stream, enum disassembler_style style,
                         const char *fmt, ...)
{
    va_list ap;

    (void)style;
    va_start(ap, fmt);
    append(stream, fmt, ap);
    va_end(ap);
    return 0;
}

/* libopcodes' name for each DisasArch.  ARM is A32 (ARM state),
 * little-endian; only a libopcodes built for every architecture
 * (binutils-multiarch-dev, linked by stitch-arm) has it: with Debian's
 * x86-only one, disassembler() finds no printer and we return -1. */
static const struct {
    enum bfd_architecture arch;
    unsigned long mach;
} disas_arch[] = {
    [DISAS_I386] = {bfd_arch_i386, bfd_mach_i386_i386},
    [DISAS_X86_64] = {bfd_arch_i386, bfd_mach_x86_64},
    [DISAS_ARM] = {bfd_arch_arm, bfd_mach_arm_unknown},
    [DISAS_THUMB] = {bfd_arch_arm, bfd_mach_arm_unknown}, /* force-thumb */
};

int disas_one(DisasArch arch, const uint8_t *code, size_t len, uint64_t vma,
              char *text, size_t textlen)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    TextBuf buf = {text, textlen, 0};
    disassemble_info info;

    text[0] = '\0';
    pthread_once(&once, opcodes_open);
    if (opcodes.error) {
        snprintf(text, textlen, "(no disassembler: %s)", opcodes.error);
        return -1;
    }
    opcodes.init_info(&info, &buf, plain_printf, styled_printf);
    info.arch = disas_arch[arch].arch;
    info.mach = disas_arch[arch].mach;
    /* ARM code in Thumb state: libopcodes otherwise picks the state from
     * mapping symbols, which a guest TB does not have */
    if (arch == DISAS_THUMB)
        info.disassembler_options = "force-thumb";
    info.endian = info.endian_code = BFD_ENDIAN_LITTLE;
    info.buffer = (bfd_byte *)code;
    info.buffer_length = len;
    info.buffer_vma = vma;
    opcodes.init_target(&info);
    disassembler_ftype print = opcodes.find(info.arch, false, info.mach, NULL);
    if (!print)
        return -1;
    return print(vma, &info);
}
