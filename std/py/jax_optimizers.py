"""jax.example_libraries.optimizers: JAX's minimal optimizers as (init_fun, update_fun,
get_params) triples over pytrees of parameters, with JAX's update rules.

This file runs in the scope of `jax.numpy` (every jnp function is a plain name here, `_py` is
Python's builtins). As in JAX, `init_fun(params)` returns an OptimizerState (a named tuple of the
flat per-leaf states, the parameters' tree structure and the per-leaf state structures) that is
a pytree whose children are the flat states, so it passes through jit."""

import jax as _jax
from _namedtuple import NamedTuple as _NamedTuple

_flatten = _jax.tree_util.tree_flatten
_unflatten = _jax.tree_util.tree_unflatten
_where = where


class OptimizerState(_NamedTuple):
    """An optimizer's state: (packed_state, tree_def, subtree_defs)."""

    _fields = ("packed_state", "tree_def", "subtree_defs")


_jax.tree_util.register_pytree_node(OptimizerState, lambda xs: ((xs.packed_state,), (xs.tree_def, xs.subtree_defs)), lambda data, xs: OptimizerState(xs[0], data[0], data[1]))


class Optimizer(_NamedTuple):
    """The triple (init_fn, update_fn, params_fn)."""

    _fields = ("init_fn", "update_fn", "params_fn")


def optimizer(opt_maker):
    """Decorator: turn an optimizer over single arrays, returning (init, update, get_params), into
    one over pytrees of arrays (the functions' states become one OptimizerState)."""

    def tree_opt_maker(*args, **kwargs):
        init, update, get_params = opt_maker(*args, **kwargs)

        def tree_init(x0_tree):
            x0_flat, tree = _flatten(x0_tree)
            initial_states = [init(x0) for x0 in x0_flat]
            states_flat = []
            subtrees = []
            for s in initial_states:
                leaves, sub = _flatten(s)
                states_flat.append(leaves)
                subtrees.append(sub)
            return OptimizerState(states_flat, tree, subtrees)

        def tree_update(i, grad_tree, opt_state):
            states_flat, tree, subtrees = opt_state
            grad_flat, tree2 = _flatten(grad_tree)
            if _py.str(tree2) != _py.str(tree):
                raise TypeError(f"optimizer update function was passed a gradient tree that did not match the parameter tree structure with which it was initialized: parameter tree {tree} and grad tree {tree2}.")
            states = [_unflatten(sub, leaves) for sub, leaves in _py.zip(subtrees, states_flat)]
            new_states = [update(i, g, s) for g, s in _py.zip(grad_flat, states)]
            new_flat = []
            for s in new_states:
                leaves, _ = _flatten(s)
                new_flat.append(leaves)
            return OptimizerState(new_flat, tree, subtrees)

        def tree_get_params(opt_state):
            states_flat, tree, subtrees = opt_state
            states = [_unflatten(sub, leaves) for sub, leaves in _py.zip(subtrees, states_flat)]
            return _unflatten(tree, [get_params(s) for s in states])

        return Optimizer(tree_init, tree_update, tree_get_params)

    tree_opt_maker.__doc__ = opt_maker.__doc__
    return tree_opt_maker


def constant(step_size):
    """A schedule returning step_size at every step."""

    def schedule(i):
        return step_size

    return schedule


def exponential_decay(step_size, decay_steps, decay_rate):
    """step_size * decay_rate ** (i / decay_steps)."""

    def schedule(i):
        return step_size * decay_rate ** (i / decay_steps)

    return schedule


def inverse_time_decay(step_size, decay_steps, decay_rate, staircase=False):
    """step_size / (1 + decay_rate * i / decay_steps) (floored with staircase)."""
    if staircase:
        return lambda i: step_size / (1 + decay_rate * floor(i / decay_steps))
    return lambda i: step_size / (1 + decay_rate * i / decay_steps)


def polynomial_decay(step_size, decay_steps, final_step_size, power=1.0):
    """From step_size to final_step_size over decay_steps as (1 - i/T)**power."""

    def schedule(step_num):
        step_num = minimum(step_num, decay_steps)
        step_mult = (1 - step_num / decay_steps) ** power
        return step_mult * (step_size - final_step_size) + final_step_size

    return schedule


def piecewise_constant(boundaries, values):
    """values[k] for steps in [boundaries[k-1], boundaries[k])."""
    boundaries = asarray(boundaries)
    values = asarray(values)

    def schedule(i):
        return values[_py.int(_py.sum([1 for b in boundaries.tolist() if i >= b]))] if _py.isinstance(i, _py.int) else values[sum(asarray(i) >= boundaries)]

    return schedule


def make_schedule(scalar_or_schedule):
    """A schedule from a number (constant) or a schedule (itself)."""
    if _py.callable(scalar_or_schedule):
        return scalar_or_schedule
    if ndim(scalar_or_schedule) == 0:
        return constant(scalar_or_schedule)
    raise TypeError(_py.type(scalar_or_schedule))


