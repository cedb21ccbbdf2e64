# required_images: 3

# %% [markdown]
# # Unit 6 — Gradient fields and the paths of optimisers
#
# The gradient of a loss $f: \mathbb{R}^2 \to \mathbb{R}$ is a vector at every point: a
# **vector field**. It points uphill, perpendicular to the contour lines, and its length is the
# steepness. Training a model is following $-\nabla f$ downhill, and the different optimisers are
# different ways of following it. In two dimensions we can *see* all of this.

# %%
import numpy as np
import jax
import jax.numpy as jnp
import matplotlib.pyplot as plt
import optax
import slope

# %% [markdown]
# ## A loss surface with a curved valley
#
# This is a Rosenbrock function: a narrow, curved valley whose floor slopes gently down to the
# minimum at $(1, 1)$. Its walls are steep and its floor is flat — the shape that makes
# optimisation hard. `slope.plot_field` draws its contours and $-\nabla f$ as arrows, all of the
# same length so that the direction is easy to read. Notice that the arrows point across the
# valley, at the nearest wall's bottom, not along the valley towards the minimum.

# %%
def loss(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 5 * (y - x ** 2) ** 2

slope.plot_field(loss, (-2, 2), (-1, 3))

# %% [markdown]
# ## Three ways down
#
# All three optimisers below see only $\nabla f$ at the current point, from `jax.grad`.
#
# - **Gradient descent**: $p \leftarrow p - \eta\, \nabla f(p)$. On steep walls a large step
#   overshoots, so $\eta$ has to be small, and then progress along the flat floor is slow.
# - **Momentum**: keep a running velocity $v \leftarrow \beta v + \nabla f(p)$ and step
#   $p \leftarrow p - \eta v$. Zig-zags across the valley cancel out in $v$; the steady push along
#   the floor adds up.
# - **Adam**: divide a running mean of the gradient by the square root of a running mean of its
#   square, per coordinate. Each coordinate's steps have about the size $\eta$, however steep the
#   loss is in that direction.
#
# Change the learning rates, `beta`, or the starting point and run the cells again.

# %%
grad_loss = jax.grad(loss)
start = jnp.array([-1.5, 2.0])
steps = 60

def gradient_descent(lr=0.02):
    p, path = start, [start]
    for _ in range(steps):
        p = p - lr * grad_loss(p)
        path.append(p)
    return np.stack([np.asarray(q) for q in path])

def momentum(lr=0.01, beta=0.9):
    p, v, path = start, jnp.zeros(2), [start]
    for _ in range(steps):
        v = beta * v + grad_loss(p)
        p = p - lr * v
        path.append(p)
    return np.stack([np.asarray(q) for q in path])

gd_path = gradient_descent()
momentum_path = momentum()
print("gradient descent ends at", gd_path[-1], " momentum ends at", momentum_path[-1])

# %% [markdown]
# ### Exercise: write Adam's step
#
# Adam keeps two running averages, $m$ of the gradient and $v$ of its elementwise square, and a
# step counter $t$:
#
# $$ m \leftarrow \beta_1 m + (1-\beta_1) g, \quad v \leftarrow \beta_2 v + (1-\beta_2) g^2, \quad
#    \hat m = \frac{m}{1-\beta_1^t}, \quad \hat v = \frac{v}{1-\beta_2^t}, \quad
#    p \leftarrow p - \eta\, \frac{\hat m}{\sqrt{\hat v} + \epsilon}. $$
#
# The divisions by $1-\beta^t$ are the *bias correction*: $m$ and $v$ start at zero, and without
# it the first steps would be the wrong size. Complete `adam_step` (with `t` counting from 1);
# the check compares your path with `optax.adam`'s, computed below with optax's own code.

# %%
def adam(lr=0.1):
    p, m, v, path = start, jnp.zeros(2), jnp.zeros(2), [start]
    for t in range(1, steps + 1):
        p, m, v = adam_step(p, m, v, t, lr=lr)
        path.append(p)
    return np.stack([np.asarray(q) for q in path])

opt = optax.adam(0.1)
q, state, optax_path = start, opt.init(start), [start]
for _ in range(steps):
    updates, state = opt.update(grad_loss(q), state)
    q = optax.apply_updates(q, updates)
    optax_path.append(q)
optax_path = np.stack([np.asarray(r) for r in optax_path])

# %% [answer]
def adam_step(p, m, v, t, lr=0.1, b1=0.9, b2=0.999, eps=1e-8):
    g = grad_loss(p)
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    m_hat = m / (1 - b1 ** t)
    v_hat = v / (1 - b2 ** t)
    return p - lr * m_hat / (jnp.sqrt(v_hat) + eps), m, v

# %% [wrong]
def adam_step(p, m, v, t, lr=0.1, b1=0.9, b2=0.999, eps=1e-8):
    g = grad_loss(p)
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    return p - lr * m / (jnp.sqrt(v) + eps), m, v

# %% [check]
mine = adam()
assert np.allclose(mine[:5], optax_path[:5], atol=1e-4), "Hint: the first steps differ from optax.adam's — did you divide m by (1 - b1 ** t) and v by (1 - b2 ** t) before the step?"
assert np.allclose(mine, optax_path, atol=1e-3), "Hint: the path drifts from optax.adam's later on — check the update of v (it averages g * g) and where eps goes (outside the square root)."
print("your Adam follows optax.adam; it ends at", mine[-1])

# %% [markdown]
# ## The paths side by side
#
# `slope.plot_paths` draws each path on its own copy of the field, with the loss where it ends
# in the title. Gradient descent, held to the small step that the steep walls allow, is still far
# from the minimum after 60 steps; momentum overshoots, swings from wall to wall, but gets much
# further; Adam moves at a steady pace in both coordinates, whatever the steepness.

# %%
adam_path = adam()
paths = {"gradient descent": gd_path, "momentum": momentum_path, "Adam": adam_path}
slope.plot_paths(loss, paths, xlim=(-2, 2), ylim=(-1, 3))

# %% [markdown]
# Another view of the same runs: the loss after each step, on a log scale.

# %%
fig, ax = plt.subplots(figsize=(6, 3.6))
for name, path in paths.items():
    values = np.asarray(jax.vmap(loss)(jnp.asarray(path)))
    ax.semilogy(values, label=name)
ax.set_xlabel("step")
ax.set_ylabel("loss")
ax.set_title("loss along each path")
ax.legend()
ax.grid(True)
