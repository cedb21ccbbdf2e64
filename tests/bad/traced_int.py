# expect: ConcretizationTypeError
# span: for i in range(n):
# cpython: TracerIntegerConversionError
import jax


@jax.jit
def f(x, n):
    for i in range(n):
        x = x * 2.0
    return x


print(f(1.0, 3))
