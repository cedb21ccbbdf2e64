# Functions whose outputs are not computed by any equation: an argument returned as it is, a
# literal, a captured constant, the same value twice; under every transformation.
import jax
import jax.numpy as jnp
from jax import grad, jit, vmap, jvp, vjp, value_and_grad, jacfwd, jacrev, hessian

c = jnp.array([1.0, 2.0, 3.0])

def show(*vals):
    for v in jax.tree_util.tree_leaves(vals):
        print(v)

ident = lambda x: x
const = lambda x: 2.0
captured = lambda x: c
twice = lambda x: (x, x)
mixed = lambda x: (c, x, 2.5, x, x + 1.0)

for x in [4.0, jnp.float32(-1.5), jnp.arange(3.0)]:
    for f in [ident, const, captured, twice, mixed]:
        show(jit(f)(x))
        show(jvp(f, (x,), (jnp.ones_like(x),)))
        out, back = vjp(f, x)
        show(out, back(out))
        show(vmap(f)(jnp.stack([x, x + 1.0])))
        show(jacfwd(f)(x), jacrev(f)(x))
        show(jit(jit(f))(x), jit(vmap(f))(jnp.stack([x, 2.0 * x])))

for f in [ident, lambda x: x * 0.0 + 3.0, lambda x: jnp.sum(c) + 0.0 * x]:
    show(grad(f)(1.5), value_and_grad(f)(1.5), hessian(f)(1.5), grad(grad(f))(1.5))
    show(jit(grad(f))(2.0), vmap(grad(f))(jnp.arange(3.0)), grad(lambda y: jit(f)(y))(0.5))

show(jit(lambda x: 2 * x, static_argnums=0)(10))
show(jit(lambda n, x: x, static_argnums=0)(3, 7.0))
show(grad(lambda x, y: x, argnums=1)(1.0, 2.0))
show(grad(lambda x, y: y, argnums=(0, 1))(1.0, 2.0))

# A value staged at top level (not yet computed) returned by a traced function.
y = c * 2.0
show(jit(lambda z: y)(1.0), jit(lambda z: (y, z, y))(1.0), vmap(lambda z: y)(c), grad(lambda z: jnp.sum(y) + z)(1.0))
