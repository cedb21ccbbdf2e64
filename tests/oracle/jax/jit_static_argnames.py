import jax
import jax.numpy as jnp
from jax import jit

def normalize(x, axis, eps=1e-6):
    mu = jnp.mean(x, axis=axis, keepdims=True)
    sd = jnp.std(x, axis=axis, keepdims=True)
    return (x - mu) / (sd + eps)

f = jit(normalize, static_argnames=["axis"])
x = jnp.array([[1.0, 2.0, 4.0], [0.0, -1.0, 3.0]])
print(f(x, axis=0))
print(f(x, axis=1))

def act(x, kind):
    return jnp.tanh(x) if kind == "tanh" else jnp.maximum(x, 0.0)

g = jax.jit(act, static_argnames="kind")
print(g(x, kind="tanh"))
print(g(x, kind="relu"))
h = jit(lambda x, n=2: x ** n, static_argnames=("n",))
print(h(x, n=3))
