#!/usr/bin/env python3
"""bench/run.py: stitch's benchmark harness (BRIEF section 6, issue 7).

Runs every workload natively, under stitch, under stitch --no-chain, under
stitch --interp (the same micro-ops threaded instead of copied,
docs/interp.md) and under qemu-user (qemu-i386, when installed),
interleaved, and writes into --out:

    results.md    medians, ratios and geometric means per group, peak RSS,
                  translation cost per guest instruction, the machine
    results.csv   one row per workload and engine
    results.json  everything above, for bench/paper.py
    ratios.png/.svg   slowdown versus native by group (if gnuplot exists)

Method, in the order it happens for each workload:
  1. a warm-up round: every engine once, native first.  Native's stdout
     digest becomes the reference; an engine whose output differs, that
     exits non-zero or that times out is FAIL and is not run again (a wrong
     answer is never timed);
  2. R timed rounds (5, or 3 with --quick), the engine order rotated by one
     each round so no engine always runs first (cache, frequency effects);
     the median wall time is reported, and the peak RSS over the rounds;
     every timed run is checked against the reference too;
  3. one extra stitch --stats run, its counters (stderr) parsed and kept
     apart from the output comparison.

Before/after: --baseline PATH adds a second stitch binary (say, the one
built from the previous commit) as the engine "stitch-baseline", run exactly
like stitch and interleaved with it in the same rounds, so machine noise hits
both builds alike; the reports then carry stitch/baseline ratios.
--no-nochain, --no-interp and --no-qemu leave out the engines such a
comparison does not need.

"stitch-tcache" is stitch with -tcache DIR (docs/tcache.md), DIR made empty
once per invocation: the warm-up round fills it, so its timed runs measure a
warm persistent translation cache (--no-tcache leaves it out).

ARM rows (groups arm-int, arm-real) run when build/stitch-arm exists: the
integer kernels built with arm-linux-gnueabi-gcc and the real programs from
Debian's armel packages, under stitch-arm and qemu-arm, interleaved like the
rest; their "native" column is the i386 build of the same workload, run on
this host, as a scale and as the output oracle.  The armhf rows (groups armhf-fp,
armhf-real) run with them: the FP kernels built with arm-linux-gnueabihf-gcc
-O2 -mthumb (hard-float VFPv3-D16, as Debian armhf builds) against the i386
-msse2 build, and lua, python3 and their start-up runs from Debian's armhf
packages (build/sysroot-armhf).

Time and peak RSS come from bench/rusage.c, a small static host program
that forks the engine and wait4()s for it, so the harness's own memory never
counts as the engine's (see the comment there).  Only the standard library.

SPDX-License-Identifier: GPL-3.0-or-later
"""

import argparse
import csv
import hashlib
import json
import math
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CROSS_CC = os.environ.get("CROSS_CC", "i686-linux-gnu-gcc")
HOST_CC = os.environ.get("CC", "cc")
RUSAGE = None  # build/bench/rusage, built by build_helper()

GROUPS = ["int", "fp-x87", "fp-sse", "real", "startup", "threads", "arm-int", "arm-real"]
# --- armhf rows (their own block: groups, guest, compiler, workloads) ---
# Debian armhf: the FP kernels built with arm-linux-gnueabihf-gcc (-O2,
# hard-float VFPv3-D16, Thumb-2 as Debian builds), and lua/python3 from
# build/sysroot-armhf; native is the i386 -msse2 -mfpmath=sse build (the
# FP output oracle, IEEE doubles both sides) or the i386 package.
ARMHF_GROUPS = ["armhf-fp", "armhf-real"]
GROUPS += ARMHF_GROUPS
ARMHF_CC = os.environ.get("ARMHF_CC", "arm-linux-gnueabihf-gcc")
ARMHF_REAL = ("lua", "python3", "lua -e x20", "python3 -c pass x5", "python3 imports x3")
GROUP_TITLES = {
    "int": "integer kernels",
    "fp-x87": "FP kernels, x87 (i686 default)",
    "fp-sse": "FP kernels, -msse2 -mfpmath=sse",
    "real": "real programs (Debian i386)",
    "startup": "start-up-heavy runs",
    "threads": "threaded: xz -T1 and -T2 on one large input (wall time)",
    "arm-int": "ARM: integer kernels (armel, -marm), native = the i386 build as a scale",
    "arm-real": "ARM: real programs (Debian armel), native = the i386 package as a scale",
    "armhf-fp": "ARM: FP kernels (armhf, VFPv3-D16, -mthumb), native = the i386 -msse2 build as a scale",
    "armhf-real": "ARM: lua, python3 and start-up runs (Debian armhf), native = the i386 package as a scale",
}
# The guest a group runs.  ARM rows run stitch-arm and qemu-arm; "native"
# there is the same workload built for i386 and run on this host: no ARM
# CPU is at hand, so it is a scale (and the output oracle), not a baseline.
GROUP_GUEST = {"arm-int": "arm", "arm-real": "arm", "armhf-fp": "armhf", "armhf-real": "armhf"}
ARM_CC = os.environ.get("ARM_CC", "arm-linux-gnueabi-gcc")

# --- the workloads ---------------------------------------------------------
# Kernels: (name, full size, quick size, in the quick set).  Full sizes run
# about 0.3 s natively on a 2020s x86_64; quick sizes about a tenth of that.
INT_KERNELS = [
    ("dhry", 15000000, 1500000, True),
    ("sieve", 100, 10, True),
    ("crc32", 1900, 190, False),
    ("sha256", 4500, 450, True),
    ("sort", 10, 1, False),
    ("bytecode", 55000, 5500, True),
    ("matmul", 90, 9, False),
    ("ptrchase", 12000000, 1200000, False),
    ("strings", 110, 11, True),
    ("arith64", 28000, 2800, False),
    ("fsm", 75, 8, True),
]
FP_KERNELS = [
    ("nbody", 3000000, 100000, True),
    ("spectral", 2400, 700, False),
    ("mandel", 1300, 400, True),
    ("fft", 300, 30, False),
]
FP_VARIANTS = {"fp-x87": [], "fp-sse": ["-msse2", "-mfpmath=sse"]}


