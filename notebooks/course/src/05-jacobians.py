# required_images: 3

# %% [markdown]
# # Unit 5 — Jacobians: forward or reverse?
#
# For $f: \mathbb{R}^n \to \mathbb{R}^m$ the Jacobian $J_f(x)$ is the $m \times n$ matrix of
# partial derivatives $\partial f_i / \partial x_j$. Units 3 and 4 gave two ways to get at it:
#
# - **forward mode** (`jvp`) computes $J v$: one *column* of $J$ per pass;
# - **reverse mode** (`vjp`) computes $u^\top J$: one *row* of $J$ per pass.
#
# So the full Jacobian costs $n$ forward passes or $m$ backward passes. `jax.jacfwd` builds it
# column by column, `jax.jacrev` row by row (both batch their passes with `vmap`, unit 8). Which
# is cheaper depends on the *shape* of the function: tall (many outputs, few inputs) favours
# forward mode; wide (many inputs, few outputs — every loss function) favours reverse mode.

# %%
import numpy as np
import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import slope

# %% [markdown]
# ## Two shapes of function
#
# `tall` maps 4 numbers to 600; `wide` maps 600 numbers to 4. Both are one layer of a network:
# a matrix product followed by `tanh`.

# %%
n_big, n_small = 600, 4
W_tall = jnp.asarray(np.random.default_rng(0).normal(size=(n_big, n_small)) / 2)
W_wide = jnp.asarray(np.random.default_rng(1).normal(size=(n_small, n_big)) / 20)

def tall(x):
    return jnp.tanh(W_tall @ x)

def wide(x):
    return jnp.tanh(W_wide @ x)

x_small = jnp.linspace(-1.0, 1.0, n_small)
x_big = jnp.linspace(-1.0, 1.0, n_big)
print("tall: J is", jax.jacfwd(tall)(x_small).shape, "  wide: J is", jax.jacrev(wide)(x_big).shape)

# %% [markdown]
# Forward and reverse mode compute the same matrix (to float32 rounding):

# %%
print(np.abs(jax.jacfwd(tall)(x_small) - jax.jacrev(tall)(x_small)).max())
print(np.abs(jax.jacfwd(wide)(x_big) - jax.jacrev(wide)(x_big)).max())

# %% [markdown]
# ## Timing them
#
# `%timeit` runs a statement many times and reports the mean and spread, as in IPython. We make
# the Jacobian functions once (`jax.jacfwd(tall)` is a new function; calling it traces `tall`
# the first time and reuses the trace afterwards), then time calls.
#
# For `tall`, `jacfwd` pushes 4 tangents and `jacrev` pulls back 600 cotangents, so `jacrev`
# should be the slower one; for `wide` it is the other way round. (The numbers depend on the
# machine; the ratio is what matters.)

# %%
jf_tall, jr_tall = jax.jacfwd(tall), jax.jacrev(tall)
jf_wide, jr_wide = jax.jacfwd(wide), jax.jacrev(wide)
jf_tall(x_small); jr_tall(x_small); jf_wide(x_big); jr_wide(x_big)   # trace once

# %%
%timeit -n 5 -r 3 jf_tall(x_small)

# %%
%timeit -n 5 -r 3 jr_tall(x_small)

# %%
%timeit -n 5 -r 3 jf_wide(x_big)

# %%
%timeit -n 5 -r 3 jr_wide(x_big)

# %% [markdown]
# The same comparison as a picture, timed with `time.perf_counter` so the numbers can be
# plotted. Change `n_big` at the top and run again: the gap grows with the ratio of the sides.

# %%
import time

def best_of(fn, arg, repeat=5):
    fn(arg)
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        np.asarray(fn(arg))
        best = min(best, time.perf_counter() - t)
    return best * 1e3

ms = {
    ("tall", "jacfwd"): best_of(jf_tall, x_small), ("tall", "jacrev"): best_of(jr_tall, x_small),
    ("wide", "jacfwd"): best_of(jf_wide, x_big), ("wide", "jacrev"): best_of(jr_wide, x_big),
}
fig, ax = plt.subplots(figsize=(6, 3.4))
pos = np.arange(2)
ax.bar(pos - 0.2, [ms[("tall", "jacfwd")], ms[("wide", "jacfwd")]], 0.4, label="jacfwd (columns)")
ax.bar(pos + 0.2, [ms[("tall", "jacrev")], ms[("wide", "jacrev")]], 0.4, label="jacrev (rows)")
ax.set_xticks(pos, [f"tall: {n_small} → {n_big}", f"wide: {n_big} → {n_small}"])
ax.set_yscale("log")
ax.set_ylim(min(ms.values()) / 3, max(ms.values()) * 40)   # room for the legend at the top
ax.set_ylabel("ms per Jacobian (best of 5, log scale)")
ax.set_title("forward mode for tall Jacobians, reverse mode for wide ones")
ax.legend(loc="upper center", ncol=2)

# %% [markdown]
# ## Looking at a Jacobian
#
# A Jacobian is a matrix, so we can look at it as a picture: row $i$ is output $i$, column $j$
# is input $j$, red is positive, blue negative, and white means "output $i$ does not depend on
# input $j$". `slope.plot_jacobian(f, x)` computes it with `jax.jacrev` and draws it.
#
# Its *structure* says how information flows through `f`. A moving average of three neighbours
# only mixes neighbours, so its Jacobian is a band; a running sum (`cumsum`) makes output $i$
# depend on every input up to $i$, a triangle. Try `jnp.sort(x)` (a permutation) or `x * x`
# (a diagonal).

# %%
def smooth_then_sum(x):
    smoothed = (x[:-2] + x[1:-1] + x[2:]) / 3
    return jnp.concatenate([smoothed, jnp.cumsum(x)[::3] / 4])

slope.plot_jacobian(smooth_then_sum, jnp.linspace(0.0, 1.0, 12))

# %% [markdown]
# Softmax turns scores into probabilities. Every output depends on every input — raising one
# score lowers the other probabilities — so its Jacobian is dense, with a positive diagonal and
# negative entries elsewhere. For small matrices `plot_jacobian` writes the numbers in the cells.

# %%
def softmax(z):
    e = jnp.exp(z - z.max())
    return e / e.sum()

z = jnp.array([1.0, 2.0, 0.5, -1.0, 3.0])
slope.plot_jacobian(softmax, z)

# %% [markdown]
# ### Exercise: the softmax Jacobian in closed form
#
# With $s = \mathrm{softmax}(z)$, calculus gives $\partial s_i / \partial z_j = s_i(\delta_{ij} - s_j)$.
# Write that matrix with `jnp` operations (no `jax.jac*`) as `J_formula`; the check compares it
# with `jax.jacrev(softmax)(z)`. (`jnp.diag` and `jnp.outer` help.)

# %%
s = softmax(z)

# %% [answer]
J_formula = jnp.diag(s) - jnp.outer(s, s)

# %% [wrong]
J_formula = jnp.diag(s)

# %% [check]
J_auto = jax.jacrev(softmax)(z)
assert J_formula.shape == (5, 5), f"Hint: the Jacobian of softmax of 5 scores is 5 × 5, got shape {J_formula.shape}"
assert np.allclose(J_formula, J_auto, atol=1e-5), "Hint: s_i (δ_ij − s_j) is diag(s) minus the outer product of s with itself."
print("matches jacrev; the rows sum to zero (probabilities always sum to 1):", float(np.abs(J_formula.sum(axis=1)).max()) < 1e-6)
