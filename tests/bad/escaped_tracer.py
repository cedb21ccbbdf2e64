# expect: UnexpectedTracerError
# span: print(saved[0] + 1.0)
import jax

saved = []


def f(x):
    saved.append(x)
    return x * 2.0


jax.grad(f)(1.0)
print(saved[0] + 1.0)