class Workload:
    """One thing to time: a guest command line, run `repeat` times per run."""

    def __init__(self, name, group, argv, dynamic=False, repeat=1, env=None,
                 stdin=None, needs=(), native_argv=None):
        self.name, self.group, self.argv = name, group, argv
        self.dynamic, self.repeat = dynamic, repeat
        self.env, self.stdin, self.needs = env or {}, stdin, needs
        self.guest = GROUP_GUEST.get(group, "i386")
        # What "native" runs: the workload itself, or for a guest this host
        # cannot run, the same workload built for i386.
        self.native_argv = native_argv or argv


def build_kernels(out, quick, arm):
    """Compile bench/kernels/*.c into out/bin, once per source change."""
    src_dir = os.path.join(HERE, "kernels")
    bin_dir = os.path.join(out, "bin")
    os.makedirs(bin_dir, exist_ok=True)
    header = os.path.join(src_dir, "bench.h")
    jobs = []
    for name, *_ in INT_KERNELS:
        jobs.append((name, name, []))
    for name, *_ in FP_KERNELS:
        jobs.append((name, name + "-x87", FP_VARIANTS["fp-x87"]))
        jobs.append((name, name + "-sse", FP_VARIANTS["fp-sse"]))
    if arm:
        for name, *_ in INT_KERNELS:
            jobs.append((name, "arm/" + name, ["-marm"], ARM_CC))
        os.makedirs(os.path.join(bin_dir, "arm"), exist_ok=True)
        for name, *_ in FP_KERNELS:
            jobs.append((name, "armhf/" + name, ["-mthumb"], ARMHF_CC))
        os.makedirs(os.path.join(bin_dir, "armhf"), exist_ok=True)
    for src_name, bin_name, flags, *cc in jobs:
        src = os.path.join(src_dir, src_name + ".c")
        dst = os.path.join(bin_dir, bin_name)
        newest = max(os.path.getmtime(src), os.path.getmtime(header))
        if os.path.exists(dst) and os.path.getmtime(dst) >= newest:
            continue
        cmd = [(cc or [CROSS_CC])[0], "-static", "-O2", "-Wall", *flags, "-o", dst, src, "-lm"]
        log(" ".join(cmd))
        subprocess.run(cmd, check=True)
    return bin_dir


def build_helper(out):
    """The host-side timer (bench/rusage.c), built once per change."""
    global RUSAGE
    src, RUSAGE = os.path.join(HERE, "rusage.c"), os.path.join(out, "rusage")
    if not os.path.exists(RUSAGE) or os.path.getmtime(RUSAGE) < os.path.getmtime(src):
        subprocess.run([HOST_CC, "-O2", "-static", "-o", RUSAGE, src], check=True)


def make_inputs(out, quick):
    """Generated input files for the real programs: deterministic text."""
    d = os.path.join(out, "input")
    os.makedirs(d, exist_ok=True)
    size = 600_000 if quick else 4_000_000
    path = os.path.join(d, "text-%d.txt" % size)
    if not os.path.exists(path):
        rng = random.Random(1234)
        syll = ["ka", "lo", "mi", "ne", "ru", "sha", "te", "vo", "qui", "zen",
                "a", "o", "ber", "dun", "gri"]
        words = ["".join(rng.choice(syll) for _ in range(rng.randint(1, 4)))
                 for _ in range(3000)]
        weights = [1.0 / (i + 1) for i in range(len(words))]  # Zipf-like
        parts, n = [], 0
        while n < size:
            line = " ".join(rng.choices(words, weights, k=rng.randint(4, 14)))
            line += " %d\n" % rng.randint(0, 99999)
            parts.append(line)
            n += len(line)
        with open(path, "w") as f:
            f.write("".join(parts))
    return path


def workloads(args, bin_dir, text):
    q = args.quick
    ws = []
    for name, full, small, in_quick in INT_KERNELS:
        if q and not in_quick:
            continue
        ws.append(Workload(name, "int", [os.path.join(bin_dir, name), str(small if q else full)]))
    for group, suffix in (("fp-x87", "-x87"), ("fp-sse", "-sse")):
        for name, full, small, in_quick in FP_KERNELS:
            if q and not in_quick:
                continue
            ws.append(Workload(name + suffix, group,
                               [os.path.join(bin_dir, name + suffix), str(small if q else full)]))

    sr = args.sysroot
    bb = os.path.join(sr, "bin/busybox")
    py = os.path.join(sr, "usr/bin/python3.11")
    lua = os.path.join(sr, "usr/bin/lua5.4")
    pyenv = {"PYTHONHOME": os.path.join(sr, "usr"), "PYTHONHASHSEED": "0"}
    script = lambda n: os.path.join(HERE, "scripts", n)
    real = [
        Workload("bb-gzip", "real", [bb, "gzip", "-9", "-c", text], needs=[bb]),
        Workload("bb-bzip2", "real", [bb, "bzip2", "-c", text], needs=[bb]),
        Workload("bb-sha256sum", "real", [bb, "sha256sum", text], needs=[bb]),
        Workload("bb-sort", "real", [bb, "sort", text], needs=[bb]),
        Workload("bb-awk", "real", [bb, "awk", "-f", script("awk-words.awk"), text], needs=[bb]),
        Workload("gzip", "real", [os.path.join(sr, "bin/gzip"), "-9", "-c", text],
                 dynamic=True, needs=[os.path.join(sr, "bin/gzip")]),
        Workload("bzip2", "real", [os.path.join(sr, "bin/bzip2"), "-c", text],
                 dynamic=True, needs=[os.path.join(sr, "bin/bzip2")]),
        Workload("xz", "real", [os.path.join(sr, "usr/bin/xz"), "-3", "-T1", "-c", text],
                 dynamic=True, needs=[os.path.join(sr, "usr/bin/xz")]),
        Workload("lua", "real", [lua, script("work.lua"), "3" if q else "14"],
                 dynamic=True, needs=[lua]),
        Workload("python3", "real", [py, script("work.py"), "1" if q else "6"],
                 dynamic=True, env=pyenv, needs=[py]),
    ]
    startup = [
        Workload("bb-echo x50", "startup", [bb, "echo", "hello"], repeat=50, needs=[bb]),
        Workload("bb-sha256sum-small x20", "startup", [bb, "sha256sum", script("work.lua")],
                 repeat=20, needs=[bb]),
        Workload("bb-awk-help x20", "startup", [bb, "awk", "BEGIN { printf \"%d\\n\", 6 * 7 }"],
                 repeat=20, needs=[bb]),
        Workload("lua -e x20", "startup", [lua, "-e", "print(#_VERSION)"], repeat=20,
                 dynamic=True, needs=[lua]),
        Workload("python3 -c pass x5", "startup", [py, "-c", "pass"], repeat=5,
                 dynamic=True, env=pyenv, needs=[py]),
        Workload("python3 imports x3", "startup",
                 [py, "-c", "import argparse, typing, inspect, datetime, pathlib, logging, "
                  "subprocess, tempfile, zipfile; print(len(dir(typing)))"],
                 repeat=3, dynamic=True, env=pyenv, needs=[py]),
    ]
    if q:
        real = [w for w in real if w.name in ("bb-gzip", "bb-sort", "gzip", "lua", "python3")]
        startup = [w for w in startup if not w.name.startswith("bb-sha") and
                   not w.name.startswith("bb-awk") and "imports" not in w.name]
    ws += real + startup + threads_workloads(args, text)
    if args.stitch_arm:
        ws += arm_workloads(args, bin_dir, real)
        ws += armhf_workloads(args, bin_dir, real + startup)
    if args.only:
        ws = [w for w in ws if any(s in w.name or s == w.group for s in args.only.split(","))]
    return ws


