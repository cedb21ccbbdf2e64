# Where arrays live, as a JAX program on a CPU machine sees it: jax.devices(), device counts,
# default_backend, x.device / x.devices(), device_put (numpy arrays and numbers to jax.Arrays,
# float64 canonicalised) and device_get (jax.Arrays to numpy arrays) over pytrees; numpy 2's
# ndarray.device.
# rtol: 0
import jax
import jax.numpy as jnp
import numpy as np

print(jax.devices(), jax.local_devices(), jax.device_count(), jax.local_device_count())
print(jax.default_backend(), jax.process_index(), jax.process_count())
x = jnp.arange(3.0)
print(x.device, x.devices(), x.device == jax.devices()[0])
d = jax.devices()[0]
print(d.id, d.platform)
p = jax.device_put({"w": np.ones((2, 2)), "b": 3.0, "n": [np.arange(3)]})
print(isinstance(p["w"], jax.Array), p["w"].dtype, p["n"][0].dtype, p["b"])
print(jax.device_put(x, jax.devices()[0]))
g = jax.device_get({"a": jnp.ones(2), "k": 7})
print(type(g["a"]).__name__, g["a"].dtype, g["k"])
print(np.ones(2).device)
