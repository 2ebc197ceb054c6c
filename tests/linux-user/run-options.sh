#!/bin/bash
# run-options.sh STITCH BUILD_DIR: every qemu-user option stitch accepts,
# given on the command line, as its QEMU_* variable and as its STITCH_*
# twin, observed from inside the guest (tests/linux-user/probe.c) or in
# stitch's log and counters.
set -u
stitch=$1
out=$2/tests/options
mkdir -p "$out"
cc=${CC_I386:-i686-linux-gnu-gcc}
probe=$out/probe
$cc -O1 -static -o "$probe" tests/linux-user/probe.c || exit 2
$cc -O1 -o "$out/probe-dyn" tests/linux-user/probe.c || exit 2
passed=0 failed=0

# check WHAT EXPECTED COMMAND...: the command's stdout contains EXPECTED.
check() {
    local what=$1 want=$2
    shift 2
    local got
    got=$(env "$@" 2>"$out/err")
    if printf '%s\n' "$got" | grep -qF -- "$want"; then
        echo "PASS $what"
        passed=$((passed + 1))
    else
        echo "FAIL $what: wanted '$want', got:"
        printf '%s\n' "$got" | head -n 5 | sed 's/^/  /'
        head -n 3 "$out/err" | sed 's/^/  stderr: /'
        failed=$((failed + 1))
    fi
}

# check_status WHAT STATUS COMMAND...
check_status() {
    local what=$1 want=$2
    shift 2
    { env "$@" >/dev/null 2>"$out/err"; } 2>/dev/null # no "Segmentation fault" report
    local st=$?
    if [ $st -eq "$want" ]; then
        echo "PASS $what"
        passed=$((passed + 1))
    else
        echo "FAIL $what: status $st, wanted $want"
        head -n 3 "$out/err" | sed 's/^/  stderr: /'
        failed=$((failed + 1))
    fi
}

# each_way WHAT EXPECTED OPTION ARG ENVSUFFIX PROBEARGS...: the option, its
# QEMU_ variable and its STITCH_ twin have the same effect.
each_way() {
    local what=$1 want=$2 opt=$3 arg=$4 var=$5
    shift 5
    check "$what: $opt" "$want" "$stitch" $opt ${arg:+"$arg"} "$probe" "$@"
    check "$what: QEMU_$var" "$want" "QEMU_$var=${arg:-1}" "$stitch" "$probe" "$@"
    check "$what: STITCH_$var" "$want" "STITCH_$var=${arg:-1}" "$stitch" "$probe" "$@"
}

each_way "argv[0]" "argv0=zero" -0 zero ARGV0 argv0
check "STITCH_ twin wins over QEMU_" "argv0=two" QEMU_ARGV0=one STITCH_ARGV0=two "$stitch" "$probe" argv0
check "the command line wins over the variables" "argv0=three" QEMU_ARGV0=one STITCH_ARGV0=two \
    "$stitch" -0 three "$probe" argv0
each_way "set env" "PV=x" -E PV=x SET_ENV env:PV
check "-E takes a comma list" "PW=2" "$stitch" -E PV=1,PW=2 "$probe" env:PW
check "-E repeated" "PV=1" "$stitch" -E PV=1 -E PW=2 "$probe" env:PV
each_way "unset env" "PU=(unset)" -U PU UNSET_ENV env:PU
check "-U takes a comma list" "PU=(unset)" PU=1 PX=2 "$stitch" -U PX,PU "$probe" env:PU
check "QEMU_UNSET_ENV as qemu's -h example" "PX=(unset)" PX=2 QEMU_UNSET_ENV=PU,PX "$stitch" "$probe" env:PX
each_way "uname release" "release=1.2.3-test" -r 1.2.3-test UNAME uname
# uname's machine is the guest's, whatever the persona, as qemu-i386
# reports it (natively an i386 program on x86_64 sees "x86_64" unless its
# persona is PER_LINUX32: docs/divergences.md).  The persona stitch was
# started with is the guest's, as a native program's outlives exec.
check "uname machine" "machine=i686" "$stitch" "$probe" uname
check "uname machine, linux32" "machine=i686" linux32 "$stitch" "$probe" uname
check "persona inherited: linux32" "persona=$(linux32 "$probe" persona | sed 's/persona=//')" \
    linux32 "$stitch" "$probe" persona
check "persona inherited: setarch -R" "persona=$(setarch -R "$probe" persona | sed 's/persona=//')" \
    setarch -R "$stitch" "$probe" persona