@optimizer
def sgd(step_size):
    """Stochastic gradient descent: x - step_size(i) * g."""
    step_size = make_schedule(step_size)

    def init(x0):
        return x0

    def update(i, g, x):
        return x - step_size(i) * g

    def get_params(x):
        return x

    return init, update, get_params


@optimizer
def momentum(step_size, mass):
    """SGD with momentum: v = mass * v + g; x - step_size(i) * v."""
    step_size = make_schedule(step_size)

    def init(x0):
        return (x0, zeros_like(x0))

    def update(i, g, state):
        x, velocity = state
        velocity = mass * velocity + g
        x = x - step_size(i) * velocity
        return (x, velocity)

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def nesterov(step_size, mass):
    """SGD with Nesterov momentum."""
    step_size = make_schedule(step_size)

    def init(x0):
        return (x0, zeros_like(x0))

    def update(i, g, state):
        x, velocity = state
        velocity = mass * velocity + g
        x = x - step_size(i) * (mass * velocity + g)
        return (x, velocity)

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def adagrad(step_size, momentum=0.9):
    """Adagrad with momentum on the rescaled gradient."""
    step_size = make_schedule(step_size)

    def init(x0):
        return (x0, zeros_like(x0), zeros_like(x0))

    def update(i, g, state):
        x, g_sq, m = state
        g_sq = g_sq + square(g)
        g_sq_inv_sqrt = _where(g_sq > 0, 1.0 / sqrt(g_sq), 0.0)
        m = (1.0 - momentum) * (g * g_sq_inv_sqrt) + momentum * m
        x = x - step_size(i) * m
        return (x, g_sq, m)

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def rmsprop(step_size, gamma=0.9, eps=1e-8):
    """RMSProp: x - step_size(i) * g / sqrt(avg_sq_grad + eps)."""
    step_size = make_schedule(step_size)

    def init(x0):
        return (x0, zeros_like(x0))

    def update(i, g, state):
        x, avg_sq_grad = state
        avg_sq_grad = avg_sq_grad * gamma + square(g) * (1.0 - gamma)
        x = x - step_size(i) * g / sqrt(avg_sq_grad + eps)
        return (x, avg_sq_grad)

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def rmsprop_momentum(step_size, gamma=0.9, eps=1e-8, momentum=0.9):
    """RMSProp with momentum."""
    step_size = make_schedule(step_size)

    def init(x0):
        return (x0, zeros_like(x0), zeros_like(x0))

    def update(i, g, state):
        x, avg_sq_grad, mom = state
        avg_sq_grad = avg_sq_grad * gamma + square(g) * (1.0 - gamma)
        mom = momentum * mom + step_size(i) * g / sqrt(avg_sq_grad + eps)
        x = x - mom
        return (x, avg_sq_grad, mom)

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def adam(step_size, b1=0.9, b2=0.999, eps=1e-8):
    """Adam: bias-corrected moments, x - step_size(i) * mhat / (sqrt(vhat) + eps).

    >>> from jax.example_libraries import optimizers
    >>> init_fun, update_fun, get_params = optimizers.adam(1e-3)
    >>> state = init_fun({'w': jnp.zeros(2)})
    >>> print(get_params(update_fun(0, {'w': jnp.ones(2)}, state))['w'])
    [-0.00099999 -0.00099999]
    """
    step_size = make_schedule(step_size)

    def init(x0):
        return (x0, zeros_like(x0), zeros_like(x0))

    def update(i, g, state):
        x, m, v = state
        m = (1 - b1) * g + b1 * m
        v = (1 - b2) * square(g) + b2 * v
        mhat = m / (1 - asarray(b1, m.dtype) ** (i + 1))
        vhat = v / (1 - asarray(b2, m.dtype) ** (i + 1))
        x = x - step_size(i) * mhat / (sqrt(vhat) + eps)
        return (x, m, v)

    def get_params(state):
        return state[0]

    return init, update, get_params


@optimizer
def adamax(step_size, b1=0.9, b2=0.999, eps=1e-8):
    """Adamax: Adam with the infinity norm."""
    step_size = make_schedule(step_size)

    def init(x0):
        return (x0, zeros_like(x0), zeros_like(x0))

    def update(i, g, state):
        x, m, u = state
        m = (1 - b1) * g + b1 * m
        u = maximum(b2 * u, abs(g))
        x = x - (step_size(i) / (1 - asarray(b1, m.dtype) ** (i + 1))) * m / (u + eps)
        return (x, m, u)

    def get_params(state):
        return state[0]

    return init, update, get_params


def l2_norm(tree):
    """The l2 norm of a pytree of arrays (as if flattened into one vector)."""
    leaves, _ = _flatten(tree)
    return sqrt(_py.sum([vdot(x, x) for x in leaves]))


def clip_grads(grad_tree, max_norm):
    """Rescale a pytree of gradients so that its l2 norm is at most max_norm."""
    norm = l2_norm(grad_tree)
    normalize = lambda g: _where(norm < max_norm, g, g * (max_norm / norm))
    return _jax.tree_util.tree_map(normalize, grad_tree)
