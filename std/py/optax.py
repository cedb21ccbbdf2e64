"""optax: gradient transformations, optimizers, schedules and losses, written in Slope with
optax's own update rules (optax 0.2.8), so a training loop takes the same steps as with the real
optax to float32 rounding.

This file runs in the scope of `jax.numpy` (every jnp function is a plain name here, `_py` is
Python's builtins). A GradientTransformation is a NamedTuple (init, update); states are
NamedTuples with optax's names and fields (ScaleByAdamState(count, mu, nu), TraceState(trace),
...), and chain's state is the tuple of its parts' states, so they are pytrees as in optax.
`learning_rate` takes a number or a schedule (a function of the step count)."""

import jax as _jax
import jax.nn as _nn
from _namedtuple import NamedTuple as _NamedTuple

_tmap = _jax.tree_util.tree_map
_leaves = _jax.tree_util.tree_leaves
_where = where
_sum = sum
_clip = clip
_sqrt = sqrt

# help texts reused below
_NO_PARAMS = "You are using a transformation that requires the current value of parameters, but you are not passing `params` when calling `update`."


# ---------------------------------------------------------------------------------------------
# Base.


class GradientTransformation(_NamedTuple):
    """A pair of pure functions (init, update): `state = init(params)`,
    `updates, state = update(grads, state, params=None)`."""

    _fields = ("init", "update")


class GradientTransformationExtraArgs(GradientTransformation):
    """A GradientTransformation whose update takes extra keyword arguments."""

    _fields = ("init", "update")


class EmptyState(_NamedTuple):
    """The state of a stateless transformation."""

    _fields = ()


def init_empty_state(params):
    """EmptyState(), whatever the params."""
    return EmptyState()


def identity():
    """A transformation that leaves updates unchanged (state EmptyState)."""

    def update_fn(updates, state, params=None):
        return updates, state

    return GradientTransformation(init_empty_state, update_fn)


def with_extra_args_support(tx):
    """tx, with an update that accepts (and ignores) extra keyword arguments."""
    if _py.isinstance(tx, GradientTransformationExtraArgs):
        return tx

    def update(updates, state, params=None, **extra_args):
        return tx.update(updates, state, params)

    return GradientTransformationExtraArgs(tx.init, update)


def chain(*args):
    """Apply transformations in sequence; the state is the tuple of their states.

    >>> tx = optax.chain(optax.clip_by_global_norm(1.0), optax.adam(1e-3))
    >>> print(type(tx).__name__)
    GradientTransformationExtraArgs
    """
    transforms = [with_extra_args_support(t) for t in args]
    init_fns = [t.init for t in transforms]
    update_fns = [t.update for t in transforms]

    def init_fn(params):
        return _py.tuple([fn(params) for fn in init_fns])

    def update_fn(updates, state, params=None, **extra_args):
        if _py.len(update_fns) != _py.len(state):
            raise ValueError("The number of updates and states has to be the same in chain! Make sure you have called init first!")
        new_state = []
        for s, fn in _py.zip(state, update_fns):
            updates, new_s = fn(updates, s, params, **extra_args)
            new_state.append(new_s)
        return updates, _py.tuple(new_state)

    return GradientTransformationExtraArgs(init_fn, update_fn)


def named_chain(*transforms):
    """chain with named parts: the state is a dict from each name to its state."""
    names = [n for n, _ in transforms]
    txs = [with_extra_args_support(t) for _, t in transforms]

    def init_fn(params):
        return {n: t.init(params) for n, t in _py.zip(names, txs)}

    def update_fn(updates, state, params=None, **extra_args):
        new_state = {}
        for n, t in _py.zip(names, txs):
            updates, new_state[n] = t.update(updates, state[n], params, **extra_args)
        return updates, new_state

    return GradientTransformationExtraArgs(init_fn, update_fn)


# ---------------------------------------------------------------------------------------------
# Tree helpers (optax.tree).


def _safe_increment(count):
    """count + 1, saturating at the largest value of count's dtype."""
    count = asarray(count)
    mx = 2147483647 if count.dtype.kind == "i" else 3.4028234663852886e38
    return _where(count < mx, count + 1, mx).astype(count.dtype)


safe_increment = _safe_increment
safe_int32_increment = _safe_increment


def _zeros_like_tree(tree, dtype=None):
    return _tmap(lambda x: zeros_like(x, dtype=dtype), tree)


