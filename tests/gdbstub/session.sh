# session.sh: sourced by tests/gdbstub/run-gdb*.sh, which set stitch,
# out and gdb: `session` runs a guest under stitch -g with a gdb batch
# script, `expect` checks the transcript.
passed=0 failed=0
via=-g

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# session NAME PROGRAM ARGS...: run PROGRAM under stitch -g and gdb with
# the script on stdin; the transcript (gdb's and the guest's output) goes
# to $out/NAME.log.  With remote_exe=1 gdb is not given the program: its
# sysroot "target:", it reads it through the stub (vFile) and keeps it
# open while the guest runs.
remote_exe=0
session() {
    local name=$1 prog=$2
    shift 2
    local port local_prog=("$prog") sysroot=/
    if [ "$remote_exe" = 1 ]; then
        local_prog=()
        sysroot=target:
    fi
    port=$(free_port)
    { echo "target remote :$port"; cat; } >"$out/$name.gdb"
    # through sh, whose own report of a guest killed by a signal goes to
    # the transcript rather than to this script's stderr
    # ($via: "-g" or the QEMU_GDB / STITCH_GDB variable)
    if [ "$via" = -g ]; then
        sh -c '"$@"; exit $?' sh "$stitch" -g "$port" "$prog" "$@" >"$out/$name.guest" 2>&1 &
    else
        env "$via=$port" sh -c '"$@"; exit $?' sh "$stitch" "$prog" "$@" >"$out/$name.guest" 2>&1 &
    fi
    local pid=$!
    for _ in $(seq 50); do # until stitch listens
        ss -ltn 2>/dev/null | grep -q ":$port\b" && break
        sleep 0.1
    done
    timeout 120 "$gdb" -batch -nx -iex 'set pagination off' -iex 'set confirm off' \
        -iex "set sysroot $sysroot" -iex 'set breakpoint pending on' \
        -x "$out/$name.gdb" "${local_prog[@]}" >"$out/$name.log" 2>&1
    wait $pid
    echo "stitch exit status $?" >>"$out/$name.log"
    cat "$out/$name.guest" >>"$out/$name.log"
}

# expect NAME PATTERN...: each (extended) regexp matches a line of the
# transcript, in this order.
expect() {
    local name=$1
    shift
    local line=0 pat n
    for pat in "$@"; do
        n=$(tail -n +$((line + 1)) "$out/$name.log" | grep -nE -m1 -- "$pat" | cut -d: -f1)
        if [ -z "$n" ]; then
            echo "FAIL $name: no line matching '$pat' after line $line"
            sed 's/^/  | /' "$out/$name.log" | head -n 60
            failed=$((failed + 1))
            return
        fi
        line=$((line + n))
    done
    echo "PASS $name ($# expected lines in order)"
    passed=$((passed + 1))
}

# --- what the guests' sessions share ------------------------------------
# run-gdb.sh and run-gdb-arm.sh run some sessions on the same portable
# programs (debuggee.c, threads.c); gdb's transcript of those is the same
# for both guests but for a line or two, so the shared expected lines are
# here, in order, for each script to splice its own lines into.

# threads.c stopped at hit() in thread 2: the thread list and its caller.
THREADS_AT_HIT=(
    '^Thread [0-9]+ hit Breakpoint 1, hit \(id=1\) at .*threads.c:[0-9]+$'
    '^ +1 +Thread [0-9]+ '
    '^\* 2 +Thread [0-9]+ +hit \(id=1\) at '
    '^ +3 +Thread [0-9]+ '
    '^#1 +0x[0-9a-f]+ in first \(arg=0x1\) at ')
# Then `thread 1; bt; watch watched; continue; continue; delete; continue`:
# thread 1's stack, the write watchpoint caught twice in thread 3, the exit.
THREADS_WATCH=(
    '^\[Switching to thread 1 \(Thread [0-9]+\)\]'
    'wait_for \(t=[0-9]+\) at .*threads.c:[0-9]+$'
    '^#[0-9]+ +0x[0-9a-f]+ in main \(\) at '
    '^Hardware watchpoint 2: watched$'
    '^Thread 3 hit Hardware watchpoint 2: watched$'
    '^Old value = 0$'
    '^New value = 7$'
    '^Thread 3 hit Hardware watchpoint 2: watched$'
    '^Old value = 7$'
    '^New value = 9$'
    '^\[Inferior 1 \(.*\) exited normally\]$'
    '^stitch exit status 0$'
    '^hits=1 watched=9$')

# rwatch and awatch on debuggee.c's `calls` (exec/watch.c): the gdb
# commands, then the transcript up to the write stop's location
# (ACCESSWATCH_TO_WRITE) and from the next read on (ACCESSWATCH_AFTER).
accesswatch_commands() {
    cat <<'GDB'
break main
continue
rwatch calls
continue
continue
delete
awatch calls
continue
continue
delete
continue
GDB
}
ACCESSWATCH_TO_WRITE=(
    '^Breakpoint 1, main \('
    '^Hardware read watchpoint 2: calls$'
    '^Hardware read watchpoint 2: calls$'
    '^Value = 0$'
    '^0x[0-9a-f]+ in square \(x=2\) at .*debuggee.c:[0-9]+$'
    '^Hardware read watchpoint 2: calls$'
    '^Value = 1$'
    '^0x[0-9a-f]+ in square \(x=3\) at '
    '^Hardware access \(read/write\) watchpoint 3: calls$'
    '^Hardware access \(read/write\) watchpoint 3: calls$'
    '^Old value = 1$'
    '^New value = 2$'
    '^square \(x=3\) at .*debuggee.c:[0-9]+$')
ACCESSWATCH_AFTER=(
    '^Hardware access \(read/write\) watchpoint 3: calls$'
    '^Value = 2$'
    '^0x[0-9a-f]+ in square \(x=4\) at '
    '^Program received signal SIGUSR1'
    '^stitch exit status 3$'
    '^total=29 calls=3 handled=10$')