# -seed: the same seed, the same AT_RANDOM and getrandom bytes; another
# seed, others.
a=$("$stitch" -seed 7 "$probe" random getrandom)
b=$(QEMU_RAND_SEED=7 "$stitch" "$probe" random getrandom)
c=$(STITCH_RAND_SEED=7 "$stitch" "$probe" random getrandom)
d=$("$stitch" -seed 8 "$probe" random getrandom)
if [ -n "$a" ] && [ "$a" = "$b" ] && [ "$a" = "$c" ] && [ "$a" != "$d" ]; then
    echo "PASS -seed, QEMU_RAND_SEED, STITCH_RAND_SEED: reproducible guest random bytes"
    passed=$((passed + 1))
else
    echo "FAIL -seed: '$a' '$b' '$c' '$d'"
    failed=$((failed + 1))
fi

# -s: a 256 KiB stack holds 100 KiB of locals, not 400.
each_way "stack size" "stack 100k ok" -s 256k STACK_SIZE stack:100
check_status "-s 256k: 400 KiB of stack faults" 139 "$stitch" -s 256k "$probe" stack:400
check_status "-s garbage is bad usage" 1 "$stitch" -s 12q "$probe"

# -p: qemu-user's host page size.  mmap(NULL) places mappings on
# multiples of it and rounds the range it searches for up to it; the
# guest's page size (AT_PAGESZ) and MAP_FIXED's 4 KiB alignment stay.
each_way "page size" "at_pagesz=4096 sysconf=4096 mmap_step=65536 mmap_align=65536 fixed=ok" \
    -p 65536 PAGESIZE pagesize
check "no -p: 4 KiB mmap granule" "at_pagesz=4096 sysconf=4096 mmap_step=4096 mmap_align=4096 fixed=ok" \
    "$stitch" "$probe" pagesize
check "-p 1048576: 1 MiB apart" "mmap_step=1048576 mmap_align=1048576 fixed=ok" \
    "$stitch" -p 1048576 "$probe" pagesize
check "-p 1024 is raised to the guest page size, as qemu's page_size_init" \
    "mmap_step=4096 mmap_align=4096 fixed=ok" "$stitch" -p 1024 "$probe" pagesize
check "-p reaches a dynamic program's loader and libc too" "mmap_step=65536 mmap_align=65536" \
    "$stitch" -p 65536 "$out/probe-dyn" pagesize
for bad in 3000 0 64k -4096 "" 2147483648; do
    check_status "-p '$bad' is bad usage" 1 "$stitch" -p "$bad" "$probe"
done
check_status "QEMU_PAGESIZE=3000 is bad usage" 1 QEMU_PAGESIZE=3000 "$stitch" "$probe"
"$stitch" -p 12288 "$probe" 2>"$out/p-err" >/dev/null
check "-p not a power of two: qemu's message" "page size must be a power of two" cat "$out/p-err"

# -cpu: the CPUID feature bits follow the model.
each_way "cpu model" "mmx=1 fxsr=1 sse=1 sse2=0" -cpu pentium3 CPU cpuid
check "-cpu pentiumpro hides SIMD" "mmx=0 fxsr=0 sse=0 sse2=0" "$stitch" -cpu pentiumpro "$probe" cpuid
check "the default CPU has SSE2" "sse2=1" "$stitch" "$probe" cpuid
check "the default CPU has all of SSE3 .. RDSEED" \
    "sse3=1 ssse3=1 sse41=1 sse42=1 aes=1 pclmul=1 rdrand=1 rdseed=1" "$stitch" "$probe" cpuid
check "-cpu pentium4 hides SSE3 and later" \
    "sse3=0 ssse3=0 sse41=0 sse42=0 aes=0 pclmul=0 rdrand=0 rdseed=0" "$stitch" -cpu pentium4 "$probe" cpuid
check "-cpu core2duo: SSE3, SSSE3" \
    "sse3=1 ssse3=1 sse41=0 sse42=0 aes=0 pclmul=0 rdrand=0" "$stitch" -cpu core2duo "$probe" cpuid
check "-cpu Penryn: and SSE4.1" \
    "sse3=1 ssse3=1 sse41=1 sse42=0 aes=0 pclmul=0 rdrand=0" "$stitch" -cpu Penryn "$probe" cpuid
check "-cpu Nehalem: and SSE4.2" \
    "sse3=1 ssse3=1 sse41=1 sse42=1 aes=0 pclmul=0 rdrand=0" "$stitch" -cpu Nehalem "$probe" cpuid
