"""jax.scipy: `special` and `stats` (each its own module, imported on first use)."""
