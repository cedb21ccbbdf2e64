# expect: TracerBoolConversionError
# span: if x > 0:
import jax


@jax.jit
def f(x):
    if x > 0:
        return x * 2.0
    return -x


print(f(1.0))