def update_moment(updates, moments, decay, order):
    """(1 - decay) * g**order + decay * m, leafwise."""
    return _tmap(lambda g, t: (1 - decay) * (g**order) + decay * t, updates, moments)


def update_moment_per_elem_norm(updates, moments, decay, order):
    """(1 - decay) * |g|**order + decay * m, leafwise (real g: g**order)."""
    return _tmap(lambda g, t: (1 - decay) * (g**order) + decay * t, updates, moments)


def bias_correction(moment, decay, count):
    """moment / (1 - decay**count), leafwise."""
    bc = 1 - decay ** asarray(count)
    return _tmap(lambda t: t / bc.astype(t.dtype), moment)


def global_norm(updates):
    """The l2 norm of all leaves of a pytree together.

    >>> print(optax.global_norm({'a': jnp.array([3.0]), 'b': jnp.array([4.0])}))
    5.0
    """
    return _sqrt(_py.sum([_sum(x * x) for x in _leaves(updates)]))


def _tree_norm(tree):
    total = 0
    for s in [_sum(square(x)) for x in _leaves(tree)]:
        total = total + s
    return asarray(_sqrt(total))


# ---------------------------------------------------------------------------------------------
# Transformations.


class TraceState(_NamedTuple):
    """trace's state: the accumulated momentum."""

    _fields = ("trace",)


def trace(decay, nesterov=False, accumulator_dtype=None):
    """Momentum: t = g + decay * t; the update is t (or g + decay * t with nesterov)."""

    def init_fn(params):
        return TraceState(trace=_zeros_like_tree(params, accumulator_dtype))

    def update_fn(updates, state, params=None):
        f = lambda g, t: g + decay * t
        new_trace = _tmap(f, updates, state.trace)
        updates = _tmap(f, updates, new_trace) if nesterov else new_trace
        if accumulator_dtype is not None:
            new_trace = _tmap(lambda t: t.astype(accumulator_dtype), new_trace)
        return updates, TraceState(trace=new_trace)

    return GradientTransformation(init_fn, update_fn)


class ScaleByAdamState(_NamedTuple):
    """scale_by_adam's state: the step count and the first and second moments."""

    _fields = ("count", "mu", "nu")


def scale_by_adam(b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, mu_dtype=None, nesterov=False):
    """Adam's rescaling: bias-corrected first moment over the square root of the bias-corrected
    second moment plus eps."""

    def init_fn(params):
        mu = _zeros_like_tree(params, mu_dtype)
        nu = _zeros_like_tree(params)
        return ScaleByAdamState(count=zeros([], int32), mu=mu, nu=nu)

    def update_fn(updates, state, params=None):
        mu = update_moment(updates, state.mu, b1, 1)
        nu = update_moment_per_elem_norm(updates, state.nu, b2, 2)
        count_inc = _safe_increment(state.count)
        if nesterov:
            mu_hat = _tmap(lambda m, g: b1 * m + (1 - b1) * g, bias_correction(mu, b1, _safe_increment(count_inc)), bias_correction(updates, b1, count_inc))
        else:
            mu_hat = bias_correction(mu, b1, count_inc)
        nu_hat = bias_correction(nu, b2, count_inc)
        updates = _tmap(lambda m, v: m / (_sqrt(v + eps_root) + eps), mu_hat, nu_hat)
        if mu_dtype is not None:
            mu = _tmap(lambda t: t.astype(mu_dtype), mu)
        return updates, ScaleByAdamState(count=count_inc, mu=mu, nu=nu)

    return GradientTransformation(init_fn, update_fn)


class ScaleByRmsState(_NamedTuple):
    """scale_by_rms's state: the moving average of squared gradients."""

    _fields = ("nu",)


class ScaleByRmsWithCountState(_NamedTuple):
    """scale_by_rms's state with bias correction: the step count and nu."""

    _fields = ("count", "nu")


