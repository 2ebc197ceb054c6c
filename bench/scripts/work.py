# work.py N: a CPU-bound Python workload for the benchmark, using only the
# python3.11-minimal standard library: dict and list churn, string
# formatting, a small class hierarchy and sorting with a key.  Integer
# results only, so the checksum is exact on every engine.
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 6


class Shape:
    def __init__(self, k):
        self.k = k

    def area(self):
        return 0


class Rect(Shape):
    def area(self):
        return self.k * (self.k + 3)


class Tri(Shape):
    def area(self):
        return self.k * (self.k + 1) // 2


def churn(size):
    d = {}
    for i in range(size):
        key = "k%d" % (i * 2654435761 % 100003)
        d[key] = d.get(key, 0) + i
    return sum(len(k) * v for k, v in sorted(d.items(), key=lambda kv: kv[1]))


def shapes(size):
    objs = [Rect(i) if i % 3 else Tri(i) for i in range(size)]
    return sum(o.area() for o in objs) % 1000000007


def sieve(limit):
    flags = bytearray([1]) * (limit + 1)
    flags[0:2] = b"\0\0"
    for i in range(2, int(limit ** 0.5) + 1):
        if flags[i]:
            flags[i * i :: i] = bytes(len(range(i * i, limit + 1, i)))
    return sum(flags)


total = 0
for r in range(n):
    total = (total * 31 + churn(40000)) % (1 << 32)
    total = (total * 31 + shapes(40000)) % (1 << 32)
    total = (total * 31 + sieve(200000)) % (1 << 32)
print("python", n, total)