check "-cpu Westmere: and AES, PCLMULQDQ" \
    "sse3=1 ssse3=1 sse41=1 sse42=1 aes=1 pclmul=1 rdrand=0 rdseed=0" "$stitch" -cpu Westmere "$probe" cpuid
check "STITCH_CPUID_NOSIMD hides them all" \
    "sse3=0 ssse3=0 sse41=0 sse42=0 aes=0 pclmul=0 rdrand=0 rdseed=0" STITCH_CPUID_NOSIMD=1 "$stitch" "$probe" cpuid
# CPUID 0xD.1 EAX: XSAVEOPT (bit 0) always; XSAVEC and XGETBV1 (bits 1, 2)
# where the host has them, as the native probe reads them; never XSAVES.
host_x1=$("$probe" avx | sed -n 's/.*xsave_1=\([0-9a-f]*\).*/\1/p')
want_x1=$(printf '%x' $(((0x${host_x1:-0} & 6) | 1)))
check "the default CPU (max) has AVX, AVX2, FMA, F16C, XSAVE, XSAVEOPT, and XSAVEC and XGETBV1 as the host" \
    "fma=1 xsave=1 osxsave=1 avx=1 f16c=1 avx2=1 xsave_1=$want_x1" "$stitch" "$probe" avx
check "the default CPU: VEX runs, XCR0 = x87|SSE|AVX" "vex=ok xgetbv=7" "$stitch" "$probe" vex
check "-cpu qemu32 hides AVX" \
    "fma=0 xsave=0 osxsave=0 avx=0 f16c=0 avx2=0" "$stitch" -cpu qemu32 "$probe" avx
check "-cpu qemu32: VEX and XGETBV are #UD" "vex=sigill xgetbv=sigill" "$stitch" -cpu qemu32 "$probe" vex
check "-cpu Haswell: AVX, AVX2, FMA, F16C, XSAVE" \
    "fma=1 xsave=1 osxsave=1 avx=1 f16c=1 avx2=1" "$stitch" -cpu Haswell "$probe" avx
check "-cpu Haswell: VEX runs, XCR0 = x87|SSE|AVX" "vex=ok xgetbv=7" "$stitch" -cpu Haswell "$probe" vex
check "-cpu Westmere: VEX is #UD" "vex=sigill xgetbv=sigill" "$stitch" -cpu Westmere "$probe" vex
check "-cpu help lists the models" "pentium4" "$stitch" -cpu help
check "-cpu help lists qemu's Westmere" "Westmere" "$stitch" -cpu help
check_status "-cpu unknown is bad usage" 1 "$stitch" -cpu vax "$probe"

# -L: the interpreter is looked up in the sysroot first.
mkdir -p "$out/sysroot/lib"
echo "not an ELF" >"$out/sysroot/lib/ld-linux.so.2"
check_status "-L: interpreter from the sysroot" 126 "$stitch" -L "$out/sysroot" "$out/probe-dyn"
check_status "QEMU_LD_PREFIX" 126 QEMU_LD_PREFIX="$out/sysroot" "$stitch" "$out/probe-dyn"
check_status "STITCH_LD_PREFIX" 126 STITCH_LD_PREFIX="$out/sysroot" "$stitch" "$out/probe-dyn"
check "no -L: the host's interpreter" "argv0=" "$stitch" "$out/probe-dyn" argv0

# -d, -D: log items and the log file.
logcheck() {
    local what=$1 want=$2
    shift 2
    rm -f "$out/log"
    env "$@" >/dev/null 2>&1
    if grep -qF -- "$want" "$out/log" 2>/dev/null; then
        echo "PASS $what"
        passed=$((passed + 1))
    else
        echo "FAIL $what: '$want' not in the log"
        failed=$((failed + 1))
    fi
}
logcheck "-d in_asm -D file" "IN:" "$stitch" -d in_asm -D "$out/log" "$probe"
logcheck "QEMU_LOG, QEMU_LOG_FILENAME" "IN:" QEMU_LOG=in_asm QEMU_LOG_FILENAME="$out/log" "$stitch" "$probe"
logcheck "STITCH_LOG, STITCH_LOG_FILENAME" "IN:" STITCH_LOG=in_asm STITCH_LOG_FILENAME="$out/log" "$stitch" "$probe"
logcheck "-d page: the guest map" "start    end      size     prot" "$stitch" -d page -D "$out/log" "$probe"
logcheck "-d page: the image's code" "r-x" "$stitch" -d page -D "$out/log" "$probe"
logcheck "-d page: after mmap" "page layout changed following mmap" "$stitch" -d page -D "$out/log" "$out/probe-dyn"
logcheck "-d strace" "uname(" "$stitch" -d strace -D "$out/log" "$probe" uname
logcheck "-strace" "uname(" "$stitch" -strace -D "$out/log" "$probe" uname
logcheck "QEMU_STRACE" "uname(" QEMU_STRACE=1 QEMU_LOG_FILENAME="$out/log" "$stitch" "$probe" uname
logcheck "STITCH_STRACE" "uname(" STITCH_STRACE=1 STITCH_LOG_FILENAME="$out/log" "$stitch" "$probe" uname
logcheck "-B: the window where asked" "guest_base  0x200000000000" "$stitch" -B 0x200000000000 -d page -D "$out/log" "$probe"
logcheck "QEMU_GUEST_BASE" "guest_base  0x200000000000" QEMU_GUEST_BASE=0x200000000000 "$stitch" -d page -D "$out/log" "$probe"
check_status "-B unaligned is bad usage" 1 "$stitch" -B 0x200000000001 "$probe"
check_status "-R 3500M runs" 0 "$stitch" -R 3500M "$probe"
check_status "QEMU_RESERVED_VA runs" 0 QEMU_RESERVED_VA=0xf0000000 "$stitch" "$probe"
check_status "-R below the stack is bad usage" 1 "$stitch" -R 16M "$probe"

