# required_images: 3

# %% [markdown]
# # Unit 10 — Gotchas
#
# Automatic differentiation is exact calculus applied to *the program you wrote*, in floating
# point. Most surprises come from that: a branch the program did not take still takes part in
# the derivative, a formula that is fine on paper overflows, and reverse mode has to remember
# every intermediate value. This unit collects four classic traps and the tools that get you out
# of them.

# %%
import numpy as np
import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import slope

# %% [markdown]
# ## 1. NaN through `where`
#
# A "safe" square root that returns 0 for negative inputs:

# %%
def safe_sqrt(x):
    return jnp.where(x > 0, jnp.sqrt(x), 0.0)

print("value at -1:", safe_sqrt(-1.0))
print("grad at -1: ", jax.grad(safe_sqrt)(-1.0))
print("grad at 0:  ", jax.grad(safe_sqrt)(0.0))
print("grad at 4:  ", jax.grad(safe_sqrt)(4.0))

# %% [markdown]
# In Slope the gradient at $-1$ and at $0$ is `0.0`, as the picture of the function suggests.
# **In JAX, `jax.grad(safe_sqrt)(-1.0)` and `jax.grad(safe_sqrt)(0.0)` both return `nan`.** Why?
#
# `where` evaluates *both* branches, so `jnp.sqrt(-1.0)` is computed (it is `nan`) and then
# thrown away. In reverse mode, the cotangent flowing back into the unchosen branch is 0, and
# the chain rule multiplies it by that branch's derivative $\tfrac{1}{2\sqrt{x}}$, which is `nan`
# at $-1$ and `inf` at $0$. In IEEE arithmetic $0 \cdot \texttt{nan} = \texttt{nan}$ and
# $0 \cdot \infty = \texttt{nan}$, and adding `nan` to the gradient poisons it.
#
# Slope marks the zeros that `where` sends to the branch it did not take, and keeps them zero
# through the chain rule (the same for `maximum`, `minimum`, `clip` and `relu`). Everywhere else
# gradients are plain IEEE arithmetic, as in JAX — this product, for instance, is `nan` in both:

# %%
print(jax.grad(lambda x: 0.0 * jnp.sqrt(x))(-1.0))

# %% [markdown]
# Code that must also run under JAX uses the **double `where`**: make the unchosen branch's
# *input* harmless, so its derivative is finite and $0 \cdot \text{finite} = 0$:

# %%
def safe_sqrt_portable(x):
    ok = x > 0
    return jnp.where(ok, jnp.sqrt(jnp.where(ok, x, 1.0)), 0.0)

print([float(jax.grad(safe_sqrt_portable)(v)) for v in (-1.0, 0.0, 4.0)])
slope.plot_grad(safe_sqrt_portable, -1.0, 4.0, tangents=[1.0])

# %% [markdown]
# ## 2. `stop_gradient`
#
# `jax.lax.stop_gradient(y)` is `y` in value but a constant to differentiation. It says "treat
# this as data": targets in a loss, a baseline in a policy gradient, a frozen network.

# %%
from jax.lax import stop_gradient

print(jax.grad(lambda x: x * x)(3.0))                 # 2x = 6
print(jax.grad(lambda x: x * stop_gradient(x))(3.0))  # the second x is a constant: 3

# %% [markdown]
# A famous use is the **straight-through estimator**. Rounding has derivative 0 almost
# everywhere, so a network with a rounding step (quantisation) cannot learn through it. The
# trick: compute `x + stop_gradient(round(x) - x)`. Its value is `round(x)`; its derivative is
# that of `x`, which is 1 — the backward pass pretends the rounding was not there.
#
# ### Exercise 1: a straight-through round
#
# Write `ste_round(x)`, whose value is `jnp.round(x)` and whose derivative is 1 everywhere.

# %% [answer]
def ste_round(x):
    return x + stop_gradient(jnp.round(x) - x)

# %% [wrong]
def ste_round(x):
    return jnp.round(x)

# %% [check]
xs = jnp.array([-1.7, -0.2, 0.4, 1.5, 2.6])
assert np.allclose(ste_round(xs), jnp.round(xs)), "Hint: the value must be round(x): x + (round(x) - x)."
grads = jax.vmap(jax.grad(ste_round))(xs)
assert np.allclose(grads, 1.0), f"Hint: the derivative should be 1, got {grads}: wrap round(x) - x in stop_gradient so that only the leading x is differentiated."
print("values", ste_round(xs), "derivatives", grads)

# %% [markdown]
# The picture: the same values, different derivatives.

