import jax.numpy as jnp
from jax import grad, jvp, hessian, vjp

def f(x):
    return jnp.sum(jnp.sin(x) * x ** 2) + jnp.prod(x[:2])

def hvp(f, x, v):
    return jvp(grad(f), (x,), (v,))[1]

def hvp_rev(f, x, v):
    return grad(lambda y: jnp.vdot(grad(f)(y), v))(x)

x = jnp.array([0.3, -0.7, 1.1])
v = jnp.array([1.0, 0.5, -2.0])
print(hvp(f, x, v))
print(hvp_rev(f, x, v))
print(hessian(f)(x) @ v)
_, f_vjp = vjp(grad(f), x)
print(f_vjp(v)[0])
