# stitch: a dyngen-style dynamic binary translator (x86_64 host; guests
# listed in GUESTS below: i386 and arm).
#
#   make            configure if needed, then build build/stitch-<guest>
#   make demo       install what is missing, build, show one TB three ways
#   make check      unit tests + differential tests against native runs
#   make check SANITIZE=1   the same with an ASan/UBSan translator
#   make check-tsan         the threaded tests with a ThreadSanitizer translator
#
# SPDX-License-Identifier: GPL-3.0-or-later

O := build
ifeq ($(SANITIZE),1)
O := build/sanitize
endif
ifeq ($(FUZZ),1)
O := build/fuzz
endif
ifeq ($(SANITIZE),thread)
O := build/tsan
endif

-include build/config.mak
CC ?= gcc
CROSS_CC ?= i686-linux-gnu-gcc
ARM_CROSS_CC ?= arm-linux-gnueabi-gcc
ARMHF_CROSS_CC ?= arm-linux-gnueabihf-gcc
space := $(subst ,, )
comma := ,

# Every guest this tree builds.  A guest G brings op/G/, translate/G/ and
# linux-user/G/ (docs/porting.md); this line and its folders are all the
# build needs: the rules below are written once and instantiated per guest.
# `make GUESTS=i386` builds one guest only.
GUESTS ?= i386 arm

all: $(GUESTS:%=$(O)/stitch-%)

build/config.mak: configure
	./configure

