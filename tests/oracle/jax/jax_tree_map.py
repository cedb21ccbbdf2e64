import jax
import jax.numpy as jnp

params = {"layer1": {"w": jnp.ones((2, 3)), "b": jnp.zeros(3)}, "layer2": {"w": jnp.full((3, 1), 0.5), "b": jnp.array([0.25])}}
grads = jax.tree.map(lambda p: p * 0.1 + 0.01, params)
new = jax.tree.map(lambda p, g: p - 0.5 * g, params, grads)
print(new["layer1"]["w"])
print(new["layer1"]["b"])
print(new["layer2"]["w"])
print(new["layer2"]["b"])
print(len(jax.tree.leaves(new)))
sq = sum(jnp.sum(x ** 2) for x in jax.tree.leaves(new))
print(sq)
print(jax.tree.map(lambda x: x.shape[0], params)["layer2"]["w"])