# %%
t = jnp.linspace(-2.0, 2.0, 401)
fig, axs = plt.subplots(1, 2, figsize=(9, 3.4))
axs[0].plot(t, jnp.round(t), label="round(x) and ste_round(x)")
axs[0].set_title("value")
axs[1].plot(t, jax.vmap(jax.grad(jnp.round))(t), label="grad of round")
axs[1].plot(t, jax.vmap(jax.grad(ste_round))(t), "--", label="grad of ste_round")
axs[1].set_title("derivative")
axs[1].set_ylim(-0.2, 1.2)
for ax in axs:
    ax.legend()
    ax.grid(True)

# %% [markdown]
# ## 3. A numerically stable `log1pexp` with `custom_vjp`
#
# $\log(1 + e^x)$ (softplus) is everywhere in machine learning. Written directly it overflows:
# $e^{100}$ is `inf` in float32, so the value is `inf` and the derivative
# $\frac{e^x}{1 + e^x} = \frac{\infty}{\infty}$ is `nan`.

# %%
def log1pexp_naive(x):
    return jnp.log(1 + jnp.exp(x))

print("value at 100:", log1pexp_naive(100.0), "  grad at 100:", jax.grad(log1pexp_naive)(100.0))

# %% [markdown]
# The value is easy to fix: $\log(1+e^x) = \max(x, 0) + \log(1 + e^{-|x|})$, which never
# overflows. But differentiating *that formula* piece by piece goes wrong where `max` and `abs`
# have their kinks, at $x = 0$:

# %%
def log1pexp_formula(x):
    return jnp.maximum(x, 0.0) + jnp.log1p(jnp.exp(-jnp.abs(x)))

print("value at 100:", log1pexp_formula(100.0), "  grad at 0:", jax.grad(log1pexp_formula)(0.0), "  (σ(0) = 0.5)")

# %% [markdown]
# At the tie $x = 0$, `max` sends half the gradient to each side ($\tfrac12$), and `abs` has
# slope 1 there, so the second term contributes $-\tfrac12$: the sum is 0 instead of
# $\sigma(0) = \tfrac12$. JAX returns the same 0.0 — both follow the same rules for `max` and
# `abs`. Autodiff differentiates the program, not the function the program means.
#
# We know the derivative: $\sigma(x) = \frac{1}{1 + e^{-x}}$. `jax.custom_vjp` lets us give
# reverse mode our own rule, and keep the stable formula for the value:
#
# - `fwd(x)` returns the output and the *residuals* the backward rule needs (here, `x`);
# - `bwd(residuals, g)` returns a tuple with one cotangent per input: $g \cdot \sigma(x)$.
#
# ### Exercise 2: the backward rule
#
# Write `log1pexp_bwd` so that the gradient is $\sigma(x)$ and is finite for every $x$ — in
# particular it must not compute $e^x$ for large $x$.

# %%
@jax.custom_vjp
def log1pexp(x):
    return log1pexp_formula(x)

def log1pexp_fwd(x):
    return log1pexp(x), x

# %% [answer]
def log1pexp_bwd(x, g):
    return (g / (1 + jnp.exp(-x)),)

# %% [wrong]
def log1pexp_bwd(x, g):
    return (g * jnp.exp(x) / (1 + jnp.exp(x)),)

# %% [check]
log1pexp.defvjp(log1pexp_fwd, log1pexp_bwd)
pts = jnp.array([-100.0, -5.0, 0.0, 5.0, 100.0])
got = jax.vmap(jax.grad(log1pexp))(pts)
want = np.array([0.0, 1 / (1 + np.exp(5.0)), 0.5, 1 / (1 + np.exp(-5.0)), 1.0])
assert np.all(np.isfinite(got)), f"Hint: the gradient is not finite: {got}. e^x overflows at x = 100; write σ(x) as 1 / (1 + e^(-x)), which only overflows to inf in the denominator (giving 0)."
assert np.allclose(got, want, atol=1e-6), f"Hint: the gradient should be σ(x) = 1 / (1 + e^(-x)) times g; got {got}."
print("log1pexp(100) =", log1pexp(100.0), "; gradients:", got)

# %% [markdown]
# ## 4. Gradient checkpointing: memory against compute
#
# Reverse mode runs the program forward, then walks back through it, and every backward step
# needs the values its forward step saw. So reverse mode **stores every intermediate** — the
# residuals. For a deep network that is the main memory cost of training. *Checkpointing* trades
# that memory for compute: store only some intermediates (the checkpoints), and recompute the
# others from the nearest checkpoint when the backward pass needs them.
#
# Here is a chain of 16 layers, and reverse mode written out three ways with `jax.vjp` on single
# layers, counting the layer activations held in memory at once and the layer evaluations.

