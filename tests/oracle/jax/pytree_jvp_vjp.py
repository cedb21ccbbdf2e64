import jax.numpy as jnp
from jax import jvp, vjp, linearize

def f(p):
    return {"y": p["w"] * jnp.sin(p["x"]), "z": (jnp.sum(p["w"]), p["x"][0] ** 2)}

p = {"w": jnp.array([1.0, 2.0]), "x": jnp.array([0.5, -0.5])}
t = {"w": jnp.array([0.1, 0.0]), "x": jnp.array([0.0, 1.0])}
out, tout = jvp(f, (p,), (t,))
print(out["y"], out["z"][0], out["z"][1])
print(tout["y"], tout["z"][0], tout["z"][1])
out, f_vjp = vjp(f, p)
(ct,) = f_vjp({"y": jnp.array([1.0, -1.0]), "z": (2.0, 0.5)})
print(ct["w"], ct["x"])
y, f_lin = linearize(f, p)
lt = f_lin(t)
print(lt["y"], lt["z"][0], lt["z"][1])
