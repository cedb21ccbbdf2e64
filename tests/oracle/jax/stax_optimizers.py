# rtol: 1e-4
# jax.example_libraries: a stax network initialised with the same values as JAX's for the same
# key, trained with the optimizers' (init_fun, update_fun, get_params) triples as in JAX's docs.
import jax
import jax.numpy as jnp
from jax import jit, grad, random
from jax.example_libraries import optimizers, stax
from jax.example_libraries.stax import Dense, Relu, LogSoftmax, Tanh, Sigmoid, Softmax, Flatten

init_random_params, predict = stax.serial(
    Dense(16), Relu,
    Dense(8), Tanh,
    Dense(3), LogSoftmax)

rng = random.PRNGKey(0)
out_shape, init_params = init_random_params(rng, (-1, 5))
print("out_shape", out_shape)
print("init params", init_params)

X = jnp.sin(jnp.arange(40 * 5, dtype=jnp.float32).reshape(40, 5) * 0.31)
targets = jax.nn.one_hot(jnp.arange(40) % 3, 3)

def loss(params, batch):
    inputs, targets = batch
    preds = predict(params, inputs)
    return -jnp.mean(jnp.sum(preds * targets, axis=1))

def accuracy(params, batch):
    inputs, targets = batch
    return jnp.mean(jnp.argmax(predict(params, inputs), axis=1) == jnp.argmax(targets, axis=1))

for name, opt in [("adam", optimizers.adam(1e-2)), ("momentum", optimizers.momentum(0.05, mass=0.9)),
                  ("rmsprop", optimizers.rmsprop(1e-3)),
                  ("adagrad decay", optimizers.adagrad(optimizers.exponential_decay(0.1, 10, 0.5)))]:
    opt_init, opt_update, get_params = opt

    @jit
    def update(i, opt_state, batch):
        params = get_params(opt_state)
        return opt_update(i, grad(loss)(params, batch), opt_state)

    opt_state = opt_init(init_params)
    for i in range(30):
        opt_state = update(i, opt_state, (X, targets))
        if i % 10 == 0:
            print(name, i, loss(get_params(opt_state), (X, targets)))
    params = get_params(opt_state)
    print(name, "final", loss(params, (X, targets)), accuracy(params, (X, targets)))
    print(name, "last layer", params[4])

leaves = jax.tree_util.tree_leaves(opt_state)
print("state leaves", len(leaves), type(opt_state).__name__)

