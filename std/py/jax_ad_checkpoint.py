"""jax.ad_checkpoint: checkpoint (remat), checkpoint_name and checkpoint_policies. Slope stores
every residual, so these change what is saved in JAX only; values and gradients are the same."""
import jax as _jax

checkpoint = _jax.checkpoint
remat = _jax.remat
checkpoint_policies = _jax.checkpoint_policies
checkpoint_name = _jax._checkpoint_name
