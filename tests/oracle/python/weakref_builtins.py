# weakref (ref, WeakValueDictionary, WeakKeyDictionary, WeakSet) and the builtins module, as
# JAX's autodidax uses them (a shadowed `map`/`zip` calling builtins'; tracers held weakly).
import builtins
import gc
import weakref


def map(f, *xs):
    return list(builtins.map(f, *xs))


def zip(*args):
    fst, *rest = args = map(list, args)
    return list(builtins.zip(*args))


print(map(lambda a: a * 2, [1, 2, 3]), zip("ab", (1, 2)), builtins.len([1, 2]), builtins.max(3, 9))
print(builtins.print is print, hasattr(builtins, "isinstance"))


class Tracer:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Tracer({self.name})"


t = Tracer("a")
r = weakref.ref(t)
print(r() is t, r(), isinstance(r, weakref.ReferenceType), r == weakref.ref(t), hash(r) == hash(t))
del t
gc.collect()
print(r(), r() is None)


def f():
    pass


rf = weakref.ref(f)
print(rf() is f, weakref.ref(Tracer)() is Tracer)
for bad in [1, "s", [1], (1,)]:
    try:
        weakref.ref(bad)
    except TypeError as e:
        print("TypeError:", e)

# A cycle freed by the collector: the weak reference sees it go.
a, b = Tracer("x"), Tracer("y")
a.other, b.other = b, a
ra = weakref.ref(a)
del a, b
gc.collect()
print(ra())

d = weakref.WeakValueDictionary()
keep = Tracer("keep")
d["k"] = keep
d["gone"] = Tracer("gone")
gc.collect()
print(sorted(d.keys()), "k" in d, "gone" in d, d.get("gone"), d["k"], len(d))
k1, k2 = Tracer("k1"), Tracer("k2")
wk = weakref.WeakKeyDictionary()
wk[k1] = 1
wk[k2] = 2
del k2
gc.collect()
print(len(wk), wk[k1], k1 in wk, [x.name for x in wk])
ws = weakref.WeakSet([keep, k1])
del k1
gc.collect()
print(len(ws), keep in ws)
