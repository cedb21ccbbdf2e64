# required_images: 2

# %% [markdown]
# # Unit 8 — `vmap` and autodiff
#
# `jax.vmap(f)` turns a function of one example into a function of a batch: it adds a batch
# axis to every array inside `f`, so a loop over examples becomes one call on stacked arrays.
# Because `vmap` and `grad` are both transformations of functions, they compose — and the
# compositions answer questions that a plain `grad` cannot:
#
# - `vmap(grad(loss))`: the gradient of **every example separately** (per-example gradients);
# - `vmap(vjp_fn)` over the rows of the identity: a **whole Jacobian**, row by row, in one call —
#   which is how `jax.jacrev` works.

# %%
import time
import numpy as np
import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import slope

# %% [markdown]
# ## A small classification problem
#
# Two clouds of points in the plane, labelled 0 and 1, and a logistic-regression model with
# weights $w = (w_1, w_2)$ and a bias $b$. The loss of one example is the cross-entropy
# $-\,[y \log \sigma(z) + (1-y) \log(1-\sigma(z))]$ with $z = w \cdot x + b$.

# %%
rng = np.random.default_rng(0)
n = 80
X = np.concatenate([rng.normal([-1.0, -0.6], 0.8, size=(n // 2, 2)), rng.normal([1.0, 0.8], 0.8, size=(n // 2, 2))])
Y = np.concatenate([np.zeros(n // 2), np.ones(n // 2)])
X, Y = jnp.asarray(X), jnp.asarray(Y)

def example_loss(params, x, y):
    w, b = params
    z = jnp.dot(w, x) + b
    # log σ(z) = -log(1 + e^(-z)), written with logaddexp so it never overflows
    return y * jnp.logaddexp(0.0, -z) + (1 - y) * jnp.logaddexp(0.0, z)

def batch_loss(params, X, Y):
    return jnp.mean(jax.vmap(example_loss, in_axes=(None, 0, 0))(params, X, Y))

params = (jnp.array([0.3, -0.2]), jnp.array(0.1))
print("mean loss at the start:", batch_loss(params, X, Y))
for step in range(15):   # a little training, so the model is half-way there
    gw_, gb_ = jax.grad(batch_loss)(params, X, Y)
    params = (params[0] - 0.5 * gw_, params[1] - 0.5 * gb_)
print("mean loss after 15 steps:", batch_loss(params, X, Y))

# %% [markdown]
# ## Per-example gradients
#
# `jax.grad(example_loss)` is the gradient for one example. `vmap` with
# `in_axes=(None, 0, 0)` maps it over the examples (axis 0 of `X` and `Y`) while sharing the
# parameters (`None`: not batched). The result has one gradient per example, with the structure
# of `params`: a `(80, 2)` array for `w` and an `(80,)` array for `b`.

# %%
per_example = jax.vmap(jax.grad(example_loss), in_axes=(None, 0, 0))
gw, gb = per_example(params, X, Y)
print(gw.shape, gb.shape)

# %% [markdown]
# Their mean is the gradient of the mean loss — the gradient of a sum is the sum of the
# gradients:

# %%
full_w, full_b = jax.grad(batch_loss)(params, X, Y)
print("mean of per-example:", gw.mean(axis=0), gb.mean())
print("grad of mean loss:  ", full_w, full_b)

# %% [markdown]
# The mean hides a lot. Which examples pull hardest on the model? Colour each point by the norm
# of its own gradient: the points on the wrong side of the current decision line (dashed) pull
# hardest, the confidently right ones hardly at all. Per-example gradients are what
# differentially private training clips one by one, and what data-attribution methods rank.

# %%
norms = np.sqrt((np.asarray(gw) ** 2).sum(axis=1) + np.asarray(gb) ** 2)
w, b = params
xs_line = np.linspace(-3.5, 3.5, 2)
Xn, Yn = np.asarray(X), np.asarray(Y)
plt.figure(figsize=(6.4, 4.8))
for cls, marker in ((0, "o"), (1, "^")):
    m = Yn == cls
    plt.scatter(Xn[m, 0], Xn[m, 1], c=norms[m], marker=marker, s=45, cmap="viridis", vmin=norms.min(), vmax=norms.max(), label=f"class {cls}")
plt.colorbar(label="|per-example gradient|")
plt.plot(xs_line, -(float(w[0]) * xs_line + float(b)) / float(w[1]), "k--", label="decision line w·x + b = 0")
plt.xlim(-3.5, 3.5)
plt.ylim(-3.5, 3.5)
plt.title("per-example gradient norms at the current parameters")
plt.legend(loc="lower right")

# %% [markdown]
# `vmap` is not only shorter than a loop — it is one batched computation instead of 80 small
# ones. Timed here on a loop over the first 20 examples against `vmap` over all 80:

# %%
g_one = jax.grad(example_loss)
t = time.perf_counter()
loop = [g_one(params, X[i], Y[i]) for i in range(20)]
t_loop = time.perf_counter() - t
t = time.perf_counter()
np.asarray(per_example(params, X, Y)[0])
t_vmap = time.perf_counter() - t
print(f"loop, 20 examples: {t_loop * 1e3:.1f} ms   vmap, 80 examples: {t_vmap * 1e3:.1f} ms")

# %% [markdown]
# ## A Jacobian from `vmap(vjp)`
#
# `jax.vjp(f, x)` returns `f(x)` and the function `u ↦ uᵀJ` (a row vector times the Jacobian).
# Fed the $i$-th row of the identity, it returns row $i$ of $J$. So mapping it over all the rows
# of the identity builds $J$ in one call — this is `jax.jacrev`.

# %%
M = jnp.asarray(np.random.default_rng(3).normal(size=(4, 6)))

def f(x):
    return jnp.tanh(M @ x) * jnp.sum(x)

x = jnp.linspace(-0.3, 0.8, 6)
y, f_vjp = jax.vjp(f, x)
J_rows = jax.vmap(f_vjp)(jnp.eye(y.size))[0]   # vjp returns a tuple, one cotangent per argument
print(J_rows.shape)
print("equal to jacrev:", bool(np.allclose(J_rows, jax.jacrev(f)(x), atol=1e-6)))
slope.plot_jacobian(J_rows, title="J from vmap(vjp) over the identity's rows")

# %% [markdown]
# ### Exercise: the forward-mode twin
#
# `jax.jvp(f, (x,), (v,))[1]` is $Jv$; fed the $j$-th column of the identity it is column $j$ of
# $J$. Build `J_cols` by mapping a jvp over the identity `jnp.eye(x.size)` (this is
# `jax.jacfwd`). Watch out: `vmap` stacks its results along axis 0, so the columns come out as
# rows.

# %% [answer]
J_cols = jax.vmap(lambda v: jax.jvp(f, (x,), (v,))[1])(jnp.eye(x.size)).T

# %% [wrong]
J_cols = jax.vmap(lambda v: jax.jvp(f, (x,), (v,))[1])(jnp.eye(x.size))

# %% [check]
assert J_cols.shape == (4, 6), f"Hint: J is 4 × 6 (outputs × inputs), got {J_cols.shape}: vmap put the columns along axis 0 — transpose with .T."
assert np.allclose(J_cols, jax.jacfwd(f)(x), atol=1e-6), "Hint: each jvp along the identity's column e_j gives column j of J; stack them and transpose."
print("J_cols equals jax.jacfwd(f)(x)")