def scale_by_rms(decay=0.9, eps=1e-8, initial_scale=0.0, eps_in_sqrt=True, bias_correction=False):
    """RMSProp's rescaling: g / sqrt(nu + eps), nu the moving average of g**2."""
    use_bc = bias_correction

    def init_fn(params):
        nu = _tmap(lambda x: full_like(x, initial_scale), params)
        if use_bc:
            return ScaleByRmsWithCountState(count=zeros([], int32), nu=nu)
        return ScaleByRmsState(nu=nu)

    def update_fn(updates, state, params=None):
        nu = update_moment_per_elem_norm(updates, state.nu, decay, 2)
        if use_bc:
            count_inc = _safe_increment(state.count)
            nu_hat = _bias_correction(nu, decay, count_inc)
        else:
            nu_hat = nu
        if eps_in_sqrt:
            scaling = _tmap(lambda n: 1.0 / _sqrt(n + eps), nu_hat)
        else:
            scaling = _tmap(lambda n: 1 / (_sqrt(n) + eps), nu_hat)
        updates = _tmap(lambda s, g: s * g, scaling, updates)
        if use_bc:
            return updates, ScaleByRmsWithCountState(count=count_inc, nu=nu)
        return updates, ScaleByRmsState(nu=nu)

    return GradientTransformation(init_fn, update_fn)


_bias_correction = bias_correction


class ScaleByRssState(_NamedTuple):
    """scale_by_rss's state: the sum of squared gradients."""

    _fields = ("sum_of_squares",)


def scale_by_rss(initial_accumulator_value=0.1, eps=1e-7):
    """Adagrad's rescaling: g / sqrt(sum of g**2 + eps)."""

    def init_fn(params):
        return ScaleByRssState(sum_of_squares=_tmap(lambda x: full_like(x, initial_accumulator_value), params))

    def update_fn(updates, state, params=None):
        sum_of_squares = _tmap(lambda g, t: g * g + t, updates, state.sum_of_squares)
        inv = _tmap(lambda t: _where(t > 0, 1.0 / _sqrt(t + eps), 0.0), sum_of_squares)
        updates = _tmap(lambda a, b: a * b, inv, updates)
        return updates, ScaleByRssState(sum_of_squares=sum_of_squares)

    return GradientTransformation(init_fn, update_fn)


class ScaleByLionState(_NamedTuple):
    """scale_by_lion's state: the step count and the momentum."""

    _fields = ("count", "mu")


def scale_by_lion(b1=0.9, b2=0.99, mu_dtype=None):
    """Lion's rescaling: sign((1 - b1) g + b1 m), then m = (1 - b2) g + b2 m."""

    def init_fn(params):
        return ScaleByLionState(count=zeros([], int32), mu=_zeros_like_tree(params, mu_dtype))

    def update_fn(updates, state, params=None):
        updates_new = _tmap(lambda g, m: sign((1.0 - b1) * g + b1 * m), updates, state.mu)
        mu = update_moment(updates, state.mu, b2, 1)
        if mu_dtype is not None:
            mu = _tmap(lambda t: t.astype(mu_dtype), mu)
        return updates_new, ScaleByLionState(count=_safe_increment(state.count), mu=mu)

    return GradientTransformation(init_fn, update_fn)


class ScaleState(_NamedTuple):
    """scale's state (empty)."""

    _fields = ()


def scale(step_size):
    """Multiply updates by a fixed step_size."""

    def update_fn(updates, state, params=None):
        return _tmap(lambda g: step_size * g, updates), state

    return GradientTransformation(init_empty_state, update_fn)


class ScaleByScheduleState(_NamedTuple):
    """scale_by_schedule's state: the step count."""

    _fields = ("count",)


def scale_by_schedule(step_size_fn):
    """Multiply updates by step_size_fn(count), count the number of updates so far."""

    def init_fn(params):
        return ScaleByScheduleState(count=zeros([], int32))

    def update_fn(updates, state, params=None):
        step_size = step_size_fn(state.count)
        updates = _tmap(lambda g: asarray(step_size, dtype=g.dtype) * g, updates)
        return updates, ScaleByScheduleState(count=_safe_increment(state.count))

    return GradientTransformation(init_fn, update_fn)


def scale_by_learning_rate(learning_rate=None, flip_sign=True):
    """Multiply updates by -learning_rate (a number or a schedule)."""
    if learning_rate is None:
        return identity()
    m = -1 if flip_sign else 1
    if _py.callable(learning_rate):
        return scale_by_schedule(lambda count: m * learning_rate(count))
    return scale(m * learning_rate)


class WeightDecaySchedule(_NamedTuple):
    """add_decayed_weights's state with a scheduled weight decay: the step count."""

    _fields = ("count",)


AddDecayedWeightsState = EmptyState


