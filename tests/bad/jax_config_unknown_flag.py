# expect: AttributeError
# span: jax.config.update("jax_enable_x46", True)
# cpython: AttributeError
import jax

jax.config.update("jax_enable_x46", True)
