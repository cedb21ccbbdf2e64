# jax.nn.initializers.variance_scaling in every mode and distribution, fans over chosen axes,
# orthogonal, and jax.random.truncated_normal/orthogonal: the same values as JAX's for the same keys.
import jax
import jax.numpy as jnp
from jax.nn import initializers as init

keys = [jax.random.key(0), jax.random.PRNGKey(42), jax.random.split(jax.random.key(7))[1]]
for mode in ["fan_in", "fan_out", "fan_avg", "fan_geo_avg"]:
    for dist in ["truncated_normal", "normal", "uniform"]:
        print("variance_scaling", mode, dist, init.variance_scaling(0.7, mode, dist)(keys[0], (3, 4)))
print("variance_scaling 3d", init.variance_scaling(2.0, "fan_avg", "truncated_normal")(keys[1], (2, 3, 4)))


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
