#!/bin/sh
# run-binfmt.sh BUILD_DIR: scripts/binfmt.sh prints a registration line in
# binfmt_misc's format (:name:M:offset:magic:mask:interpreter:flags) whose
# magic and mask select 32-bit little-endian ARM executables and shared
# objects, and nothing else; it refuses i386 on this host and the flags
# stitch cannot honour.
set -u
out=$1/tests/binfmt
mkdir -p "$out"
passed=0 failed=0
ok() { echo "PASS $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; failed=$((failed + 1)); }

line=$(scripts/binfmt.sh --stitch /opt/stitch/bin/stitch-arm)
# ELF headers (the first 20 bytes: e_ident, e_type, e_machine) to try.
echo 'int main(void) { return 0; }' >"$out/empty.c"
i686-linux-gnu-gcc -O1 -o "$out/i386" "$out/empty.c"
if command -v arm-linux-gnueabi-gcc >/dev/null; then # real ARM programs too, when there is a compiler
    arm-linux-gnueabi-gcc -O1 -o "$out/arm" "$out/empty.c"
    arm-linux-gnueabi-gcc -O1 -static -o "$out/arm-static" "$out/empty.c"
fi
python3 - "$line" "$out" <<'EOF' && ok "the line's format, and its magic/mask match ARM ELF executables only" || ko "binfmt line"
import os, struct, sys
line, out = sys.argv[1], sys.argv[2]
f = line.split(':')
assert f[0] == '' and f[1] == 'stitch-arm' and f[2] == 'M' and f[3] == '', f[:4]
assert f[6] == '/opt/stitch/bin/stitch-arm' and f[7] == 'PF', f[6:]
magic = bytes(f[4], 'latin1').decode('unicode_escape').encode('latin1')
mask = bytes(f[5], 'latin1').decode('unicode_escape').encode('latin1')
assert len(magic) == len(mask) == 20, (len(magic), len(mask))
def matches(head):
    return all((h & m) == (g & m) for h, m, g in zip(head, mask, magic))
def header(cls, data, etype, machine, osabi=0):
    return b'\x7fELF' + bytes([cls, data, 1, osabi]) + bytes(8) + struct.pack('<HH', etype, machine)
assert matches(header(1, 1, 2, 40))            # ET_EXEC, EM_ARM
assert matches(header(1, 1, 3, 40))            # ET_DYN (PIE)
assert matches(header(1, 1, 2, 40, osabi=3))   # ELFOSABI_GNU
assert not matches(header(1, 1, 1, 40))        # ET_REL
assert not matches(header(1, 1, 4, 40))        # ET_CORE
assert not matches(header(1, 2, 2, 40))        # big-endian
assert not matches(header(2, 1, 2, 183))       # AArch64
assert not matches(header(1, 1, 2, 3))         # i386
assert not matches(open(os.path.join(out, 'i386'), 'rb').read(20))
for name in ('arm', 'arm-static'):
    p = os.path.join(out, name)
    if os.path.exists(p):
        assert matches(open(p, 'rb').read(20)), name
EOF

if scripts/binfmt.sh --guest i386 >/dev/null 2>&1; then ko "i386 registered on $(uname -m)"; else
    ok "i386 refused on an $(uname -m) host"; fi
scripts/binfmt.sh --guest i386 --force >/dev/null 2>&1 && ok "--force gives i386's line" ||
    ko "--guest i386 --force"
for fl in O C PFO; do
    if scripts/binfmt.sh --flags $fl >/dev/null 2>&1; then ko "flags $fl accepted"; else
        ok "flags $fl refused (stitch does not read AT_EXECFD)"; fi
done
scripts/binfmt.sh --flags P | grep -q ':P$' && ok "--flags P" || ko "--flags P"
scripts/binfmt.sh --help | grep -q 'preserve argv\[0\]' && ok "--help explains the flags" || ko "--help"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
