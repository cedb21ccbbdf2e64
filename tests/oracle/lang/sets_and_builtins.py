# set and frozenset with their operators and methods; builtins: enumerate, zip, map, filter,
# reversed, sorted(key=), min/max(key=), iter/next, dir, getattr/setattr/hasattr, callable,
# isinstance with tuples, id/hash, divmod, round, print(sep=, end=, file=).
import sys

a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(a <= {1, 2, 3, 4, 5}, a < a, a >= {1}, {1, 2} == {2, 1}, a.isdisjoint({9}))
s = set()
s.add(3)
s.add(1)
s.add(3)
s.update([7, 8], {9})
s.discard(100)
s.remove(7)
print(sorted(s), len(s), 8 in s, 100 in s)
print(sorted(a.union(b, [10])), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
fs = frozenset([1, 2, 2, 3])
print(sorted(fs), {fs: "frozen"}[frozenset([3, 2, 1])], sorted(fs | {4}), type(fs | {4}).__name__)
print(sorted({x % 3 for x in range(10)}), set("hello") == set("olleh"), len(set([1, 1, 1])))
t = s.copy()
t.clear()
print(len(t), len(s), bool(set()), set() == set(), repr(set()), repr(frozenset()))

names = ["bob", "alice", "Carol", "dave"]
print(list(enumerate(names, start=1))[:2], list(zip(names, [3, 5])), list(map(len, names)))
print(list(filter(lambda n: n[0].islower(), names)), list(filter(None, [0, 1, "", "x"])))
print(list(reversed(names)), sorted(names), sorted(names, key=str.lower), sorted(names, key=len, reverse=True))
print(min(names, key=len), max(names, key=lambda n: n[-1]), max([], default="none"), min(3, 1, 2))
it = iter([10, 20])
print(next(it), next(it), next(it, "end"))
print(callable(len), callable(3), callable(lambda: 1), isinstance(3, (str, int)), isinstance(True, int))
print(divmod(17, 5), divmod(-17, 5), round(2.675, 2), round(2.5), round(3.5), abs(-3))
print("a", "b", sep="-", end="!\n")
print("to stderr", file=sys.stderr)
print(*[1, 2, 3], sep=", ")
print(hash(1) == hash(1.0), hash("x") == hash("x"), id(names) == id(names), hash((1, 2)) == hash((1, 2)))
print("append" in dir([]), "keys" in dir({}), "upper" in dir(""), chr(65), ord("a"), bin(5), hex(255), oct(8))
print(list(zip(*[(1, "a"), (2, "b")])), dict(zip("ab", [1, 2])), list(map(lambda x, y: x * y, [1, 2], [3, 4])))
print(sum([[1], [2]], []), sorted([(2, "b"), (1, "z"), (2, "a")]), int("ff", 16), int("-42"), float("1e3"))
e = enumerate("xy")
print(next(e), list(e))
z = zip([1, 2], "ab")
print(type(z).__name__, list(z), list(z))
