# required_images: 2

# %% [markdown]
# # Unit 4 — Forward mode: pushing a tangent
#
# Reverse mode (units 2 and 3) starts at the output and walks the graph backwards. Forward mode
# walks it the other way: it carries, next to every value, a second number saying *how fast that
# value moves* when the input moves in a chosen direction. That second number is the **tangent**.
# At the end of the program the output's tangent is the directional derivative
#
# $$ \texttt{jvp}(f, x, v) = \big(f(x),\; J_f(x)\,v\big), $$
#
# the Jacobian of $f$ at $x$ times the direction $v$ — a *Jacobian-vector product*. Nothing in
# forward mode builds the Jacobian: it pushes one vector through the program, one operation at a
# time, alongside the ordinary computation.

# %%
import math
import numpy as np
import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import slope

# %% [markdown]
# ## `jax.jvp` on a function of one number
#
# `jax.jvp(f, primals, tangents)` takes the point (`primals`, a tuple) and the direction
# (`tangents`, a tuple of the same shapes) and returns the value and the output tangent. For a
# function of one number and the tangent `1.0`, the output tangent is the ordinary derivative,
# the same number `jax.grad` gives.

# %%
def f(x):
    return jnp.sin(x) * x

y, ydot = jax.jvp(f, (1.0,), (1.0,))
print("f(1)          =", y)
print("jvp tangent   =", ydot)
print("grad(f)(1)    =", jax.grad(f)(1.0))
print("by hand       =", math.cos(1.0) * 1.0 + math.sin(1.0))

# %% [markdown]
# The tangent is linear in the direction: pushing `2.0` instead of `1.0` gives twice the output
# tangent. Try `0.5` or `-3.0`.

# %%
print(jax.jvp(f, (1.0,), (2.0,))[1])

# %% [markdown]
# ## What jvp does inside: dual numbers
#
# Forward mode fits in a few lines of Python. A `Dual` holds a value and its tangent; every
# operation computes its result *and* the result's tangent with the rule from calculus (the
# product rule for `*`, the chain rule for `sin`). Running an ordinary program on duals is
# forward mode. This is what `jax.jvp` does too, one rule per primitive, on Slope's IR.

# %%
class Dual:
    def __init__(self, value, tangent=0.0):
        self.value = value
        self.tangent = tangent

    def __add__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        return Dual(self.value + other.value, self.tangent + other.tangent)

    __radd__ = __add__

    def __mul__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        # the product rule: (uv)' = u'v + uv'
        return Dual(self.value * other.value, self.tangent * other.value + self.value * other.tangent)

    __rmul__ = __mul__

    def __repr__(self):
        return f"Dual(value={self.value:.6f}, tangent={self.tangent:.6f})"


def dsin(d):
    # the chain rule: sin(u)' = cos(u) u'
    return Dual(math.sin(d.value), math.cos(d.value) * d.tangent)


def f_dual(x):
    return dsin(x) * x

print(f_dual(Dual(1.0, 1.0)))

# %% [markdown]
# Same value, same tangent as `jax.jvp` above (up to float32 rounding: JAX arrays are 32-bit,
# Python floats 64-bit).
#
# ### Exercise 1: the rule for `exp`
#
# Write `dexp(d)`, the dual-number version of $e^u$. Its value is `math.exp(d.value)`; what is
# its tangent? The check pushes a tangent through `exp(x) * x` and compares with `jax.jvp`.

# %% [answer]
def dexp(d):
    return Dual(math.exp(d.value), math.exp(d.value) * d.tangent)

# %% [wrong]
def dexp(d):
    return Dual(math.exp(d.value), d.tangent)

# %% [check]
got = dexp(Dual(0.7, 1.0)) * Dual(0.7, 1.0)
want = jax.jvp(lambda x: jnp.exp(x) * x, (0.7,), (1.0,))[1]
assert abs(got.tangent - float(want)) < 1e-4, "Hint: the chain rule says exp(u)' = exp(u) · u' — multiply by the incoming tangent d.tangent."
print("correct:", got)

# %% [markdown]
# ## A curve and its tangent vectors
#
# Tangents are most vivid for a curve in the plane, $c(t) = (x(t), y(t))$. Pushing the tangent
# `dt` through $c$ at time $t$ gives the velocity times `dt`: the first-order prediction of where
# the curve will be a moment later,
#
# $$ c(t + dt) \approx c(t) + c'(t)\,dt. $$
#
# `slope.plot_curve` draws the curve, the arrows `jax.jvp` returns at a few times, and (orange
# squares) where the curve really is at `t + dt`. Where the curve bends hard, the straight arrow
# misses its square: the first-order prediction ignores curvature. Make `dt` smaller and the
# arrows land closer.

