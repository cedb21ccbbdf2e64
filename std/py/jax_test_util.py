# jax.test_util in Slope: check_grads, which compares a function's forward- and reverse-mode
# derivatives with central finite differences along random directions (JAX's method: the jvp
# against (f(x + eps t) - f(x - eps t)) / 2 eps, the vjp through <ct, J t> = <J^T ct, t>),
# recursing to higher orders. Runs in jax.numpy's scope.
import jax as _jax

# The dtype the finite differences are taken in: float32, or float64 for float64 arguments
# (under jax_enable_x64), as JAX's check_grads works in the arguments' precision.
_DT = [float32]


def _tol(x, given, default32, default64):
    if given is not None:
        return given
    return default64 if asarray(x).dtype == float64 else default32


def _inner(a, b):
    la = _jax.tree_util.tree_leaves(a)
    lb = _jax.tree_util.tree_leaves(b)
    total = 0.0
    for x, y in _py.zip(la, lb):
        total = total + sum(asarray(x, dtype=_DT[0]) * asarray(y, dtype=_DT[0]))
    return total


def _random_like(tree, key):
    leaves, tdef = _jax.tree_util.tree_flatten(tree)
    keys = _jax.random.split(key, _py.max(_py.len(leaves), 1))
    out = [_jax.random.normal(k, shape(x), dtype=_DT[0]) for k, x in _py.zip(keys, leaves)]
    return _jax.tree_util.tree_unflatten(tdef, out)


def _add(tree, t, s):
    return _jax.tree_util.tree_map(lambda a, b: asarray(a, dtype=_DT[0]) + s * b, tree, t)


def _check_close(what, order, got, want, atol, rtol, eps):
    for g, w in _py.zip(_jax.tree_util.tree_leaves(got), _jax.tree_util.tree_leaves(want)):
        g = asarray(g, dtype=_DT[0])
        w = asarray(w, dtype=_DT[0])
        if not _py.bool(all(abs(g - w) <= atol + rtol * abs(w))):
            mode = "forward mode (jvp)" if what == "JVP" else "reverse mode (vjp)"
            nth = {1: "first", 2: "second", 3: "third"}.get(order, f"order-{order}")
            worst = _py.float(max(abs(g - w)))
            # help: the derivative rule disagrees with finite differences: check the function's custom rules, or loosen atol/rtol
            raise AssertionError(
                f"{what} check failed: the {nth} derivative in {mode} disagrees with central finite differences\n"
                f"  derivative:         {g}\n  finite differences: {w}\n"
                f"  largest difference {worst:.3g} > atol + rtol·|fd| (atol={atol}, rtol={rtol}, eps={eps})")


def check_grads(f, args, order, modes=("fwd", "rev"), atol=None, rtol=None, eps=None):
    """check_grads(f, args, order, modes=('fwd', 'rev'), atol=None, rtol=None, eps=None)

    Check f's derivatives up to `order` at `args` (a tuple) against central finite differences
    along random directions, in forward mode ('fwd': jvp) and reverse mode ('rev': vjp). Raises
    AssertionError on a mismatch, returns None otherwise.

    >>> jax.test_util.check_grads(jnp.sin, (0.5,), order=2)
    """
    args = _py.tuple(args)
    for m in modes:
        if m not in ("fwd", "rev"):
            # help: modes are 'fwd' and 'rev'
            raise ValueError(f"Unrecognized mode: {m}")
    first = asarray(_jax.tree_util.tree_leaves(args)[0])
    _DT[0] = float64 if first.dtype == float64 else float32
    # JAX's step is 1e-4; float32 differences in Slope take 1e-3, float64 JAX's.
    eps_ = (1e-4 if _DT[0] == float64 else 1e-3) if eps is None else eps
    atol_ = _tol(_jax.tree_util.tree_leaves(args)[0], atol, 2e-2, 1e-5)
    rtol_ = _tol(_jax.tree_util.tree_leaves(args)[0], rtol, 2e-2, 1e-5)
    key = _jax.random.PRNGKey(0)

    def check(fun, order_left, key):
        k1, k2, k3 = _jax.random.split(key, 3)
        t = _random_like(args, k1)
        num = _jax.tree_util.tree_map(lambda a, b: (asarray(a, dtype=_DT[0]) - asarray(b, dtype=_DT[0])) / (2 * eps_),
                                      fun(*_add(args, t, eps_)), fun(*_add(args, t, -eps_)))
        if "fwd" in modes:
            _, t_out = _jax.jvp(fun, args, _py.tuple(_jax.tree_util.tree_map(lambda a, b: asarray(b, dtype=asarray(a).dtype), args, t)))
            _check_close("JVP", order + 1 - order_left, t_out, num, atol_, rtol_, eps_)
            if order_left > 1:
                check(lambda *a: _jax.jvp(fun, a, _py.tuple(t))[1], order_left - 1, k2)
        if "rev" in modes:
            y, back = _jax.vjp(fun, *args)
            ct = _random_like(y, k3)
            cts = back(_jax.tree_util.tree_map(lambda a, b: asarray(b, dtype=asarray(a).dtype), y, ct))
            _check_close("VJP", order + 1 - order_left, _inner(cts, t), _inner(ct, num), atol_, rtol_, eps_)
            if order_left > 1:
                check(lambda *a: _jax.vjp(fun, *a)[1](ct), order_left - 1, k2)

    check(f, order, key)
