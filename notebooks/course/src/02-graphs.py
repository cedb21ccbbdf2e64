# Unit 2 of the autodiff course: computation graphs.
# required_images: 2

# %% [markdown]
# # 2. Computation graphs
#
# A program that computes a number is a chain of small steps: multiply, add, take a tanh. Write
# each step as a node and draw an arrow from every input to the step that uses it, and you get
# the program's *computation graph*. Autodiff runs on this graph: the forward pass computes each
# node's value from left to right, and the backward pass sends derivatives from right to left.
#
# This unit draws both passes on one picture for a single artificial neuron, the building block of
# a neural network.

# %%
import numpy as np
import jax
import jax.numpy as jnp
import slope

# %% [markdown]
# ## A neuron
#
# A neuron with two inputs x1, x2 multiplies each by a weight, adds a bias b and squashes the
# sum with tanh:
#
#     o = tanh(x1·w1 + x2·w2 + b)
#
# `slope.show_graph(f, *args, grads=False)` traces f at the given arguments (as `jax.make_jaxpr`
# does) and draws one box per operation, each with its shape and the value the forward pass
# computed there. Blue boxes are the inputs, yellow ones operations, the green one the output.

# %%
def neuron(x1, x2, w1, w2, b):
    return jnp.tanh(x1 * w1 + x2 * w2 + b)

args = (2.0, 0.0, -3.0, 1.0, 6.8813735870195432)
slope.show_graph(neuron, *args, grads=False)

# %% [markdown]
# Follow the values from left to right: x1·w1 = 2 · (−3) = −6, x2·w2 = 0, their sum plus b is
# 0.8814, and tanh(0.8814) = 0.7071. That is the forward pass.
#
# ## The backward pass
#
# Now ask: how much does the output o change when a node's value changes a little? That number,
# ∂o/∂node, is the node's *gradient*. For the output itself it is 1. For every other node the
# chain rule says: take the gradient of each node that uses it, multiply by the *local*
# derivative of that use, and add up over all uses.
#
# - tanh: the local derivative is 1 − tanh² = 1 − 0.7071² = 0.5, so the sum before tanh gets
#   1 · 0.5 = 0.5.
# - add: the local derivative of a + b with respect to each of a and b is 1, so an add passes the
#   gradient through unchanged: b, x1·w1 and x2·w2 all get 0.5.
# - mul: the local derivative of a·b with respect to a is b. So w1 gets 0.5 · x1 = 1.0 and x1 gets
#   0.5 · w1 = −1.5; w2 gets 0.5 · x2 = 0, which says that w2 does not matter while x2 = 0.
#
# With `grads=True` (the default) the same picture carries each node's gradient in red, computed
# by Slope's reverse mode. micrograd draws its nodes the same way, `data | grad`.

# %% tags=["readme-picture"]
slope.show_graph(neuron, *args)

# %% [markdown]
# `jax.grad` with `argnums` gives the same numbers for the inputs: the gradient of o with respect
# to (x1, x2, w1, w2, b).

# %%
grads = jax.grad(neuron, argnums=(0, 1, 2, 3, 4))(*args)
for name, g in zip(["x1", "x2", "w1", "w2", "b"], grads):
    print(f"do/d{name} = {float(g):+.4f}")

# %% [markdown]
# ## Graphs of array programs
#
# Real programs work on arrays. The same neuron with vectors x and w is one multiply, one sum and
# one tanh, whatever the length: the graph stays small, and each node holds an array. Small
# arrays show their values; larger ones show only their shape.

# %%
def neuron_vec(x, w, b):
    return jnp.tanh(jnp.sum(x * w) + b)

slope.show_graph(neuron_vec, jnp.array([2.0, 0.0]), jnp.array([-3.0, 1.0]), 6.8813735870195432, format="svg")

# %% [markdown]
# The gradient of `w` is now a vector, `[1, 0]`: one number per weight, the same as before.
# (`format="svg"` asks for an SVG picture only, whose labels stay text: you can select and search
# them.)
#
# ## Exercise: read a gradient off the graph
#
# For the neuron below, with inputs x1 = 1, x2 = 3, weights w1 = 0.5, w2 = −0.25 and bias
# b = 0.1, work out the gradient ∂o/∂w2 with the chain rule as above, from the values of the
# forward pass, and assign it to `d_w2` as a formula of those values (use `np.tanh`). Draw the
# graph with `slope.show_graph(neuron, *args2)` if it helps.

# %%
args2 = (1.0, 3.0, 0.5, -0.25, 0.1)
x1, x2, w1, w2, b = args2
o = np.tanh(x1 * w1 + x2 * w2 + b)
print("o =", o)

# %% [answer]
d_w2 = (1 - o**2) * x2

# %% [wrong]
d_w2 = 1 - o**2

# %% [check]
expected = float(jax.grad(neuron, argnums=3)(*args2))
assert abs(d_w2 - expected) < 1e-5, f"Hint: you have {d_w2:.4f}, reverse mode says {expected:.4f}: the gradient that reaches the product x2·w2 is 1 − o², and a product passes on that gradient times the *other* factor"
print("correct:", d_w2)

# %% [markdown]
# ## What to take away
#
# - A program is a graph of primitive operations; the forward pass fills in the values.
# - The backward pass fills in gradients from the output back, multiplying by local derivatives
#   and adding over the uses of a value.
# - `slope.show_graph` draws both; `jax.grad` returns the gradients of the inputs. Unit 3 writes
#   the backward pass yourself.
