# copy as programs use it: shallow and deep copies of nested lists, dicts, sets and tuples,
# shared references and cycles kept by the memo, instances (with their own __copy__ and
# __deepcopy__ hooks, and without), arrays (copied as arrays), and the collections' containers.
import copy
import numpy as np
a = [1, [2, 3], {"k": [4]}]
b = copy.copy(a)
c = copy.deepcopy(a)
a[1].append(99)
a[2]["k"].append(5)
print(a, b, c, b[1] is a[1], c[1] is a[1])
d = {"x": {1, 2}, "y": (1, [2])}
e = copy.deepcopy(d)
d["y"][1].append(3)
print(d, e, e["y"] is d["y"])
t = (1, 2, "x")
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy((1, [2]))  == (1, [2]))
cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[0], cc[1] is cc, cc is not cyc)
shared = [0]
pair = [shared, shared]
pc = copy.deepcopy(pair)
print(pc[0] is pc[1], pc[0] is not shared)
class Node:
    def __init__(self, val, children=None):
        self.val = val
        self.children = children or []
    def __repr__(self):
        return f"Node({self.val}, {self.children})"
n = Node(1, [Node(2), Node(3)])
n2 = copy.deepcopy(n)
n3 = copy.copy(n)
n.children[0].val = 20
print(n, n2, n3, n3.children is n.children, type(n2).__name__)
class Hooked:
    def __init__(self, v):
        self.v = v
    def __copy__(self):
        print("copy hook")
        return Hooked(self.v)
    def __deepcopy__(self, memo):
        print("deepcopy hook", type(memo).__name__)
        return Hooked(copy.deepcopy(self.v, memo))
h = Hooked([1])
h2 = copy.copy(h)
h3 = copy.deepcopy([h, h])
print(h2.v is h.v, h3[0] is h3[1], h3[0].v == [1])
x = np.arange(4.0)
y = copy.deepcopy(x)
z = copy.copy({"w": x})
print(type(y).__name__, y, z["w"] is x, copy.deepcopy({"w": x})["w"])
from collections import namedtuple, OrderedDict, defaultdict, Counter, deque
P = namedtuple("P", "a b")
p = P([1], 2)
q = copy.deepcopy(p)
p.a.append(2)
print(q, type(q).__name__, copy.copy(p) == p)
dd = defaultdict(list, {"a": [1]})
dd2 = copy.deepcopy(dd)
dd["a"].append(2)
print(dd2, copy.copy(Counter("aab")), copy.deepcopy(OrderedDict(a=[1])), copy.deepcopy(deque([[1], 2], maxlen=5)))
class WithSet:
    pass
w = WithSet()
w.s = {1, 2}
w.me = w
w2 = copy.deepcopy(w)
print(w2.s == w.s, w2.s is w.s, w2.me is w2)

