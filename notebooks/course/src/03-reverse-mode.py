# Unit 3 of the autodiff course: reverse mode by hand.
# required_images: 1

# %% [markdown]
# # 3. Reverse mode by hand
#
# Unit 2 filled in a graph's gradients from the output back to the inputs. This unit turns that
# into an algorithm, and you will write it: a scalar reverse-mode autodiff in about thirty lines
# of Python, a `Value` class whose objects remember how they were made. It is the idea behind
# micrograd, PyTorch's autograd and JAX's `grad`.
#
# Two rules make the backward pass correct:
#
# 1. **Order.** A node may send its gradient on only when it is complete, that is, after every
#    node that uses it has sent its share. Visiting the nodes in *reverse topological order*
#    guarantees that.
# 2. **Accumulation.** A value used twice receives a gradient from each use, and they add up.

# %%
import numpy as np
import jax
import jax.numpy as jnp
import slope

# %% [markdown]
# ## The graph of a small function
#
# Take f(a, b) = (a·b + a)·b. The input a is used twice, by the first product and by the sum.

# %%
def f(a, b):
    return (a * b + a) * b

slope.show_graph(f, 2.0, -3.0)

# %% [markdown]
# ## Topological order
#
# Write the graph as data: each node names its operation and its inputs. A *topological order*
# lists every node after its inputs. Depth-first search finds one: visit a node's inputs first,
# then append the node.

# %%
graph = {
    "a": ("input",),
    "b": ("input",),
    "ab": ("mul", "a", "b"),
    "s": ("add", "ab", "a"),
    "out": ("mul", "s", "b"),
}

def topological_order(graph, root):
    order, seen = [], set()
    def visit(n):
        if n not in seen:
            seen.add(n)
            for m in graph[n][1:]:
                visit(m)
            order.append(n)
    visit(root)
    return order

order = topological_order(graph, "out")
print("forward order :", order)
print("backward order:", order[::-1])

# %% [markdown]
# Now run both passes on this data. The forward pass goes through `order` and computes values; the
# backward pass goes through `order[::-1]`, starts with ∂out/∂out = 1 and, for each node, adds its
# contribution to the gradients of its inputs (`+=`: a gets two contributions).

# %%
def run(graph, inputs, root):
    order = topological_order(graph, root)
    val = dict(inputs)
    for n in order:
        op = graph[n][0]
        if op == "mul":
            val[n] = val[graph[n][1]] * val[graph[n][2]]
        elif op == "add":
            val[n] = val[graph[n][1]] + val[graph[n][2]]
    grad = {n: 0.0 for n in order}
    grad[root] = 1.0
    for n in order[::-1]:
        op = graph[n][0]
        if op == "mul":
            x, y = graph[n][1], graph[n][2]
            grad[x] += val[y] * grad[n]
            grad[y] += val[x] * grad[n]
        elif op == "add":
            grad[graph[n][1]] += grad[n]
            grad[graph[n][2]] += grad[n]
    return val, grad

val, grad = run(graph, {"a": 2.0, "b": -3.0}, "out")
print("values:", val)
print("grads :", grad)
print("jax.grad:", jax.grad(f, argnums=(0, 1))(2.0, -3.0))

# %% [markdown]
# The gradients of a and b agree with `jax.grad`, and with the red numbers of the picture above.
#
# Why reverse order? When the loop reaches node s, both of its users have already run (only
# `out` uses s), so `grad["s"]` is final. Node a is used by `ab` and by `s`; both come before a
# in the backward order, so a has received both contributions before we look at it.
#
# ## Exercise: a `Value` class
#
# Instead of a dictionary, let every number remember where it came from. A `Value` holds
# `data`, `grad` (0 until the backward pass), the Values it was made from (`_prev`) and a
# function `_backward` that passes its gradient to them. Operators build the graph as the
# program runs:
#
# - `a + b` makes a Value whose `_backward` adds `out.grad` to `a.grad` and to `b.grad`;
# - `a * b` makes one whose `_backward` adds `b.data * out.grad` to `a.grad` and
#   `a.data * out.grad` to `b.grad`;
# - `out.backward()` sorts the graph topologically, sets `out.grad = 1` and calls each node's
#   `_backward` in reverse order.
#
# The reference answer is below: read it, change it, break it, and run the check to see what the
# check says. (`__radd__` and `__rmul__` make `2 * v` and `1 + v` work with plain numbers.)

# %% [answer]
class Value:
    def __init__(self, data, _prev=()):
        self.data = data
        self.grad = 0.0
        self._prev = _prev
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    __radd__ = __add__
    __rmul__ = __mul__

    def backward(self):
        order, seen = [], set()
        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for p in v._prev:
                    visit(p)
                order.append(v)
        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            v._backward()

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

# %% [wrong]
class Value:
    def __init__(self, data, _prev=()):
        self.data = data
        self.grad = 0.0
        self._prev = _prev
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))
        def _backward():
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))
        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad
        out._backward = _backward
        return out

    __radd__ = __add__
    __rmul__ = __mul__

    def backward(self):
        order, seen = [], set()
        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for p in v._prev:
                    visit(p)
                order.append(v)
        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            v._backward()

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

# %% [check]
def g(a, b, c):
    return (a * b + c) * a + 2 * b * b + 1

a, b, c = Value(2.0), Value(-3.0), Value(10.0)
out = g(a, b, c)
out.backward()
want = jax.grad(g, argnums=(0, 1, 2))(2.0, -3.0, 10.0)
assert abs(out.data - g(2.0, -3.0, 10.0)) < 1e-9, f"Hint: the forward value is {out.data}, not {g(2.0, -3.0, 10.0)}: check what __add__ and __mul__ compute"
for name, v, w in zip("abc", (a, b, c), want):
    assert abs(v.grad - float(w)) < 1e-4, f"Hint: {name}.grad is {v.grad}, jax.grad says {float(w)}. a and b are each used twice: their gradients must add up over all uses (+=, not =); and a product sends each factor the *other* factor's data times out.grad"
print("correct:", a, b, c)

# %% [markdown]
# ## A neuron with `Value`
#
# With your class the neuron of unit 2 (without the tanh, which `Value` does not have yet)
# differentiates itself. Add a `tanh` method — its `_backward` multiplies by 1 − tanh² — and the
# whole neuron of unit 2 works.

# %%
x1, x2, w1, w2, b = Value(2.0), Value(0.0), Value(-3.0), Value(1.0), Value(6.8813735870195432)
n = x1 * w1 + x2 * w2 + b
n.backward()
print("n =", n.data)
print("dn/dw1 =", w1.grad, " dn/dx1 =", x1.grad, " dn/dw2 =", w2.grad)

# %% [markdown]
# ## What to take away
#
# - Reverse mode = a forward pass that records the graph + a backward pass in reverse
#   topological order that multiplies by local derivatives and accumulates with `+=`.
# - One backward pass gives the gradient with respect to *every* input, which is why it is the
#   method of choice for a scalar loss with many parameters.
# - `jax.grad` does the same on arrays, with the local derivatives of every primitive built in.
#   Unit 9 looks at the program it builds.
