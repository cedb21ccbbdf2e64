"""jax.experimental, as far as programs written for JAX reach: io_callback, enable_x64 and
disable_x64."""
import jax as _jax

io_callback = _jax._io_callback
enable_x64 = _jax._enable_x64
disable_x64 = _jax._disable_x64
