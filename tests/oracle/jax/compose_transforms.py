import jax.numpy as jnp
from jax import grad, vmap, jit, jvp, jacfwd, value_and_grad

def f(x, y):
    return jnp.sin(x * y) + x ** 2 * y

xs = jnp.array([0.1, 0.5, 1.0])
ys = jnp.array([2.0, -1.0, 0.5])
print(jit(vmap(grad(f)))(xs, ys))
print(vmap(jit(grad(f, argnums=1)))(xs, ys))
print(grad(jit(lambda x: jnp.sum(vmap(f, in_axes=(0, None))(x, 2.0))))(xs))
print(jit(jacfwd(lambda v: vmap(f)(v, ys)))(xs))
print(vmap(lambda x: jvp(lambda t: f(t, 3.0), (x,), (1.0,))[1])(xs))
v, g = jit(value_and_grad(lambda x: jnp.sum(jit(f)(x, ys))))(xs)
print(v, g)
print(grad(grad(jit(grad(lambda x: f(x, 1.5)))))(0.25))
