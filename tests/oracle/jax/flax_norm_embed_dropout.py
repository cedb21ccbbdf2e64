# rtol: 1e-4
# atol: 1e-5
# words: params batch_stats Dense_0 Dense_1 BatchNorm_0 LayerNorm_0 embed norm head embedding kernel bias scale mean var
# flax.linen: BatchNorm (batch_stats collection, mutable=['batch_stats'], running averages),
# LayerNorm, Dropout (rngs={'dropout': key}), Embed (and attend), method=, with Flax's values.
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


class Net(nn.Module):
    train: bool = True

    @nn.compact
    def __call__(self, x):
        x = nn.Dense(6)(x)
        x = nn.BatchNorm(use_running_average=not self.train, momentum=0.9)(x)
        x = nn.LayerNorm()(x)
        x = nn.Dropout(0.5, deterministic=not self.train)(x)
        return nn.Dense(2)(x)


class Tok(nn.Module):
    vocab: int = 11

    def setup(self):
        self.embed = nn.Embed(self.vocab, 5)
        self.norm = nn.LayerNorm(epsilon=1e-5)
        self.head = nn.Dense(3, use_bias=False)

    def __call__(self, ids):
        return self.head(self.norm(self.embed(ids)))

    def logits(self, ids):
        return self.embed.attend(self(ids) @ jnp.ones((3, 5)))


x = jax.random.normal(jax.random.PRNGKey(1), (4, 3))
v = Net().init({"params": jax.random.PRNGKey(0), "dropout": jax.random.PRNGKey(2)}, x)
show(v)
y, upd = Net().apply(v, x, rngs={"dropout": jax.random.PRNGKey(3)}, mutable=["batch_stats"])
print(np.round(np.asarray(y), 5))
show(upd)
y2, upd2 = Net().apply({"params": v["params"], "batch_stats": upd["batch_stats"]}, x * 2, rngs={"dropout": jax.random.PRNGKey(4)}, mutable=["batch_stats"])
print(np.round(np.asarray(y2), 5))
show(upd2)
ye = Net(train=False).apply({"params": v["params"], "batch_stats": upd2["batch_stats"]}, x)
print(np.round(np.asarray(ye), 5))

ids = jnp.array([[1, 2, 3], [4, 5, 10]])
t = Tok()
tv = t.init(jax.random.PRNGKey(7), ids)
show(tv)
print(np.round(np.asarray(t.apply(tv, ids)), 5))
print(np.asarray(t.apply(tv, ids, method=Tok.logits)))

ln = nn.LayerNorm(use_bias=False)
lv = ln.init(jax.random.PRNGKey(0), x)
show(lv)
print(np.round(np.asarray(ln.apply(lv, x)), 5))
drop = nn.Dropout(0.25)
print(np.asarray(drop.apply({}, jnp.ones((2, 6)), deterministic=False, rngs={"dropout": jax.random.PRNGKey(11)})))
