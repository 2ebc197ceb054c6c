#!/bin/bash
# run-gdb.sh STITCH BUILD_DIR: gdb drives stitch's gdb stub (-g port) in
# batch mode through scripted sessions on tests/gdbstub/debuggee.c, and
# the transcript must show each step's expected result: breakpoints
# (translated, not patched in), continue, print, next, step, finish,
# registers, memory writes, a signal reported and passed on, breakpoints
# in a shared library of a dynamic program (found through vFile, auxv and
# the exec-file), Ctrl-C in a hot loop, the exit status; and in a
# threaded guest, the thread list, another thread's stack and a write
# watchpoint, rwatch and awatch (tests/gdbstub/threads.c); the stub's
# socket and the files gdb opens through it out of the guest's reach.
# run-gdb-arm.sh does the ARM guest.
set -u
stitch=$1
out=$2/tests/gdbstub
mkdir -p "$out"
cc=${CC_I386:-i686-linux-gnu-gcc}
gdb=${GDB:-gdb}
$cc -O0 -g -static -o "$out/debuggee" tests/gdbstub/debuggee.c || exit 2
$cc -O0 -g -o "$out/debuggee-dyn" tests/gdbstub/debuggee.c || exit 2
. tests/gdbstub/session.sh

session static "$out/debuggee" <<'EOF'
break square
continue
print x
next
print y
step
finish
info registers eip
print $fctrl
print $mxcsr
print/x $eflags & 0x2
x/1i $pc
set var calls = 100
delete
continue
continue
EOF
expect static \
    '^Breakpoint 1 at 0x[0-9a-f]+: file .*debuggee.c, line [0-9]+\.$' \
    '^Breakpoint 1, square \(x=2\) at .*debuggee.c:[0-9]+$' \
    '^\$1 = 2$' \
    '^[0-9]+[[:space:]]+calls\+\+;$' \
    '^\$2 = 4$' \
    '^[0-9]+[[:space:]]+return y;$' \
    'main \(argc=1, argv=0x[0-9a-f]+\) at .*debuggee.c:[0-9]+$' \
    '^Value returned is \$3 = 4$' \
    '^eip +0x[0-9a-f]+ +0x[0-9a-f]+ <main\+[0-9]+>$' \
    '^\$4 = 895$' \
    '^\$5 = \[ IM DM ZM OM UM PM \]$' \
    '^\$6 = 0x2$' \
    '^=> 0x[0-9a-f]+ <main\+[0-9]+>:' \
    '^Program received signal SIGUSR1, User defined signal 1\.$' \
    '^\[Inferior 1 \(.*\) exited with code 03\]$' \
    '^stitch exit status 3$' \
    '^total=29 calls=102 handled=10$'

# stepi walks one instruction per stop; a temporary breakpoint stops too.
# The port comes from QEMU_GDB this time.
via=QEMU_GDB
session stepi "$out/debuggee" <<'EOF'
break main
continue
stepi
stepi
info registers eip
tbreak square
continue
print $pc >= square
kill
EOF
expect stepi \
    '^Breakpoint 1, main \(argc=1, argv=0x[0-9a-f]+\) at .*debuggee.c:[0-9]+$' \
    '^0x[0-9a-f]+[[:space:]]+[0-9]+[[:space:]]' \
    '^eip +0x[0-9a-f]+ +0x[0-9a-f]+ <main\+[0-9]+>$' \
    '^Temporary breakpoint 2, square \(x=2\) at ' \
    '^\$1 = 1$'

