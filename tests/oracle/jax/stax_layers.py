# jax.example_libraries.stax's combinators (serial, parallel, FanOut, FanInSum, Identity,
# Flatten, Dropout) with JAX's initial values for the same keys, and optimizers' sgd, l2_norm and
# clip_grads.
import jax
import jax.numpy as jnp
from jax import random
from jax.example_libraries import optimizers, stax
from jax.example_libraries.stax import Dense, Sigmoid, Softmax, Flatten

# combinators
init_fun, apply_fun = stax.serial(stax.FanOut(2), stax.parallel(Dense(4), stax.Identity), stax.parallel(Sigmoid, Softmax))
shape, params = init_fun(random.PRNGKey(3), (2, 4))
print("parallel", shape, params)
print(apply_fun(params, jnp.ones((2, 4))))
init_fun, apply_fun = stax.serial(stax.FanOut(2), stax.parallel(Dense(4), Dense(4)), stax.FanInSum, Flatten)
shape, params = init_fun(random.PRNGKey(4), (2, 3))
print("fanin", shape, apply_fun(params, jnp.arange(6.0).reshape(2, 3)))
init_fun, apply_fun = stax.serial(Flatten, Dense(2))
shape, params = init_fun(random.PRNGKey(5), (3, 2, 2))
print("flatten", shape, apply_fun(params, jnp.ones((3, 2, 2))))
init_fun, apply_fun = stax.Dropout(0.5)
print("dropout eval", stax.Dropout(0.5, mode="test")[1]((), jnp.ones(4), rng=random.PRNGKey(2)))
print("dropout", apply_fun((), jnp.arange(8.0), rng=random.PRNGKey(1)))
print("l2", optimizers.l2_norm(params), optimizers.clip_grads(params, 0.5))
init_fun, apply_fun = stax.serial(Flatten, Dense(2))
shape, params = init_fun(random.PRNGKey(6), (3, 2, 2))
opt_init, opt_update, get_params = optimizers.sgd(0.1)
state = opt_init(params)
for i in range(3):
    state = opt_update(i, jax.grad(lambda p: jnp.sum(apply_fun(p, jnp.ones((3, 2, 2))) ** 2))(get_params(state)), state)
print("sgd", get_params(state))