def arm_workloads(args, bin_dir, real_i386):
    """The integer kernels built for armel and the real programs from
    Debian's armel packages, each with its i386 twin as "native"."""
    q = args.quick
    ws = []
    for name, full, small, in_quick in INT_KERNELS:
        if q and not in_quick:
            continue
        size = str(small if q else full)
        ws.append(Workload(name, "arm-int", [os.path.join(bin_dir, "arm", name), size],
                           native_argv=[os.path.join(bin_dir, name), size]))
    for w in real_i386:
        arm_argv = [a.replace(args.sysroot, args.sysroot_arm) for a in w.argv]
        env = {k: v.replace(args.sysroot, args.sysroot_arm) for k, v in w.env.items()}
        needs = [n.replace(args.sysroot, args.sysroot_arm) for n in w.needs] + list(w.needs)
        ws.append(Workload(w.name, "arm-real", arm_argv, w.dynamic, w.repeat, env,
                           needs=needs, native_argv=w.argv))
    return ws


def armhf_workloads(args, bin_dir, real_i386):
    """The FP kernels built for armhf (hard-float VFP, Thumb-2), with the
    i386 SSE build as "native", and armhf's lua and python3 runs."""
    q = args.quick
    ws = []
    for name, full, small, in_quick in FP_KERNELS:
        if q and not in_quick:
            continue
        size = str(small if q else full)
        ws.append(Workload(name, "armhf-fp", [os.path.join(bin_dir, "armhf", name), size],
                           native_argv=[os.path.join(bin_dir, name + "-sse"), size]))
    for w in real_i386:
        if w.name not in ARMHF_REAL:
            continue
        hf_argv = [a.replace(args.sysroot, args.sysroot_armhf) for a in w.argv]
        env = {k: v.replace(args.sysroot, args.sysroot_armhf) for k, v in w.env.items()}
        needs = [n.replace(args.sysroot, args.sysroot_armhf) for n in w.needs] + list(w.needs)
        ws.append(Workload(w.name, "armhf-real", hf_argv, w.dynamic, w.repeat, env,
                           needs=needs, native_argv=w.argv))
    return ws
# --- threads (issue 15) -----------------------------------------------------
# xz splits its input into blocks of three times the dictionary (-1: 1 MiB
# dictionary, 3 MiB blocks) and compresses them on -T threads, so with two
# cores -T2 should take about half -T1's wall time, under a translator as
# natively, if guest threads really run in parallel.
THREADS_INPUT_MIB = (48, 16)  # full, quick