# %%
def c(t):
    return jnp.array([jnp.cos(t) + 0.4 * jnp.cos(3 * t), jnp.sin(t) - 0.4 * jnp.sin(3 * t)])

slope.plot_curve(c, 0.0, 2 * math.pi, tangents=[0.0, 0.8, 1.6, 2.6, 3.6, 4.7, 5.6], dt=0.35)

# %% [markdown]
# ## Pushing a whole direction through a map of the plane
#
# For a map $g: \mathbb{R}^2 \to \mathbb{R}^2$ the tangent is a vector, and `jvp` sends a small
# arrow at $x$ to the arrow $J_g(x)\,v$ at $g(x)$. Below, a grid of the plane (left) is bent by
# $g$ (right); the red and blue arrows are the two unit directions $e_1, e_2$ at one point,
# pushed through by `jvp`. They land tangent to the images of the grid lines through that point,
# because a grid line *is* a curve whose velocity is $e_1$ (or $e_2$).

# %%
def g(p):
    x, y = p[0], p[1]
    return jnp.array([x + 0.3 * jnp.sin(2 * y), y + 0.3 * x * x])

x0 = jnp.array([0.5, 0.25])
gx0, push1 = jax.jvp(g, (x0,), (jnp.array([1.0, 0.0]),))
_, push2 = jax.jvp(g, (x0,), (jnp.array([0.0, 1.0]),))

fig, axs = plt.subplots(1, 2, figsize=(9, 4.2))
s = np.linspace(-1, 1, 41)
for k in np.linspace(-1, 1, 9):
    for ax, fn in ((axs[0], lambda q: q), (axs[1], lambda q: np.asarray(jax.vmap(g)(jnp.asarray(q))))):
        h = fn(np.stack([s, np.full_like(s, k)], axis=1))
        v = fn(np.stack([np.full_like(s, k), s], axis=1))
        ax.plot(h[:, 0], h[:, 1], color="0.75", lw=0.8)
        ax.plot(v[:, 0], v[:, 1], color="0.75", lw=0.8)
scale = 0.4
for ax, base, e1, e2 in ((axs[0], x0, jnp.array([1.0, 0.0]), jnp.array([0.0, 1.0])), (axs[1], gx0, push1, push2)):
    ax.quiver([base[0]], [base[1]], [e1[0] * scale], [e1[1] * scale], angles="xy", scale_units="xy", scale=1, color="C3", width=0.01)
    ax.quiver([base[0]], [base[1]], [e2[0] * scale], [e2[1] * scale], angles="xy", scale_units="xy", scale=1, color="C0", width=0.01)
    ax.plot([base[0]], [base[1]], "ko")
    ax.axis("equal")
axs[0].set_title("input plane: x and the directions e1, e2")
axs[1].set_title("g(plane): g(x) and jvp(g, x, e1), jvp(g, x, e2)")

# %% [markdown]
# ## One pass per input direction
#
# One `jvp` gives one column of the Jacobian: $J e_1$ is column 1, $J e_2$ column 2. A function
# with $n$ inputs needs $n$ forward passes for its full Jacobian — cheap when $n$ is small,
# expensive for a loss of a million parameters, where reverse mode gets the whole gradient in
# one backward pass. Unit 5 measures exactly this trade-off.

# %%
print("columns from jvp:\n", np.stack([np.asarray(push1), np.asarray(push2)], axis=1))
print("jax.jacfwd:\n", jax.jacfwd(g)(x0))

# %% [markdown]
# ### Exercise 2: a directional derivative
#
# Let $h(x, y) = x^2 y + \sin y$. Use **one** call of `jax.jvp` to compute the rate of change of
# $h$ at $(1, 2)$ when the point moves with velocity $(3, -1)$; store it in `rate`. (The tangents
# tuple has one entry per argument of `h`.)

# %%
def h(x, y):
    return x * x * y + jnp.sin(y)

# %% [answer]
rate = jax.jvp(h, (1.0, 2.0), (3.0, -1.0))[1]

# %% [wrong]
rate = jax.grad(h)(1.0, 2.0)

# %% [check]
expected = 2 * 1.0 * 2.0 * 3.0 + (1.0 ** 2 + math.cos(2.0)) * -1.0
assert abs(float(rate) - expected) < 1e-4, "Hint: the directional derivative is ∇h · v = ∂h/∂x · 3 + ∂h/∂y · (−1); jax.jvp(h, (1.0, 2.0), (3.0, -1.0)) returns (h, that number)."
print("rate =", rate)
