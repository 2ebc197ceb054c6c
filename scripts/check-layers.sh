#!/bin/sh
# check-layers.sh BUILD_DIR GUEST...: the stages call each other in one
# direction only (docs/porting.md, "Dependency graph"), and the shared
# stages name no guest's registers, flags or system calls.
#
# Layers, lowest first; a stage may use only the ones below it:
#   util  <  op  <  translate  <  exec  <  gdbstub  <  linux-user
# A stage's guest folder (op/i386, ...) belongs to that stage.  gen/ is
# dyngen's output from the ops of op/<guest> and exec/op-exec.c: exec
# calls it, translate uses its front end (op_info), and its copied code
# reaches helpers (op) and the prologue (exec).
# Only linked symbols are seen: an inline function or a macro in a header
# of include/ is an interface, not a call.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
export LC_ALL=C # join and sort must agree on the order
build=$1
shift
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rank() {
    case $1 in
    util) echo 0 ;; op) echo 1 ;; translate) echo 2 ;; exec) echo 3 ;;
    gdbstub) echo 4 ;; linux-user) echo 5 ;; gen) echo 9 ;;
    esac
}

for guest in "$@"; do
    objs=$build/$guest
    [ -d "$objs" ] || { echo "FAIL no objects in $objs"; exit 1; }
    : >"$tmp/defs"
    for stage in util op translate exec gdbstub linux-user; do
        find "$objs/$stage" -name '*.o' | xargs nm -g --defined-only |
            awk -v s=$stage 'NF == 3 && $2 ~ /[TDBRCWV]/ { print $3, s }' >>"$tmp/defs"
    done
    nm -g --defined-only "$build/gen/$guest"/*.o |
        awk 'NF == 3 && $2 ~ /[TDBRCWV]/ { print $3, "gen" }' >>"$tmp/defs"
    sort -u "$tmp/defs" >"$tmp/defs.s"
    for stage in util op translate exec gdbstub linux-user; do
        find "$objs/$stage" -name '*.o' | xargs nm -u | awk '{ print $2 }' |
            sort -u | join - "$tmp/defs.s" |
            while read -r sym owner; do
                [ "$owner" = "$stage" ] && continue
                # An interpreted op leaves through the interpreter's
                # epilogue (op/op-x86_64.h, EXIT_TB_VALUE), as a copied one
                # jumps to the prologue's through a dyngen hole.
                [ "$stage" = op ] && [ "$sym" = interp_exit ] && continue
                if [ "$owner" = gen ]; then
                    [ "$(rank "$stage")" -ge 2 ] && continue
                    echo "FAIL $guest: $stage uses $sym from the generated emitters"
                    echo x >>"$tmp/bad"
                elif [ "$(rank "$owner")" -gt "$(rank "$stage")" ]; then
                    echo "FAIL $guest: $stage uses $sym from $owner (a stage above it)"
                    echo x >>"$tmp/bad"
                fi
            done
    done
done

# Guest names in the shared stages: i386 registers, flags, its lazy-flag
# fields and its own system calls (comments may point to a guest's file).
# linux-user/host-compat-x86_64.c is the x86_64 host's own way into its
# kernel's 32-bit entry (`int $0x80`), used for every guest: not a guest name.
shared="exec dyngen gdbstub include util translate/op-buf.c translate/breakpoint.c op/op-x86_64.h $(ls linux-user/*.c linux-user/*.h | grep -v '^linux-user/host-compat-x86_64\.c$')"
names='\b(E?[ABCD]X|E[SB]P|E[SD]I|R_E[A-Z][A-Z]|eip|EIP|eflags|EFLAGS|cc_op|cc_src|cc_dst|cc_aux|CC_[OSZAPC]|regs\[8\]|fp_live|gdt|segs|EXCP_(DIVZ|TRAP|ILLOP|GPF|FPU)|__NR_[a-z0-9_]+|unistd_32|set_thread_area|get_thread_area|modify_ldt|vm86|EM_386|int \$0x80)\b'
# ... and no ARM register, status bit, exception or state of its own
# (op/arm/cpu.h).
names="$names"'|\b(CPSR_[A-Z]+|cpu_get_cpsr|cpu_set_cpsr|tpidruro|EXCP_(UDEF|BKPT|THUMB|ALIGN)|exclusive_(addr|val|high)|EM_ARM|R_PC|R_LR)\b|\bregs\[1[345]\]'
if grep -rnE "$names" $shared >"$tmp/names"; then
    sed 's/^/FAIL guest name in a shared stage: /' "$tmp/names"
    echo x >>"$tmp/bad"
fi

if [ -e "$tmp/bad" ]; then
    exit 1
fi
echo "PASS layers: util < op < translate < exec < gdbstub < linux-user; no guest names in shared stages"