def make_threads_input(out, quick, text):
    """A large, half-compressible file: 64 KiB pieces of the generated text
    (which xz shrinks about 4x) and, one piece in four, random bytes (which
    it cannot), so the work is spread evenly over the blocks."""
    mib = THREADS_INPUT_MIB[1 if quick else 0]
    path = os.path.join(out, "input", "mixed-%dM.bin" % mib)
    if os.path.exists(path):
        return path
    with open(text, "rb") as f:
        corpus = f.read()
    rng = random.Random(4321)
    piece = 64 << 10
    with open(path + ".tmp", "wb") as f:
        for _ in range((mib << 20) // piece):
            if rng.random() < 0.25:
                f.write(rng.randbytes(piece))
            else:
                at = rng.randrange(len(corpus) - piece)
                f.write(corpus[at:at + piece])
    os.rename(path + ".tmp", path)
    return path


def threads_workloads(args, text):
    xz = os.path.join(args.sysroot, "usr/bin/xz")
    big = make_threads_input(args.out, args.quick, text)
    return [Workload("xz -T%d" % t, "threads", [xz, "-1", "-T%d" % t, "-c", big],
                     dynamic=True, needs=[xz]) for t in (1, 2)]


def threads_speedup(results):
    """The -T1/-T2 wall-time ratio per engine: above 1, two threads ran
    faster than one."""
    rs = {r["name"]: r for r in results if r["group"] == "threads" and "skip" not in r}
    one, two = rs.get("xz -T1"), rs.get("xz -T2")
    if not one or not two:
        return []
    cells = []
    for n, x in one["engines"].items():
        y = two["engines"].get(n, {})
        if x.get("status") == "ok" and y.get("status") == "ok":
            cells.append("%s %.2f" % (n, x["median"] / y["median"]))
    return ["xz -T1 time / -T2 time (above 1: two threads are faster): " +
            ", ".join(cells) + "\n"]


# --- the engines -----------------------------------------------------------
class Engine:
    def __init__(self, name, wrap):
        self.name, self.wrap = name, wrap


def engines(args, guest="i386"):
    """The engines of one guest's rows, native first (the output oracle).
    Engine names are the same for every guest ("qemu" is qemu-i386 or
    qemu-arm), so the groups' ratios line up in one table."""
    sr = args.sysroot
    libpath = ":".join(os.path.join(sr, p) for p in ("lib/i386-linux-gnu", "usr/lib/i386-linux-gnu"))
    loader = os.path.join(sr, "lib/ld-linux.so.2")

    def native(w):
        # Dynamic guests run through the sysroot's own loader, so every
        # engine uses the same libc and libraries.
        if w.dynamic:
            return [loader, "--library-path", libpath] + w.native_argv
        return list(w.native_argv)

    gsr = {"arm": args.sysroot_arm, "armhf": args.sysroot_armhf}.get(guest, sr)

    def via(prefix):
        return lambda w: prefix + (["-L", gsr] if w.dynamic else []) + w.argv

    is_arm = guest in ("arm", "armhf")
    stitch, qemu = (args.stitch_arm, args.qemu_arm) if is_arm else (args.stitch, args.qemu)
    es = [Engine("native", native), Engine("stitch", via([stitch]))]
    # The baseline build runs with stitch's exact arguments and sits next to
    # it in the rotation: a before/after pair is measured under the same noise.
    if args.baseline and guest == "i386":
        es.append(Engine("stitch-baseline", via([args.baseline])))
    if not args.no_nochain:
        es.append(Engine("stitch-nochain", via([stitch, "--no-chain"])))
    if not args.no_interp:
        es.append(Engine("stitch-interp", via([stitch, "--interp"])))
    if args.tcache_dir and guest == "i386":
        # A warm persistent translation cache (docs/tcache.md): one
        # directory for the whole invocation, filled by the warm-up round,
        # so every timed run reuses the op streams of earlier runs.
        es.append(Engine("stitch-tcache", via([stitch, "-tcache", args.tcache_dir])))
    if qemu:
        # qemu-arm as the CPU stitch-arm implements (ARMv7, no VFP/NEON
        # used by armel code).
        # (armhf: a Cortex-A8 also has NEON, which stitch-arm does not
        # advertise; glibc's string ifuncs may differ, the FP code does not)
        es.append(Engine("qemu", via([qemu] + (["-cpu", "cortex-a8"] if is_arm else []))))
    return es


# --- running one command ---------------------------------------------------
class Run:
    """The outcome of one run: all of a workload's repeats on one engine."""

    def __init__(self):
        self.seconds, self.rss_kb, self.status, self.why = 0.0, 0, "ok", ""
        self.digest = hashlib.sha256()
        self.stdout_head, self.stderr = b"", b""


def run_once(cmd, w, timeout):
    r = Run()
    env = dict(os.environ, **w.env)
    env.setdefault("LC_ALL", "C")
    for _ in range(w.repeat):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
                tempfile.NamedTemporaryFile("r") as rep:
            # The rusage helper forks the engine and times it; it runs in a
            # session of its own so a timeout can kill the whole tree.
            p = subprocess.Popen([RUSAGE, rep.name] + cmd, stdout=out, stderr=err,
                                 stdin=subprocess.DEVNULL, env=env, start_new_session=True)
            try:
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                r.status, r.why = "FAIL", "timeout after %.0fs" % timeout
                return r
            fields = rep.read().split()
            if p.returncode != 0 or len(fields) != 3:
                r.status, r.why = "FAIL", "rusage helper failed (%d)" % p.returncode
                return r
            seconds, rss, status = float(fields[0]), int(fields[1]), int(fields[2])
            r.seconds += seconds
            r.rss_kb = max(r.rss_kb, rss)
            out.seek(0)
            while chunk := out.read(1 << 20):
                if not r.stdout_head:
                    r.stdout_head = chunk[:200]
                r.digest.update(chunk)
            err.seek(0)
            r.stderr = err.read()
            if os.WIFSIGNALED(status):
                r.status, r.why = "FAIL", "signal %d" % os.WTERMSIG(status)
            elif os.WEXITSTATUS(status) != 0:
                r.status, r.why = "FAIL", "exit status %d" % os.WEXITSTATUS(status)
            if r.status != "ok":
                msg = r.stderr.decode(errors="replace").strip().splitlines()
                if msg:
                    r.why += ": " + msg[-1][:120]
                return r
    return r


def parse_stats(stderr):
    """The counters `--stats` prints: `  name  value  description` lines
    following a "stitch statistics:" header."""
    stats, inside = {}, False
    for line in stderr.decode(errors="replace").splitlines():
        if line.startswith("stitch statistics:"):
            inside = True
            continue
        parts = line.split()
        if inside and len(parts) >= 2 and parts[1].isdigit():
            stats[parts[0]] = stats.get(parts[0], 0) + int(parts[1])
        elif inside:
            inside = False
    return stats


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --- the measurement loop ----------------------------------------------------
def measure(w, es, args):
    res = {"name": w.name, "group": w.group, "repeat": w.repeat, "engines": {}}
    missing = [p for p in w.needs if not os.path.exists(p)]
    if missing:
        res["skip"] = "missing %s (run bench/sysroot.sh)" % os.path.relpath(missing[0], ROOT)
        log("  %-24s SKIP %s" % (w.name, res["skip"]))
        return res
    ref = run_once(es[0].wrap(w), w, args.timeout)          # warm-up, native
    if ref.status != "ok":
        res["skip"] = "native run failed: " + ref.why
        log("  %-24s SKIP %s" % (w.name, res["skip"]))
        return res
    ref_digest = ref.digest.hexdigest()
    # A run may take at most timeout_factor times native (at least 30 s,
    # at most --timeout): an engine hundreds of times slower than native is
    # reported as such (FAIL, "timeout") instead of stalling the suite.
    limit = min(args.timeout, max(30.0, args.timeout_factor * ref.seconds))
    res["checksum"] = ref.stdout_head.decode(errors="replace").splitlines()[0][:80] \
        if ref.stdout_head.strip() else ""
    res["digest"] = ref_digest
    er = {e.name: {"times": [], "rss": [], "status": "ok", "why": ""} for e in es}
    for e in es[1:]:                                          # warm-up, the rest
        r = run_once(e.wrap(w), w, limit)
        check(r, ref_digest, er[e.name])
    for k in range(args.runs):
        order = es[k % len(es):] + es[:k % len(es)]           # rotate
        for e in order:
            if er[e.name]["status"] != "ok":
                continue
            r = run_once(e.wrap(w), w, limit)
            if check(r, ref_digest, er[e.name]):
                er[e.name]["times"].append(r.seconds)
                er[e.name]["rss"].append(r.rss_kb)
    for name, x in er.items():
        if x["status"] == "ok":
            x["median"] = statistics.median(x["times"])
            x["peak_rss_kb"] = max(x["rss"])
    res["engines"] = er
    if er["stitch"]["status"] == "ok":
        one = Workload(w.name, w.group, w.argv, w.dynamic, 1, w.env)
        cmd = es[1].wrap(one)
        r = run_once([cmd[0], "--stats"] + cmd[1:], one, args.timeout)
        res["stats"] = parse_stats(r.stderr)
        # The same counters for the interpreter: its translation time and
        # thread bytes against the copied code's (bench/paper.py).
        if er.get("stitch-interp", {}).get("status") == "ok":
            r = run_once([cmd[0], "--stats", "--interp"] + cmd[1:], one, args.timeout)
            res["stats_interp"] = parse_stats(r.stderr)
    log("  %-24s %s" % (w.name, "  ".join(
        "%s=%s" % (n, "%.3fs" % x["median"] if x["status"] == "ok" else x["status"])
        for n, x in er.items())))
    return res


def check(r, ref_digest, slot):
    """Record a run's verdict; True when it may be timed."""
    if r.status == "ok" and r.digest.hexdigest() != ref_digest:
        r.status, r.why = "FAIL", "output differs from native"
        if r.stdout_head:
            r.why += " (%s)" % r.stdout_head.decode(errors="replace").splitlines()[0][:60]
    if r.status != "ok":
        slot["status"], slot["why"] = "FAIL", r.why
        return False
    return True


# --- summarising -------------------------------------------------------------
def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def ratio(res, a, b):
    ea, eb = res["engines"].get(a), res["engines"].get(b)
    if not ea or not eb or ea["status"] != "ok" or eb["status"] != "ok":
        return None
    return ea["median"] / eb["median"]


def fmt_ratio(x):
    return "%.2fx" % x if x is not None else "-"


def cell(res, e):
    x = res["engines"].get(e)
    if x is None:
        return "-"
    if x["status"] != "ok":
        return "FAIL"
    return "%.3f" % x["median"]


def tr_cost(res):
    s = res.get("stats") or {}
    if s.get("guest_insns_translated"):
        return s["translate_ns"] / s["guest_insns_translated"]
    return None


def group_engines(es_by_guest, g):
    return es_by_guest.get(GROUP_GUEST.get(g, "i386"), [])


def summarise(results, es_by_guest):
    names = {e.name for es in es_by_guest.values() for e in es}
    has_q = "qemu" in names
    summ = {}
    for g in GROUPS:
        rs = [r for r in results if r["group"] == g and "skip" not in r]
        summ[g] = {
            "n": len(rs),
            "stitch_ok": sum(1 for r in rs if ratio(r, "stitch", "native") is not None),
            "stitch/native": geomean([ratio(r, "stitch", "native") for r in rs]),
            "nochain/native": geomean([ratio(r, "stitch-nochain", "native") for r in rs]),
            "interp/native": geomean([ratio(r, "stitch-interp", "native") for r in rs]),
            "interp/stitch": geomean([ratio(r, "stitch-interp", "stitch") for r in rs]),
            "tcache/native": geomean([ratio(r, "stitch-tcache", "native") for r in rs]),
            "qemu/native": geomean([ratio(r, "qemu", "native") for r in rs]) if has_q else None,
            "stitch/qemu": geomean([ratio(r, "stitch", "qemu") for r in rs]) if has_q else None,
            "ns_per_insn": geomean([tr_cost(r) for r in rs]),
        }
        # Only with --baseline, so results.json without one stays as it was.
        if "stitch-baseline" in names:
            summ[g]["stitch/baseline"] = geomean([ratio(r, "stitch", "stitch-baseline") for r in rs])
            summ[g]["baseline/native"] = geomean([ratio(r, "stitch-baseline", "native") for r in rs])
    return summ


def machine_info(args):
    def first_line(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout
            return out.strip().splitlines()[0] if out.strip() else "?"
        except OSError:
            return "?"
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    head = first_line(["git", "rev-parse", "--short", "HEAD"])
    # --qemu '' is a choice, not a missing qemu: say which.
    qemu = first_line([args.qemu, "--version"]) if args.qemu else \
        "not installed" if args.qemu is None else "left out (--no-qemu)"
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "op", "translate", "exec",
                            "linux-user", "dyngen", "include", "util"], cwd=ROOT).returncode
    if args.stitch_arm:
        qemu += "; ARM rows: " + (first_line([args.qemu_arm, "--version"]) if args.qemu_arm
                                  else "no qemu-arm")
    info = {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "kernel": platform.system() + " " + platform.release(),
        "gcc": first_line([CROSS_CC, "--version"]),
        "qemu": qemu,
        "stitch": head + (" (with uncommitted changes)" if dirty else ""),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "timeout_factor": args.timeout_factor,
        "mode": "quick (%d runs)" % args.runs if args.quick else "full (%d runs)" % args.runs,
    }
    if args.baseline:
        info["baseline"] = describe_baseline(args)
    return info


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def describe_baseline(args):
    """Which binary the baseline was: path, build time, digest.  A baseline
    identical to --stitch is flagged, since its ratios then measure only noise
    (which is also how to check the harness itself)."""
    b, s = sha256_file(args.baseline), sha256_file(args.stitch)
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(args.baseline)))
    return "%s (built %s, sha256 %s%s)" % (args.baseline, when, b[:12],
                                          ", identical to stitch" if b == s else "")


