# required_images: 3

# %% [markdown]
# # Unit 7 — Higher-order derivatives
#
# `jax.grad(f)` is an ordinary function, so it can be differentiated again: `grad(grad(f))` is
# the second derivative, and so on. Every transformation in Slope takes a function and returns a
# function, so they compose freely — forward over reverse, reverse over reverse, `vmap` over any
# of them. This unit climbs the derivative ladder, builds Hessians, and uses them for Newton's
# method.

# %%
import numpy as np
import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import slope

# %% [markdown]
# ## tanh and six of its derivatives
#
# `slope.plot_grad(f, lo, hi, order=k)` applies `jax.grad` $k$ times and evaluates each
# derivative on a grid (with `vmap`). Each derivative of `tanh` is a polynomial in `tanh`, and
# the pictures wiggle more and grow larger with every order.

# %%
slope.plot_grad(jnp.tanh, -3, 3, order=6)

# %% [markdown]
# The same tower written out by hand, at one point. Compare the second derivative with the
# formula $\tanh'' = -2\tanh(1 - \tanh^2)$.

# %%
d = jnp.tanh
x0 = 0.5
for k in range(1, 5):
    d = jax.grad(d)
    print(f"order {k}: {float(d(x0)): .6f}")
t = np.tanh(x0)
print("formula for order 2:", -2 * t * (1 - t * t))

# %% [markdown]
# ## The Hessian
#
# For $f: \mathbb{R}^n \to \mathbb{R}$, the Hessian $H_{ij} = \partial^2 f / \partial x_i \partial x_j$
# is the Jacobian of the gradient. `jax.hessian(f)` is `jacfwd(jacrev(f))`: reverse mode for the
# gradient (one output, many inputs), then forward mode over it (as many outputs as inputs — a
# square Jacobian, where forward mode's columns are as cheap as anything). It is symmetric.

# %%
def f(x):
    return jnp.sum(jnp.sin(x) * jnp.roll(x, 1)) + 0.5 * jnp.sum(x ** 4) / x.size

x = jnp.linspace(-1.0, 1.0, 8)
H = jax.hessian(f)(x)
print("symmetric:", bool(np.allclose(H, H.T, atol=1e-6)))
slope.plot_jacobian(H, title="Hessian of f at x (8 × 8)")

# %% [markdown]
# ## Hessian-vector products, three ways
#
# Optimisers and their analyses often need $Hv$ — the Hessian times one vector — but never the
# whole $n \times n$ matrix, which for a model with $10^6$ parameters has $10^{12}$ entries. Three
# ways to get $Hv$:
#
# 1. **Build $H$, then multiply**: $n$ forward passes over the gradient, $O(n^2)$ memory.
# 2. **Forward over reverse**: $Hv$ is the directional derivative of $\nabla f$ along $v$, so
#    `jvp(grad(f), (x,), (v,))` — one forward pass over one backward pass.
# 3. **Reverse over reverse**: $Hv = \nabla_x\, (\nabla f(x) \cdot v)$, the gradient of a scalar —
#    `grad(lambda x: vdot(grad(f)(x), v))`.
#
# Ways 2 and 3 cost a small constant times one gradient, whatever $n$. Forward-over-reverse is
# usually the fastest.
#
# ### Exercise 1: forward over reverse
#
# Write `hvp_fwd_rev(x, v)` with one `jax.jvp` over `jax.grad(g)`. The check compares it with the
# Hessian built in full.

# %%
n = 300
A = jnp.asarray(np.random.default_rng(0).normal(size=(n, n)) / np.sqrt(n))

def g(x):
    return jnp.sum(jnp.tanh(A @ x) ** 2) + 0.1 * jnp.sum(x ** 2)

def hvp_full(x, v):
    return jax.hessian(g)(x) @ v

def hvp_rev_rev(x, v):
    return jax.grad(lambda y: jnp.vdot(jax.grad(g)(y), v))(x)

xs = jnp.asarray(np.random.default_rng(1).normal(size=n))
vs = jnp.asarray(np.random.default_rng(2).normal(size=n))
want = hvp_full(xs, vs)

