import jax.numpy as jnp
from jax import vmap

def f(state, inp):
    pos, vel = state["pos"], state["vel"]
    new_vel = vel + inp["force"] * inp["dt"]
    return {"pos": pos + new_vel * inp["dt"], "vel": new_vel, "tag": None}, [jnp.sum(pos), (jnp.max(vel),)]

state = {"pos": jnp.arange(6.0).reshape(3, 2), "vel": jnp.ones((3, 2))}
inp = {"force": jnp.array([[0.0, -1.0], [1.0, 0.0], [0.5, 0.5]]), "dt": 0.1}
out, aux = vmap(f, in_axes=(0, {"force": 0, "dt": None}))(state, inp)
print(out["pos"])
print(out["vel"])
print(out["tag"] is None)
print(aux[0], aux[1][0])
res = vmap(lambda t: (t[0] * 2.0, {"s": t[1] + 1.0}))((jnp.array([1.0, 2.0]), jnp.array([3.0, 4.0])))
print(res[0], res[1]["s"])
