import jax
import jax.numpy as jnp
from jax import jit

@jit
def update(params, grads, lr):
    return {k: [p - lr * g for p, g in zip(params[k], grads[k])] for k in params}

params = {"a": [jnp.array(1.0), jnp.array([1.0, 2.0])], "b": [jnp.array([[0.5]])]}
grads = {"a": [jnp.array(0.5), jnp.array([-1.0, 1.0])], "b": [jnp.array([[2.0]])]}
new = update(params, grads, 0.1)
print(new["a"][0], new["a"][1], new["b"][0])
new = update(new, grads, 0.2)
print(new["a"][0], new["a"][1], new["b"][0])

@jax.jit
def stats(xs):
    return {"mean": jnp.mean(xs), "minmax": (jnp.min(xs), jnp.max(xs)), "none": None}

s = stats(jnp.array([3.0, -1.0, 4.0, 1.5]))
print(s["mean"], s["minmax"][0], s["minmax"][1], s["none"] is None)