via=STITCH_GDB # and from its STITCH_ twin
session dynamic "$out/debuggee-dyn" spin <<'EOF'
info sharedlibrary
break write
break square
continue
print x
continue
continue
continue
continue
bt 1
info sharedlibrary
delete
python import threading; threading.Timer(1.0, lambda: gdb.post_event(lambda: gdb.execute("interrupt"))).start()
continue
print spins > 0
set var stop = 1
continue
EOF
expect dynamic \
    'ld-linux\.so\.2' \
    '^Breakpoint 2 at 0x[0-9a-f]+: file .*debuggee.c, line [0-9]+\.$' \
    '^Breakpoint 2, square \(x=2\) at ' \
    '^\$1 = 2$' \
    '^Breakpoint 2, square \(x=3\) at ' \
    '^Breakpoint 2, square \(x=4\) at ' \
    '^Program received signal SIGUSR1, User defined signal 1\.$' \
    '^Breakpoint 1, (0x[0-9a-f]+ in )?(__GI___libc_)?write \(' \
    '^#0 +(0x[0-9a-f]+ in )?(__GI___libc_)?write ' \
    'libc\.so\.6$' \
    '^Program received signal SIGINT, Interrupt\.$' \
    '^\$2 = 1$' \
    '^\[Inferior 1 \(.*\) exited with code 03\]$' \
    '^stitch exit status 3$' \
    '^total=29 calls=3 handled=10$'

# A forked child runs without the debugger: the breakpoint stops the
# parent only, and the child neither stops nor dies of a SIGTRAP.
via=-g
session fork "$out/debuggee" fork <<'EOF'
break square
continue
print x
delete
continue
continue
EOF
expect fork \
    '^Breakpoint 1, square \(x=2\) at ' \
    '^\$1 = 2$' \
    '^Program received signal SIGUSR1' \
    '^\[Inferior 1 \(.*\) exited with code 03\]$' \
    '^stitch exit status 3$' \
    '^child square=49$' \
    '^child status=0$' \
    '^total=29 calls=3 handled=10$'

# A fault is reported to gdb; passed on, it kills the guest, and gdb
# hears so.
cat >"$out/segv.c" <<'EOF'
int main(void) { return *(volatile int *)16; }
EOF
$cc -O0 -g -static -o "$out/segv" "$out/segv.c" || exit 2
session segv "$out/segv" <<'EOF'
continue
print $pc == main || 1
continue
EOF
expect segv \
    '^Program received signal SIGSEGV, Segmentation fault\.$' \
    '^\$1 = 1$' \
    '^Program terminated with signal SIGSEGV, Segmentation fault\.$' \
    '^stitch exit status 139$'

# A threaded guest: every thread listed, the one at the breakpoint is the
# one reported, another thread's registers and stack (thread N, bt), a
# step while the others run, and a write watchpoint on a global caught in
# the thread that writes it (each change once; a store of the same value
# is not a change), all-stop throughout.
$cc -O0 -g -static -pthread -o "$out/threads" tests/gdbstub/threads.c || exit 2
session threads "$out/threads" <<'EOF'
break hit
continue
info threads
bt
next
print hits
thread 1
bt
watch watched
continue
continue
delete
continue
EOF
expect threads "${THREADS_AT_HIT[@]}" '^[0-9]+[[:space:]]+}$' '^\$1 = 1$' \
    "${THREADS_WATCH[@]}"

# rwatch and awatch (Z3, Z4; exec/watch.c): a read of `calls` stops after
# the reading instruction with its value; an access watchpoint also stops
# at the write with the old and new values.  The expected lines are
# native gdb's (x86 debug registers) on the same binary.
accesswatch_commands | session accesswatch "$out/debuggee"
expect accesswatch "${ACCESSWATCH_TO_WRITE[@]}" '^[0-9]+[[:space:]]+return y;$' \
    "${ACCESSWATCH_AFTER[@]}"

