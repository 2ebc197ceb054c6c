#!/bin/sh
# run-profile.sh STITCH BUILD_DIR: --stats' hottest blocks and -d op_count's
# micro-op histogram count exactly, on a loop whose block runs a known
# number of times (tests/exec/count-loop.S: 1000 iterations), and generated
# code carries no counting op when neither is asked for.
set -u
stitch=$1
out=$2/tests/profile
mkdir -p "$out"
cc=${CC_I386:-i686-linux-gnu-gcc}
$cc -nostdlib -static -o "$out/count-loop" tests/exec/count-loop.S || exit 2
passed=0 failed=0
ok() { echo "PASS $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; failed=$((failed + 1)); }

"$stitch" --stats -d op_opt,op_count -D "$out/log" "$out/count-loop" 2>"$out/stats"
st=$?
[ $st -eq 0 ] && ok "the loop adds up (exit 0)" || ko "exit status $st"

# executions x instructions, with the guest symbol: the loop's block runs
# 999 times (the first iteration is in _start's block).
grep -qE '^ +2997 = +999 x 3 +0x[0-9a-f]+ loop$' "$out/stats" &&
    ok "hottest block: loop, 999 x 3" || ko "no 'loop 999 x 3' line in --stats"
first=$(sed -n '/^hottest blocks/{n;p;q}' "$out/stats")
case $first in *" loop") ok "loop's block is the hottest" ;; *) ko "hottest is '$first'" ;; esac
grep -qE '^ +5 = +1 x 5 +0x[0-9a-f]+ _start$' "$out/stats" && ok "_start's block ran once" ||
    ko "no '_start 1 x 5' line"

# Every op of a block's first region ran as often as the block: the
# histogram must give each op that appears only in first regions exactly
# the sum of (block executions x its occurrences there); the branch's two
# exits ran 999 (back to loop) and 1 (to done) times.
python3 - "$out/log" "$out/stats" <<'EOF' && ok "op histogram exact for straight-line ops and both exits" || ko "op histogram"
import re, sys
log = open(sys.argv[1]).read()
stats = open(sys.argv[2]).read()
runs = {}
for m in re.finditer(r'^ +\d+ = +(\d+) x \d+ +0x([0-9a-f]+) ', stats, re.M):
    runs[int(m.group(2), 16)] = int(m.group(1))
hist = {}
for m in re.finditer(r'^ +(\d+)  (\w+)$', log.split('micro-ops executed')[1], re.M):
    hist[m.group(2)] = int(m.group(1))
expect, elsewhere = {}, set()
for block in log.split('OP after the flag-liveness pass:\n')[1:]:
    lines = [l.split()[0] for l in block.split('\n\n')[0].splitlines()]
    pc = int(re.search(r'---- 0x([0-9a-f]+)', block).group(1), 16)
    # A TB translated with non-zero flags (this program never loads %gs:
    # op/i386/cpu.h, HF_NULL) starts with a check_hflags prologue that is
    # its own region; the block's body is then the next one.
    body = 1 if 'check_hflags' in lines else 0
    region = 0
    for op in lines[1:]:
        if op == 'profile_count':
            region += 1
        elif op not in ('----', 'set_label') and region == body:
            expect[op] = expect.get(op, 0) + runs.get(pc, 0)
        elif op not in ('----', 'set_label'):
            elsewhere.add(op)
bad = [(op, n, hist.get(op)) for op, n in expect.items() if op not in elsewhere and hist.get(op) != n]
assert len(expect) > 8 and not bad, bad
# An exit to a higher pc is its _fwd variant (no exit-request test):
# _start's jump into the loop, and the loop's exit to done.
tb0 = hist.get('goto_tb0', 0) + hist.get('goto_tb0_fwd', 0)
tb1 = hist.get('goto_tb1', 0) + hist.get('goto_tb1_fwd', 0)
assert tb0 == 999 and tb1 == 1, (tb0, tb1)
assert 'profile_count' not in hist
EOF

# Off: no counting op in generated code.
"$stitch" -d op_opt -D "$out/log-off" "$out/count-loop"
if grep -q profile_count "$out/log-off"; then ko "profile_count emitted without --stats"; else
    ok "nothing counted without --stats or -d op_count"; fi
"$stitch" --stats -d op_opt -D "$out/log-stats" "$out/count-loop" 2>/dev/null
n=$(grep -c profile_count "$out/log-stats")
[ "$n" = 3 ] && ok "--stats alone: one count per block ($n)" || ko "--stats alone: $n counting ops"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
