# jax.nn.initializers: the same values as JAX's for the same keys and shapes (jax.random draws
# JAX's bits; truncated_normal and orthogonal are built over them as JAX builds them).
import jax
import jax.numpy as jnp
from jax.nn import initializers as init
import jax.nn.initializers

keys = [jax.random.key(0), jax.random.PRNGKey(42), jax.random.split(jax.random.key(7))[1]]
shapes = [(3, 4), (5, 2), (2, 3, 4)]
makers = ["glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform"]
for k, shape in zip(keys[:2], shapes[:2]):
    for name in makers:
        print(name, shape, getattr(init, name)()(k, shape))
    print("normal", init.normal()(k, shape), init.normal(stddev=2.0)(k, shape))
    print("uniform", init.uniform()(k, shape), init.uniform(scale=3.0)(k, shape))
    print("truncated_normal", init.truncated_normal(stddev=0.5)(k, shape))
    print("zeros ones constant", init.zeros(k, shape), init.ones(k, shape, jnp.float32), init.constant(-7.5)(k, shape))
print("3d", init.glorot_uniform()(keys[2], shapes[2]), init.lecun_normal()(keys[2], shapes[2]))
print("aliases", init.xavier_normal()(keys[0], (2, 3)), init.xavier_uniform()(keys[0], (2, 3)),
      init.kaiming_normal()(keys[1], (2, 3)), init.kaiming_uniform()(keys[1], (2, 3)))
