#!/bin/sh
# binfmt.sh: the binfmt_misc registration that makes the kernel run guest
# ELF programs through stitch, as qemu-binfmt-conf.sh does for qemu-user
# (kernel documentation: admin-guide/binfmt-misc.rst).
#
#   scripts/binfmt.sh [--guest arm] [--stitch PATH] [--flags FLAGS] [--install]
#
# Prints the line :stitch-<guest>:M::<magic>:<mask>:<interpreter>:<flags>
# that /proc/sys/fs/binfmt_misc/register takes; --install writes it there
# (as root, binfmt_misc mounted).  The default guest is arm (Debian
# armel/armhf: 32-bit little-endian ARM, ET_EXEC or ET_DYN).  i386 is never
# registered on an x86_64 host unless --force is given: the host runs those
# programs itself, and a registration would take them all over.
#
# Flags (the default is PF):
#   P  preserve argv[0]: the kernel passes the program's own argv[0] after
#      its path, and sets AT_FLAGS_PRESERVE_ARGV0 in stitch's auxv (Linux
#      5.12+), so stitch gives the guest the argv[0] it was started with
#   F  fix binary: the kernel opens stitch when the line is registered, so
#      the registration also works inside containers and chroots that do
#      not contain stitch (use a statically usable path)
#   O  open binary: the kernel passes the program as an open descriptor
#      (AT_EXECFD) instead of its path; stitch does not read AT_EXECFD, so
#      this flag is refused
#   C  credentials: setuid/setgid from the program rather than stitch;
#      implies O, so it is refused too
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

guest=arm
stitch=
flags=PF
install=0
force=0
while [ $# -gt 0 ]; do
    case $1 in
    --guest) guest=$2; shift 2 ;;
    --stitch) stitch=$2; shift 2 ;;
    --flags) flags=$2; shift 2 ;;
    --install) install=1; shift ;;
    --force) force=1; shift ;;
    -h|--help) sed -n '2,/^# SPDX/p' "$0" | sed 's/^# \{0,1\}//;/^SPDX/d'; exit 0 ;;
    *) echo "binfmt.sh: unknown argument '$1' (try --help)" >&2; exit 1 ;;
    esac
done

# The ELF header fields that identify the guest (the ELF specification's
# e_ident, e_type, e_machine): bytes 0-6 exact (magic, ELFCLASS32,
# ELFDATA2LSB, EV_CURRENT), byte 7 (OS ABI) anything, bytes 8-15 zero,
# e_type 2 or 3 (mask 0xfe), e_machine exact.
ident='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00'
ident_mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff'
case $guest in
arm) machine='\x02\x00\x28\x00' ;;  # ET_EXEC, EM_ARM (40)
i386)
    machine='\x02\x00\x03\x00'      # ET_EXEC, EM_386 (3)
    case $(uname -m) in
    x86_64|i?86)
        if [ $force = 0 ]; then
            echo "binfmt.sh: refusing to register i386 on an $(uname -m) host, which runs i386 programs itself (--force to insist)" >&2
            exit 1
        fi ;;
    esac ;;
*) echo "binfmt.sh: unknown guest '$guest' (arm, i386)" >&2; exit 1 ;;
esac
mask="$ident_mask"'\xfe\xff\xff\xff'

case $flags in *[!PFOC]*)
    echo "binfmt.sh: unknown flag in '$flags' (P, F; O and C are not supported)" >&2; exit 1 ;;
esac
case $flags in *O*|*C*)
    echo "binfmt.sh: flags O and C hand stitch an open descriptor (AT_EXECFD), which it does not read" >&2
    exit 1 ;;
esac

if [ -z "$stitch" ]; then
    stitch=$(command -v "stitch-$guest" 2>/dev/null || echo "/usr/local/bin/stitch-$guest")
fi
case $stitch in /*) ;; *) stitch=$(cd "$(dirname "$stitch")" && pwd)/$(basename "$stitch") ;; esac

line=":stitch-$guest:M::$ident$machine:$mask:$stitch:$flags"
if [ $install = 0 ]; then
    printf '%s\n' "$line"
    exit 0
fi
reg=/proc/sys/fs/binfmt_misc/register
[ -w "$reg" ] || { echo "binfmt.sh: $reg is not writable (root, and binfmt_misc mounted?)" >&2; exit 1; }
[ -x "$stitch" ] || { echo "binfmt.sh: $stitch is not an executable" >&2; exit 1; }
if [ -e "/proc/sys/fs/binfmt_misc/stitch-$guest" ]; then
    echo -1 >"/proc/sys/fs/binfmt_misc/stitch-$guest"
fi
printf '%s' "$line" >"$reg"
echo "registered stitch-$guest: $stitch (flags $flags)"
