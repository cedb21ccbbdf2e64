# Unit 9 of the autodiff course: under the hood.
# required_images: 1

# %% [markdown]
# # 9. Under the hood
#
# `jax.grad(f)` is not magic: it is a program transformation. It takes the program of f and
# writes a new program that computes f's gradient. This unit reads those programs:
#
# - the IR (intermediate representation) of f and of `grad(f)`, printed by `jax.make_jaxpr`;
# - reverse mode taken apart into its two halves, `jax.linearize` (forward mode, the linear map
#   f′(x)) and `jax.linear_transpose` (turning that map around);
# - what the CPU finally runs for a training step: a few fused kernels (`%kernels`).

# %%
import numpy as np
import jax
import jax.numpy as jnp
import slope

# %% [markdown]
# ## The IR of a function
#
# `jax.make_jaxpr(f)(x)` runs f on a stand-in for x that records every primitive operation, and
# prints the record: the inputs (`a:f32[]` is a float32 scalar), one line per primitive, and the
# output. Slope's IR uses JAX's names for its primitives, so this reads like JAX's jaxprs.

# %%
def f(x):
    return jnp.sin(x) * x ** 2

print(jax.make_jaxpr(f)(1.5))

# %% [markdown]
# ## The IR of its gradient
#
# The gradient program is longer: it recomputes what the backward pass needs (sin x, cos x, x²)
# and then applies the chain rule, one multiplication per local derivative. No derivative is
# approximated: each primitive knows its own derivative rule (sin's is cos), and the
# transformation strings these rules together.

# %%
print(jax.make_jaxpr(jax.grad(f))(1.5))
print("grad f(1.5) =", jax.grad(f)(1.5), "  by hand:", np.cos(1.5) * 1.5**2 + np.sin(1.5) * 2 * 1.5)

# %% [markdown]
# The gradient program is itself a function, so it has a computation graph too, which
# `slope.show_graph` draws. Its red numbers are the gradients of *its* nodes: what flows back to
# the input is the derivative of the gradient, the second derivative f″(1.5).

# %%
slope.show_graph(jax.grad(f), jnp.array(1.5))
print("f''(1.5) =", jax.grad(jax.grad(f))(1.5))

# %% [markdown]
# ## Reverse mode = linearize, then transpose
#
# At a point x, the derivative of f is a *linear* map: a small change dx of the input makes a
# change f′(x)·dx of the output. `jax.linearize(f, x)` runs f once and returns f(x) together with
# that linear map as a function, `f_jvp`: forward mode (unit 4), with the values that the map
# needs (here sin x, cos x, x²) already computed.
#
# Its IR has only linear operations on the tangent: multiplications by constants, and additions.

# %%
y, f_jvp = jax.linearize(f, 1.5)
print("f(1.5) =", y)
print("f_jvp(1.0) =", f_jvp(1.0), "  f_jvp(2.0) =", f_jvp(2.0), " (linear: twice as much)")
print(jax.make_jaxpr(f_jvp)(1.0))

# %% [markdown]
# Forward mode pushes a tangent from the input to the output. Reverse mode pulls a cotangent
# from the output back to the input: it applies the *transpose* of the same linear map.
# `jax.linear_transpose(f_jvp, x)` builds that transpose; for a scalar function the transpose of
# "multiply by f′(x)" is again "multiply by f′(x)", so both give the gradient.

# %%
f_vjp = jax.linear_transpose(f_jvp, 1.5)
print("transpose applied to 1.0:", f_vjp(1.0))
print("jax.grad:                ", jax.grad(f)(1.5))

# %% [markdown]
# The difference shows with several inputs. For f: ℝ³ → ℝ, `f_jvp` takes a direction v ∈ ℝ³ and
# returns one number, the directional derivative ∇f · v. Finding the whole gradient this way takes
# three calls, one per basis direction. The transpose takes one number and returns the whole
# gradient ∈ ℝ³ in one call: that is why reverse mode wins for a loss of many parameters.

# %%
def h(x):
    return jnp.sum(jnp.sin(x) * x)

x = jnp.array([0.5, 1.0, 2.0])
y, h_jvp = jax.linearize(h, x)
print("directional derivative along e0:", h_jvp(jnp.array([1.0, 0.0, 0.0])))
print("the whole gradient, transposed: ", jax.linear_transpose(h_jvp, x)(1.0)[0])
print("jax.grad:                       ", jax.grad(h)(x))

