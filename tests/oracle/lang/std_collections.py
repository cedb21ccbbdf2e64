# collections as programs use it: namedtuple (fields as list or string, defaults, _replace,
# _asdict, _make, tuple behaviour), defaultdict (grouping, counting, nesting), OrderedDict
# (LRU-style move_to_end/popitem), Counter (word counts, most_common, arithmetic), deque (queues,
# sliding windows with maxlen, rotate), ChainMap; errors print type and message.
from collections import ChainMap, Counter, OrderedDict, defaultdict, deque, namedtuple
import collections

Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p[-1], len(p), tuple(p), list(p))
x, y = p
print(x + y, p == (1, 2), p == Point(1, 2), p != Point(2, 1), hash(p) == hash((1, 2)))
print(isinstance(p, tuple), type(p).__name__, Point.__name__, Point._fields, p._asdict())
print(p._replace(x=10), p, Point._make([5, 6]), Point._make(range(2)))
print(p + (3,), p * 2, p[:1], sorted([Point(2, 1), Point(1, 5), Point(1, 2)]), max(Point(1, 9), Point(2, 0)))
print(Point.x.__doc__, Point.__doc__, repr(p), str(p), f"{p}")
print({p: "origin-ish"}[Point(1, 2)], p in {(1, 2)}, p.count(1), p.index(2))
Color = namedtuple("Color", "red green blue")
Pixel = namedtuple("Pixel", "x, y, color", defaults=[None])
print(Color(1, 2, 3), Pixel(1, 2), Pixel(1, 2, Color(0, 0, 0)), Pixel._field_defaults)
Config = namedtuple("Config", "lr steps seed", defaults=(100, 0))
print(Config(0.1), Config(0.1, 5), Config(lr=0.5, seed=3))
R = namedtuple("R", ["a", "def", "a", "_x"], rename=True)
print(R._fields)


class Vec(namedtuple("Vec", "x y")):
    __slots__ = ()

    def norm2(self):
        return self.x**2 + self.y**2

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)


v = Vec(3, 4)
print(v, v.norm2(), v + Vec(1, 1), isinstance(v, tuple))
for bad in [
    lambda: Point(1),
    lambda: Point(1, 2, 3),
    lambda: Point(1, x=2),
    lambda: Point(1, z=2),
    lambda: Point._make([1]),
    lambda: p._replace(z=1),
    lambda: namedtuple("T", "a a"),
    lambda: namedtuple("T", "a _b"),
    lambda: namedtuple("T", "a class"),
    lambda: namedtuple("T", "a 1b"),
    lambda: namedtuple("T", "a", defaults=[1, 2]),
]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError")

dd = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    dd[word[0]].append(word)
print(dd)
print(dd["a"], dd["z"], len(dd), "z" in dd, dd.get("q"), "q" in dd, dict(dd))
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(counts, counts.default_factory, sorted(counts.items()))
tree = lambda: defaultdict(tree)
t = tree()
t["a"]["b"]["c"] = 1
print(t["a"]["b"]["c"], list(t["a"]))
plain = defaultdict()
try:
    plain["missing"]
except KeyError as e:
    print("KeyError", e)
print(defaultdict(lambda: "?", {"k": "v"})["nope"], defaultdict(set, a={1}), isinstance(dd, dict))
d2 = dd.copy()
d2["x"].append(1)
print(type(d2).__name__, d2.default_factory is list, "x" in dd)
try:
    defaultdict(5)
except TypeError as e:
    print(type(e).__name__, e)

od = OrderedDict()
od["a"] = 1
od["b"] = 2
od["c"] = 3
od.move_to_end("a")
print(od, list(od), list(od.keys()))
od.move_to_end("c", last=False)
print(od, od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1), OrderedDict())
print(OrderedDict.fromkeys("xyz", 0), list(reversed(OrderedDict.fromkeys("xyz"))))
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)
try:
    od.move_to_end("nope")
except KeyError as e:
    print("KeyError", e)


class LRU(OrderedDict):
    def __init__(self, capacity):
        super().__init__()
        self.capacity = capacity

    def get_item(self, key):
        if key not in self:
            return -1
        self.move_to_end(key)
        return self[key]

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.capacity:
            self.popitem(last=False)


cache = LRU(2)
cache.put(1, 1)
cache.put(2, 2)
print(cache.get_item(1))
cache.put(3, 3)
print(cache.get_item(2), cache.get_item(3), list(cache.items()))

c = Counter("abracadabra")
print(c)
print(c.most_common(2), c.most_common(), c["a"], c["zzz"], "zzz" in c, len(c))
words = "the cat and the hat and the bat".split()
wc = Counter(words)
print(wc, wc.most_common(1), sorted(wc.elements())[:4], wc.total())
c2 = Counter(a=3, b=1)
c3 = Counter(a=1, b=2, d=4)
print(c2 + c3, c2 - c3, c2 & c3, c2 | c3, c3 - c2)
c2.update(["a", "z"])
c2.update({"b": 5})
print(c2)
c2.subtract(a=10)
print(c2, +c2, -c2)
print(Counter({"x": 0, "y": -1}), Counter(), Counter([1, 1, 2]) == Counter({1: 2, 2: 1}), Counter(a=1) == Counter(a=1, b=0))
del c2["nothing"]
c2["new"] += 2
print(c2["new"], list(Counter("hello").keys()), Counter("hello").most_common(3))
print(sum(Counter("aab").values()), dict(Counter("aab")), isinstance(c, dict))
try:
    Counter.fromkeys("abc")
except NotImplementedError as e:
    print(type(e).__name__, e)

q = deque([1, 2, 3])
q.append(4)
q.appendleft(0)
print(q, len(q), q[0], q[-1], q[2], 3 in q, list(q))
print(q.pop(), q.popleft(), q)
q.extend([7, 8])
q.extendleft([-1, -2])
print(q)
q.rotate(2)
print(q)
q.rotate(-3)
print(q, list(reversed(q)), q.count(7), q.index(7))
q[0] = 100
del q[1]
print(q, q == deque(q), q == list(q), bool(deque()))
window = deque(maxlen=3)
for i in range(6):
    window.append(i)
    print(list(window), sum(window) / len(window))
print(window, window.maxlen)
window.appendleft(-1)
print(window)
bfs = deque([(0, 0)])
seen = {(0, 0)}
order = []
while bfs:
    node = bfs.popleft()
    order.append(node)
    for nxt in [(node[0] + 1, node[1]), (node[0], node[1] + 1)]:
        if max(nxt) <= 2 and nxt not in seen:
            seen.add(nxt)
            bfs.append(nxt)
print(order)
print(deque("abc", maxlen=2), deque(), deque(range(3)) + deque([9]), deque([1, 2]) * 2)
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5], lambda: deque([1]).remove(2), lambda: deque([1], maxlen=-1)]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)

defaults = {"color": "red", "user": "guest"}
args = {"user": "admin"}
cm = ChainMap(args, defaults)
print(cm["user"], cm["color"], len(cm), sorted(cm), "color" in cm, cm.get("x", 0))
cm["color"] = "blue"
print(args, defaults, cm)
child = cm.new_child({"user": "root"})
print(child["user"], child.parents["user"], dict(child))
print(collections.namedtuple is namedtuple, collections.Counter("aa")["a"])
