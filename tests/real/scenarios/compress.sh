# gzip, bzip2 and xz (dynamic, from the sysroot): round trips of a
# generated file, with checksums of the compressed streams.
i=1; while [ $i -le 8000 ]; do echo "$i $(( (i * 2654435761) % 4294967296 ))"; i=$((i + 1)); done > plain
md5sum plain | cut -c1-32
$X $S/bin/gzip -9 -n -c plain > plain.gz
md5sum plain.gz | cut -c1-32
$X $S/bin/gzip -d -c plain.gz | cmp - plain && echo "gzip round trip ok"
$X $S/bin/bzip2 -9 -c plain > plain.bz2
md5sum plain.bz2 | cut -c1-32
$X $S/bin/bzip2 -d -c plain.bz2 | cmp - plain && echo "bzip2 round trip ok"
$X $S/usr/bin/xz -6 -c plain > plain.xz
md5sum plain.xz | cut -c1-32
$X $S/usr/bin/xz -d -c plain.xz | cmp - plain && echo "xz round trip ok"