def add_decayed_weights(weight_decay=0.0, mask=None):
    """Add weight_decay * params to the updates (weight_decay a number or a schedule)."""
    def init_fn(params):
        if _py.callable(weight_decay):
            return WeightDecaySchedule(count=zeros([], int32))
        return EmptyState()

    def update_fn(updates, state, params=None):
        if params is None:
            raise ValueError(_NO_PARAMS)
        if _py.callable(weight_decay):
            new_state = WeightDecaySchedule(_safe_increment(state.count))
        else:
            new_state = state
        if _py.isinstance(weight_decay, (_py.int, _py.float)) and weight_decay == 0.0:
            return updates, new_state
        s = weight_decay(state.count) if _py.callable(weight_decay) else weight_decay
        return _tmap(lambda g, p: g + s * p, updates, params), new_state

    if mask is not None:
        return masked(GradientTransformation(init_fn, update_fn), mask)
    return GradientTransformation(init_fn, update_fn)


class MaskedState(_NamedTuple):
    """masked's state: the inner transformation's state."""

    _fields = ("inner_state",)


class MaskedNode(_NamedTuple):
    """What stands for a parameter the mask leaves out (an empty pytree)."""

    _fields = ()


def _mask_pytree(m, p):
    # The mask may be a prefix of the tree: a bool for a whole subtree.
    if _py.isinstance(m, _py.dict):
        return {k: _mask_pytree(m[k], p[k]) for k in p}
    if _py.isinstance(m, (_py.list, _py.tuple)) and not _py.isinstance(m, _NamedTuple):
        out = [_mask_pytree(a, b) for a, b in _py.zip(m, p)]
        return out if _py.isinstance(p, _py.list) else _py.tuple(out)
    return p if m else MaskedNode()


def _unmask(m, new, old):
    if _py.isinstance(m, _py.dict):
        return {k: _unmask(m[k], new[k], old[k]) for k in old}
    if _py.isinstance(m, (_py.list, _py.tuple)) and not _py.isinstance(m, _NamedTuple):
        out = [_unmask(a, b, c) for a, b, c in _py.zip(m, new, old)]
        return out if _py.isinstance(old, _py.list) else _py.tuple(out)
    return new if m else old


def masked(inner, mask):
    """Apply inner only to the parameters where mask (a pytree of bools, a prefix of the
    parameters' tree, or a function of the params returning one) is True; the other updates
    pass through unchanged.

    >>> tx = optax.masked(optax.scale(-1.0), {'a': True, 'b': False})
    >>> u, _ = tx.update({'a': jnp.ones(2), 'b': jnp.ones(2)}, tx.init({'a': jnp.ones(2), 'b': jnp.ones(2)}))
    >>> print(u['a'], u['b'])
    [-1. -1.] [1. 1.]
    """
    inner = with_extra_args_support(inner)

    def _mask_of(tree):
        return mask(tree) if _py.callable(mask) else mask

    def init_fn(params):
        return MaskedState(inner_state=inner.init(_mask_pytree(_mask_of(params), params)))

    def update_fn(updates, state, params=None, **extra_args):
        m = _mask_of(updates)
        masked_params = None if params is None else _mask_pytree(m, params)
        new_masked, new_inner = inner.update(_mask_pytree(m, updates), state.inner_state, masked_params, **extra_args)
        return _unmask(m, new_masked, updates), MaskedState(inner_state=new_inner)

    return GradientTransformationExtraArgs(init_fn, update_fn)


ClipState = EmptyState
ClipByGlobalNormState = EmptyState


def clip(max_delta):
    """Clip each update elementwise to [-max_delta, max_delta]."""

    def update_fn(updates, state, params=None):
        return _tmap(lambda g: _clip(g, -max_delta, max_delta), updates), state

    return GradientTransformation(init_empty_state, update_fn)


def clip_by_global_norm(max_norm):
    """Rescale the updates so that their global norm is at most max_norm."""

    def update_fn(updates, state, params=None):
        g_norm = _tree_norm(updates)
        trigger = g_norm < max_norm
        updates = _tmap(lambda t: _where(trigger, t, t / g_norm.astype(t.dtype) * max_norm), updates)
        return updates, state

    return GradientTransformation(init_empty_state, update_fn)


# ---------------------------------------------------------------------------------------------
# Optimizers.


