#!/bin/bash
# run-bad-input.sh — what bad input gets (BRIEF §4 exit statuses, §7).
#
# usage: tests/run-bad-input.sh STITCH_BINARY BUILD_DIR
#
# Runs the stitch binary on broken command lines and broken programs and
# checks the exit status and that stitch's own errors are exactly one line on
# stderr starting with "stitch-i386:". Two small guests (ud2, NULL store) are
# built with the i386 cross compiler into BUILD_DIR/tests/bad-input/ and must
# die the way they die natively, with stitch's "uncaught guest signal" line.
# $STITCH_OPTS, if set, goes before every command line's own arguments.
# Prints "PASS what" / "FAIL what (why)" per check, then "N passed, N failed";
# exits 1 if anything failed.

set -u

[ $# -eq 2 ] || { echo "usage: $0 STITCH_BINARY BUILD_DIR" >&2; exit 2; }
stitch=$1
if [ "${stitch#*/}" = "$stitch" ]; then
    stitch=$(command -v "$stitch") || { echo "$0: $1: not found" >&2; exit 2; }
fi
[ -x "$stitch" ] || { echo "$0: $stitch: not an executable" >&2; exit 2; }
mkdir -p "$2/tests/bad-input" || exit 2
dir=$(cd "$2/tests/bad-input" && pwd)
cc=${CC_I386:-i686-linux-gnu-gcc}
ulimit -c 0

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL $1 ($2)"
    [ -s "$dir/err" ] && head -n 5 "$dir/err" | sed 's/^/  stderr: /'
    failed=$((failed + 1))
}

# run ARGS...: run stitch with a 20 s timeout; sets $status, leaves out/err.
run() {
    # the outer 2>/dev/null silences bash's "Segmentation fault" job report
    { timeout -k 5 20 "$stitch" ${STITCH_OPTS:-} "$@" </dev/null >"$dir/out" 2>"$dir/err"; } 2>/dev/null
    status=$?
}

# one_line_error: stderr is exactly one line, starting with "stitch-i386:".
one_line_error() {
    [ "$(wc -l <"$dir/err")" -eq 1 ] && [ "$(head -c 12 "$dir/err")" = "stitch-i386:" ]
}

# expect_error WHAT STATUS ARGS...: stitch's own error, one line, STATUS.
expect_error() {
    local what=$1 want=$2
    shift 2
    run "$@"
    if [ "$status" != "$want" ]; then
        fail "$what" "status $status, want $want"
    elif ! one_line_error; then
        fail "$what" "want one stderr line starting with stitch-i386:, got $(wc -l <"$dir/err") line(s)"
    else
        pass "$what"
    fi
}

# --- fixtures -------------------------------------------------------------
cat >"$dir/hello.c" <<'EOF'
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
EOF
cat >"$dir/ud2.c" <<'EOF'
#include <stdio.h>
int main(void) { puts("before ud2"); fflush(stdout); __asm__ volatile("ud2"); puts("after"); return 0; }
EOF
cat >"$dir/null.c" <<'EOF'
#include <stdio.h>
int main(void) { puts("before NULL store"); fflush(stdout); *(volatile int *)0 = 1; puts("after"); return 0; }
EOF
# open() of a path in a MAP_SHARED page past end-of-file: stitch's own
# code reads the string and takes a host SIGBUS there.
cat >"$dir/sharedeof.c" <<'EOF'
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    int fd = argc < 2 ? -1 : open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, "hello", 5) != 5)
        return 2;
    char *p = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return 3;
    int r = open(p + 4096, O_RDONLY);
    printf("open -> %d errno %d\n", r, r < 0 ? errno : 0);
    return 0;
}
EOF
# /proc/self/mem would be stitch's memory: refused (docs/security.md),
# by every name of this process.
cat >"$dir/procmem.c" <<'EOF'
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int main(void)
{
    char path[64];
    int a = open("/proc/self/mem", O_RDONLY), ea = errno;
    snprintf(path, sizeof(path), "/proc/%d/mem", (int)getpid());
    int b = open(path, O_RDWR), eb = errno;
    int c = open("/proc/thread-self/mem", O_RDONLY), ec = errno;
    printf("%d %d %d %d %d %d\n", a, ea, b, eb, c, ec);
    return 0;
}
EOF
for p in hello ud2 null sharedeof procmem; do
    if [ ! -x "$dir/$p" ] || [ "$dir/$p.c" -nt "$dir/$p" ]; then
        "$cc" -static -O0 -o "$dir/$p" "$dir/$p.c" || { echo "$0: cannot build $p" >&2; exit 2; }
    fi
done
printf 'this is text, not a program\n' >"$dir/text"
chmod 755 "$dir/text"
head -c 100 "$dir/hello" >"$dir/truncated"
chmod 755 "$dir/truncated"
cp "$dir/hello" "$dir/noexec"
chmod 644 "$dir/noexec"
: >"$dir/empty"
chmod 755 "$dir/empty"
# an i386 ELF header whose program headers lie past the end of the file
cp "$dir/hello" "$dir/badphoff"
printf '\377\377\377\177' | dd of="$dir/badphoff" bs=1 seek=28 conv=notrunc status=none
chmod 755 "$dir/badphoff"
host_elf=/bin/true
[ "$(head -c 5 "$host_elf" | od -An -tx1 | tr -d ' ')" = 7f454c4602 ] || host_elf=

# --- the checks -------------------------------------------------------------
run "$dir/hello"
if [ "$status" = 0 ] && [ "$(cat "$dir/out")" = hello ]; then pass "sanity: hello runs"; else
    fail "sanity: hello runs" "status $status"; fi

