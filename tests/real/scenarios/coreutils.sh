# Debian's coreutils (dynamic, from the sysroot): ls -l on a fixed tree,
# sort, wc, sha256sum, date -d with a fixed date, factor, expr.
mkdir -p d/sub
printf 'x\n' > d/one; printf 'yy\nzz\n' > d/two; : > d/sub/empty
chmod 640 d/one; chmod 755 d/sub
touch -d '2020-02-29 12:34:56' d/one d/two d/sub/empty d/sub d
$X $S/bin/ls -l --time-style=+%Y-%m-%dT%H:%M d | sed 's/^\([^ ]* *[0-9]*\) [^ ]* *[^ ]* /\1 U G /'
$X $S/bin/ls -R d
i=1; while [ $i -le 3000 ]; do echo $(( (i * 7) % 997 )); i=$((i + 1)); done > n
$X $S/usr/bin/sort -n n | $X $S/usr/bin/tail -n 3
$X $S/usr/bin/sort -rn n | $X $S/usr/bin/uniq | $X $S/usr/bin/wc -l
$X $S/usr/bin/wc n d/two
$X $S/usr/bin/sha256sum n d/two
$X $S/bin/date -u -d '2024-02-29 13:14:15' '+%A %d %B %Y %j %s'
$X $S/bin/date -u -d '@1700000000'
$X $S/usr/bin/factor 1001 65537 600851475143
$X $S/usr/bin/expr 12345 '*' 678 + 9
$X $S/usr/bin/md5sum n
$X $S/bin/cat d/two | $X $S/usr/bin/tr a-z A-Z
$X $S/usr/bin/head -c 5 n | $X $S/usr/bin/od -c | $X $S/usr/bin/head -1
$X $S/usr/bin/env -i A=1 B=2 $X $S/usr/bin/env