# %% [markdown]
# ## Exercise: grad from linearize and linear_transpose
#
# Write `my_grad(f, x)`, the gradient of a scalar function f at an array x, using only
# `jax.linearize` and `jax.linear_transpose` (no `jax.grad`, `jax.vjp` or finite differences).
# Remember that `linear_transpose(...)` returns a function whose result is a *tuple*, one entry per
# input of the linear map.

# %% [answer]
def my_grad(f, x):
    y, f_jvp = jax.linearize(f, x)
    (g,) = jax.linear_transpose(f_jvp, x)(1.0)
    return g

# %% [wrong]
def my_grad(f, x):
    y, f_jvp = jax.linearize(f, x)
    return f_jvp(jnp.ones_like(x))

# %% [check]
x = jnp.array([0.5, 1.0, 2.0])
for fn in (h, lambda x: jnp.sum(x ** 3), lambda x: jnp.tanh(x @ jnp.array([1.0, -2.0, 0.5]))):
    got, want = jnp.asarray(my_grad(fn, x)), jax.grad(fn)(x)
    assert got.shape == want.shape, f"Hint: my_grad returned shape {got.shape}, the gradient has shape {want.shape}: f_jvp(v) is one number (a directional derivative); the transpose of f_jvp, applied to the output cotangent 1.0, gives the whole gradient"
    assert jnp.allclose(got, want, atol=1e-5), f"Hint: my_grad gives {got}, jax.grad {want}"
print("correct")

# %% [markdown]
# ## What runs on the CPU
#
# Slope does not run the IR one primitive at a time. At a sync point (a `print`, a `float(...)`,
# the end of a cell) it hands the pending graph to the CPU backend, which *fuses* chains of
# elementwise operations into kernels, compiles them (with Cranelift) and runs them. `%kernels
# EXPR` shows that plan for an expression. Here is one step of gradient descent for a small
# linear model with a squared loss: the forward pass, the backward pass and the update.

# %%
def loss(w, X, y):
    return jnp.mean((X @ w - y) ** 2)

def step(w, X, y, lr=0.1):
    return w - lr * jax.grad(loss)(w, X, y)

X = jnp.array(np.random.default_rng(0).normal(size=(8, 3)))
y_true = X @ jnp.array([1.0, -2.0, 0.5])
w = jnp.zeros(3)
print(jax.make_jaxpr(step)(w, X, y_true))

# %%
# %kernels step(w, X, y_true)

# %% [markdown]
# Read the plan: the two matrix products (`dot_general`) are steps of their own, and everything
# else is two fused kernels, each a loop that reads its inputs once and writes one output: the
# first computes the residual's share of the gradient (sub, mul, div: `2·(Xw − y)/n`), the second
# the update `w − lr·g`. Without fusion each primitive would be its own pass over memory. Below
# the plan comes the code Cranelift was given for each kernel.
#
# And the step does what it should: repeated, it finds the weights [1, −2, 0.5] that made y.

# %%
for i in range(100):
    w = step(w, X, y_true)
print("w after 100 steps:", w, " loss:", loss(w, X, y_true))

# %% [markdown]
# ## A primitive of your own, written in Rust
#
# When the language lacks a primitive, you can add one: its value and its derivative. A
# `%%rust` cell compiles Rust (it needs a Rust toolchain: rustup), and `slope::export` makes a
# Rust function callable from Slope. To the transformations it is a host callback
# (`jax.pure_callback`): it runs on values, outside the graph, so `grad` cannot see inside it,
# and the derivative is yours to give, with `jax.custom_jvp` (here the JVP is written in Slope).
# `slope.check_grads` then checks it against finite differences. `%help rust` shows more.

# %%
# %%rust
fn cube(x: &[f64], out: &mut [f64]) {
    for (o, v) in out.iter_mut().zip(x) { *o = v * v * v; }
}
slope::export("cube", cube);

# %%
cube = jax.custom_jvp(lambda x: slope.rust.cube(x))
cube.defjvp(lambda primals, tangents: (cube(primals[0]), 3 * primals[0] ** 2 * tangents[0]))
x = jnp.array([0.5, 2.0])
print("cube:", cube(x), " grad of the sum:", jax.grad(lambda x: cube(x).sum())(x))
slope.check_grads(cube, (x,), order=1)
print("check_grads: the JVP agrees with finite differences")

# %% [markdown]
# ## What to take away
#
# - `grad` transforms programs: the IR of `grad(f)` is f's forward pass plus the chain rule.
# - Reverse mode is forward mode's linear map, transposed: `linearize` then `linear_transpose`.
# - The transformed program is fused into kernels and compiled; `%ir` and `%kernels` show each
#   stage.
# - A primitive the language lacks can be written in Rust (`%%rust`), its derivative given with
#   `jax.custom_jvp`.
