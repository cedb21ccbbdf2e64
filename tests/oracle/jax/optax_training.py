# rtol: 1e-4
# optax: a small MLP trained 50 steps with each optimizer (a regression loss and a
# cross-entropy one), against the real optax. Float32 training accumulates rounding differences (matmul reduction order), hence
# the tolerance.
import jax
import jax.numpy as jnp
import optax

def init(sizes):
    params = []
    for i in range(len(sizes) - 1):
        n_in, n_out = sizes[i], sizes[i + 1]
        w = jnp.cos(jnp.arange(n_in * n_out, dtype=jnp.float32).reshape(n_in, n_out) * 0.7 + i) / jnp.sqrt(n_in * 1.0)
        params.append({"w": w, "b": jnp.zeros(n_out)})
    return params

def forward(params, x):
    for layer in params[:-1]:
        x = jax.nn.relu(x @ layer["w"] + layer["b"])
    last = params[-1]
    return x @ last["w"] + last["b"]

X = jnp.sin(jnp.arange(32 * 4, dtype=jnp.float32).reshape(32, 4) * 0.37)
Y = jnp.cos(X @ jnp.array([1.0, -2.0, 0.5, 1.5]))[:, None]
labels = (jnp.arange(32) % 3)

def mse(params):
    return jnp.mean(optax.l2_loss(forward(params, X), Y))

def xent(params):
    logits = forward(params, X)
    return jnp.mean(optax.softmax_cross_entropy_with_integer_labels(logits, labels))

def train(opt, loss_fn, sizes, steps=50):
    params = init(sizes)
    state = opt.init(params)

    @jax.jit
    def step(params, state):
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, state = opt.update(grads, state, params)
        return optax.apply_updates(params, updates), state, loss

    losses = []
    for i in range(steps):
        params, state, loss = step(params, state)
        losses.append(float(loss))
    return params, state, losses

configs = [
    ("adam", optax.adam(1e-2)),
    ("adamw+clip", optax.chain(optax.clip_by_global_norm(0.5), optax.adamw(1e-2, weight_decay=1e-2))),
    ("sgd momentum", optax.sgd(0.05, momentum=0.9)),
    ("sgd nesterov", optax.sgd(0.05, momentum=0.9, nesterov=True)),
    ("sgd", optax.sgd(0.1)),
    ("rmsprop", optax.rmsprop(1e-2)),
    ("rmsprop momentum", optax.rmsprop(1e-3, momentum=0.9)),
    ("adagrad", optax.adagrad(0.1)),
    ("lion", optax.lion(1e-3)),
]
for name, opt in configs:
    params, state, losses = train(opt, mse, [4, 8, 1])
    print(name, "losses", [round(l, 6) for l in losses[::7]], losses[-1])
    print(name, "final", params)

params, state, losses = train(optax.adam(1e-2), xent, [4, 8, 3])
print("xent", losses[::10], losses[-1])
print("adam state count", state[0].count, type(state[0]).__name__, state[0]._fields, type(state[1]).__name__)
print("mu", state[0].mu[0]["b"])

