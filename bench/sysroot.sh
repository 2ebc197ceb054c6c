#!/bin/sh
# sysroot.sh DIR: fetch the Debian i386 packages the "real" and "startup"
# benchmark workloads use and unpack them into DIR (build/sysroot).
#
# Packages are fetched with `apt-get download` (the i386 architecture is
# added to dpkg and the package lists updated once, if needed) and unpacked
# with `dpkg -x`: nothing is installed system-wide.  The .debs are kept in
# DIR/.debs and a package already unpacked is not fetched again, so a second
# run is free.  A package that cannot be fetched is reported and skipped; the
# harness then reports the workloads that need it as SKIP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
dir=${1:-build/sysroot}
# The programs, then the shared libraries they load (apt-cache depends).
PKGS="busybox-static lua5.4 python3.11-minimal libpython3.11-minimal gzip bzip2 xz-utils
      libc6 libgcc-s1 libbz2-1.0 liblzma5 libreadline8 libtinfo6 zlib1g libexpat1 libssl3"

mkdir -p "$dir/.debs"
dir=$(cd "$dir" && pwd)
missing=
for p in $PKGS; do
    [ -e "$dir/.debs/$p.unpacked" ] || missing="$missing $p"
done
[ -n "$missing" ] || exit 0

if ! dpkg --print-foreign-architectures | grep -qx i386 ||
   ! apt-cache show "libc6:i386" >/dev/null 2>&1; then
    echo "sysroot: adding the i386 architecture and updating package lists" >&2
    dpkg --add-architecture i386 && apt-get update -q >&2 ||
        echo "sysroot: apt-get update reported errors; trying with what is there" >&2
fi

status=0
for p in $missing; do
    ( cd "$dir/.debs" && rm -f "${p}"_*_i386.deb && apt-get download -q "$p:i386" >/dev/null 2>&1 ) || {
        echo "sysroot: cannot download $p:i386; its workloads will be skipped" >&2
        status=1
        continue
    }
    deb=$(ls "$dir/.debs/${p}"_*_i386.deb 2>/dev/null | head -n 1)
    dpkg -x "$deb" "$dir" && : > "$dir/.debs/$p.unpacked" || status=1
done
exit $status
