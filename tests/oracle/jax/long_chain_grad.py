# rtol: 1e-4
# The gradient of a 900-operation chain, jitted and batched: long graphs
# whose backward pass holds hundreds of saved values. (Fusing them into one kernel once took
# minutes to compile; fusion now bounds a kernel's size.)
import jax
import jax.numpy as jnp


def f(x):
    for i in range(300):
        x = x + 0.002 * jnp.tanh(jnp.sin(3.0 * x) + 0.001 * i)
    return x


print(jax.grad(f)(1.0))
print(jax.jit(jax.grad(f))(0.5))
print(jax.vmap(jax.grad(f))(jnp.linspace(-1.0, 1.0, 5)))
