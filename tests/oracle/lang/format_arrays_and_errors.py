# %-formatting and format specs of numpy/JAX scalars and arrays, f-strings of 0-d arrays,
# type(e).__name__ of caught errors, dir() of the session.
import numpy as np
import jax.numpy as jnp

x = np.float64(1.23456)
print("%.3f" % x, "%.2f" % jnp.array(2.5), "%d items" % np.int64(3), "%5.1f|%s" % (np.array(1.25), jnp.array([1.0, 2.0])))
print("%-6s|%+d|%05.1f|%x|%e" % ("ab", 5, 2.25, 255, 12345.678), "%(a)s-%(b)03d" % {"a": "k", "b": 7}, "100%%")
print(f"{np.float32(0.2)} {jnp.array(0.1) * 2} {np.array(3)} {np.float64(2.5):.1f} {jnp.array(True)}")
print(format(np.float64(3.14159), ".2f"), "{:>8.3f}|{:<4d}".format(np.float32(1.5), np.int32(7)))
for bad in [lambda: [][0], lambda: {}["k"], lambda: 1 / 0, lambda: int("x"), lambda: np.ones(3) + np.ones(4)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e.__class__.__name__, isinstance(e, Exception))
a_name = 1
print("a_name" in dir(), "np" in dir(), "zz" in dir())