def sgd(learning_rate, momentum=None, nesterov=False, accumulator_dtype=None):
    """Stochastic gradient descent, with optional (Nesterov) momentum.

    >>> opt = optax.sgd(0.1, momentum=0.9)
    >>> state = opt.init({'w': jnp.zeros(2)})
    >>> updates, state = opt.update({'w': jnp.ones(2)}, state)
    >>> print(updates['w'])
    [-0.1 -0.1]
    """
    opt = trace(decay=momentum, nesterov=nesterov, accumulator_dtype=accumulator_dtype) if momentum is not None else identity()
    return chain(opt, scale_by_learning_rate(learning_rate))


def adam(learning_rate, b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, mu_dtype=None, nesterov=False):
    """Adam: chain(scale_by_adam(...), scale_by_learning_rate(learning_rate)).

    >>> opt = optax.adam(1e-3)
    >>> state = opt.init({'w': jnp.zeros(2)})
    >>> updates, state = opt.update({'w': jnp.ones(2)}, state)
    >>> print(updates['w'])
    [-0.00099999 -0.00099999]
    """
    return chain(scale_by_adam(b1=b1, b2=b2, eps=eps, eps_root=eps_root, mu_dtype=mu_dtype, nesterov=nesterov), scale_by_learning_rate(learning_rate))


def nadam(learning_rate, b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, mu_dtype=None):
    """Adam with Nesterov momentum."""
    return adam(learning_rate, b1, b2, eps, eps_root, mu_dtype, nesterov=True)


def adamw(learning_rate, b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, mu_dtype=None, weight_decay=1e-4, mask=None, nesterov=False):
    """Adam with decoupled weight decay: scale_by_adam, add_decayed_weights, then the learning
    rate."""
    return chain(scale_by_adam(b1=b1, b2=b2, eps=eps, eps_root=eps_root, mu_dtype=mu_dtype, nesterov=nesterov), add_decayed_weights(weight_decay, mask), scale_by_learning_rate(learning_rate))


def lion(learning_rate, b1=0.9, b2=0.99, mu_dtype=None, weight_decay=1e-3, mask=None):
    """Lion: the sign of an interpolated momentum, with decoupled weight decay."""
    return chain(scale_by_lion(b1=b1, b2=b2, mu_dtype=mu_dtype), add_decayed_weights(weight_decay, mask), scale_by_learning_rate(learning_rate))


def rmsprop(learning_rate, decay=0.9, eps=1e-8, initial_scale=0.0, eps_in_sqrt=True, centered=False, momentum=None, nesterov=False, bias_correction=False):
    """RMSProp: g / sqrt(moving average of g**2 + eps), times the learning rate, with optional
    momentum."""
    if centered:
        raise NotImplementedError("optax.rmsprop(centered=True) is not supported by Slope yet")
    return chain(scale_by_rms(decay=decay, eps=eps, initial_scale=initial_scale, eps_in_sqrt=eps_in_sqrt, bias_correction=bias_correction), scale_by_learning_rate(learning_rate), trace(decay=momentum, nesterov=nesterov) if momentum is not None else identity())


def adagrad(learning_rate, initial_accumulator_value=0.1, eps=1e-7):
    """Adagrad: g / sqrt(sum of g**2 + eps), times the learning rate."""
    return chain(scale_by_rss(initial_accumulator_value=initial_accumulator_value, eps=eps), scale_by_learning_rate(learning_rate))


def apply_updates(params, updates):
    """params + updates, leafwise, keeping each parameter's dtype.

    >>> print(optax.apply_updates({'w': jnp.ones(2)}, {'w': jnp.ones(2)})['w'])
    [2. 2.]
    """
    return _tmap(lambda p, u: asarray(p + u).astype(asarray(p).dtype), params, updates)


def incremental_update(new_tensors, old_tensors, step_size):
    """step_size * new + (1 - step_size) * old, leafwise."""
    return _tmap(lambda n, o: step_size * n + (1.0 - step_size) * o, new_tensors, old_tensors)


# ---------------------------------------------------------------------------------------------
# Schedules.


def constant_schedule(value):
    """A schedule that always returns value."""
    return lambda count: value


def polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    """From init_value to end_value over transition_steps as (1 - t/T)**power."""
    if transition_steps <= 0:
        return lambda count: init_value
    if transition_begin < 0:
        transition_begin = 0

    def schedule(count):
        count = _clip(count - transition_begin, 0, transition_steps)
        frac = 1 - count / transition_steps
        return (init_value - end_value) * (frac**power) + end_value

    return schedule


def linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    """Linear from init_value to end_value over transition_steps (after transition_begin).

    >>> s = optax.linear_schedule(1.0, 0.0, 10)
    >>> print(s(5))
    0.5
    """
    return polynomial_schedule(init_value=init_value, end_value=end_value, power=1, transition_steps=transition_steps, transition_begin=transition_begin)


def piecewise_constant_schedule(init_value, boundaries_and_scales=None):
    """init_value, multiplied by each scale once the count passes its boundary."""
    if boundaries_and_scales is not None:
        for sc in boundaries_and_scales.values():
            if sc < 0.0:
                raise ValueError("`piecewise_constant_schedule` expects non-negative scale factors")

    def schedule(count):
        v = init_value
        if boundaries_and_scales is not None:
            for threshold, sc in sorted(boundaries_and_scales.items()):
                indicator = maximum(0.0, sign(threshold - count))
                v = v * indicator + (1 - indicator) * sc * v
        return v

    return schedule


def exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0, staircase=False, end_value=None):
    """init_value * decay_rate ** ((count - transition_begin) / transition_steps) (floored with
    staircase), bounded by end_value."""
    if transition_steps <= 0 or decay_rate == 0:
        return lambda count: init_value
    if transition_begin < 0:
        transition_begin = 0
    clip_fn = None
    if end_value is not None:
        clip_fn = maximum if decay_rate < 1.0 else minimum

    def schedule(count):
        decreased_count = count - transition_begin
        p = decreased_count / transition_steps
        if staircase:
            p = floor(p)
        decayed_value = _where(decreased_count <= 0, init_value, init_value * power(decay_rate, p))
        if clip_fn is not None:
            decayed_value = clip_fn(decayed_value, end_value)
        return decayed_value

    return schedule


def cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    """init_value * ((1 - alpha) * (0.5 * (1 + cos(pi * t / T)))**exponent + alpha), t capped at
    decay_steps T."""
    if not decay_steps > 0:
        raise ValueError(f"The cosine_decay_schedule requires positive decay_steps, got decay_steps={decay_steps!r}.")
    steps = _py.float(decay_steps) if _py.isinstance(decay_steps, _py.int) else decay_steps

    def schedule(count):
        if _py.isinstance(count, _py.int) and not _py.isinstance(count, _py.bool):
            count = _py.float(count)
        count = minimum(count, steps)
        cosine_decay = 0.5 * (1 + cos(pi * count / steps))
        decayed = (1 - alpha) * (cosine_decay**exponent) + alpha
        return init_value * decayed

    return schedule


def join_schedules(schedules, boundaries):
    """schedules[i] from boundaries[i-1] on, each counting from its boundary."""

    def schedule(step):
        output = schedules[0](step)
        for boundary, sch in _py.zip(boundaries, schedules[1:]):
            output = _where(step < boundary, output, sch(step - boundary))
        return output

    return schedule


def warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps, end_value=0.0, exponent=1.0):
    """Linear warmup from init_value to peak_value over warmup_steps, then cosine decay to
    end_value at decay_steps."""
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    schedules = [linear_schedule(init_value=init_value, end_value=peak_value, transition_steps=warmup_steps), cosine_decay_schedule(init_value=peak_value, decay_steps=decay_steps - warmup_steps, alpha=alpha, exponent=exponent)]
    return join_schedules(schedules, [warmup_steps])


def warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps, decay_rate, transition_begin=0, staircase=False, end_value=None):
    """Linear warmup, then exponential decay."""
    schedules = [linear_schedule(init_value=init_value, end_value=peak_value, transition_steps=warmup_steps), exponential_decay(init_value=peak_value, transition_steps=transition_steps, decay_rate=decay_rate, transition_begin=transition_begin, staircase=staircase, end_value=end_value)]
    return join_schedules(schedules, [warmup_steps])


# ---------------------------------------------------------------------------------------------
# Losses.


def l2_loss(predictions, targets=None):
    """0.5 * (predictions - targets)**2, elementwise.

    >>> print(optax.l2_loss(jnp.array([1.0, 2.0]), jnp.array([0.0, 0.0])))
    [0.5 2. ]
    """
    predictions = asarray(predictions)
    return 0.5 * squared_error(predictions, targets)