expect_error "missing program -> 127" 127 "$dir/does-not-exist"
expect_error "text file with exec permission -> 126" 126 "$dir/text"
expect_error "empty file -> 126" 126 "$dir/empty"
expect_error "truncated i386 ELF (100 bytes) -> 126" 126 "$dir/truncated"
expect_error "program headers past EOF -> 126" 126 "$dir/badphoff"
if [ -n "$host_elf" ]; then
    expect_error "x86_64 ELF ($host_elf) -> 126" 126 "$host_elf"
fi
expect_error "file without exec permission -> 126" 126 "$dir/noexec"
expect_error "a directory -> 126" 126 "$dir"

# PT_INTERP: a missing interpreter is execve's ENOENT (the shell's 127),
# with a readable message; an ET_EXEC interpreter is loaded as the kernel
# loads it (fs/binfmt_elf.c load_elf_interp) and runs, as natively.
cat >"$dir/interp.c" <<'EOF'
#include <stdio.h>
int main(void) { puts("the ET_EXEC interpreter runs"); return 3; }
EOF
if [ ! -x "$dir/interp" ] || [ "$dir/interp.c" -nt "$dir/interp" ]; then
    "$cc" -static -O2 -Wl,-Ttext-segment=0x20000000 -o "$dir/interp" "$dir/interp.c" &&
    "$cc" -O2 -Wl,--dynamic-linker="$dir/interp" -o "$dir/with-interp" "$dir/hello.c" &&
    "$cc" -O2 -Wl,--dynamic-linker=/nonexistent/ld-linux.so.2 -o "$dir/no-interp" "$dir/hello.c" ||
        { echo "$0: cannot build the interpreter tests" >&2; exit 2; }
fi
expect_error "missing ELF interpreter -> 127" 127 "$dir/no-interp"
if grep -q "/nonexistent/ld-linux.so.2: cannot load the ELF interpreter: " "$dir/err"; then
    pass "missing ELF interpreter: the message names it"
else
    fail "missing ELF interpreter: the message names it" "$(cat "$dir/err")"
fi
{ "$dir/with-interp" >"$dir/native.out" 2>&1; } 2>/dev/null
native_status=$?
run "$dir/with-interp"
if [ "$status" = "$native_status" ] && cmp -s "$dir/out" "$dir/native.out"; then
    pass "ET_EXEC interpreter runs as natively (status $status)"
else
    fail "ET_EXEC interpreter runs as natively" "status $status, native $native_status"
fi

run
if [ "$status" = 1 ] && [ -s "$dir/err" ]; then pass "no arguments -> 1 with usage"; else
    fail "no arguments -> 1 with usage" "status $status"; fi

run -d help
if [ "$status" = 0 ] && grep -q in_asm "$dir/out" "$dir/err"; then pass "-d help -> 0, lists in_asm"; else
    fail "-d help -> 0, lists in_asm" "status $status"; fi

run --no-such-option "$dir/hello"
if [ "$status" = 1 ] && [ -s "$dir/err" ]; then pass "unknown option -> 1"; else
    fail "unknown option -> 1" "status $status"; fi

# the options a guest's execve passes to the next stitch, given garbage
expect_error "--persona garbage -> 1" 1 --persona 12x "$dir/hello"
expect_error "--exec-fd negative -> 1" 1 --exec-fd -3 "$dir/hello"

run -d no_such_item "$dir/hello"
if [ "$status" = 1 ]; then pass "unknown -d item -> 1"; else
    fail "unknown -d item -> 1" "status $status"; fi

run --version
if [ "$status" = 0 ] && [ -s "$dir/out" ]; then pass "--version -> 0"; else
    fail "--version -> 0" "status $status"; fi

# guests killed by a signal: same status as natively, plus stitch's line
# guest_signal WHAT PROGRAM SIGNUM NAME
guest_signal() {
    local what=$1 prog=$2 sig=$3 name=$4 native
    { timeout -k 5 20 "$prog" </dev/null >"$dir/native-out" 2>/dev/null; } 2>/dev/null
    native=$?
    run "$prog"
    if [ "$native" != $((128 + sig)) ]; then
        fail "$what" "natively the guest exits with $native, expected $((128 + sig))"
    elif [ "$status" != "$native" ]; then
        fail "$what" "status $status vs native $native"
    elif ! cmp -s "$dir/out" "$dir/native-out"; then
        fail "$what" "stdout differs from native"
    elif ! grep -qx "stitch-i386: uncaught guest signal $sig ($name)" "$dir/err"; then
        fail "$what" "no 'stitch-i386: uncaught guest signal $sig ($name)' line"
    else
        pass "$what"
    fi
}
guest_signal "guest ud2 -> SIGILL, status 132" "$dir/ud2" 4 "Illegal instruction"
guest_signal "guest NULL store -> SIGSEGV, status 139" "$dir/null" 11 "Segmentation fault"

# A host fault inside stitch's system-call code (not in generated code)
# is the call's -EFAULT, as natively (tests/guest/90-efault.c has the
# other calls).
run "$dir/sharedeof" "$dir/sharedeof.data"
if [ "$status" = 0 ] && grep -qx "open -> -1 errno 14" "$dir/out"; then
    pass "syscall buffer past EOF of a shared mapping -> EFAULT"
else
    fail "syscall buffer past EOF of a shared mapping" "status $status"
fi

run "$dir/procmem"
if [ "$status" = 0 ] && grep -qx -- "-1 13 -1 13 -1 13" "$dir/out"; then
    pass "/proc/self/mem is refused (EACCES)"
else
    fail "/proc/self/mem is refused (EACCES)" "status $status, $(cat "$dir/out")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
