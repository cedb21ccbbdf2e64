import jax.numpy as jnp
from jax import grad, vmap

def log_softmax(z):
    z = z - jnp.max(z, axis=-1, keepdims=True)
    return z - jnp.log(jnp.sum(jnp.exp(z), axis=-1, keepdims=True))

def xent(logits, label):
    return -log_softmax(logits)[label]

logits = jnp.array([[2.0, 1.0, -1.0, 0.5], [0.0, 0.0, 3.0, 1.0], [-2.0, 4.0, 1.0, 1.0]])
labels = jnp.array([0, 2, 3])
print(vmap(xent)(logits, labels))
print(jnp.mean(vmap(xent)(logits, labels)))
g = grad(lambda l: jnp.mean(vmap(xent)(l, labels)))(logits)
print(g)
onehot = (jnp.arange(4)[None, :] == labels[:, None]).astype(jnp.float32)
sm = jnp.exp(log_softmax(logits))
print((sm - onehot) / 3.0)

def xent_onehot(w, x, y):
    return -jnp.mean(jnp.sum(y * log_softmax(x @ w), axis=-1))

w = jnp.array([[0.5, -0.5, 0.1, 0.0], [0.2, 0.3, -0.4, 0.1]])
x = jnp.array([[1.0, 2.0], [0.5, -1.0], [0.0, 1.0]])
print(xent_onehot(w, x, onehot))
print(grad(xent_onehot)(w, x, onehot))