# awatch in a threaded guest: the other thread's three stores (the second
# stores the value already there: an access, not a change), then main's
# read for printf, as native gdb reports them.
session awatch-threads "$out/threads" <<'EOF'
break main
continue
awatch watched
continue
continue
continue
continue
delete
continue
EOF
expect awatch-threads \
    '^Breakpoint 1, main \(\) at ' \
    '^Hardware access \(read/write\) watchpoint 2: watched$' \
    '^Thread [0-9]+ hit Hardware access \(read/write\) watchpoint 2: watched$' \
    '^Old value = 0$' \
    '^New value = 7$' \
    '^Thread [0-9]+ hit Hardware access \(read/write\) watchpoint 2: watched$' \
    '^Value = 7$' \
    '^Thread [0-9]+ hit Hardware access \(read/write\) watchpoint 2: watched$' \
    '^Old value = 7$' \
    '^New value = 9$' \
    '^Thread 1 hit Hardware access \(read/write\) watchpoint 2: watched$' \
    '^Value = 9$' \
    '^0x[0-9a-f]+ in main \(\) at .*threads.c:[0-9]+$' \
    '^\[Inferior 1 \(.*\) exited normally\]$' \
    '^stitch exit status 0$' \
    '^hits=1 watched=9$'

# Under --interp (STITCH_INTERP) a single step runs its one-instruction
# TB through the interpreter too (exec/cpu-exec.c, run_one_insn), and so
# does each instruction while a watchpoint is set.
via=-g
STITCH_INTERP=1 session interp "$out/debuggee" <<'EOF'
break square
continue
stepi
print $pc > square
rwatch calls
continue
kill
EOF
expect interp \
    '^Breakpoint 1, square \(x=2\) at ' \
    '^\$1 = 1$' \
    '^Hardware read watchpoint 2: calls$' \
    '^Value = 0$' \
    '^0x[0-9a-f]+ in square \(x=2\) at .*debuggee.c:[0-9]+$'

# gdb reads code on an execute-only page (PROT_EXEC alone on a host with
# protection keys) as ptrace does natively, and the guest still runs it.
$cc -O0 -g -static -o "$out/exec-only" tests/gdbstub/exec-only.c || exit 2
session exec-only "$out/exec-only" <<'EOF'
break stop_here
continue
x/6xb code
x/1i code
continue
EOF
expect exec-only \
    '^Breakpoint 1, stop_here \(code=0x[0-9a-f]+' \
    ':[[:space:]]+0xb8[[:space:]]+0x2a[[:space:]]+0x00[[:space:]]+0x00[[:space:]]+0x00[[:space:]]+0xc3$' \
    'mov +\$0x2a,%eax' \
    '^\[Inferior 1 \(.*\) exited normally\]$' \
    '^called: 42$'

# The stub's socket is one of stitch's own descriptors, as its log is: out
# of /proc/self/fd and EBADF for every call the guest makes on it (the
# guest probes of tests/guest/ on 510..520, run natively as the oracle).
# So are the files gdb opens through the stub (vFile): given no program,
# gdb reads it from the target and holds it open while the guest runs
# (remote_exe), and the guest's probes, /proc/self/fd's whole listing
# included, see what they see natively.
own_fds_under_gdb() {
    local t=$1 name=$1$2 what=$3
    echo continue | session "$name" "$out/$t"
    if [ "$remote_exe" = 1 ] && ! grep -q '^Reading symbols from target:' "$out/$name.log"; then
        echo "FAIL $name under -g: gdb did not read the program through the stub"
        failed=$((failed + 1))
    elif cmp -s "$out/$t.native" "$out/$name.guest"; then
        echo "PASS $name under -g: as natively ($what hidden)"
        passed=$((passed + 1))
    else
        echo "FAIL $name under -g"
        diff "$out/$t.native" "$out/$name.guest" | head -n 10
        failed=$((failed + 1))
    fi
}
for t in 99-own-fds-calls 99-own-fds-proc-names 99-proc-self-fd; do
    $cc -O2 -static -o "$out/$t" "tests/guest/$t.c" || exit 2
    "$out/$t" >"$out/$t.native" 2>&1
done
for t in 99-own-fds-calls 99-own-fds-proc-names; do
    own_fds_under_gdb $t "" "the stub's socket"
done
remote_exe=1
for t in 99-own-fds-calls 99-proc-self-fd; do
    own_fds_under_gdb $t -vfile "the stub's socket and gdb's vFile files"
done
remote_exe=0

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