def squared_error(predictions, targets=None):
    """(predictions - targets)**2, elementwise."""
    predictions = asarray(predictions)
    if targets is not None and _py.tuple(asarray(targets).shape) != _py.tuple(predictions.shape):
        raise ValueError(f"predictions and targets must have the same shape, got {_py.tuple(predictions.shape)} and {_py.tuple(asarray(targets).shape)}")
    errors = predictions - targets if targets is not None else predictions
    return errors**2


def huber_loss(predictions, targets=None, delta=1.0):
    """Quadratic for |error| <= delta, linear beyond, elementwise."""
    errors = asarray(predictions) - targets if targets is not None else asarray(predictions)
    abs_errors = abs(errors)
    quadratic = minimum(abs_errors, delta)
    linear = abs_errors - quadratic
    return 0.5 * (quadratic**2) + delta * linear


def softmax_cross_entropy(logits, labels, axis=-1, where=None):
    """-sum(labels * log_softmax(logits)) along axis.

    >>> print(optax.softmax_cross_entropy(jnp.array([[0.0, 0.0]]), jnp.array([[1.0, 0.0]])))
    [0.6931472]
    """
    mask = where
    logits = asarray(logits)
    if mask is not None:
        mask = asarray(mask)
        if mask.ndim != logits.ndim:
            mask = expand_dims(mask, axis)
    log_probs = _nn.log_softmax(logits, axis, mask)
    prod = asarray(labels) * log_probs
    if mask is not None:
        prod = _where(mask, prod, 0)
    return -_sum(prod, axis=axis)


def softmax_cross_entropy_with_integer_labels(logits, labels, axis=-1, where=None):
    """logsumexp(logits) - logits[label] along axis, for integer labels.

    >>> print(optax.softmax_cross_entropy_with_integer_labels(jnp.array([[0.0, 0.0]]), jnp.array([0])))
    [0.6931472]
    """
    logits = asarray(logits)
    labels = asarray(labels)
    if labels.dtype.kind not in ("i", "u"):
        # help: pass integer class indices (labels.astype(jnp.int32)), or use softmax_cross_entropy for one-hot labels
        raise ValueError(f"softmax_cross_entropy_with_integer_labels: labels must be integers, got dtype {labels.dtype}")
    mask = where
    if mask is not None:
        mask = asarray(mask)
        if mask.ndim != logits.ndim:
            mask = expand_dims(mask, axis)
    ax = axis + logits.ndim if axis < 0 else axis
    label_logits = take_along_axis(logits, expand_dims(labels, ax), axis=ax)
    label_logits = squeeze(label_logits, axis=ax)
    log_normalizers = _nn.logsumexp(logits, axis=ax, where=mask)
    out = log_normalizers - label_logits
    if mask is not None:
        out = _where(any(mask, axis=ax), out, 0.0)
    return out


def sigmoid_binary_cross_entropy(logits, labels):
    """-labels * log_sigmoid(logits) - (1 - labels) * log_sigmoid(-logits), elementwise."""
    logits = asarray(logits)
    labels = asarray(labels).astype(logits.dtype)
    log_p = _nn.log_sigmoid(logits)
    log_not_p = _nn.log_sigmoid(-logits)
    return -labels * log_p - (1.0 - labels) * log_not_p


def safe_softmax_cross_entropy(logits, labels):
    """softmax_cross_entropy that is 0 (not nan) where the logits are -inf and the labels 0."""
    logits = asarray(logits)
    log_probs = _nn.log_softmax(logits)
    prod = _where(asarray(labels) == 0, 0.0, asarray(labels) * log_probs)
    return -_sum(prod, axis=-1)


def log_cosh(predictions, targets=None):
    """log(cosh(predictions - targets)), elementwise, computed stably."""
    errors = asarray(predictions) - targets if targets is not None else asarray(predictions)
    return _log_cosh(errors)


def _log_cosh(e):
    a = abs(e)
    return a + log1p(exp(-2.0 * a)) - 0.6931471805599453


def cosine_similarity(predictions, targets, epsilon=0.0):
    """The cosine of the angle between predictions and targets along the last axis."""
    p = asarray(predictions)
    t = asarray(targets)
    pn = p / maximum(_sqrt(_sum(p * p, axis=-1, keepdims=True)), epsilon)
    tn = t / maximum(_sqrt(_sum(t * t, axis=-1, keepdims=True)), epsilon)
    return _sum(pn * tn, axis=-1)


def cosine_distance(predictions, targets, epsilon=0.0):
    """1 - cosine_similarity."""
    return 1.0 - cosine_similarity(predictions, targets, epsilon)