# --- flags -------------------------------------------------------------
# Our sources: strict warnings.  The binary is linked -no-pie so that the
# code buffer, mapped near it, reaches helpers with rel32 calls.
WARN := -Wall -Wextra -Werror
CFLAGS := -std=gnu11 -O2 -g $(WARN) -fno-pie -MMD -MP
LDFLAGS := -no-pie
# libopcodes (and the libbfd it needs) are not linked: util/disas.c opens
# them for the first disassembly, so that no start-up pays for loading and
# relocating them (bench group "startup").  libelf (and the libz it
# needs) are linked statically for the same reason: two fewer shared
# objects for ld.so to open, map and relocate at every start-up.
STATIC_ELF := -Wl,-Bstatic -lelf -lz -Wl,-Bdynamic
LIBS := $(STATIC_ELF)
ifeq ($(SANITIZE),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -O1
LDFLAGS += -fsanitize=address,undefined
endif
# ThreadSanitizer sees stitch's own C code (the engine, the system calls,
# the translator), not the generated code, whose accesses are the guest's
# (docs/threads.md).
ifeq ($(SANITIZE),thread)
CFLAGS += -fsanitize=thread -fno-omit-frame-pointer -O1
LDFLAGS += -fsanitize=thread
endif

# Micro-op objects: one flag set, one reason per flag (RESEARCH.md traps).
OP_CFLAGS := -std=gnu11 -O2 $(WARN) -MMD -MP
OP_CFLAGS += -fno-pie -mcmodel=small        # absolute R_X86_64_32 parameter holes
OP_CFLAGS += -fomit-frame-pointer           # no frame: the body is just the work
OP_CFLAGS += -fno-reorder-blocks-and-partition -fno-shrink-wrap  # one exit, no cold split
OP_CFLAGS += -fcf-protection=none           # no endbr64
OP_CFLAGS += -fno-stack-protector -fno-stack-clash-protection -U_FORTIFY_SOURCE
OP_CFLAGS += -fno-asynchronous-unwind-tables -fno-unwind-tables
OP_CFLAGS += -fno-tree-vectorize -mgeneral-regs-only  # no SSE, no .rodata constants
# The XMM register cache (translate/i386/sse.c) lives in %xmm8-15: no op, and
# no helper that dyngen lets an op call without ending the cache (KEEP_HELPERS
# below), may use them.
XMM_CACHE_FIXED := $(foreach r,8 9 10 11 12 13 14 15,-ffixed-xmm$(r))
OP_CFLAGS += $(XMM_CACHE_FIXED)
OP_CFLAGS += -fno-jump-tables               # jump tables point into the object
OP_CFLAGS += -mno-red-zone                  # never write below rsp between ops
OP_CFLAGS += -fno-align-functions -fno-align-jumps -fno-align-loops -fno-align-labels
OP_CFLAGS += -foptimize-sibling-calls       # NEXT() must become `jmp __op_next`

# --- guests ----------------------------------------------------------------
# The shared stages (exec/, linux-user/, translate/, op/) are compiled once
# per guest, against that guest's headers (its CPUState, syscall layouts),
# into $(O)/G/; dyngen writes the guest's emitters to $(O)/gen/G/.
define GUEST_RULES
$(1)_DIR := $(O)/$(1)
$(1)_INCLUDES := -Iinclude -Iop/$(1) -Iop -Iexec -Igdbstub -Ilinux-user/$(1) -Ilinux-user \
	-Itranslate/$(1) -Itranslate -I$(O)/gen/$(1) -Ibuild -DGUEST_NAME='"$(1)"'
$(1)_CFLAGS := $$(CFLAGS) $$($(1)_INCLUDES)
# The call-clobbered hosts of pinned guest registers (op/G/pinned-regs.h)
# are declared call-saved: no op reads one after a call (dyngen checks), and
# GCC then accepts them as global register variables.
$(1)_PIN_REGS := $$(shell sed -n 's/.*X.[A-Z0-9]*, [0-9]*, \(r[a-z0-9]*\),.*/\1/p' op/$(1)/pinned-regs.h)
$(1)_PIN_SAVED := $$(patsubst %,-fcall-saved-%,$$(filter rax rcx rdx rsi rdi r8 r9 r10 r11,$$($(1)_PIN_REGS)))
$(1)_PIN_LIST := $$(subst $$(space),$$(comma),$$(strip $$($(1)_PIN_REGS)))
# Helpers that keep those registers (op/G/guest.mak, optional, names them
# in KEEP_HELPERS): compiled with them call-saved and %xmm8-15 left
# alone (and never sanitized), calling nothing outside their object
# (dyngen -k checks), so an op that calls only these needs no spill/fill
# around it and keeps the XMM register cache.
# GUEST_LIBS (optional, op/G/guest.mak): the libraries the guest links
# instead of LIBS.  GUEST_OPCODES (optional): the libopcodes its -d in_asm
# opens (ARM: the multi-architecture one), by default the host's.
KEEP_HELPERS :=
GUEST_LIBS :=
GUEST_OPCODES := $(OPCODES_SONAME)
-include op/$(1)/guest.mak
$(1)_LIBS := $$(if $$(GUEST_LIBS),$$(GUEST_LIBS),$$(LIBS))
$(1)_CFLAGS += -DOPCODES_SONAME='"$$(GUEST_OPCODES)"'
$(1)_KEEP_OBJS := $$(KEEP_HELPERS:%.c=$(O)/$(1)/op/$(1)/%.o)

# Ops: op-*.c files, the engine's (exec/) and the guest's; the other C
# files of those folders are ordinary code (helpers, the CPU's hooks).
$(1)_OP_SRCS := $$(sort $$(wildcard exec/op-*.c op/$(1)/op-*.c))
$(1)_OP_OBJS := $$($(1)_OP_SRCS:%.c=$(O)/$(1)/%.o)
$(1)_SRCS := $$(filter-out $$($(1)_OP_SRCS),$$(sort $$(wildcard \
	util/*.c op/*.c exec/*.c translate/*.c gdbstub/*.c linux-user/*.c \
	op/$(1)/*.c translate/$(1)/*.c linux-user/$(1)/*.c)))
$(1)_ASM := $$(sort $$(wildcard exec/*-x86_64.S))
$(1)_GEN := $(O)/gen/$(1)/op-info.c $(O)/gen/$(1)/op-emit.c $(O)/gen/$(1)/op-interp.c
# --interp (docs/interp.md): the same ops compiled a second time as the
# handlers of a threaded interpreter, linked in as they are.
$(1)_INTERP_OBJS := $$($(1)_OP_SRCS:%.c=$(O)/$(1)/%-interp.o)
$(1)_OBJS := $$($(1)_SRCS:%.c=$(O)/$(1)/%.o) $$($(1)_ASM:%.S=$(O)/$(1)/%.o) \
	$$($(1)_GEN:.c=.o) $$($(1)_INTERP_OBJS)
$(1)_MAIN := $(O)/$(1)/linux-user/main.o
$(1)_LIB_OBJS := $$(filter-out $$($(1)_MAIN),$$($(1)_OBJS))

$$($(1)_OP_OBJS): $(O)/$(1)/%.o: %.c build/config.mak
	@mkdir -p $$(@D)
	$$(CC) $$(OP_CFLAGS) $$($(1)_INCLUDES) $$($(1)_PIN_SAVED) -c $$< -o $$@

# Their code goes to section stitch_interp, whose bounds tell the fault
# handler a handler's PC (exec/interp.c); scripts/check-interp.sh checks
# that NEXT() became a tail jump everywhere.
$$($(1)_INTERP_OBJS): $(O)/$(1)/%-interp.o: %.c build/config.mak
	@mkdir -p $$(@D)
	$$(CC) $$(OP_CFLAGS) -DOP_INTERP $$($(1)_INCLUDES) $$($(1)_PIN_SAVED) -MT $$@ -c $$< -o $$@.tmp
	scripts/check-interp.sh $$@.tmp
	objcopy --rename-section .text=stitch_interp $$@.tmp $$@
	rm -f $$@.tmp

$$($(1)_KEEP_OBJS): $(O)/$(1)/%.o: %.c build/config.mak
	@mkdir -p $$(@D)
	$$(CC) -std=gnu11 -O2 -g $$(WARN) -fno-pie -MMD -MP $$($(1)_INCLUDES) \
		$$($(1)_PIN_SAVED) $$(XMM_CACHE_FIXED) -c $$< -o $$@

$(O)/gen/$(1)/op-gen.h: $(O)/dyngen/dyngen $$($(1)_OP_OBJS) $$($(1)_KEEP_OBJS)
	@mkdir -p $$(@D)
	$(O)/dyngen/dyngen -o $(O)/gen/$(1) $$(if $$($(1)_PIN_LIST),-p $$($(1)_PIN_LIST)) \
		$$($(1)_KEEP_OBJS:%=-k %) $$($(1)_OP_OBJS)

$$($(1)_GEN): $(O)/gen/$(1)/op-gen.h

$$(filter-out $$($(1)_KEEP_OBJS),$$($(1)_SRCS:%.c=$(O)/$(1)/%.o)): $(O)/$(1)/%.o: %.c $(O)/gen/$(1)/op-gen.h build/config.mak
	@mkdir -p $$(@D)
	$$(CC) $$($(1)_CFLAGS) -c $$< -o $$@

$$($(1)_ASM:%.S=$(O)/$(1)/%.o): $(O)/$(1)/%.o: %.S
	@mkdir -p $$(@D)
	$$(CC) -Iinclude -Iop/$(1) -MMD -MP -c $$< -o $$@

$$($(1)_GEN:.c=.o): %.o: %.c
	$$(CC) $$($(1)_CFLAGS) -c $$< -o $$@

$(O)/stitch-$(1): $$($(1)_OBJS)
	$$(CC) $$(LDFLAGS) $$^ -o $$@ $$($(1)_LIBS)
endef
$(foreach g,$(GUESTS),$(eval $(call GUEST_RULES,$(g))))

# make FUZZ=1 (make fuzz-elf): linux-user/ with AFL++'s coverage (afl-clang-fast: the
# Debian package's GCC plugin refuses its GCC), linked
# with its run-time; the translator and ops stay as they are (dyngen
# copies their machine code, which instrumentation would break).
ifeq ($(FUZZ),1)
$(O)/i386/linux-user/%.o: CC := afl-clang-fast
$(O)/stitch-i386: LDFLAGS += /usr/lib/afl/afl-compiler-rt.o
endif

# --- dyngen ------------------------------------------------------------------
DYNGEN_SRCS := $(sort $(wildcard dyngen/*.c)) util/disas.c
$(O)/dyngen/dyngen: $(DYNGEN_SRCS:%.c=$(O)/host/%.o)
	@mkdir -p $(@D)
	$(CC) $^ -o $@ -lbfd -lopcodes

$(O)/host/%.o: %.c build/config.mak
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -g $(WARN) -MMD -MP -Iinclude -Idyngen \
		-DOPCODES_SONAME='"$(OPCODES_SONAME)"' -c $< -o $@

# --- tests -------------------------------------------------------------------
# tests/unit/<stage>/ tests shared code, tests/unit/<stage>/<guest>/ one
# guest's; shared tests link the first guest's objects (the stages are
# compiled per guest, so they need one).
UNIT_GUEST := $(firstword $(GUESTS))
UNIT_SRCS := $(sort $(wildcard tests/unit/*/test-*.c) \
	$(foreach g,$(GUESTS),$(wildcard tests/unit/*/$(g)/test-*.c)))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(O)/tests/unit/%)

DYNGEN_LIB_OBJS := $(filter-out $(O)/host/dyngen/main.o,$(DYNGEN_SRCS:%.c=$(O)/host/%.o))
UNIT_CFLAGS = -DBUILD_DIR='"$(O)/$(UNIT_GUEST)"' -Idyngen

# dyngen's tests link the build tool's objects; the others the translator's.
$(O)/tests/unit/dyngen/%: tests/unit/dyngen/%.c $(DYNGEN_LIB_OBJS) $(O)/$(UNIT_GUEST)/exec/op-exec.o
	@mkdir -p $(@D)
	$(CC) $($(UNIT_GUEST)_CFLAGS) $(UNIT_CFLAGS) $< $(DYNGEN_LIB_OBJS) -o $@ $(LDFLAGS) -lbfd -lopcodes -lcriterion

# $(1): the guest whose objects a test links; $(2): the tests.
define UNIT_RULES
$(2:tests/unit/%.c=$(O)/tests/unit/%): $(O)/tests/unit/%: tests/unit/%.c $$($(1)_LIB_OBJS)
	@mkdir -p $$(@D)
	$$(CC) $$($(1)_CFLAGS) $$(UNIT_CFLAGS) -I$$(<D) $$< $$($(1)_LIB_OBJS) -o $$@ $$(LDFLAGS) $$($(1)_LIBS) -lcriterion
endef
$(eval $(call UNIT_RULES,$(UNIT_GUEST),$(filter-out tests/unit/dyngen/%,$(wildcard tests/unit/*/test-*.c))))
$(foreach g,$(GUESTS),$(eval $(call UNIT_RULES,$(g),$(wildcard tests/unit/*/$(g)/test-*.c))))

export ASAN_OPTIONS := detect_leaks=0:handle_segv=0:allow_user_segv_handler=1

check-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

# Every test at all seven compiler variants (O0 O1 O2 O3 Os i386 p4), but
# the tests of linux-user (signals, processes, threads, system calls,
# /proc: a "levels: O0 O2" line in their source) at O0 and O2 only: there
# the level reshuffles a few lines of the test's own C, and the code
# generator's variety comes from the CPU tests' seven.
check-guest: $(O)/stitch-i386
	tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)

# The engine's variants (exec/): no chaining at all, with every TB
# translated again after its second run (--tier0 2, exec/tier.c), and a
# code buffer so small that it is flushed hundreds of times per run.
check-engine: $(O)/stitch-i386
	STITCH_OPTS="--no-chain --tier0 2" GUEST_OPTS="O0 O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)
	STITCH_OPTS="-tb-size 64k" GUEST_OPTS="O0 O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)
	tests/engine/run-stats.sh $(O)/stitch-i386 $(O)
	tests/engine/run-tcache.sh $(O)/stitch-i386 $(O)
	rm -rf $(O)/tests/tcache-guest
	STITCH_OPTS="-tcache $(abspath $(O))/tests/tcache-guest" GUEST_OPTS="O0 O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)
	STITCH_OPTS="-tcache $(abspath $(O))/tests/tcache-guest" GUEST_OPTS="O0 O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)

# --interp (docs/interp.md): the same suites with the micro-ops threaded
# instead of copied: chained and not, with a buffer flushed often (threads
# are about 2.3 times the copied code: 160 KiB gives them the flush rate
# 64 KiB gives copied code), bad input, dynamic guests and the real Debian
# programs.
check-interp: $(O)/stitch-i386
	GUEST_TIMEOUT=240 STITCH_OPTS=--interp GUEST_OPTS="O0 O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)
	GUEST_TIMEOUT=240 STITCH_OPTS="--interp --no-chain" GUEST_OPTS="O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)
	GUEST_TIMEOUT=240 STITCH_OPTS="--interp -tb-size 160k" GUEST_OPTS="Os" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)
	STITCH_OPTS=--interp tests/run-bad-input.sh $(O)/stitch-i386 $(O)
	STITCH_OPTS=--interp tests/real/run-dynamic.sh $(O)/stitch-i386 $(O)
	STITCH_OPTS=--interp SYSROOT=build/sysroot tests/real/run-real.sh $(O)/stitch-i386 $(O)

# CPUID without MMX/SSE/SSE2 (op/i386/cpu.h): glibc then takes its i686
# string functions, and programs must still match native.
check-nosimd: $(O)/stitch-i386
	STITCH_CPUID_NOSIMD=1 GUEST_OPTS="O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)

# The ARM instruction tests (tests/arm/): each checks instructions against
# the ARM ARM's rules written into it, under stitch-arm as is, --no-chain
# and -tb-size 64k.
check-arm-insn: $(O)/stitch-arm
	ARM_CROSS_CC=$(ARM_CROSS_CC) tests/arm/run-insn-tests.sh $(O)/stitch-arm $(O)
ifneq ($(filter arm,$(GUESTS)),)
CHECK_ARM_STEPS += check-arm-insn
endif

# The FP guest programs built for VFPv3-D16 (softfp calls, armel's libc)
# against their native i386 -msse2 -mfpmath=sse runs, in the four engine
# modes (tests/arm/run-vfp-programs.sh).
check-arm-vfp: $(O)/stitch-arm
	ARM_CROSS_CC=$(ARM_CROSS_CC) ARMHF_CROSS_CC=$(ARMHF_CROSS_CC) CROSS_CC=$(CROSS_CC) tests/arm/run-vfp-programs.sh $(O)/stitch-arm $(O)
ifneq ($(filter arm,$(GUESTS)),)
CHECK_ARM_STEPS += check-arm-vfp
endif

# The threaded tests, 20 stitch runs each in each engine mode, on i386 and
# (built for ARM) on stitch-arm (tests/run-threads.sh).
THREADS_ARM = $(if $(filter arm,$(GUESTS)),$(O)/stitch-arm)
check-threads: $(O)/stitch-i386 $(THREADS_ARM)
	CC_ARM=$(ARM_CROSS_CC) CC_I386=$(CROSS_CC) tests/run-threads.sh $(O)/stitch-i386 $(O) $(THREAD_REPEAT) $(THREADS_ARM)
THREAD_REPEAT ?= 20

# The threaded tests under ThreadSanitizer: a data race in stitch's own
# code is reported and fails the run (the options are built in:
# util/tsan-options.c).  Signals that TSan defers reach stitch through
# the front handler of include/tsan.h, so a guest thread blocked in a
# raw system call still runs glibc's SIGSETXID handler (89-threads-setxid).
check-tsan:
	@$(MAKE) --no-print-directory SANITIZE=thread build/tsan/stitch-i386
	tests/run-threads.sh build/tsan/stitch-i386 build/tsan 2

check-bad-input: $(O)/stitch-i386 $(O)/fuzz-harness
	tests/run-bad-input.sh $(O)/stitch-i386 $(O)
	tests/run-elf-mutants.py $(O)/stitch-i386 $(O)
	tests/fuzz/replay.sh $(O)/stitch-i386 $(O)/fuzz-harness

# The ELF fuzzer (not in make check): AFL++ (Debian's afl++) mutates the
# seeds of tests/fuzz/corpus/ against a stitch-i386 whose linux-user/
# (ELF loader, start-up, system calls) is built with afl-clang-fast's
# coverage, FUZZ_MINUTES long; then tests/fuzz/run-afl.sh replays what
# afl-fuzz kept through the harness (tests/fuzz/harness.c), which tells a
# guest's own death from stitch's and checks the bad-input contract, with
# the coverage build and with an ASan/UBSan one (make SANITIZE=1).
# Inputs worth keeping go to tests/fuzz/regressions/.
FUZZ_MINUTES ?= 10
$(O)/fuzz-harness: tests/fuzz/harness.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 $(WARN) $< -o $@

$(O)/allow-exec.so: tests/fuzz/allow-exec.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 $(WARN) -shared -fPIC $< -o $@ -ldl

fuzz-elf:
	$(MAKE) FUZZ=1 build/fuzz/stitch-i386 build/fuzz/fuzz-harness build/fuzz/allow-exec.so
	$(MAKE) SANITIZE=1 build/sanitize/stitch-i386
	tests/fuzz/run-afl.sh build/fuzz $(FUZZ_MINUTES) build/sanitize/stitch-i386

# Real Debian i386 programs (busybox, coreutils, compressors, lua, sqlite,
# python; fetched once into build/sysroot) and guest tests linked
# dynamically: linux-user's end-to-end checks (tests/real/).
# The differential CPU fuzzer (tests/fuzz-cpu/run-fuzz.sh): random i386
# instruction sequences run natively and under stitch.  check-fuzz is the
# fixed-seed sample make check runs; `make fuzz FUZZ_N=... FUZZ_SEED=...`
# runs more.
FUZZ_N ?= 200000
FUZZ_SEED ?= 1
check-fuzz: $(O)/stitch-i386
	tests/fuzz-cpu/run-fuzz.sh $(O)/stitch-i386 $(O) 20000 1
fuzz: $(O)/stitch-i386
	tests/fuzz-cpu/run-fuzz.sh $(O)/stitch-i386 $(O) $(FUZZ_N) $(FUZZ_SEED)

check-real: $(O)/stitch-i386
	tests/real/run-dynamic.sh $(O)/stitch-i386 $(O)
	SYSROOT=build/sysroot tests/real/run-real.sh $(O)/stitch-i386 $(O)

# docs/syscalls.md: every call of the guest kernel's table, implemented or
# ENOSYS and why, written from the guest's X-macro lists
# (scripts/syscalls-doc.c); check-syscalls-doc fails when it is stale.
$(O)/syscalls-doc-%: scripts/syscalls-doc.c linux-user/syscall-why.h linux-user/%/syscall-list.h linux-user/%/syscall-names.h linux-user/%/syscall-nr.h
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -Wall -Wextra -Werror -Ilinux-user/$* -Ilinux-user $< -o $@

syscalls-doc: $(O)/syscalls-doc-i386 $(O)/syscalls-doc-arm
	$(O)/syscalls-doc-i386 i386 >docs/syscalls.md
	$(O)/syscalls-doc-arm arm >docs/syscalls-arm.md

check-syscalls-doc: $(O)/syscalls-doc-i386 $(O)/syscalls-doc-arm
	@$(O)/syscalls-doc-i386 i386 | diff -u docs/syscalls.md - && \
		echo "PASS docs/syscalls.md matches linux-user/i386/syscall-list.h"
	@$(O)/syscalls-doc-arm arm | diff -u docs/syscalls-arm.md - && \
		echo "PASS docs/syscalls-arm.md matches linux-user/arm/syscall-list.h"

# The stages call each other one way, and the shared ones name no guest
# (docs/porting.md, "Dependency graph").
check-layers: all
	scripts/check-layers.sh $(O) $(GUESTS)

# `make check`: every suite in turn, each one's time printed after it, so
# a CI log shows where its minutes go (CI aims at under 30 minutes).
# The suites share the i386 guest binaries and each one's native run
# (tests/runner-args.sh): check-guest builds and runs them natively once,
# the engine, interp, threads and ARM suites compare with what it kept.
# TEST_TIMES=FILE logs each test's build and run seconds.
CHECK_STEPS = check-layers check-syscalls-doc check-unit check-guest \
	check-engine check-threads check-interp check-nosimd check-fuzz \
	check-bad-input check-real check-docs check-tools
check: all
	@for t in $(CHECK_STEPS) $(CHECK_ARM_STEPS); do \
		start=$$(date +%s); \
		$(MAKE) --no-print-directory $$t || exit 1; \
		echo "make check: $$t took $$(( $$(date +%s) - start )) s"; \
	done

# --- the manual, installation ---------------------------------------------------
# docs/stitch.1 is generated from the option table (linux-user/options.h)
# and the log items (include/log.h), as -h and -d help are; `make man`
# rewrites it, check-docs fails when it is stale.
$(O)/host/gen-man: scripts/gen-man.c linux-user/options.h include/log.h
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 $(WARN) -Iinclude -Ilinux-user $< -o $@

man: $(O)/host/gen-man
	$(O)/host/gen-man $$(cat VERSION) >docs/stitch.1

check-docs: $(O)/host/gen-man $(O)/stitch-i386
	tests/docs/run-man.sh $(O)/host/gen-man $(O)/stitch-i386 $(O)

PREFIX ?= /usr/local
DESTDIR ?=
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(GUESTS:%=$(O)/stitch-%) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 docs/stitch.1 $(DESTDIR)$(PREFIX)/share/man/man1/stitch.1
	for g in $(GUESTS); do ln -sf stitch.1 $(DESTDIR)$(PREFIX)/share/man/man1/stitch-$$g.1; done

# Debugging and profiling (issue 19): the qemu-user options and their
# environment variables, the perf files, the gdb stub.
check-tools: $(O)/stitch-i386 $(O)/stitch-arm
	tests/linux-user/run-options.sh $(O)/stitch-i386 $(O)
	tests/linux-user/run-strace.sh $(O)/stitch-i386 $(O)
	CC_ARM=$(ARM_CROSS_CC) tests/linux-user/run-wx.sh $(O)/stitch-i386 $(O)/stitch-arm $(O)
	tests/linux-user/run-sigreturn-cs64.sh $(O)/stitch-i386 $(O)
	CC_ARM=$(ARM_CROSS_CC) tests/linux-user/run-proc-refused.sh $(O)/stitch-i386 $(O)/stitch-arm $(O)
	CC_ARM=$(ARM_CROSS_CC) tests/linux-user/run-vdso.sh $(O)/stitch-i386 $(O)/stitch-arm $(O)
	tests/linux-user/run-perf.sh $(O)/stitch-i386 $(O)
	CC_ARM=$(ARM_CROSS_CC) tests/linux-user/run-log-threads.sh $(O)/stitch-i386 $(O) $(O)/stitch-arm
	tests/gdbstub/run-gdb.sh $(O)/stitch-i386 $(O)
	CC_ARM=$(ARM_CROSS_CC) tests/gdbstub/run-gdb-arm.sh $(O)/stitch-arm $(O)
	tests/exec/run-profile.sh $(O)/stitch-i386 $(O)
	tests/exec/run-sample.sh $(O)/stitch-i386 $(O)
	tests/scripts/run-binfmt.sh $(O)

# --- benchmarks (bench/README.md) -------------------------------------------
# `make bench QUICK=1` for a short run; results in build/bench/.
bench: all
	python3 bench/run.py --stitch $(O)/stitch-i386 --out build/bench $(if $(filter 1,$(QUICK)),--quick)

# The paper's evaluation re-measured, and its worked example made real.
paper: bench
	python3 bench/paper.py build/bench/results.json papers/results.md
	bench/worked-example.sh $(O)/stitch-i386 papers/worked-example.md

# --- demo ----------------------------------------------------------------------
DEMO_SRC := tests/demo/demo.c

demo:
	@test -f build/config.mak || ./configure --install-deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(O)/demo
	$(CROSS_CC) -static -O2 -o $(O)/demo/demo $(DEMO_SRC)
	@echo "== native:"; $(O)/demo/demo
	@echo "== under stitch, the first TB of sum_squares() as guest code, micro-ops and copied host code:"
	$(O)/stitch-i386 -d in_asm,op,out_asm -D $(O)/demo/demo.log $(O)/demo/demo
	@scripts/show-tb.sh $(O)/demo/demo.log $(O)/demo/demo sum_squares
ifneq ($(filter arm,$(GUESTS)),)
	$(ARM_CROSS_CC) -marm -static -O2 -o $(O)/demo/demo-arm $(DEMO_SRC)
	@echo "== the same source as ARM code under stitch-arm (docs/arm.md): the same pipeline"
	@echo "== with another decoder; note the condition on each instruction and the PC as r15:"
	$(O)/stitch-arm -d in_asm,op,out_asm -D $(O)/demo/demo-arm.log $(O)/demo/demo-arm
	@scripts/show-tb.sh $(O)/demo/demo-arm.log $(O)/demo/demo-arm sum_squares
	$(ARMHF_CROSS_CC) -mthumb -static -O2 -o $(O)/demo/demo-armhf $(DEMO_SRC)
	@echo "== and as Debian armhf builds it: Thumb-2 (16- and 32-bit encodings), VFP hard-float:"
	$(O)/stitch-arm -d in_asm,op,out_asm -D $(O)/demo/demo-armhf.log $(O)/demo/demo-armhf
	@scripts/show-tb.sh $(O)/demo/demo-armhf.log $(O)/demo/demo-armhf sum_squares
endif

clean:
	rm -rf build

.PHONY: fuzz-elf man install syscalls-doc check-syscalls-doc check-docs check-tools bench paper all check check-layers check-unit check-guest check-engine check-interp check-nosimd check-fuzz fuzz check-bad-input check-real check-arm-insn check-arm-vfp demo clean
.DELETE_ON_ERROR:

-include $(shell find $(O) -name '*.d' -type f 2>/dev/null)

# --- the ARM guest's Linux layer (tests/run-arm.sh) --------------------------
# The portable programs of tests/guest/ built for armel (-O0/-O2, static and
# dynamic) against their native i386 runs, and tests/arm-linux/ against
# their expected output: as they are, then at -O2 with --no-chain, with
# a 64 KiB code buffer and under --interp.  Part of `make check` whenever arm is built.
ARM_RUN = CC_ARM=$(ARM_CROSS_CC) CC_I386=$(CROSS_CC) tests/run-arm.sh -j2 $(O)/stitch-arm $(O)
check-arm: $(O)/stitch-arm
	$(ARM_RUN)
	STITCH_OPTS=--no-chain ARM_OPTS=O2 $(ARM_RUN)
	STITCH_OPTS="-tb-size 64k" ARM_OPTS=O2 $(ARM_RUN)
	GUEST_TIMEOUT=240 STITCH_OPTS=--interp ARM_OPTS=O2 $(ARM_RUN)
# Debian's armel packages (busybox, coreutils, compressors, lua, sqlite,
# python; fetched once into build/sysroot-armel) running the scenarios of
# tests/real/, started with -L and through the sysroot's ld-linux.so.3,
# against the native i386 runs of the same scenarios.
check-real-arm: $(O)/stitch-arm
	SYSROOT=build/sysroot GUEST_SYSROOT=build/sysroot-armel GUEST_ARCH=armel \
		tests/real/run-real.sh $(O)/stitch-arm $(O)


# Debian armhf (Thumb-2, VFPv3-D16 hard-float): the portable programs built
# with arm-linux-gnueabihf-gcc as Thumb-2 (armhf's default) and as ARM at
# -O0/-O2/-O3, static and dynamic (against armhf's cross libc, whose code
# is Thumb-2), then at -O2 as Thumb-2 with --no-chain and a 64 KiB code
# buffer; and armhf's packages running the tests/real scenarios, through
# -L and through ld-linux-armhf.so.3.
# The i386 references are check-guest's binaries (I386_BUILD), not built again.
ARMHF_RUN = ARM_LINUX_TESTS=no CC_ARM=$(ARMHF_CROSS_CC) CC_I386=$(CROSS_CC) ARM_SYSROOT=/usr/arm-linux-gnueabihf \
	I386_BUILD=$(O) tests/run-arm.sh -j2 $(O)/stitch-arm $(O)/armhf
check-armhf: $(O)/stitch-arm
	ARM_ISAS="thumb arm" ARM_OPTS="O0 O2 O3" $(ARMHF_RUN)
	STITCH_OPTS=--no-chain ARM_ISAS=thumb ARM_OPTS=O2 $(ARMHF_RUN)
	STITCH_OPTS="-tb-size 64k" ARM_ISAS=thumb ARM_OPTS=O2 $(ARMHF_RUN)
check-real-armhf: $(O)/stitch-arm
	SYSROOT=build/sysroot GUEST_SYSROOT=build/sysroot-armhf GUEST_ARCH=armhf \
		tests/real/run-real.sh $(O)/stitch-arm $(O)

ifneq ($(filter arm,$(GUESTS)),)
CHECK_ARM_STEPS += check-arm check-real-arm check-armhf check-real-armhf
endif
.PHONY: check-arm check-real-arm check-armhf check-real-armhf
