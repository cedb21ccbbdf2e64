# rtol: 1e-4
# atol: 1e-4
# words: Conv_0 Conv_1 Dense_0 Dense_1 kernel bias
# Flax's MNIST example (examples/mnist/train.py): its CNN, create_train_state (TrainState with
# optax.sgd momentum), apply_model and update_model under jax.jit, run unchanged on random 28x28
# images from jax.random (batch 8, 50 steps, as issue 13 asks): the same parameters and the
# same losses as Flax.
import jax
import jax.numpy as jnp
import numpy as np
import optax
from flax import linen as nn
from flax.training import train_state


class CNN(nn.Module):
  """A simple CNN model."""

  @nn.compact
  def __call__(self, x):
    x = nn.Conv(features=32, kernel_size=(3, 3))(x)
    x = nn.relu(x)
    x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
    x = nn.Conv(features=64, kernel_size=(3, 3))(x)
    x = nn.relu(x)
    x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
    x = x.reshape((x.shape[0], -1))  # flatten
    x = nn.Dense(features=256)(x)
    x = nn.relu(x)
    x = nn.Dense(features=10)(x)
    return x


@jax.jit
def apply_model(state, images, labels):
  """Computes gradients, loss and accuracy for a single batch."""

  def loss_fn(params):
    logits = state.apply_fn({'params': params}, images)
    one_hot = jax.nn.one_hot(labels, 10)
    loss = jnp.mean(optax.softmax_cross_entropy(logits=logits, labels=one_hot))
    return loss, logits

  grad_fn = jax.value_and_grad(loss_fn, has_aux=True)
  (loss, logits), grads = grad_fn(state.params)
  accuracy = jnp.mean(jnp.argmax(logits, -1) == labels)
  return grads, loss, accuracy


@jax.jit
def update_model(state, grads):
  return state.apply_gradients(grads=grads)


def create_train_state(rng, learning_rate, momentum):
  """Creates initial `TrainState`."""
  cnn = CNN()
  params = cnn.init(rng, jnp.ones([1, 28, 28, 1]))['params']
  tx = optax.sgd(learning_rate, momentum)
  return train_state.TrainState.create(apply_fn=cnn.apply, params=params, tx=tx)


rng = jax.random.PRNGKey(0)
rng, init_rng, data_rng = jax.random.split(rng, 3)
state = create_train_state(init_rng, 0.005, 0.9)
for name in sorted(state.params):
  for p in sorted(state.params[name]):
    a = np.asarray(state.params[name][p])
    print(name, p, a.shape, round(float((a.astype(np.float64) ** 2).sum()), 4), np.round(a.ravel()[:3], 6))

k1, k2 = jax.random.split(data_rng)
images = jax.random.uniform(k1, (8, 28, 28, 1))
labels = jax.random.randint(k2, (8,), 0, 10)
for step in range(50):
  grads, loss, accuracy = apply_model(state, images, labels)
  state = update_model(state, grads)
  print(step, float(loss), float(accuracy))
print(int(state.step), round(float(jnp.sum(state.params['Dense_1']['bias'])), 5))
