# stitch: a dyngen-style dynamic binary translator (i386 guest, x86_64 host).
#
#   make            configure if needed, then build build/stitch-i386
#   make demo       install what is missing, build, show one TB three ways
#   make check      unit tests + differential tests against native runs
#   make check SANITIZE=1   the same with an ASan/UBSan translator
#
# SPDX-License-Identifier: GPL-3.0-or-later

O := build
ifeq ($(SANITIZE),1)
O := build/sanitize
endif

-include build/config.mak
CC ?= gcc
CROSS_CC ?= i686-linux-gnu-gcc

all: $(O)/stitch-i386

build/config.mak: configure
	./configure

# --- flags -------------------------------------------------------------
# Our sources: strict warnings.  The binary is linked -no-pie so that the
# code buffer, mapped near it, reaches helpers with rel32 calls.
WARN := -Wall -Wextra -Werror
INCLUDES := -Iinclude -Iop -Iexec -Ilinux-user -Itranslate -I$(O)/gen -Ibuild
CFLAGS := -std=gnu11 -O2 -g $(WARN) -fno-pie -MMD -MP $(INCLUDES)
LDFLAGS := -no-pie
LIBS := -lelf -lbfd -lopcodes
ifeq ($(SANITIZE),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -O1
LDFLAGS += -fsanitize=address,undefined
endif

# Micro-op objects: one flag set, one reason per flag (RESEARCH.md traps).
OP_CFLAGS := -std=gnu11 -O2 $(WARN) -Iinclude -Iop -MMD -MP
OP_CFLAGS += -fno-pie -mcmodel=small        # absolute R_X86_64_32 parameter holes
OP_CFLAGS += -fomit-frame-pointer           # no frame: the body is just the work
OP_CFLAGS += -fno-reorder-blocks-and-partition -fno-shrink-wrap  # one exit, no cold split
OP_CFLAGS += -fcf-protection=none           # no endbr64
OP_CFLAGS += -fno-stack-protector -fno-stack-clash-protection -U_FORTIFY_SOURCE
OP_CFLAGS += -fno-asynchronous-unwind-tables -fno-unwind-tables
OP_CFLAGS += -fno-tree-vectorize -mgeneral-regs-only  # no SSE, no .rodata constants
OP_CFLAGS += -fno-jump-tables               # jump tables point into the object
OP_CFLAGS += -mno-red-zone                  # never write below rsp between ops
OP_CFLAGS += -fno-align-functions -fno-align-jumps -fno-align-loops -fno-align-labels
OP_CFLAGS += -foptimize-sibling-calls       # NEXT() must become `jmp __op_next`
# The call-clobbered hosts of pinned guest registers (include/pinned-regs.h)
# are declared call-saved: no op reads one after a call (dyngen checks), and
# GCC then accepts them as global register variables.
PIN_SAVED := $(shell sed -n 's/.*X.[A-Z]*, [0-9], \(r[0-9]*\),.*/-fcall-saved-\1/p' include/pinned-regs.h)
OP_CFLAGS += $(PIN_SAVED)
# Helpers that keep those registers: compiled with them call-saved (and
# never sanitized), calling nothing outside their object (dyngen -k checks),
# so an op that calls only these needs no spill/fill around it.
KEEP_HELPER_OBJS := $(O)/op/helper-cc.o
KEEP_CFLAGS := -std=gnu11 -O2 -g $(WARN) -fno-pie -MMD -MP $(INCLUDES) $(PIN_SAVED)

# --- sources -------------------------------------------------------------
OP_SRCS := $(sort $(wildcard op/op-*.c))
OP_OBJS := $(OP_SRCS:%.c=$(O)/%.o)
HELPER_SRCS := $(sort $(wildcard op/helper*.c))
DYNGEN_SRCS := $(sort $(wildcard dyngen/*.c)) util/disas.c
CORE_SRCS := $(sort $(wildcard translate/*.c exec/*.c linux-user/*.c util/*.c)) $(HELPER_SRCS)
CORE_ASM := $(sort $(wildcard exec/*-x86_64.S))
GEN_SRCS := $(O)/gen/op-info.c $(O)/gen/op-emit.c
MAIN_OBJ := $(O)/linux-user/main.o
CORE_OBJS := $(CORE_SRCS:%.c=$(O)/%.o) $(CORE_ASM:%.S=$(O)/%.o) $(GEN_SRCS:.c=.o)
LIB_OBJS := $(filter-out $(MAIN_OBJ),$(CORE_OBJS))

# --- dyngen and the generated emitters --------------------------------
$(O)/dyngen/dyngen: $(DYNGEN_SRCS:%.c=$(O)/host/%.o)
	@mkdir -p $(@D)
	$(CC) $^ -o $@ -lbfd -lopcodes

$(O)/host/%.o: %.c build/config.mak
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -g $(WARN) -MMD -MP -Iinclude -Idyngen -c $< -o $@

$(O)/op/op-%.o: op/op-%.c build/config.mak
	@mkdir -p $(@D)
	$(CC) $(OP_CFLAGS) -c $< -o $@

$(KEEP_HELPER_OBJS): $(O)/op/%.o: op/%.c build/config.mak
	@mkdir -p $(@D)
	$(CC) $(KEEP_CFLAGS) -c $< -o $@

$(O)/gen/op-gen.h: $(O)/dyngen/dyngen $(OP_OBJS) $(KEEP_HELPER_OBJS)
	@mkdir -p $(@D)
	$(O)/dyngen/dyngen -o $(O)/gen $(KEEP_HELPER_OBJS:%=-k %) $(OP_OBJS)

$(O)/gen/op-info.c $(O)/gen/op-emit.c: $(O)/gen/op-gen.h

# --- the translator --------------------------------------------------------
$(O)/%.o: %.c $(O)/gen/op-gen.h build/config.mak
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(O)/gen/%.o: $(O)/gen/%.c
	$(CC) $(CFLAGS) -c $< -o $@

$(O)/%.o: %.S
	@mkdir -p $(@D)
	$(CC) -Iinclude -MMD -MP -c $< -o $@

$(O)/stitch-i386: $(CORE_OBJS)
	$(CC) $(LDFLAGS) $^ -o $@ $(LIBS)

# --- tests -------------------------------------------------------------------
UNIT_SRCS := $(sort $(wildcard tests/unit/*/test-*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(O)/tests/unit/%)

DYNGEN_LIB_OBJS := $(filter-out $(O)/host/dyngen/main.o,$(DYNGEN_SRCS:%.c=$(O)/host/%.o))
UNIT_CFLAGS = $(CFLAGS) -Idyngen -DBUILD_DIR='"$(O)"'

# dyngen's tests link the build tool's objects; the others the translator's.
$(O)/tests/unit/dyngen/%: tests/unit/dyngen/%.c $(DYNGEN_LIB_OBJS) $(O)/op/op-exec.o
	@mkdir -p $(@D)
	$(CC) $(UNIT_CFLAGS) $< $(DYNGEN_LIB_OBJS) -o $@ $(LDFLAGS) -lbfd -lopcodes -lcriterion

$(O)/tests/unit/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(UNIT_CFLAGS) $< $(LIB_OBJS) -o $@ $(LDFLAGS) $(LIBS) -lcriterion

export ASAN_OPTIONS := detect_leaks=0:handle_segv=0:allow_user_segv_handler=1

check-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t; done

check-guest: $(O)/stitch-i386
	tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)

# The engine's variants (exec/): no chaining at all, and a code buffer so
# small that it is flushed hundreds of times per run.
check-engine: $(O)/stitch-i386
	STITCH_OPTS=--no-chain GUEST_OPTS="O0 O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)
	STITCH_OPTS="-tb-size 64k" GUEST_OPTS="O0 O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)
	tests/engine/run-stats.sh $(O)/stitch-i386 $(O)

# CPUID without MMX/SSE/SSE2 (include/cpu.h): glibc then takes its i686
# string functions, and programs must still match native.
check-nosimd: $(O)/stitch-i386
	STITCH_CPUID_NOSIMD=1 GUEST_OPTS="O2" tests/run-guest.sh -j2 $(O)/stitch-i386 $(O)

check-bad-input: $(O)/stitch-i386
	tests/run-bad-input.sh $(O)/stitch-i386 $(O)

# Real Debian i386 programs (busybox, coreutils, compressors, lua, sqlite,
# python; fetched once into build/sysroot) and guest tests linked
# dynamically: linux-user's end-to-end checks (tests/real/).
check-real: $(O)/stitch-i386
	tests/real/run-dynamic.sh $(O)/stitch-i386 $(O)
	SYSROOT=build/sysroot tests/real/run-real.sh $(O)/stitch-i386 $(O)

check: all
	@$(MAKE) --no-print-directory check-unit
	@$(MAKE) --no-print-directory check-guest
	@$(MAKE) --no-print-directory check-engine
	@$(MAKE) --no-print-directory check-nosimd
	@$(MAKE) --no-print-directory check-bad-input
	@$(MAKE) --no-print-directory check-real

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

clean:
	rm -rf build

.PHONY: bench paper all check check-unit check-guest check-engine check-nosimd check-bad-input check-real demo clean
.DELETE_ON_ERROR:

-include $(shell find $(O) -name '*.d' -type f 2>/dev/null)
