#!/bin/sh
# sysroot.sh DIR: fetch the Debian packages (i386, or ARCH=armel for the
# ARM rows) the "real" and "startup"
# benchmark workloads use and unpack them into DIR (build/sysroot), through
# the fetcher the real-program tests use (tests/real/fetch-sysroot.sh: same
# cache, nothing installed system-wide).  A package that cannot be fetched
# is reported; the harness then reports the workloads needing it as SKIP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
dir=${1:-build/sysroot}
here=$(dirname "$0")
# The programs, then the shared libraries they load (apt-cache depends).
exec "$here/../tests/real/fetch-sysroot.sh" "$dir" \
    busybox-static lua5.4 python3.11-minimal libpython3.11-minimal libpython3.11-stdlib gzip bzip2 xz-utils \
    libc6 libgcc-s1 libbz2-1.0 liblzma5 libreadline8 libtinfo6 zlib1g libexpat1 libssl3