def write_md(path, results, summ, es_by_guest, machine, plot_note):
    es = es_by_guest["i386"]
    names = [e.name for e in es]
    has_q = "qemu" in names
    has_b = "stitch-baseline" in names
    has_nc = "stitch-nochain" in names
    has_i = "stitch-interp" in names
    has_t = "stitch-tcache" in names
    L = []
    L.append("# stitch benchmark results\n")
    L.append("Generated by `bench/run.py`; do not edit.  Wall-clock seconds are medians of "
             "%s after one warm-up round, engines interleaved with the order rotated each "
             "round.  FAIL: non-zero exit, output different from native or a timeout "
             "(a run longer than %gx native, at least 30 s), never timed; "
             "SKIP: the program is not in the sysroot.\n" % (machine["mode"].split("(")[1].rstrip(")"),
                                                              machine["timeout_factor"]))
    L.append("## Machine\n")
    for k in ("cpu", "cpus", "kernel", "gcc", "qemu", "stitch", "baseline", "python", "date",
              "mode"):
        if k in machine:
            L.append("- %s: %s" % (k, machine[k]))
    L.append("")
    L.append("## Geometric means of the slowdown versus native, per group\n")
    hdr = "| group | workloads | stitch ok | stitch/native |"
    sep = "| --- | ---: | ---: | ---: |"
    if has_nc:
        hdr += " no-chain/native |"
        sep += " ---: |"
    if has_i:
        hdr += " interp/native | interp/copy |"
        sep += " ---: | ---: |"
    if has_t:
        hdr += " warm tcache/native |"
        sep += " ---: |"
    if has_b:
        hdr += " baseline/native | stitch/baseline |"
        sep += " ---: | ---: |"
    if has_q:
        hdr += " qemu/native | stitch/qemu |"
        sep += " ---: | ---: |"
    hdr += " translate ns/guest insn |"
    sep += " ---: |"
    L += [hdr, sep]
    for g in GROUPS:
        s = summ[g]
        if not s["n"]:
            continue
        row = "| %s | %d | %d | %s |" % (g, s["n"], s["stitch_ok"], fmt_ratio(s["stitch/native"]))
        if has_nc:
            row += " %s |" % fmt_ratio(s["nochain/native"])
        if has_i:
            row += " %s | %s |" % (fmt_ratio(s["interp/native"]), fmt_ratio(s["interp/stitch"]))
        if has_t:
            row += " %s |" % fmt_ratio(s["tcache/native"])
        if has_b:
            row += " %s | %s |" % (fmt_ratio(s["baseline/native"]), fmt_ratio(s["stitch/baseline"]))
        if has_q:
            row += " %s | %s |" % (fmt_ratio(s["qemu/native"]), fmt_ratio(s["stitch/qemu"]))
        row += " %s |" % ("%.0f" % s["ns_per_insn"] if s["ns_per_insn"] else "-")
        L.append(row)
    L.append("\nRatios above 1 are slower.  A group mean covers only the workloads the engines "
             "in the ratio both ran correctly.  qemu is qemu-i386 on the i386 rows and "
             "qemu-arm on the ARM rows, where stitch is stitch-arm and native is the i386 "
             "build of the same workload (a scale: no ARM CPU here).\n")
    if has_i:
        L.append("interp is `stitch --interp`: the same micro-ops run by a direct-threaded "
                 "interpreter instead of copied (docs/interp.md); interp/copy above 1 is "
                 "what copying buys.\n")
    if has_b:
        L.append("stitch-baseline is the binary given with `--baseline`, run like stitch in the "
                 "same rounds; stitch/baseline below 1 means the build under test is faster.\n")
    if plot_note:
        L.append(plot_note + "\n")
    for g in GROUPS:
        rs = [r for r in results if r["group"] == g]
        if not rs:
            continue
        names = [e.name for e in group_engines(es_by_guest, g)]
        has_b = "stitch-baseline" in names
        has_q = "qemu" in names
        has_i = "stitch-interp" in names
        L.append("## %s\n" % GROUP_TITLES[g])
        hdr = "| workload | " + " | ".join("%s s" % n for n in names) + \
              " | stitch/native |" + (" interp/copy |" if has_i else "") + \
              (" stitch/baseline |" if has_b else "") + \
              (" stitch/qemu |" if has_q else "") + \
              " translate ns/insn | translate share | notes |"
        L.append(hdr)
        L.append("| --- |" + " ---: |" * (len(names) + 1 + has_i + has_b + has_q + 2) + " --- |")
        for r in rs:
            if "skip" in r:
                L.append("| %s |" % r["name"] + " SKIP |" * len(names) + " - |" +
                         " - |" * (has_i + has_b + has_q) + " - | - | %s |" % r["skip"])
                continue
            notes = "; ".join("%s: %s" % (n, x["why"]) for n, x in r["engines"].items()
                              if x["status"] != "ok")
            c = tr_cost(r)
            share = "-"
            st = r.get("stats") or {}
            if c is not None and r["engines"]["stitch"]["status"] == "ok":
                share = "%.1f%%" % (100.0 * st["translate_ns"] * r["repeat"] / 1e9 /
                                    r["engines"]["stitch"]["median"])
            L.append("| %s | " % r["name"] + " | ".join(cell(r, n) for n in names) +
                     " | %s |" % fmt_ratio(ratio(r, "stitch", "native")) +
                     (" %s |" % fmt_ratio(ratio(r, "stitch-interp", "stitch")) if has_i else "") +
                     (" %s |" % fmt_ratio(ratio(r, "stitch", "stitch-baseline")) if has_b else "") +
                     (" %s |" % fmt_ratio(ratio(r, "stitch", "qemu")) if has_q else "") +
                     " %s | %s | %s |" % ("%.0f" % c if c is not None else "-", share,
                                           notes.replace("|", "/")))
        L.append("")
        if g == "threads":
            L += threads_speedup(results)
    names = [e.name for e in es]
    has_q = "qemu" in names
    L.append("## Peak RSS (MiB, maximum over the timed runs)\n")
    L.append("| workload | " + " | ".join(names) + " | stitch <= qemu |" if has_q else
             "| workload | " + " | ".join(names) + " |")
    L.append("| --- |" + " ---: |" * len(names) + (" :---: |" if has_q else ""))
    wins = total = 0
    for r in results:
        if "skip" in r:
            continue
        cells = []
        for n in names:
            x = r["engines"].get(n)
            cells.append("-" if x is None else
                         "%.1f" % (x["peak_rss_kb"] / 1024) if x["status"] == "ok" else "FAIL")
        label = r["name"] + (" (%s)" % r["group"] if r["group"].startswith("arm") else "")
        row = "| %s | %s |" % (label, " | ".join(cells))
        if has_q and "qemu" in r["engines"]:
            s, q = r["engines"]["stitch"], r["engines"]["qemu"]
            if s["status"] == "ok" and q["status"] == "ok":
                ok = s["peak_rss_kb"] <= q["peak_rss_kb"]
                wins += ok
                total += 1
                row += " %s |" % ("yes" if ok else "**no**")
            else:
                row += " - |"
        L.append(row)
    if has_q:
        L.append("\nstitch's peak RSS is no higher than qemu's on %d of %d workloads both ran.\n"
                 % (wins, total))
    L.append("## Translation counters (one `stitch --stats` run of each workload, one repetition)\n")
    keys = ["tbs_translated", "guest_insns_translated", "host_bytes_emitted", "translate_ns",
            "chains_patched", "loop_entries", "flushes", "flag_ops_removed"]
    L.append("| workload | " + " | ".join(keys) + " | host bytes/guest insn |")
    L.append("| --- |" + " ---: |" * (len(keys) + 1))
    for r in results:
        st = r.get("stats")
        if not st:
            continue
        gi = st.get("guest_insns_translated") or 0
        L.append("| %s | " % r["name"] + " | ".join(str(st.get(k, "-")) for k in keys) +
                 " | %s |" % ("%.1f" % (st.get("host_bytes_emitted", 0) / gi) if gi else "-"))
    L.append("")
    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")


