"""jax.example_libraries: `optimizers` and `stax` (each its own module, imported on first use)."""