# %%
L, d = 16, 32
rng = np.random.default_rng(0)
weights = [jnp.asarray(rng.normal(size=(d, d)) / np.sqrt(d)) for _ in range(L)]
x_in = jnp.asarray(rng.normal(size=d))
evals = 0

def layer(i, h):
    global evals
    evals += 1
    return jnp.tanh(weights[i] @ h)

def net(h):
    for i in range(L):
        h = layer(i, h)
    return jnp.sum(h ** 2)

def backprop_store_all(x):
    """Plain reverse mode: one vjp per layer on the way forward, each keeping its residuals."""
    global evals
    evals = 0
    h, backs = x, []
    for i in range(L):
        h, back = jax.vjp(lambda hh, i=i: layer(i, hh), h)
        backs.append(back)
    g = 2 * h                               # d(sum(h²))/dh
    for back in reversed(backs):
        (g,) = back(g)
    return g, len(backs), evals

def backprop(x, every):
    """Reverse mode storing the input of every `every`-th layer and recomputing the rest."""
    global evals
    evals = 0
    checkpoints, h = {}, x
    for i in range(L):                      # forward: keep only the checkpoints
        if i % every == 0:
            checkpoints[i] = h
        h = layer(i, h)
    g = 2 * h                               # d(sum(h²))/dh
    held = 0
    for start in reversed(range(0, L, every)):
        h, backs = checkpoints[start], []   # recompute this segment, keeping its vjps
        for i in range(start, min(start + every, L)):
            h, back = jax.vjp(lambda hh, i=i: layer(i, hh), h)
            backs.append(back)
        held = max(held, len(checkpoints) + len(backs))   # measured, not a formula
        for back in reversed(backs):
            (g,) = back(g)
    return g, held, evals

def backprop_store_nothing(x):
    """Keep only the input; recompute from it before every backward step."""
    global evals
    evals = 0
    h = x
    for i in range(L):
        h = layer(i, h)
    g = 2 * h
    for i in reversed(range(L)):
        h = x
        for j in range(i):
            h = layer(j, h)
        _, back = jax.vjp(lambda hh, i=i: layer(i, hh), h)
        (g,) = back(g)
    return g, 2, evals

reference = jax.grad(net)(x_in)
results = {"store all": backprop_store_all(x_in)}
for k in (2, 4, 8):
    results[f"checkpoints every {k}"] = backprop(x_in, k)
results["store nothing"] = backprop_store_nothing(x_in)
for name, (g, held, n_evals) in results.items():
    print(f"{name:20s} activations held: {held:3d}   layer evaluations: {n_evals:4d}   same gradient: {bool(np.allclose(g, reference, atol=1e-5))}")

# %% [markdown]
# "Store all" is plain reverse mode: 16 activations held, each layer evaluated once.
# Checkpointing every $k$ layers holds $L/k$ checkpoints plus the $k$ activations of the segment
# being recomputed — smallest near $k = \sqrt{L} = 4$ — for the price of one extra forward pass.
# Storing nothing holds almost nothing but recomputes $O(L^2)$ layers. The frontier:

# %%
points = {}
for name, (g, held, n_evals) in results.items():
    points.setdefault((held, n_evals), []).append(name)   # strategies that cost the same share a dot
fig, ax = plt.subplots(figsize=(6.4, 4))
for k, ((held, n_evals), names) in enumerate(points.items()):
    ax.plot([held], [n_evals], "o", markersize=8, color=f"C{k}")
    label = " = ".join(n.replace("checkpoints ", "") for n in names)
    ax.annotate(label, (held, n_evals), xytext=(held + 0.5, n_evals + (6 if k % 2 == 0 else -14)))
ax.set_xlim(0, 26)
ax.set_ylim(0, 175)
ax.set_xlabel("activations held at once (memory)")
ax.set_ylabel("layer evaluations (compute)")
ax.set_title(f"checkpointing a {L}-layer chain: memory against compute")
ax.grid(True)

# %% [markdown]
# In JAX you do not write this by hand: wrapping a segment in `jax.checkpoint` (also called
# `jax.remat`) tells reverse mode to save only the segment's inputs and recompute its insides.
# Slope accepts `jax.checkpoint` and gives the same values and gradients, but **does not trade
# the memory yet**: it keeps every residual, so the wrapped function behaves like the unwrapped
# one. The by-hand version above is where the trade-off can be seen in Slope today.

# %%
def net_checkpointed(h):
    for start in range(0, L, 4):
        def segment(hh, start=start):
            for i in range(start, start + 4):
                hh = layer(i, hh)
            return hh
        h = jax.checkpoint(segment)(h)
    return jnp.sum(h ** 2)

print("same gradient with jax.checkpoint:", bool(np.allclose(jax.grad(net_checkpointed)(x_in), reference, atol=1e-5)))
