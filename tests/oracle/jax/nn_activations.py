# jax.nn's activations, softmax family, one_hot and standardize: values and gradients over a range
# that includes 0 and negative numbers (relu's gradient at 0 is 0 in JAX).
import jax
import jax.numpy as jnp
import jax.nn as nn
from jax import nn as nn2

xs = jnp.array([-6.0, -3.0, -1.5, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 1.5, 3.0, 6.0, 7.0])

names = ["relu", "relu6", "sigmoid", "softplus", "silu", "swish", "log_sigmoid", "elu", "leaky_relu",
         "tanh", "celu", "selu", "hard_tanh", "soft_sign", "mish", "hard_sigmoid", "hard_silu",
         "squareplus", "sparse_plus", "sparse_sigmoid"]
for name in names:
    f = getattr(nn, name)
    print(name, f(xs))
    print(name, "grad", jax.vmap(jax.grad(f))(xs))

for approx in [True, False]:
    f = lambda x: jax.nn.gelu(x, approximate=approx)
    print("gelu", approx, f(xs))
    print("gelu grad", approx, jax.vmap(jax.grad(f))(xs))

print("elu alpha", nn.elu(xs, alpha=0.5), nn.celu(xs, alpha=2.0), nn.leaky_relu(xs, negative_slope=0.2))
print(jax.grad(lambda x: nn.celu(x, 2.0))(-1.0), jax.grad(lambda x: nn.leaky_relu(x, 0.2))(-1.0))
print("second order", jax.grad(jax.grad(nn.sigmoid))(0.3), jax.grad(jax.grad(nn.softplus))(-0.7),
      jax.grad(jax.grad(lambda x: nn.gelu(x, approximate=False)))(0.4))
print("int relu", nn.relu(jnp.array([-2, 0, 3])), nn.relu(jnp.array([-2, 0, 3])).dtype)

