# Containers of instances compare through the instances' __eq__/__lt__ (lists, tuples, dicts,
# sorting, heapq ties, in/index/count), del of slices, and subclasses of int, float, str and tuple
# in arithmetic, reflected operators, comparisons, indexing, abs/round and formatting.
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, V) and self.v == o.v
    def __lt__(self, o): return self.v < o.v
    def __hash__(self): return hash(self.v)
    def __repr__(self): return f"V({self.v})"
print([V(1), V(2)] == [V(1), V(2)], (V(1), 2) < (V(1), 3), (V(1), 2) < (V(2), 0), V(1) in [V(0), V(1)], [V(1)].index(V(1)), [V(3), V(1)].count(V(1)))
print(sorted([(V(2), "a"), (V(1), "b")]), max([V(1), V(5), V(3)]), {V(1): 1} == {V(1): 1}, {V(1), V(1)}, (V(1),) == (V(1),))
print([[V(2)], [V(1)]] < [[V(2)], [V(3)]], sorted([[V(2)], [V(1)]]))
import heapq
h = []
heapq.heappush(h, (1, V(3)))
heapq.heappush(h, (1, V(2)))
print(heapq.heappop(h))
class NoLt:
    pass
try:
    sorted([(1, NoLt()), (1, NoLt())])
except TypeError as e:
    print(type(e).__name__, e)
xs = list(range(10))
del xs[:3]
del xs[::2]
print(xs)
class I(int):
    pass
class F(float):
    def __repr__(self): return "F!"
class S(str):
    def shout(self): return self.upper() + "!"
class T(tuple):
    pass
i = I(5)
print(i + 1, 1 + i, i * 2, i < 7, i // 2, i % 3, -i, abs(I(-2)), i == 5, hash(i) == hash(5), [0, 1, 2, 3, 4, 5][i], str(i), repr(i), f"{i:03d}", int(i), float(i))
f = F(1.5)
print(f + 1, 2 * f, f > 1, str(f), round(F(2.25), 1), f"{f:.2f}", float(f))
s = S("ab")
print(s + "c", "x" + s, s * 2, s.shout(), s.upper(), len(s), s[0], s == "ab", "a" in s, f"{s}", s.startswith("a"))
t = T((1, 2))
print(t + (3,), (0,) + t, t * 2, t == (1, 2), t[1], len(t), t < (1, 3))