# -d nochain / --no-chain: nothing chained.
stat_of() { # stat_of NAME ARGS...: a --stats counter
    local name=$1
    shift
    env "$@" 2>&1 >/dev/null | awk -v n="$name" '$1 == n { print $2 }'
}
chk_eq() {
    if [ -n "$2" ] && [ "$2" = "$3" ]; then
        echo "PASS $1"; passed=$((passed + 1))
    else
        echo "FAIL $1: '$2' vs '$3'"; failed=$((failed + 1))
    fi
}
chk_eq "-d nochain: no chain patched" "$(stat_of chains_patched "$stitch" --stats -d nochain "$probe")" 0
chk_eq "QEMU_LOG=nochain" "$(stat_of chains_patched QEMU_LOG=nochain "$stitch" --stats "$probe")" 0
chk_eq "STITCH_NO_CHAIN" "$(stat_of chains_patched STITCH_NO_CHAIN=1 "$stitch" --stats "$probe")" 0
chk_eq "STITCH_STATS prints counters" \
    "$(STITCH_STATS=1 "$stitch" "$probe" 2>&1 >/dev/null | grep -c tbs_translated)" 1

# stitch's own variables change what they name, not only parse: the
# interpreter's threaded code in the -d out_asm log, the code buffer's
# size in the number of flushes a 380 KiB translation needs, the serial
# lock in the turns the threads waited for.
outlog() { # outlog VAR=VALUE STITCH [OPTIONS]: the first OUT: line of -d out_asm
    rm -f "$out/log"
    env "$@" -d out_asm -D "$out/log" "$probe" >/dev/null 2>&1
    grep -m 1 -o '^OUT: \[[a-z]*' "$out/log"
}
chk_eq "STITCH_INTERP: threaded code, not copied code" "$(outlog STITCH_INTERP=1 "$stitch")" "OUT: [thread"
chk_eq "--interp: threaded code" "$(outlog X=1 "$stitch" --interp)" "OUT: [thread"
chk_eq "no STITCH_INTERP: copied code" "$(outlog X=1 "$stitch")" "OUT: [size"
f0=$(stat_of flushes "$stitch" --stats "$out/probe-dyn")
f64=$(stat_of flushes STITCH_TB_SIZE=64k "$stitch" --stats "$out/probe-dyn")
f128=$(stat_of flushes STITCH_TB_SIZE=128k "$stitch" --stats "$out/probe-dyn")
fopt=$(stat_of flushes "$stitch" --stats -tb-size 64k "$out/probe-dyn")
chk_eq "STITCH_TB_SIZE: a 64 KiB buffer flushes more often than a 128 KiB one, the default never" \
    "$([ "${f64:-0}" -gt "${f128:-0}" ] && [ "${f128:-0}" -gt 0 ] && [ "$f0" = 0 ] && echo yes)" yes
