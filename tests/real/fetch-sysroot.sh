#!/bin/sh
# fetch-sysroot.sh DIR PACKAGE...: Debian packages unpacked into DIR.
#
# ARCH (default i386) is the Debian architecture: i386 for the native
# oracle and stitch-i386, armel for stitch-arm.  Each package is fetched
# with `apt-get download PACKAGE:ARCH` (the architecture is added to dpkg
# and the lists updated once, if needed) and
# unpacked with `dpkg -x`: nothing is installed system-wide.  The .debs stay
# in DIR/.debs with a PACKAGE.unpacked marker, so a second run costs nothing
# (the same cache layout as bench/sysroot.sh: both share build/sysroot).
# Any package that cannot be had is an error: exit status 1, naming it.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
arch=${ARCH:-i386}
[ $# -ge 1 ] || { echo "usage: $0 DIR PACKAGE..." >&2; exit 2; }
dir=$1
shift
mkdir -p "$dir/.debs" || exit 1
dir=$(cd "$dir" && pwd)
missing=
for p in "$@"; do
    [ -e "$dir/.debs/$p.unpacked" ] || missing="$missing $p"
done
[ -n "$missing" ] || exit 0

# Running as root on a fresh Debian (CI) or through sudo on a workstation.
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
if ! dpkg --print-foreign-architectures | grep -qx "$arch" ||
   ! apt-cache show "libc6:$arch" >/dev/null 2>&1; then
    echo "fetch-sysroot: adding the $arch architecture, updating package lists" >&2
    $SUDO dpkg --add-architecture "$arch" || exit 1
    for try in 1 2 3; do
        $SUDO apt-get update -q >/dev/null 2>&1 && break
        sleep 5
    done
fi

status=0
for p in $missing; do
    ok=
    for try in 1 2 3; do
        (cd "$dir/.debs" && rm -f "${p}"_*_"$arch".deb && apt-get download -q "$p:$arch" >/dev/null 2>&1) &&
            ok=1 && break
        sleep 3
    done
    deb=$(ls "$dir/.debs/${p}"_*_"$arch".deb 2>/dev/null | head -n 1)
    if [ -z "$ok" ] || [ -z "$deb" ]; then
        echo "fetch-sysroot: cannot download $p:$arch" >&2
        status=1
        continue
    fi
    dpkg -x "$deb" "$dir" && : >"$dir/.debs/$p.unpacked" || {
        echo "fetch-sysroot: cannot unpack $deb" >&2
        status=1
    }
done
exit $status
