# atol: 1e-6
# jax.linear_transpose: the transpose of linear maps (scalings, a matrix product, a linearized
# function, two inputs), compared with JAX's; reverse mode as linearize + transpose equals grad.
import jax
import jax.numpy as jnp

t = jax.linear_transpose(lambda x: 2.0 * x, 1.0)
print(t(1.0))

A = jnp.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
mt = jax.linear_transpose(lambda x: A @ x, jnp.zeros(3))
(ct,) = mt(jnp.array([1.0, -1.0]))
print(ct, A.T @ jnp.array([1.0, -1.0]))

def f(x):
    return jnp.sum(jnp.sin(x) * x)

x = jnp.array([0.5, 1.0, 2.0])
y, f_jvp = jax.linearize(f, x)
(g,) = jax.linear_transpose(f_jvp, x)(1.0)
print(g)
print(jax.grad(f)(x))

two = jax.linear_transpose(lambda a, b: 3.0 * a - b, jnp.ones(2), jnp.ones(2))
ga, gb = two(jnp.array([1.0, 2.0]))
print(ga, gb)
print(jax.linear_transpose(lambda v: (v[0] + v[1], v[1]), jnp.ones(2))((1.0, 5.0)))
