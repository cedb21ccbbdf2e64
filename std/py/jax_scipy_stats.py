"""jax.scipy.stats: `norm` (its own module, imported on first use)."""
