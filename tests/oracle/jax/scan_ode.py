import jax.numpy as jnp
from jax import grad, jit, lax

def simulate(k, x0, dt=0.05, n=40):
    def step(state, _):
        x, v = state
        a = -k * x - 0.1 * v
        v = v + dt * a
        x = x + dt * v
        return (x, v), x
    (x, v), xs = lax.scan(step, (x0, 0.0), None, length=n)
    return x, xs

x, xs = simulate(4.0, 1.0)
print(x)
print(xs[::8])
print(grad(lambda k: simulate(k, 1.0)[0])(4.0))
print(grad(lambda x0: jnp.sum(simulate(4.0, x0)[1] ** 2))(1.0))
print(jit(lambda k: simulate(k, 0.5)[0])(2.0))
