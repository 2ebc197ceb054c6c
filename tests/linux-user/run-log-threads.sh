#!/bin/bash
# run-log-threads.sh STITCH BUILD_DIR: -strace and -d lines of a threaded
# guest (issue 15): each -strace line starts with the calling thread's id
# ("tid name(...) = result", qemu's format) and is whole, never another
# thread's line spliced in; once a second thread exists every -d line
# starts with "[tid] " for a tid of the guest's, and none holds two
# entries; before that, -d lines carry no prefix.
set -u
stitch=$1
out=$2/tests/log-threads
mkdir -p "$out"
cc=${CC_I386:-i686-linux-gnu-gcc}
$cc -O1 -static -pthread -o "$out/log-threads" tests/linux-user/log-threads.c || exit 2
passed=0 failed=0

for opts in "-strace -d exec" "-strace -d exec --no-chain"; do
    # shellcheck disable=SC2086
    got=$("$stitch" $opts "$out/log-threads" 2>"$out/log")
    if [ "$got" != done ]; then
        echo "FAIL log-threads ($opts): output '$got'"
        failed=$((failed + 1))
        continue
    fi
    if python3 - "$out/log" <<'EOF'; then
import re, sys
lines = open(sys.argv[1], errors="replace").read().split("\n")[:-1]
strace = re.compile(r"^(\d+) ([a-z_0-9]+)\((.*)\)( = (.*)| <unfinished \.\.\.>)$")
resumed = re.compile(r"^(\d+) <\.\.\. ([a-z_0-9]+) resumed> = (.*)$")
trace = re.compile(r"^(\[(\d+)\] )?Trace 0x[0-9a-f]+ \[[0-9a-f]{8}\]$")
tids, threaded, bad = set(), False, []
for l in lines:
    m = strace.match(l) or resumed.match(l)
    if m:
        tids.add(m.group(1))
        if m.group(2) == "clone" and m.group(m.lastindex).isdigit():
            tids.add(m.group(m.lastindex))
for n, l in enumerate(lines, 1):
    m = strace.match(l)
    if m:
        if "Trace" in l or l.count("(") != l.count(")"):
            bad.append((n, "spliced", l))
        if m.group(2) == "clone":
            threaded = True
        continue
    if resumed.match(l):
        continue
    m = trace.match(l)
    if not m:
        bad.append((n, "not a whole line", l))
    elif threaded != bool(m.group(1)):
        bad.append((n, "prefix" if threaded else "prefix before a thread", l))
    elif m.group(1) and m.group(2) not in tids:
        bad.append((n, "unknown tid", l))
if len(tids) < 4:
    bad.append((0, "threads seen: %d" % len(tids), ""))
for b in bad[:5]:
    print("  line %d: %s: %s" % b)
sys.exit(1 if bad else 0)
EOF
        echo "PASS log-threads ($opts: $(wc -l <"$out/log") lines)"
        passed=$((passed + 1))
    else
        echo "FAIL log-threads ($opts)"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
