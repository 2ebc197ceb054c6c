# busybox text tools on generated input: sort, uniq, sed, grep, cut, tr,
# wc, head, tail, md5sum, sha256sum (awk is in bb-awk: it needs the FPU).
i=1; while [ $i -le 3000 ]; do echo "$(( (i * 7919) % 1000 )) $i"; i=$((i + 1)); done > data
wc -l < data
sort -n data | head -3
sort -k2,2nr data | head -3
sort -u -n -k1,1 data | wc -l
cut -d' ' -f1 data | sort -n | uniq -c | sort -rn | head -3
grep -c '^99 ' data
grep -E '^(1|2)[0-9] ' data | tail -2
sed -n 's/^\([0-9]*\) \(.*5\)$/\2:\1/p' data | head -4
tr '0-9' 'a-j' < data | head -2
md5sum data | cut -c1-32
sha256sum data | cut -c1-64
printf '%s\n' banana apple cherry apple | sort | uniq -d
echo "The quick brown fox" | sed 's/quick/slow/; s/ /_/g'