# %% [answer]
def hvp_fwd_rev(x, v):
    return jax.jvp(jax.grad(g), (x,), (v,))[1]

# %% [wrong]
def hvp_fwd_rev(x, v):
    return jax.grad(g)(x) * v

# %% [check]
got = hvp_fwd_rev(xs, vs)
assert got.shape == want.shape, f"Hint: Hv has the shape of x, {want.shape}; got {got.shape}"
assert np.allclose(got, want, atol=1e-3), "Hint: differentiate the gradient function along v: jax.jvp(jax.grad(g), (x,), (v,)) returns (∇g(x), H v) — take the second part."
print("H v matches the full Hessian's; max difference", float(np.abs(got - want).max()))

# %% [markdown]
# Now time the three. `jax.jit` traces each once, so `%timeit` measures the computation, not
# the tracing.

# %%
ways = {"full Hessian": jax.jit(hvp_full), "fwd over rev": jax.jit(hvp_fwd_rev), "rev over rev": jax.jit(hvp_rev_rev)}
for name, fn in ways.items():
    print(f"{name:13s}", np.abs(fn(xs, vs) - want).max())

# %%
%timeit -n 3 -r 3 ways["full Hessian"](xs, vs).block_until_ready()

# %%
%timeit -n 3 -r 3 ways["fwd over rev"](xs, vs).block_until_ready()

# %%
%timeit -n 3 -r 3 ways["rev over rev"](xs, vs).block_until_ready()

# %% [markdown]
# ## Newton's method on a quadratic bowl
#
# Near a minimum a loss looks like a quadratic bowl $f(x) = \tfrac12 x^\top A x - b^\top x$, with
# gradient $Ax - b$ and Hessian $A$. Newton's method jumps to the minimum of the local quadratic
# model: $x \leftarrow x - H^{-1} \nabla f(x)$. On a quadratic the model *is* the function, so one
# step lands exactly on the minimum $A^{-1} b$, however elongated the bowl — while gradient
# descent zig-zags across it.
#
# ### Exercise 2: one Newton step
#
# Write `newton_step(x)` with `jax.grad`, `jax.hessian` and `jnp.linalg.solve` (solve
# $H d = \nabla f$ rather than inverting $H$).

# %%
A2 = jnp.array([[3.0, 1.6], [1.6, 1.0]])
b2 = A2 @ jnp.array([0.5, -0.5])   # puts the minimum at (0.5, -0.5)

def bowl(p):
    return 0.5 * p @ A2 @ p - b2 @ p

x_start = jnp.array([-1.8, 2.0])

# %% [answer]
def newton_step(x):
    return x - jnp.linalg.solve(jax.hessian(bowl)(x), jax.grad(bowl)(x))

# %% [wrong]
def newton_step(x):
    return x - jax.grad(bowl)(x) / jnp.diag(jax.hessian(bowl)(x))

# %% [check]
x1 = newton_step(x_start)
assert np.abs(jax.grad(bowl)(x1)).max() < 1e-4, f"Hint: after a Newton step on a quadratic the gradient is zero; yours is {jax.grad(bowl)(x1)}. Solve H d = ∇f with the whole H (jnp.linalg.solve), not just its diagonal."
print("one step lands at", x1, "; the minimum A⁻¹b is", jnp.linalg.solve(A2, b2))

# %% [markdown]
# Both on one picture: `plot_field`'s `paths=` draws several named paths over the same field.
# Gradient descent zig-zags across the bowl's narrow direction and creeps along its long one;
# Newton's step goes straight to the minimum. Try a rounder bowl (`A2 = [[1, 0], [0, 1]]`):
# then gradient descent goes straight too.

# %%
x_new = newton_step(x_start)
p, gd = x_start, [x_start]
for _ in range(25):
    p = p - 0.45 * jax.grad(bowl)(p)
    gd.append(p)
slope.plot_field(bowl, (-2.5, 2.5), (-2.5, 3.0), paths={"gradient descent": np.stack([np.asarray(q) for q in gd]), "Newton": np.stack([np.asarray(x_start), np.asarray(x_new)])})
