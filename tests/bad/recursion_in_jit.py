# expect: RecursionError
# span: return f(x * 2.0)
import jax


@jax.jit
def f(x):
    return f(x * 2.0)


f(1.0)
