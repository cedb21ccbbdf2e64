# expect: NotImplementedError
# span: slope.export.onnx(jnp.cumprod, jnp.ones(3), path="cumprod.onnx")
# cpython: ModuleNotFoundError
import jax.numpy as jnp
import slope

slope.export.onnx(jnp.cumprod, jnp.ones(3), path="cumprod.onnx")