def write_csv(path, results, es_by_guest):
    keys = ["tbs_translated", "guest_insns_translated", "host_bytes_emitted", "translate_ns",
            "chains_patched", "loop_entries", "flushes", "flag_ops_removed"]
    with open(path, "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["workload", "group", "engine", "status", "median_s", "min_s", "max_s",
                     "runs", "peak_rss_kb", "ratio_vs_native", "note"] + keys)
        for r in results:
            for e in group_engines(es_by_guest, r["group"]):
                if "skip" in r:
                    wr.writerow([r["name"], r["group"], e.name, "SKIP", "", "", "", 0, "", "",
                                 r["skip"]] + [""] * len(keys))
                    continue
                x = r["engines"][e.name]
                ok = x["status"] == "ok"
                st = (r.get("stats") or {}) if e.name == "stitch" else {}
                rn = ratio(r, e.name, "native")
                wr.writerow([r["name"], r["group"], e.name, x["status"],
                             "%.4f" % x["median"] if ok else "",
                             "%.4f" % min(x["times"]) if ok else "",
                             "%.4f" % max(x["times"]) if ok else "",
                             len(x["times"]), x.get("peak_rss_kb", ""),
                             "%.3f" % rn if rn else "", x["why"]] +
                            [st.get(k, "") for k in keys])


