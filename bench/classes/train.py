# A training loop written twice: parameters in a dict, and in a class registered as a pytree
# (with a __call__ and a method that uses them). Same data, same updates; the program prints
# the median time per step of each, measured in alternating rounds, and the final losses
# (which must agree). Runs under slope and under CPython with JAX.
import time
import jax
import jax.numpy as jnp
from jax.tree_util import register_pytree_node_class, tree_map

STEPS = 200
ROUNDS = 5
LR = 0.05


def init(n_in, n_hidden, n_out):
    k1, k2 = jax.random.split(jax.random.PRNGKey(0))
    return {
        "w1": jax.random.normal(k1, (n_in, n_hidden)) * 0.3,
        "b1": jnp.zeros(n_hidden),
        "w2": jax.random.normal(k2, (n_hidden, n_out)) * 0.3,
        "b2": jnp.zeros(n_out),
    }


def predict(p, x):
    h = jnp.tanh(x @ p["w1"] + p["b1"])
    return h @ p["w2"] + p["b2"]


def loss_dict(p, x, y):
    return jnp.mean((predict(p, x) - y) ** 2)


@jax.jit
def step_dict(p, x, y):
    g = jax.grad(loss_dict)(p, x, y)
    return tree_map(lambda a, b: a - LR * b, p, g)


@register_pytree_node_class
class MLP:
    def __init__(self, w1, b1, w2, b2):
        self.w1, self.b1, self.w2, self.b2 = w1, b1, w2, b2

    def hidden(self, x):
        return jnp.tanh(x @ self.w1 + self.b1)

    def __call__(self, x):
        return self.hidden(x) @ self.w2 + self.b2

    def tree_flatten(self):
        return (self.w1, self.b1, self.w2, self.b2), None

    @classmethod
    def tree_unflatten(cls, aux, children):
        return cls(*children)


def loss_obj(m, x, y):
    return jnp.mean((m(x) - y) ** 2)


@jax.jit
def step_obj(m, x, y):
    g = jax.grad(loss_obj)(m, x, y)
    return tree_map(lambda a, b: a - LR * b, m, g)


x = jax.random.normal(jax.random.PRNGKey(1), (256, 32))
y = jnp.sin(x[:, :4])
p = init(32, 64, 4)
m = MLP(p["w1"], p["b1"], p["w2"], p["b2"])

# Warm up (tracing and compiling happen here).
for _ in range(20):
    p = step_dict(p, x, y)
    m = step_obj(m, x, y)
jax.block_until_ready(p) if hasattr(jax, "block_until_ready") else None

per_step = {"dict": [], "class": []}
for r in range(ROUNDS):
    for name in ["dict", "class"] if r % 2 == 0 else ["class", "dict"]:
        times = []
        for _ in range(STEPS):
            t0 = time.perf_counter()
            if name == "dict":
                p = step_dict(p, x, y)
                float(p["b2"][0])
            else:
                m = step_obj(m, x, y)
                float(m.b2[0])
            times.append(time.perf_counter() - t0)
        times.sort()
        per_step[name].append(times[len(times) // 2])

for name in ["dict", "class"]:
    ts = sorted(per_step[name])
    print(f"{name} {ts[len(ts) // 2] * 1e6:.1f} us/step (rounds {min(ts) * 1e6:.1f}..{max(ts) * 1e6:.1f})")
print(f"loss dict {float(loss_dict(p, x, y)):.6f} class {float(loss_obj(m, x, y)):.6f}")
