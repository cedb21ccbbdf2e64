# Closures, lambdas, and higher-order functions over arrays.
import numpy as np

def make_scaler(lo, hi):
    def scale(x):
        return (x - lo) / (hi - lo)
    return scale

def compose(f, g):
    return lambda x: f(g(x))

x = np.array([2.0, 4.0, 6.0, 8.0])
s = make_scaler(x.min(), x.max())
print(s(x))
sq_then_scale = compose(s, lambda v: v ** 2 / 8)
print(sq_then_scale(x))
ops = {"double": lambda v: 2 * v, "neg": np.negative, "sqrt": np.sqrt}
for name in ["double", "neg", "sqrt"]:
    print(name, ops[name](x))

def counter():
    count = [0]
    def inc(v):
        count[0] += 1
        return v + count[0]
    return inc

c = counter()
print(c(x), c(x), c(np.zeros(2)))
acts = [np.tanh, lambda v: np.maximum(v, 0.0), lambda v: 1 / (1 + np.exp(-v))]
z = np.array([-2.0, 0.0, 2.0])
print([a(z).sum() for a in acts])
