#!/bin/bash
# run-gdb-arm.sh STITCH_ARM BUILD_DIR: gdb-multiarch drives the ARM
# guest's gdb stub in batch mode, as run-gdb.sh does the i386 one:
# breakpoints, next, step, stepi and finish, the core registers (pc, sp,
# cpsr with the T bit clear in ARM state), x/i disassembly through the
# stub's memory reads, a signal reported and passed on, the exit status;
# the threaded session (threads listed, another thread's stack, a write
# watchpoint); rwatch and awatch; the VFP registers.  The guest's output
# is the portable programs' native i386 one.
set -u
stitch=$1
out=$2/tests/gdbstub-arm
mkdir -p "$out"
cc=${CC_ARM:-arm-linux-gnueabi-gcc}
gdb=${GDB_MULTIARCH:-gdb-multiarch}
if ! command -v "$gdb" >/dev/null; then
    echo "run-gdb-arm.sh: $gdb is not installed (apt-get install gdb-multiarch)" >&2
    exit 2
fi
$cc -O0 -g -static -o "$out/debuggee" tests/gdbstub/debuggee.c || exit 2
$cc -O0 -g -static -pthread -o "$out/threads" tests/gdbstub/threads.c || exit 2
. tests/gdbstub/session.sh

session static "$out/debuggee" <<'EOF'
break square
continue
print x
next
print y
step
info registers pc
print/x $cpsr & 0x20
x/1i $pc
stepi
print $pc > square
info registers sp
finish
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
    '^pc +0x[0-9a-f]+ +0x[0-9a-f]+ <square\+[0-9]+>$' \
    '^\$3 = 0x0$' \
    '^=> 0x[0-9a-f]+ <square\+[0-9]+>:[[:space:]]+ldr[[:space:]]' \
    '^\$4 = 1$' \
    '^sp +0x[0-9a-f]+ +0x[0-9a-f]+$' \
    'in main \(argc=1, argv=0x[0-9a-f]+\) at .*debuggee.c:[0-9]+$' \
    '^Value returned is \$5 = 4$' \
    '^Program received signal SIGUSR1, User defined signal 1\.$' \
    '^\[Inferior 1 \(.*\) exited with code 03\]$' \
    '^stitch exit status 3$' \
    '^total=29 calls=102 handled=10$'

# The ARM watchpoint stop comes one instruction after the store: gdb
# treats ARM watchpoints as stopping before the access and steps once
# more (docs/gdb.md); the values are the same.
session threads "$out/threads" <<'EOF'
break hit
continue
info threads
bt 2
thread 1
bt
watch watched
continue
continue
delete
continue
EOF
expect threads "${THREADS_AT_HIT[@]}" "${THREADS_WATCH[@]}"

# rwatch and awatch (exec/watch.c).  A read stops after the loading
# instruction; a write stop comes one instruction later than on hardware,
# as for `watch`, so its source line is not checked.
accesswatch_commands | session accesswatch "$out/debuggee"
expect accesswatch "${ACCESSWATCH_TO_WRITE[@]}" "${ACCESSWATCH_AFTER[@]}"

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
    '^\[Inferior 1 \(.*\) exited normally\]$' \
    '^stitch exit status 0$' \
    '^hits=1 watched=9$'

# The VFP registers (org.gnu.gdb.arm.vfp: d0-d15, fpscr; gdb derives the
# s registers): written through the stub and read back; s3 is d1's high
# half, 2.5's upper 32 bits.
session vfp "$out/debuggee" <<'EOF'
break square
continue
set var $d1 = 2.5
print $d1
print/x $s3
set var $fpscr = 0x03000000
info registers fpscr
kill
EOF
expect vfp \
    '^Breakpoint 1, square \(x=2\) at ' \
    '^\$1 = 2\.5$' \
    '^\$2 = 0x40040000$' \
    '^fpscr +0x3000000 +50331648$'

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
