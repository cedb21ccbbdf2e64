import jax.numpy as jnp
from jax import grad, vmap, jit

def make_poly(coeffs):
    def p(x):
        return sum(c * x ** i for i, c in enumerate(coeffs))
    return p

p = make_poly([1.0, -2.0, 0.5, 0.25])
dp = grad(p)
print([float(dp(x)) for x in [-1.0, 0.0, 1.0, 2.0]])
scales = {name: s for name, s in [("half", 0.5), ("double", 2.0), ("neg", -1.0)]}
fs = {name: (lambda x, s=s: jnp.sin(s * x)) for name, s in scales.items()}
for name in sorted(fs):
    print(name, grad(fs[name])(0.3))
compose = lambda f, g: lambda x: f(g(x))
h = compose(jnp.exp, compose(jnp.sin, lambda x: x * 3.0))
print(h(0.2), grad(h)(0.2), jit(grad(grad(h)))(0.2))
print(vmap(grad(make_poly([0.0, 0.0, 1.0])))(jnp.arange(4.0)))
