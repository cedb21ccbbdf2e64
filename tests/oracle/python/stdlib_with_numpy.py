# The standard library applied to numpy values, as programs mix them: math on numpy scalars,
# fsum over an array, random choices from arrays, json of converted arrays.
import json
import math
import random

import numpy as np

x = np.arange(1.0, 6.0)
print(repr(math.sqrt(np.float64(2.0))), repr(math.exp(x[2])), repr(math.log(np.mean(x))), math.isfinite(x.sum()))
print(math.floor(np.float64(2.5)), math.ceil(np.float64(-2.5)), math.trunc(x[1] / 3), math.factorial(np.int64(5)))
print(repr(math.fsum(x / 3)), repr(math.hypot(*x.tolist())), repr(math.dist(x[:2].tolist(), [0.0, 0.0])), math.prod(x.tolist()))
print(math.isclose(np.float64(0.1) + 0.2, 0.3), math.gcd(np.int64(12), 18), math.comb(np.int64(6), 2))
random.seed(2024)
print(int(random.choice(np.arange(10))), [int(v) for v in random.sample(np.arange(100).tolist(), 5)])
w = np.linspace(0.0, 1.0, 4)
print(random.choices(["a", "b", "c", "d"], weights=w.tolist(), k=8))
print(json.dumps({"mean": float(x.mean()), "values": x.tolist(), "shape": list(x.reshape(5, 1).shape)}))
print(json.loads(json.dumps(x.tolist())) == x.tolist())