def write_plot(out, summ, es_by_guest):
    gp = shutil.which("gnuplot")
    if not gp:
        return "No plot: gnuplot is not installed (`apt-get install gnuplot-nox`)."
    have = {e.name for es in es_by_guest.values() for e in es}
    names = [("stitch/native", "stitch")]
    if "stitch-baseline" in have:
        names.append(("baseline/native", "stitch baseline"))
    if "stitch-nochain" in have:
        names.append(("nochain/native", "stitch --no-chain"))
    if "stitch-interp" in have:
        names.append(("interp/native", "stitch --interp"))
    if "qemu" in have:
        names.append(("qemu/native", "qemu-user"))
    dat = os.path.join(out, "ratios.dat")
    rows = 0
    with open(dat, "w") as f:
        f.write("group " + " ".join('"%s"' % t for _, t in names) + "\n")
        for g in GROUPS:
            s = summ[g]
            if not s["n"]:
                continue
            vals = [s[k] for k, _ in names]
            f.write('"%s" %s\n' % (g, " ".join("%.4f" % v if v else "NaN" for v in vals)))
            rows += 1
    if not rows:
        return "No plot: no workload ran."
    cols = " , ".join("'%s' using %d:xtic(1) title columnheader(%d)" % (dat, i + 2, i + 2)
                      for i in range(len(names)))
    script = """
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y 2
set yrange [0.5:*]
set grid ytics
set ylabel "slowdown versus native (geometric mean, log scale)"
set title "stitch benchmark: slowdown by workload group"
set key top left
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2
"""
    for term, ext in (("pngcairo size 900,540", "png"), ("svg size 900,540", "svg")):
        p = subprocess.run([gp], input="set terminal %s\nset output '%s'\n%s\nplot %s\n" % (
            term, os.path.join(out, "ratios." + ext), script, cols),
            text=True, capture_output=True)
        if p.returncode != 0:
            return "No plot: gnuplot failed: " + p.stderr.strip()[:200]
    return "![slowdown by group](ratios.svg) (also `ratios.png`)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stitch", default=os.path.join(ROOT, "build/stitch-i386"))
    ap.add_argument("--baseline", metavar="PATH",
                    help="a second stitch binary (e.g. the previous commit's), run as the "
                         "engine stitch-baseline next to stitch; adds stitch/baseline ratios")
    ap.add_argument("--no-nochain", action="store_true",
                    help="leave out stitch --no-chain (the slowest engine)")
    ap.add_argument("--no-interp", action="store_true",
                    help="leave out stitch --interp (the threaded interpreter)")
    ap.add_argument("--no-tcache", action="store_true",
                    help="leave out stitch -tcache (a warm persistent translation cache)")
    ap.add_argument("--qemu", default=shutil.which("qemu-i386"),
                    help="qemu-i386 binary (default: from PATH; '' to leave it out)")
    ap.add_argument("--no-qemu", dest="qemu", action="store_const", const="",
                    help="leave out qemu-i386 (same as --qemu '')")
    ap.add_argument("--sysroot", default=os.path.join(ROOT, "build/sysroot"))
    ap.add_argument("--stitch-arm", default=os.path.join(ROOT, "build/stitch-arm"),
                    help="stitch-arm binary; the ARM rows run when it exists ('' to leave them out)")
    ap.add_argument("--qemu-arm", default=shutil.which("qemu-arm"),
                    help="qemu-arm binary (default: from PATH; '' to leave it out)")
    ap.add_argument("--sysroot-arm", default=os.path.join(ROOT, "build/sysroot-armel"))
    ap.add_argument("--sysroot-armhf", default=os.path.join(ROOT, "build/sysroot-armhf"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build/bench"))
    ap.add_argument("--quick", action="store_true", default=os.environ.get("QUICK") == "1",
                    help="3 runs, smaller sizes, fewer workloads (also QUICK=1)")
    ap.add_argument("--runs", type=int, help="timed rounds (default 5, quick 3)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per run before FAIL")
    ap.add_argument("--timeout-factor", type=float, default=150,
                    help="a run taking longer than this many times native is FAIL (timeout)")
    ap.add_argument("--only", help="comma-separated workload-name substrings or group names")
    ap.add_argument("--no-sysroot", action="store_true", help="do not run bench/sysroot.sh")
    args = ap.parse_args()
    args.runs = args.runs or (3 if args.quick else 5)
    args.stitch, args.sysroot, args.out, args.sysroot_arm, args.sysroot_armhf = (
        os.path.abspath(p) for p in (args.stitch, args.sysroot, args.out, args.sysroot_arm,
                                     args.sysroot_armhf))
    if args.stitch_arm and not os.access(args.stitch_arm, os.X_OK):
        log("bench: %s is not built: no ARM rows" % args.stitch_arm)
        args.stitch_arm = ""
    args.stitch_arm = os.path.abspath(args.stitch_arm) if args.stitch_arm else ""
    if not os.access(args.stitch, os.X_OK):
        sys.exit("bench: %s is not built (run make)" % args.stitch)
    if args.baseline:
        args.baseline = os.path.abspath(args.baseline)
        if not os.access(args.baseline, os.X_OK):
            sys.exit("bench: baseline %s is not an executable" % args.baseline)
    os.makedirs(args.out, exist_ok=True)
    # stitch-tcache's directory: fresh for each invocation, so the first
    # (warm-up) run of each workload fills it and the timed runs reuse it.
    args.tcache_dir = ""
    if not args.no_tcache:
        args.tcache_dir = os.path.join(args.out, "tcache")
        shutil.rmtree(args.tcache_dir, ignore_errors=True)
        os.makedirs(args.tcache_dir)
    if not args.no_sysroot:
        subprocess.run([os.path.join(HERE, "sysroot.sh"), args.sysroot])
        if args.stitch_arm:
            subprocess.run([os.path.join(HERE, "sysroot.sh"), args.sysroot_arm],
                           env=dict(os.environ, ARCH="armel"))
            subprocess.run([os.path.join(HERE, "sysroot.sh"), args.sysroot_armhf],
                           env=dict(os.environ, ARCH="armhf"))
    build_helper(args.out)
    bin_dir = build_kernels(args.out, args.quick, bool(args.stitch_arm))
    text = make_inputs(args.out, args.quick)
    es_by_guest = {"i386": engines(args)}
    if args.stitch_arm:
        es_by_guest["arm"] = engines(args, "arm")
        es_by_guest["armhf"] = engines(args, "armhf")
    es = es_by_guest["i386"]
    ws = workloads(args, bin_dir, text)
    machine = machine_info(args)
    log("bench: %d workloads, engines %s, %s" % (len(ws), ", ".join(e.name for e in es),
                                                   machine["mode"]))
    # Each workload's warm-up runs native first, so Python's .pyc files are
    # written before any timed run and no engine pays for it.
    results = []
    for g in GROUPS:
        gws = [w for w in ws if w.group == g]
        if gws:
            log("[%s]" % g)
        for w in gws:
            results.append(measure(w, es_by_guest[w.guest], args))
            with open(os.path.join(args.out, "partial.json"), "w") as f:
                json.dump({"machine": machine, "results": results}, f)
    summ = summarise(results, es_by_guest)
    plot_note = write_plot(args.out, summ, es_by_guest)
    write_md(os.path.join(args.out, "results.md"), results, summ, es_by_guest, machine, plot_note)
    write_csv(os.path.join(args.out, "results.csv"), results, es_by_guest)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"machine": machine, "summary": summ, "results": results,
                   "engines": [e.name for e in es]}, f, indent=1)
    log("bench: wrote %s/results.md, results.csv, results.json" % os.path.relpath(args.out, ROOT))


if __name__ == "__main__":
    main()