chk_eq "STITCH_TB_SIZE=64k is -tb-size 64k" "$f64" "$fopt"
check_status "STITCH_TB_SIZE=0 is bad usage" 1 STITCH_TB_SIZE=0 "$stitch" "$probe"
w0=$(stat_of serial_waits "$stitch" --stats "$probe" threads)
ws=$(stat_of serial_waits STITCH_THREADS=serial "$stitch" --stats "$probe" threads)
wo=$(stat_of serial_waits "$stitch" --stats --threads=serial "$probe" threads)
chk_eq "STITCH_THREADS=serial: two spinning threads take turns" "$([ "${ws:-0}" -gt 0 ] && echo yes)" yes
chk_eq "--threads=serial: the same" "$([ "${wo:-0}" -gt 0 ] && echo yes)" yes
chk_eq "the default (parallel): nobody waits for a turn" "$w0" 0
chk_eq "STITCH_THREADS=parallel: nobody waits for a turn" \
    "$(stat_of serial_waits STITCH_THREADS=parallel "$stitch" --stats "$probe" threads)" 0
check "STITCH_THREADS=serial runs the threads to the end" "threads joined" \
    STITCH_THREADS=serial "$stitch" "$probe" threads
check_status "STITCH_THREADS=bogus is bad usage" 1 STITCH_THREADS=bogus "$stitch" "$probe"

for way in "-one-insn-per-tb" "-singlestep"; do
    t=$(stat_of tbs_translated "$stitch" --stats $way "$probe" cpuid)
    i=$(stat_of guest_insns_translated "$stitch" --stats $way "$probe" cpuid)
    chk_eq "$way: one instruction per TB" "$t" "$i"
done
t=$(stat_of tbs_translated QEMU_SINGLESTEP=1 "$stitch" --stats "$probe")
i=$(stat_of guest_insns_translated QEMU_SINGLESTEP=1 "$stitch" --stats "$probe")
chk_eq "QEMU_SINGLESTEP" "$t" "$i"
t=$(stat_of tbs_translated QEMU_ONE_INSN_PER_TB=1 "$stitch" --stats "$probe")
i=$(stat_of guest_insns_translated QEMU_ONE_INSN_PER_TB=1 "$stitch" --stats "$probe")
chk_eq "QEMU_ONE_INSN_PER_TB" "$t" "$i"
check "-one-insn-per-tb runs the program right" "mmx=1 fxsr=1 sse=1 sse2=1" "$stitch" -one-insn-per-tb "$probe" cpuid

# -dfilter: only TBs that start inside the ranges are logged.
main=$(nm "$probe" | awk '$3 == "main" { print $1 }')
for spec in "0x$main..0x$main" "0x$main+1" "0x$main-1"; do
    rm -f "$out/log"
    "$stitch" -d in_asm -dfilter "$spec" -D "$out/log" "$probe" >/dev/null
    n=$(grep -c '^IN:' "$out/log")
    first=$(sed -n '/^IN:/{n;p;q}' "$out/log" | cut -c3-10)
    chk_eq "-dfilter $spec: just main's first TB" "$n:$first" "1:$main"
done
rm -f "$out/log"
QEMU_DFILTER="0x$main+1" QEMU_LOG=in_asm QEMU_LOG_FILENAME="$out/log" "$stitch" "$probe" >/dev/null
chk_eq "QEMU_DFILTER" "$(grep -c '^IN:' "$out/log")" 1
check_status "-dfilter garbage is bad usage" 1 "$stitch" -dfilter 0x10..zz "$probe"

# Either spelling, and the version.
check "--version" "version" "$stitch" --version
check "QEMU_VERSION" "version" QEMU_VERSION=1 "$stitch" "$probe"
check "-help" "QEMU_LD_PREFIX" "$stitch" -help

# -h's table: every row's variable starts under "Env-variable" (or the
# column is blank) and its meaning under "Description", whatever the
# longest option or variable is (QEMU_ONE_INSN_PER_TB's row once pushed
# its meaning one column right).
"$stitch" -h >"$out/help"
bad=$(awk '
    /^Argument / { e = index($0, "Env-variable"); d = index($0, "Description"); rows = 1; next }
    rows && /^$/ { exit }
    rows {
        n++
        left = substr($0, 1, e - 1); env = substr($0, e, d - e); rest = substr($0, d)
        if (left !~ /^-[^ ]/ || substr(left, e - 1, 1) != " " ||
            (env !~ /^ *$/ && env !~ /^(QEMU|STITCH)_[A-Z0-9_]+ +$/) ||
            rest !~ /^[^ ]/)
            print "misaligned: " $0
    }
    END { if (!n) print "no table rows" }' "$out/help")
chk_eq "-h: every row keeps the three columns aligned" "${bad:-aligned}" aligned
grep -q "^-one-insn-per-tb  *QEMU_ONE_INSN_PER_TB  *one guest instruction" "$out/help"
chk_eq "-h: the longest variable has its own column" "$?" 0

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
