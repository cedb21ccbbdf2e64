# JAX's documentation (docs/new_docs/301/custom-jvp-vjp.md, nondiff_argnums): arguments that are
# not differentiated may be anything — a function, a string, a keyword function — in grad,
# value_and_grad, jacfwd and jacrev (JAX binds them with argnums_partial); a custom_jvp's
# nondiff_argnums function under grad.
# rtol: 1e-6
import jax, jax.numpy as jnp
from jax import grad, custom_jvp, jacfwd, jacrev, value_and_grad
from functools import partial

@partial(custom_jvp, nondiff_argnums=(0,))
def app(f, x):
  return f(x)

@app.defjvp
def app_jvp(f, primals, tangents):
  x, = primals
  x_dot, = tangents
  return f(x), 2. * x_dot

print(app(lambda x: x ** 3, 3.))
print(grad(app, 1)(lambda x: x ** 3, 3.))
def loss(model, params, x, *, act):
    return jnp.sum(act(model(params, x)) ** 2)
model = lambda p, x: p["w"] * x + p["b"]
p = {"w": jnp.array([1.0, 2.0]), "b": jnp.array(0.5)}
print(grad(loss, 1)(model, p, jnp.array([0.3, -0.2]), act=jnp.tanh))
print(value_and_grad(loss, argnums=(1, 2))(model, p, jnp.array([0.3, -0.2]), act=jnp.tanh))
print(jacfwd(lambda s, x: jnp.sin(x) * len(s), 1)("abc", jnp.array([0.1, 0.2])))
print(jacrev(lambda s, x: jnp.sin(x) * len(s), argnums=1)("abc", jnp.array([0.1, 0.2])))
print(grad(lambda x, name: x ** 2 if name == "sq" else x ** 3)(3.0, "sq"))
print(grad(lambda x, name: x ** 2 if name == "sq" else x ** 3)(3.0, "cube"))
