# Shared by every tests/fd/*.py program: tests/test_fd_table.py runs `_lib.py + program` with
# slope. The finite differences computed here, in float64, are the oracle.
#
# Output lines parsed by the test:
#   ERR <case> <check> <value>     max relative error (scaled by max(1, |reference|))
#   PRIM <case> <name> <True|False> whether the primitive appears in the case's IR
import numpy as np
import jax
from jax import grad, jvp, vjp, vmap, linearize, lax

H1 = 1e-6
H2 = 1e-4


def pts(shape, seed, lo=-1.0, hi=1.0):
    """Deterministic pseudo-random float64 points in [lo, hi)."""
    n = 1
    for d in shape:
        n = n * d
    u = np.abs(np.sin(np.arange(n) * 12.9898 + seed * 78.233 + 0.5) * 43758.5453) % 1.0
    return (lo + (hi - lo) * u).reshape(shape)


def relerr(a, b):
    a = np.asarray(a) * 1.0
    b = np.asarray(b) * 1.0
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b))) / max(1.0, float(np.max(np.abs(b))))


def report(case, kind, ad, ref):
    e = relerr(ad, ref)
    print(f"ERR {case} {kind} {e}")
    print("    ad ", np.ravel(np.asarray(ad) * 1.0))
    print("    ref", np.ravel(np.asarray(ref) * 1.0))


def has_literal(s):
    """Whether the IR text uses a literal: they print inline, as JAX's do (`mul a 2.5:f64[]`)."""
    for tok in s.replace("(", " ").replace(",", " ").split():
        if ":" in tok and tok.endswith("[]") and (tok[0] in "0123456789-" or tok.startswith("inf") or tok.startswith("nan")):
            return True
    return False


def has_prims(case, prims, texts):
    for p in prims:
        found = False
        for s in texts:
            if (" = " + p + " ") in s or (" = " + p + "[") in s or (p == "literal" and has_literal(s)):
                found = True
        print(f"PRIM {case} {p} {found}")


def call(f, args):
    """f(*args), spelled out by arity."""
    n = len(args)
    if n == 1:
        return f(args[0])
    if n == 2:
        return f(args[0], args[1])
    if n == 3:
        return f(args[0], args[1], args[2])
    return f(*args)


def at(f, args, k):
    """f as a function of its k-th argument, the others fixed."""
    def g(x):
        a = list(args)
        a[k] = x
        return call(f, a)
    return g


def check(case, prims, f, args, diff=None, fd_f=None, order2=True, batch=3, fwd=True):
    """jvp, vjp (grad of sum(f * w)), second order and vmap of f against finite differences and
    a loop. `diff`: the argnums to differentiate (default: every float array argument);
    `fd_f`: the function the finite differences use (default f); `fwd=False` skips the
    forward-mode checks (custom_vjp functions support reverse mode only, as in JAX)."""
    args = list(args)
    if fd_f is None:
        fd_f = f
    if diff is None:
        diff = [k for k in range(len(args)) if np.asarray(args[k]).dtype == np.float64]
    texts = []
    seed = 1
    for k in diff:
        x = np.asarray(args[k])
        fk = at(f, args, k)
        rk = at(fd_f, args, k)
        y = fk(x)
        w = pts(np.shape(y), seed + 11)
        g = lambda z: np.sum(fk(z) * w)
        gr = lambda z: np.sum(rk(z) * w)
        texts.append(str(jax.make_jaxpr(fk)(x)))
        texts.append(str(jax.make_jaxpr(grad(g))(x)))
        texts.append(str(jax.make_jaxpr(lambda z: vjp(fk, z)[1](w))(x)))
        texts.append(str(jax.make_jaxpr(linearize(fk, x)[1])(x)))
        # first order: jvp along random tangents
        for j in range(2 if fwd else 0):
            t = pts(x.shape, seed + 20 + j)
            ad = jvp(fk, (x,), (t,))[1]
            fd = (rk(x + H1 * t) - rk(x - H1 * t)) / (2 * H1)
            report(case, f"jvp{k}.{j}", ad, fd)
        # first order: vjp and grad against coordinate-wise differences
        fdg = np.zeros(x.size)
        for i in range(x.size):
            e = np.zeros(x.size)
            e[i] = 1.0
            e = e.reshape(x.shape)
            fdg[i] = (gr(x + H1 * e) - gr(x - H1 * e)) / (2 * H1)
        fdg = fdg.reshape(x.shape)
        report(case, f"vjp{k}", vjp(fk, x)[1](w * 1.0)[0], fdg)
        report(case, f"grad{k}", grad(g)(x), fdg)
        # second order: forward-over-reverse and reverse-over-reverse Hessian-vector products
        # against central differences of the gradient
        if order2:
            t = pts(x.shape, seed + 30)
            gg = grad(g)
            fd2 = (grad(gr)(x + H2 * t) - grad(gr)(x - H2 * t)) / (2 * H2)
            if fwd:
                report(case, f"hvp_fwd{k}", jvp(gg, (x,), (t,))[1], fd2)
            report(case, f"hvp_rev{k}", grad(lambda z: np.sum(gg(z) * t))(x), fd2)
        seed = seed + 100
    check_vmap(case, f, args, batch)
    has_prims(case, prims, texts)


def batched(a, n, seed):
    a = np.asarray(a)
    if a.dtype == np.float64:
        return np.stack([a + pts(a.shape, seed + i, -0.01, 0.01) for i in range(n)])
    return np.stack([a for i in range(n)])


def check_vmap(case, f, args, batch=3):
    """vmap(f) against a Python loop: each argument batched alone (in_axes 0 there, None
    elsewhere), then all arguments together, then along the last axis."""
    args = list(args)
    for k in range(len(args)):
        xb = batched(args[k], batch, 40 + k)
        axes = tuple([0 if i == k else None for i in range(len(args))])
        ad = call(vmap(f, in_axes=axes), [xb if i == k else args[i] for i in range(len(args))])
        ref = np.stack([call(f, [xb[b] if i == k else args[i] for i in range(len(args))]) for b in range(batch)])
        report(case, f"vmap{k}", ad, ref)
    if len(args) > 1:
        bs = [batched(args[k], batch, 60 + k) for k in range(len(args))]
        ad = call(vmap(f), bs)
        ref = np.stack([call(f, [b[i] for b in bs]) for i in range(batch)])
        report(case, "vmap_all", ad, ref)
    a0 = np.asarray(args[0])
    if a0.ndim >= 1:
        xb = np.moveaxis(batched(a0, batch, 80), 0, -1)
        ad = call(vmap(f, in_axes=tuple([-1] + [None] * (len(args) - 1))), [xb] + args[1:])
        ref = np.stack([call(f, [xb[..., b]] + args[1:]) for b in range(batch)])
        report(case, "vmap_last", ad, ref)


def check_nondiff(case, prims, f, args, batch=3):
    """A function with integer/bool outputs: vmap against a loop, and the IR check."""
    check_vmap(case, f, args, batch)
    has_prims(case, prims, [str(jax.make_jaxpr(at(f, args, k))(args[k])) for k in range(len(args))])
