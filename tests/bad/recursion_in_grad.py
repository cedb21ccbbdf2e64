# expect: RecursionError
# span: return energy(x * 0.5) + x
import jax


def energy(x):
    return energy(x * 0.5) + x


print(jax.grad(energy)(1.0))
