# jax.nn.initializers: the same values as JAX's for the same keys and shapes (jax.random draws
# JAX's bits; truncated_normal and orthogonal are built over them as JAX builds them).
import jax
import jax.numpy as jnp
from jax.nn import initializers as init
import jax.nn.initializers

keys = [jax.random.key(0), jax.random.PRNGKey(42), jax.random.split(jax.random.key(7))[1]]
shapes = [(3, 4), (5, 2), (2, 3, 4)]
makers = ["glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal",
          "lecun_uniform", "xavier_normal", "xavier_uniform", "kaiming_normal", "kaiming_uniform"]
for k, shape in zip(keys, shapes):
    for name in makers:
        print(name, shape, getattr(init, name)()(k, shape))
    print("normal", init.normal()(k, shape), init.normal(stddev=2.0)(k, shape))
    print("uniform", init.uniform()(k, shape), init.uniform(scale=3.0)(k, shape))
    print("truncated_normal", init.truncated_normal(stddev=0.5)(k, shape))
    print("zeros ones constant", init.zeros(k, shape), init.ones(k, shape, jnp.float32), init.constant(-7.5)(k, shape))
    for mode in ["fan_in", "fan_out", "fan_avg", "fan_geo_avg"]:
        for dist in ["truncated_normal", "normal", "uniform"]:
            print("variance_scaling", mode, dist, init.variance_scaling(0.7, mode, dist)(k, shape))

print("in_axis", init.glorot_normal(in_axis=0, out_axis=(1, 2))(keys[0], (3, 4, 5)))
print("he conv", init.he_normal()(keys[1], (3, 3, 2, 4)))
print("orthogonal", init.orthogonal()(keys[0], (3, 3)))
print("orthogonal tall", init.orthogonal()(keys[1], (5, 3)))
print("orthogonal wide", init.orthogonal(scale=2.0)(keys[2], (2, 4)))
print("orthogonal 3d", init.orthogonal(column_axis=0)(keys[0], (3, 2, 2)))
print("trunc bounds", jnp.min(init.truncated_normal(1.0)(keys[0], (2000,))), jnp.max(init.truncated_normal(1.0)(keys[0], (2000,))))
print("random.truncated_normal", jax.random.truncated_normal(keys[1], -1.0, 2.5, (3, 4)))
print("random.truncated_normal arrays", jax.random.truncated_normal(keys[2], jnp.array([-1.0, -2.0, 0.5]), jnp.array([1.0, 0.5, 3.0])))
print("random.orthogonal", jax.random.orthogonal(keys[0], 3), jax.random.orthogonal(keys[1], 2, (2,)))
