# expect: ConcretizationTypeError
# span: return float(x) * 2.0
# stdout: 2.0
# A Python number made from a value being differentiated would silently drop its gradient
# (Slope used to print 0.0 here); Python `if` on a comparison stays allowed.
import jax


def f(x):
    if x > 0:
        return float(x) * 2.0
    return -x


print(jax.grad(lambda x: x * 2.0)(1.0))
print(jax.grad(f)(1.0))
