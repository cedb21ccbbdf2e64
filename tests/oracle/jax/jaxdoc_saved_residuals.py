# What reverse mode saves (jax.ad_checkpoint.print_saved_residuals, autodiff_remat.md's cells):
# each residual's type and where it comes from. JAX also names each equation's source line,
# which Slope's IR does not keep: the lines are compared up to " from /path".
import contextlib
import io

import jax
import jax.numpy as jnp
from jax.ad_checkpoint import print_saved_residuals


def show(f, *args):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print_saved_residuals(f, *args)
    for line in buf.getvalue().splitlines():
        print(line.split(" from /")[0].removesuffix(" from "))
    print("--")


def g(W, x):
    y = jnp.dot(W, x)
    return jnp.sin(y)


W1 = jnp.ones((5, 4))
x = jnp.ones(4)
show(g, W1, x)


def f(W1, W2, W3, x):
    x = g(W1, x)
    x = g(W2, x)
    x = g(W3, x)
    return x


W2 = jnp.ones((6, 5))
W3 = jnp.ones((7, 6))
show(f, W1, W2, W3, x)


def predict(params, x):
    *Ws, Wlast = params
    for W in Ws:
        x = jnp.tanh(jnp.dot(W, x))
    return jnp.dot(Wlast, x)


def loss(params, x, y):
    return ((predict(params, x) - y) ** 2).sum()


params = [jnp.ones((3, 4)) * 0.1, jnp.ones((3, 3)) * 0.2, jnp.ones((2, 3))]
show(loss, params, jnp.arange(4.0), jnp.ones(2))
show(jnp.sin, 1.0)
show(lambda a, b: {"s": a * b, "e": jnp.exp(a)}["s"].sum() + jnp.exp(b).sum(), jnp.arange(3.0), {"k": jnp.ones(3)}["k"])
