# np.isdtype (numpy 2) on dtypes, scalar types and kind names, and a.imag of real arrays (zeros),
# as numpy's docstrings use them; jax.numpy's isdtype beside.
import numpy as np
import jax.numpy as jnp

for m in (np, jnp):
    print(m.isdtype(m.float32, m.float64), m.isdtype(m.float32, "real floating"), m.isdtype(m.int8, ("bool", "integral")))
    print(m.isdtype(m.dtype("uint16"), "unsigned integer"), m.isdtype(m.bool_, "numeric"), m.isdtype(m.int64, "signed integer"))
    print(m.isdtype(m.float16, ("complex floating", "real floating")), m.isdtype(m.uint8, "signed integer"), m.isdtype(m.int32, m.int32))
    print(m.isdtype(m.arange(3).dtype, "integral"), m.isdtype(m.ones(2).dtype, "numeric"))
    try:
        m.isdtype(m.float32, "floating")
    except ValueError:
        print("ValueError")
a = np.array([[1.0, -2.0], [3.0, 4.5]])
print(a.imag, a.imag.dtype, np.arange(3).imag, a.real, jnp.arange(3.0).imag)
