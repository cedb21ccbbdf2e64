# JAX's documentation (docs/gradient-checkpointing.md) without print_saved_residuals: jax.checkpoint
# with policies, jax.ad_checkpoint.checkpoint_name, the same values and gradients as without.
# rtol: 1e-6
import jax
import jax.numpy as jnp
from jax.ad_checkpoint import checkpoint_name


def g(W, x):
    y = jnp.dot(W, x)
    return jnp.sin(y)


def f4(W1, W2, W3, x):
    x = checkpoint_name(g(W1, x), name="a")
    x = checkpoint_name(g(W2, x), name="b")
    x = checkpoint_name(g(W3, x), name="c")
    return x


W1 = jnp.ones((5, 4)) * 0.1
W2 = jnp.ones((6, 5)) * 0.2
W3 = jnp.ones((7, 6)) * 0.3
x = jnp.arange(4.0)
f4c = jax.checkpoint(f4, policy=jax.checkpoint_policies.save_only_these_names("a"))
print(f4c(W1, W2, W3, x))
print(jax.grad(lambda *a: f4c(*a).sum(), argnums=(0, 3))(W1, W2, W3, x))
f5 = jax.checkpoint(lambda W, v: g(W, g(W.T @ W, v)), policy=jax.checkpoint_policies.dots_with_no_batch_dims_saveable)
print(jax.jacrev(f5, argnums=1)(W1, x))
