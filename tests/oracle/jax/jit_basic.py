import jax
import jax.numpy as jnp
from jax import jit

def selu(x, alpha=1.67, lam=1.05):
    return lam * jnp.where(x > 0, x, alpha * jnp.exp(x) - alpha)

selu_jit = jit(selu)
x = jnp.linspace(-2.0, 2.0, 7)
print(selu(x))
print(selu_jit(x))
print(selu_jit(x * 2.0))

@jit
def poly(x, y):
    return x ** 2 + 3.0 * x * y - y ** 3

print(poly(1.0, 2.0), poly(jnp.array([1.0, 2.0]), jnp.array([0.5, -0.5])))

@jax.jit
def step(state):
    return {"x": state["x"] + state["v"] * 0.1, "v": state["v"] - state["x"] * 0.1}

s = {"x": jnp.array(1.0), "v": jnp.array(0.0)}
for i in range(5):
    s = step(s)
print(s["x"], s["v"])
