# python3.11 (dynamic): json, re, hashlib, decimal, big integers, classes.
cat > t.py <<'END'
import json, re, hashlib, decimal, sys
from decimal import Decimal
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
    def __add__(self, o): return Point(self.x + o.x, self.y + o.y)
    def __repr__(self): return f"Point({self.x}, {self.y})"
print(Point(1, 2) + Point(3, 4))
print(2 ** 200, 3 ** 100 % 1000007, (1 << 127) - 1)
data = {"a": [1, 2, 3], "b": {"c": "d"}, "e": None, "f": 1.5}
s = json.dumps(data, sort_keys=True)
print(s, json.loads(s) == data)
print(re.findall(r"(\w+)@(\w+)\.com", "x@y.com, foo@bar.com"))
print(hashlib.sha256(b"stitch").hexdigest(), hashlib.md5(b"abc").hexdigest())
decimal.getcontext().prec = 40
print(Decimal(1) / Decimal(7), Decimal("1.1") + Decimal("2.2"))
print(sum(i * i for i in range(100000)), sorted({3, 1, 2}), 10 / 4, 7 // 2)
print(sys.version_info[:2])
END
$X $S/usr/bin/python3.11 -S t.py
