# rtol: 1e-4
# optax: a small MLP trained 50 steps with learning-rate schedules, chains of transformations
# and masks, against the real optax; then the schedules and losses on their own. Float32
# training accumulates rounding differences (matmul reduction order), hence the tolerance.
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
    ("adam cosine", optax.adam(optax.warmup_cosine_decay_schedule(0.0, 1e-2, 10, 50, end_value=1e-4))),
    ("sgd exp decay", optax.sgd(optax.exponential_decay(0.1, 10, 0.5))),
    ("sgd linear", optax.sgd(optax.linear_schedule(0.1, 0.01, 40))),
    ("sgd piecewise", optax.sgd(optax.piecewise_constant_schedule(0.1, {10: 0.5, 30: 0.1}))),
    ("clip+scale", optax.chain(optax.clip(0.05), optax.scale(-0.5))),
    ("adamw masked", optax.adamw(1e-2, weight_decay=0.1, mask=lambda p: [{"b": False, "w": True} for _ in p])),
    ("masked prefix", optax.chain(optax.masked(optax.sgd(0.1, momentum=0.5), [True, False]), optax.masked(optax.adam(1e-2), [False, True]))),
    ("decay+adam", optax.chain(optax.add_decayed_weights(1e-3), optax.scale_by_adam(), optax.scale_by_schedule(optax.cosine_decay_schedule(1e-2, 50)), optax.scale(-1.0))),
]
for name, opt in configs:
    params, state, losses = train(opt, mse, [4, 8, 1])
    print(name, "losses", [round(l, 6) for l in losses[::7]], losses[-1])
    print(name, "final", params)

# schedules and losses directly
for s in [optax.constant_schedule(0.3), optax.exponential_decay(1.0, 5, 0.5, staircase=True),
          optax.exponential_decay(1.0, 5, 0.5, transition_begin=3, end_value=0.2),
          optax.cosine_decay_schedule(2.0, 20, alpha=0.1), optax.warmup_cosine_decay_schedule(0.0, 1.0, 5, 20),
          optax.linear_schedule(1.0, 0.0, 10, transition_begin=2), optax.polynomial_schedule(1.0, 0.1, 2, 10),
          optax.piecewise_constant_schedule(1.0, {3: 0.5, 8: 0.2}), optax.schedules.linear_schedule(0.0, 1.0, 4)]:
    print([float(s(i)) for i in [0, 1, 2, 3, 5, 8, 10, 15, 20, 25]])

logits = jnp.array([[1.0, 2.0, -1.0], [0.5, 0.5, 3.0]])
onehot = jnp.array([[0.0, 1.0, 0.0], [0.2, 0.3, 0.5]])
print(optax.softmax_cross_entropy(logits, onehot), optax.losses.softmax_cross_entropy(logits, onehot))
print(optax.softmax_cross_entropy_with_integer_labels(logits, jnp.array([1, 2])))
print(optax.sigmoid_binary_cross_entropy(logits, onehot))
print(optax.l2_loss(logits, onehot), optax.squared_error(logits, onehot), optax.l2_loss(logits))
print(optax.huber_loss(logits, onehot, delta=0.5), optax.losses.huber_loss(logits))
print(optax.global_norm({"a": logits, "b": [onehot, jnp.ones(3)]}))
g = {"a": logits, "b": onehot}
u, _ = optax.clip_by_global_norm(1.0).update(g, optax.clip_by_global_norm(1.0).init(g))
print(u)
print(jax.grad(lambda l: jnp.sum(optax.softmax_cross_entropy_with_integer_labels(l, jnp.array([1, 2]))))(logits))
