#!/bin/bash
# make-seeds.sh — writes the seed ELF files of `make fuzz-elf` into
# tests/fuzz/corpus/ (kept in the tree, so the replay in make check does
# not depend on the compiler's exact output): small i386 programs, static
# without libc, static with a bss and a second segment, one linked
# dynamically against the C library (PT_INTERP, PT_DYNAMIC), one
# static-pie (ET_DYN, no interpreter), and Debian's coreutils `true` (from build/sysroot, fetched
# by tests/real/fetch-sysroot.sh) as a real toolchain's output.
#
# usage: tests/fuzz/make-seeds.sh [CC_I386]
set -eu
cc=${1:-i686-linux-gnu-gcc}
out=$(cd "$(dirname "$0")" && pwd)/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/exit.S" <<'S'
    .globl _start
_start:
    mov $1, %eax
    xor %ebx, %ebx
    int $0x80
S
cat >"$tmp/write.S" <<'S'
    .data
msg: .ascii "seed\n"
    .bss
buf: .skip 8192
    .text
    .globl _start
_start:
    movl $4, %eax
    movl $1, %ebx
    movl $msg, %ecx
    movl $5, %edx
    int $0x80
    movl buf+4096, %ebx
    movl $1, %eax
    int $0x80
S
cat >"$tmp/hello.c" <<'S'
#include <stdio.h>
int main(int argc, char **argv) { printf("%d %s\n", argc, argv[0] ? "seed" : ""); return 3; }
S
"$cc" -nostdlib -static -s -Wl,--build-id=none -o "$out/exit" "$tmp/exit.S"
"$cc" -nostdlib -static -s -Wl,--build-id=none -o "$out/write-bss" "$tmp/write.S"
"$cc" -Os -s -Wl,--build-id=none -o "$out/hello-dynamic" "$tmp/hello.c"
# ET_DYN with no interpreter (a static-pie without libc).
"$cc" -nostdlib -static-pie -s -Wl,--build-id=none -o "$out/exit-static-pie" "$tmp/exit.S"
# A real program as Debian ships it (coreutils' true: PIE, RELRO, GNU
# hash, notes), when the sysroot of tests/real/ is there.
sysroot=$(dirname "$0")/../../build/sysroot
[ -f "$sysroot/bin/true" ] && cp "$sysroot/bin/true" "$out/debian-true"
ls -l "$out"
