#!/bin/sh
# run-sample.sh STITCH BUILD_DIR: --stats' split of user CPU time between
# generated code and helpers (exec/sample.c, by sampling the host PC):
# the fields are there and add up, a helper-bound guest shows a helper
# share, and the sampling changes nothing the guest sees (blocking calls,
# -strace).  No timing threshold: only counts that cannot be zero unless
# the classification is broken.
set -u
stitch=$1
out=$2/tests/sample
mkdir -p "$out"
cc=${CC_I386:-i686-linux-gnu-gcc}
$cc -nostdlib -static -o "$out/helper-loop" tests/exec/helper-loop.S || exit 2
$cc -O1 -static -o "$out/blocking-calls" tests/exec/blocking-calls.c || exit 2
passed=0 failed=0
ok() { echo "PASS $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; failed=$((failed + 1)); }
field() { awk -v n="$1" '$1 == n { print $2 }' "$2"; }

# Sampling needs perf_event_open (perf_event_paranoid <= 2): say so
# rather than pass.
if [ "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 3)" -gt 2 ]; then
    echo "run-sample.sh: perf events not allowed here (perf_event_paranoid > 2)" >&2
    exit 2
fi

"$stitch" --stats "$out/helper-loop" 2>"$out/helper.stats"
st=$?
[ $st -eq 0 ] && ok "PEXT loop ran right (exit 0)" || ko "PEXT loop exit status $st"
s=$(field samples "$out/helper.stats")
c=$(field samples_code "$out/helper.stats")
h=$(field samples_helpers "$out/helper.stats")
u=$(field cpu_user_ns "$out/helper.stats")
gn=$(field generated_code_ns "$out/helper.stats")
hn=$(field helpers_ns "$out/helper.stats")
if [ -n "$s" ] && [ -n "$c" ] && [ -n "$h" ] && [ -n "$gn" ] && [ -n "$hn" ]; then
    ok "samples, samples_code, samples_helpers, generated_code_ns, helpers_ns printed"
else
    ko "a sampling field is missing"; sed 's/^/  | /' "$out/helper.stats"
fi
# 3 * 10^6 helper calls of a 32-step loop take far more than 1 ms of CPU.
[ "${h:-0}" -gt 0 ] && ok "the helper-bound loop has helper samples ($h of $s)" ||
    ko "no helper samples ($h of $s)"
[ "${c:-0}" -gt 0 ] && ok "and generated-code samples ($c)" || ko "no generated-code samples"
[ $((c + h)) -le "${s:-0}" ] && [ $((gn + hn)) -le "${u:-0}" ] &&
    ok "the shares add up to at most the whole" || ko "shares exceed the total"
# The same loop without PEXT calls no helper: helper samples are at most
# a stray few (a sample in a helper the exit path calls).
"$stitch" --stats "$out/helper-loop" plain 2>"$out/plain.stats"
ps=$(field samples "$out/plain.stats")
ph=$(field samples_helpers "$out/plain.stats")
[ "${ps:-0}" -gt 0 ] && [ $((ph * 10)) -lt "$ps" ] &&
    ok "a loop without helpers has (almost) no helper samples ($ph of $ps)" ||
    ko "helper samples without helpers ($ph of $ps)"

# The guest sees the same with and without --stats: output, status, and
# every -strace line (stitch's stderr, before --stats' own lines).
# (-strace lines hold the pid, which differs between the runs)
"$stitch" -strace "$out/blocking-calls" >"$out/plain.out" 2>"$out/plain.err"
st1=$?
"$stitch" -strace --stats "$out/blocking-calls" >"$out/stats.out" 2>"$out/stats.err"
st2=$?
[ $st1 -eq 0 ] && [ $st2 -eq 0 ] && ok "blocking calls: exit 0 with and without --stats" ||
    ko "blocking calls: exit $st1 / $st2"
cmp -s "$out/plain.out" "$out/stats.out" && grep -qx 'eintr=0' "$out/stats.out" &&
    ok "same output, no EINTR" || ko "output differs or EINTR seen"
nopid() { # the run's pid (each line's first field, set_tid_address' result)
    pid=$(head -n 1 "$1" | cut -d' ' -f1)
    sed "/^stitch statistics:/,\$d; s/\b$pid\b/PID/g" "$1"
}
nopid "$out/stats.err" >"$out/stats.strace"
nopid "$out/plain.err" >"$out/plain.strace"
if cmp -s "$out/plain.strace" "$out/stats.strace"; then ok "same -strace lines"; else
    ko "-strace lines differ"; diff "$out/plain.strace" "$out/stats.strace" | head; fi
[ "$(field samples "$out/stats.err")" -gt 0 ] && ok "the blocking program was sampled" ||
    ko "no samples of the blocking program"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
