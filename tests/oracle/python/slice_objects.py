# Slices as objects: their parts, indices(), slices of non-integers handed to __getitem__, and
# CPython's errors when a list is indexed by one; range's parts.
s = slice(1, 10, 2)
print(s.start, s.stop, s.step, s, s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
print(slice(5).start, slice(5).stop, slice(2, 8).step)
print(slice(100, -100, -3).indices(7), slice(-100, 100).indices(3))

class Grid:
    def __getitem__(self, key):
        if isinstance(key, tuple):
            return [self[k] for k in key]
        if isinstance(key, slice):
            return ("slice", key.start, key.stop, key.step)
        return ("item", key)

g = Grid()
print(g[0:1:0.25], g["a":"b"], g[1.5:], g[:2, 0.5:1.5:0.1], g[3])
print(slice(0.5, 2.5), slice("x", None, 3), repr(slice(1.0, 2)))
print(isinstance(slice(0.5, 1), slice), type(slice(0.5, 1)).__name__)

for bad in (lambda: [1, 2, 3][0.5:2], lambda: "abc"[:1.5], lambda: (1, 2)[::0.5], lambda: slice(0.5, 1).indices(3), lambda: slice(1, 2, 0).indices(3)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

r = range(2, 20, 3)
print(r.start, r.stop, r.step, range(5).start, range(5).step)
