# jax.nn's softmax family, logsumexp, one_hot, standardize and glu against JAX: values, the
# `where` masks, and gradients.
import jax
import jax.numpy as jnp
import jax.nn as nn
from jax import nn as nn2

x = jnp.array([[1.0, 2.0, 3.0, -1.0], [0.5, -0.5, 4.0, 0.0], [-2.0, -3.0, 10.0, 1.0]])
print("softmax", nn.softmax(x), nn.softmax(x, axis=0), nn.softmax(x, axis=None))
print("log_softmax", nn.log_softmax(x), nn.log_softmax(x, axis=0), nn.log_softmax(x, axis=(0, 1)))
mask = x > 0
print("softmax where", nn.softmax(x, where=mask))
print("log_softmax where", nn.log_softmax(x, where=mask))
print("logsumexp", nn.logsumexp(x), nn.logsumexp(x, axis=1), nn.logsumexp(x, axis=0, keepdims=True))
w = jnp.array([1.0, 2.0, 0.5, 1.0])
loss = lambda x: jnp.sum(nn.log_softmax(x) * w) + jnp.sum(nn.softmax(x, axis=0) ** 2) + nn.logsumexp(x)
print("softmax grads", jax.grad(loss)(x))
print("softmax big", nn.softmax(jnp.array([1000.0, 0.0, -1000.0])), nn.log_softmax(jnp.array([1000.0, 0.0, -1000.0])))

print("one_hot", nn.one_hot(jnp.array([0, 2, 1, 5, -1]), 4))
print("one_hot axis0", nn.one_hot(jnp.array([[0, 1], [2, 0]]), 3, axis=0))
print("one_hot dtype", nn.one_hot(jnp.array([1, 0]), 2, dtype=jnp.int32), nn.one_hot(jnp.array([1, 0]), 2, dtype=jnp.int32).dtype)
print("standardize", nn.standardize(x), nn.standardize(x, axis=0), nn.standardize(x, algorithm="stable"))
print("standardize mean", nn.standardize(x, mean=1.0, variance=4.0))
print("glu", nn2.glu(x))
print("relu at 0 grad", jax.grad(nn.relu)(0.0), jax.grad(nn.relu6)(6.0), jax.grad(nn.relu6)(0.0))
