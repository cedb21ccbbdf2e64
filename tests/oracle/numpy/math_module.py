# The math module next to numpy on scalars.
import numpy as np
import math

xs = [0.1, 0.5, 1.0, 2.0]
for x in xs:
    print(f"{x}: {math.sqrt(x):.12f} {math.log(x):.12f} {math.exp(x):.12f} {math.atan(x):.12f}")
arr = np.array(xs)
print(np.allclose(np.sqrt(arr), [math.sqrt(v) for v in xs]))
print(math.floor(-2.5), math.ceil(-2.5), abs(-3.0))
print(math.isnan(float("nan")), math.isinf(math.inf), math.isnan(1.0))
print(math.pow(2.0, 0.5), math.log10(1000.0), math.log2(1024.0))
print(math.tanh(0.5), math.cos(math.pi / 3), math.sin(math.pi / 2), math.tan(0.25))
print(math.inf > 1e300, math.e ** 2, math.exp(2.0))
