# Control flow as primitives: scan (a tanh RNN cell with stacked ys, reverse, fori_loop with static
# bounds, which is a scan), cond with a traced predicate, and while_loop, whose reverse mode is an
# error as in JAX, so it is checked in forward mode and under vmap only.
W = pts((3, 3), 5) * 0.5


def rnn(h0, xs):
    def step(h, x):
        h = np.tanh(np.dot(W, h) + x)
        return h, h * h
    h, ys = lax.scan(step, h0, xs)
    return np.concatenate([h, np.ravel(ys)])


check("scan", ["scan"], rnn, [pts((3,), 1), pts((4, 3), 2)])
check("scan_reverse", ["scan"], lambda x: lax.scan(lambda c, a: (c * np.sin(a) + a, c * a), x[0], x, reverse=True)[1], [pts((5,), 3)])
check("fori_loop", ["scan"], lambda x: lax.fori_loop(0, 3, lambda i, v: np.sin(v) * x + v * i, x), [pts((3,), 6)])


def fcond(x):
    return lax.cond(np.sum(x) > 0.0, lambda v: np.sin(v) * v, lambda v: np.cos(v) - v, x)


check("cond_true", ["cond"], fcond, [pts((3,), 4, 0.1, 1.0)])
check("cond_false", ["cond"], fcond, [pts((3,), 7, -1.0, -0.1)])


def check_fwd(case, prims, f, x):
    """Forward mode against central differences, vmap against a loop, and the IR check."""
    for j in range(2):
        t = pts(x.shape, 20 + j)
        ad = jvp(f, (x,), (t,))[1]
        fd = (f(x + H1 * t) - f(x - H1 * t)) / (2 * H1)
        report(case, f"jvp0.{j}", ad, fd)
    check_vmap(case, f, [x])
    has_prims(case, prims, [str(jax.make_jaxpr(f)(x))])


check_fwd("while_loop", ["while"], lambda x: lax.while_loop(lambda s: s[0] < 3, lambda s: (s[0] + 1, np.sin(s[1]) * x + s[1]), (0, x))[1], pts((3,), 8))
