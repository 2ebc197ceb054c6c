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
# to $out/NAME.log.
session() {
    local name=$1 prog=$2
    shift 2
    local port
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
        -iex 'set sysroot /' -iex 'set breakpoint pending on' \
        -x "$out/$name.gdb" "$prog" >"$out/$name.log" 2>&1
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
