# Threaded programs (issue 15): xz -T2 and -T4 with a fixed block size,
# whose output is the same whatever the scheduling, round-tripped (xz
# 5.4 decompresses with threads too); python3.11's
# threading (a lock-protected counter, a queue, an event) and a
# concurrent.futures pool, results printed in submission order.
i=1; while [ $i -le 60000 ]; do echo "$i $(( (i * 2654435761) % 4294967296 ))"; i=$((i + 1)); done > plain
$X $S/usr/bin/xz -T2 --block-size=200000 -6 -c plain > plain.xz
md5sum plain.xz | cut -c1-32
$X $S/usr/bin/xz -T2 -d -c plain.xz | cmp - plain && echo "xz -T2 round trip ok"
$X $S/usr/bin/xz -T4 --block-size=100000 -6 -c plain > plain4.xz
md5sum plain4.xz | cut -c1-32
$X $S/usr/bin/xz -T4 -d -c plain4.xz | cmp - plain && echo "xz -T4 round trip ok"
$X $S/usr/bin/xz -T4 -l plain4.xz | awk 'NR == 2 { print "streams", $1, "blocks", $2 }'
cat > t.py <<'END'
import threading, concurrent.futures, queue, hashlib
def work(n):
    h = hashlib.sha256()
    for i in range(2000):
        h.update(str(i * n).encode())
    return h.hexdigest()[:16]
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
    for r in ex.map(work, range(12)):
        print(r)
lock = threading.Lock()
total = [0]
def add():
    for _ in range(20000):
        with lock:
            total[0] += 1
ts = [threading.Thread(target=add) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("counter", total[0])
q = queue.Queue()
def produce():
    for i in range(1000): q.put(i)
    q.put(None)
t = threading.Thread(target=produce)
t.start()
s = 0
while True:
    v = q.get()
    if v is None: break
    s += v
t.join()
print("queue sum", s)
ev = threading.Event()
out = []
w = threading.Thread(target=lambda: (ev.wait(), out.append("woke")))
w.start(); ev.set(); w.join()
print(out, threading.active_count())
END
$X $S/usr/bin/python3.11 t.py
