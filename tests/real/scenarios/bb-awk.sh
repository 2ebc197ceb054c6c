# busybox awk and seq: numbers are doubles (x87), pending the FPU.
seq 1 2000 | awk '{ print ($1 * 7919) % 1000, $1 }' > data
awk '{ s += $1; if ($1 > m) m = $1 } END { print s, m, NR }' data
awk '$1 % 100 == 0 { c[$1]++ } END { for (k in c) n++; print n }' data
awk 'BEGIN { printf "%.3f %d %s\n", 3.14159, 2^20, substr("abcdef", 2, 3) }'
seq 0.5 0.25 2
sleep 0.1 && echo slept
