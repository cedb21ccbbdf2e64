# rtol: 1e-4
# atol: 1e-6
# words: params Dense_0 Dense_1 Dense_2 Conv_0 Conv_1 layers_0 layers_2 kernel bias encoder decoder blocks_0 blocks_1 hidden out
# flax.linen: init gives Flax's parameter tree (names, shapes) and initial values for the same
# key: an MLP of Dense (compact, names Dense_0...), a setup-style model with attribute and list
# submodules, nn.Sequential, and a CNN with Conv (SAME/VALID, strides), max_pool/avg_pool, Dense.
import jax
import jax.numpy as jnp
import numpy as np
import flax.linen as nn


def show(tree, path=""):
    for k in sorted(tree):
        v = tree[k]
        if isinstance(v, dict):
            show(v, path + "/" + k)
        else:
            a = np.asarray(v)
            print(path + "/" + k, a.shape, round(float(a.sum()), 5), np.round(a.ravel()[:4], 6))


class MLP(nn.Module):
    features: tuple = (16, 8, 3)

    @nn.compact
    def __call__(self, x):
        for f in self.features[:-1]:
            x = nn.relu(nn.Dense(f)(x))
        return nn.Dense(self.features[-1])(x)


class Block(nn.Module):
    width: int

    def setup(self):
        self.hidden = nn.Dense(self.width)
        self.out = nn.Dense(self.width, use_bias=False, kernel_init=nn.initializers.xavier_uniform())

    def __call__(self, x):
        return x + self.out(nn.gelu(self.hidden(x)))


class AutoEncoder(nn.Module):
    latent: int = 2

    def setup(self):
        self.encoder = nn.Dense(self.latent)
        self.blocks = [Block(4), Block(4)]
        self.decoder = nn.Dense(4)

    def __call__(self, x):
        for b in self.blocks:
            x = b(x)
        return self.decoder(nn.tanh(self.encoder(x)))

    def encode(self, x):
        return self.encoder(x)


class CNN(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.Conv(features=4, kernel_size=(3, 3))(x)
        x = nn.max_pool(nn.relu(x), window_shape=(2, 2), strides=(2, 2))
        x = nn.Conv(features=6, kernel_size=(2, 2), strides=(1, 2), padding="VALID")(x)
        x = nn.avg_pool(x, window_shape=(2, 2), padding="SAME")
        x = x.reshape((x.shape[0], -1))
        return nn.Dense(features=5)(x)


key = jax.random.PRNGKey(42)
x = jax.random.normal(jax.random.PRNGKey(1), (2, 4))

mlp = MLP()
v = mlp.init(key, x)
show(v)
print(np.round(np.asarray(mlp.apply(v, x)), 5))

ae = AutoEncoder()
v = ae.init(jax.random.PRNGKey(3), x)
show(v)
print(np.round(np.asarray(ae.apply(v, x)), 5))
print(np.round(np.asarray(ae.apply(v, x, method=AutoEncoder.encode)), 5))
print(np.round(np.asarray(ae.apply(v, x, method="encode")), 5))

seq = nn.Sequential([nn.Dense(5), nn.relu, nn.Dense(2)])
v = seq.init(jax.random.PRNGKey(5), x)
show(v)
print(np.round(np.asarray(seq.apply(v, x)), 5))

d = nn.Dense(3)
v = d.init(jax.random.PRNGKey(0), jnp.ones((1, 2)))
show(v)

img = jax.random.uniform(jax.random.PRNGKey(9), (2, 8, 8, 3))
cnn = CNN()
v = cnn.init(jax.random.PRNGKey(7), img)
show(v)
print(np.round(np.asarray(cnn.apply(v, img)), 5))
