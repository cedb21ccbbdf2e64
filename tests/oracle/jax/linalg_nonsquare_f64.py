# jnp.linalg svd/qr/pinv of tall and wide matrices and eigh under jit, in float64 (the square
# cases are linalg_jit_grad_f64's): values and
# gradients equal to JAX's (JAX's derivative rules for eigh, svd, qr; the rest differentiated
# through), on quantities that do not depend on the arbitrary signs of eigen/singular vectors;
# qr compares Q and R directly (LAPACK's signs). check_grads compares with finite differences.
# rtol: 2e-4
# atol: 2e-5
import jax
import jax.numpy as jnp
import numpy as np
from jax.test_util import check_grads

jax.config.update("jax_enable_x64", True)
NONSQUARE, NONSQUARE_ONLY = True, True


def mats(dt):
    rng = np.random.RandomState(0)
    A = rng.randn(4, 4)
    S = A @ A.T + 4 * np.eye(4)
    T = rng.randn(5, 3)
    W = rng.randn(2, 4)
    B = rng.randn(4, 2)
    return [jnp.asarray(x, dtype=dt) for x in (S, A, T, W, B)]


def run(dt):
    S, A, T, W, B = mats(dt)
    L = jnp.tril(jnp.arange(1.0, 17.0, dtype=dt).reshape(4, 4)) / 10 + jnp.eye(4, dtype=dt)
    fs = {
        "inv": lambda a: jnp.sum(jnp.linalg.inv(a) * L),
        "solve": lambda a: jnp.sum(jnp.linalg.solve(a, B) ** 2),
        "det": lambda a: jnp.linalg.det(a),
        "slogdet": lambda a: jnp.linalg.slogdet(a)[1],
        "cholesky": lambda a: jnp.sum(jnp.linalg.cholesky(a) * L),
        "norm_fro": lambda a: jnp.linalg.norm(a),
        "norm_2": lambda a: jnp.linalg.norm(a, 2),
        "norm_nuc": lambda a: jnp.linalg.norm(a, "nuc"),
        "matrix_power": lambda a: jnp.sum(jnp.linalg.matrix_power(a, 3) * L),
        "eigh_w": lambda a: jnp.sum(jnp.linalg.eigh(a)[0] * jnp.arange(1.0, 5.0, dtype=dt)),
        "eigh_v2": lambda a: jnp.sum(jnp.linalg.eigh(a)[1] ** 2 * L),
        "eigvalsh": lambda a: jnp.sum(jnp.linalg.eigvalsh(a) ** 2),
        "svd_s": lambda a: jnp.sum(jnp.linalg.svd(a, compute_uv=False) * jnp.arange(1.0, 5.0, dtype=dt)),
        "svd_u2": lambda a: jnp.sum(jnp.linalg.svd(a, full_matrices=False)[0] ** 2 * L),
        "svd_rebuild": lambda a: jnp.sum(((lambda u, s, vh: (u * s) @ vh)(*jnp.linalg.svd(a, full_matrices=False))) * L),
        "qr_r": lambda a: jnp.sum(jnp.linalg.qr(a)[1] * L),
        "qr_q": lambda a: jnp.sum(jnp.linalg.qr(a)[0] * L),
        "pinv": lambda a: jnp.sum(jnp.linalg.pinv(a) * L),
        "lstsq": lambda a: jnp.sum(jnp.linalg.lstsq(a, B)[0] ** 2),
    }
    digits = 5 if dt == jnp.float64 else 3
    if dt == jnp.float32:
        del fs["eigh_v2"]  # eigenvector gradients in float32 are too sensitive to compare closely
    for name, f in fs.items() if not NONSQUARE_ONLY else []:
        x = S if name in ("cholesky", "eigh_w", "eigh_v2", "eigvalsh") else A
        g = jax.grad(f)(x)
        decomposition = name.startswith(("eigh", "eigvalsh", "svd", "qr", "pinv", "lstsq", "norm_2"))
        print(dt.__name__, name, f(x), jax.jit(f)(x) if decomposition else "")
        print(np.asarray(g).round(digits))
        if name in ("eigh_w", "svd_s", "qr_r"):
            print(np.asarray(jax.jit(jax.grad(f))(x)).round(digits))
        if decomposition:
            print(jax.vmap(f)(jnp.stack([x, x * 1.5 + jnp.eye(4, dtype=dt)])))
        if dt == jnp.float64 and name in ("inv", "cholesky", "eigh_w", "eigh_v2", "svd_s", "svd_u2", "qr_r", "pinv"):
            check_grads(f, (x,), order=1, modes=["rev"], atol=1e-4, rtol=1e-4)
    if not NONSQUARE:
        return
    # Non-square: tall and wide svd and qr, eager and under jit.
    for M in (T, W):
        s = jnp.linalg.svd(M, compute_uv=False)
        u, s2, vh = jax.jit(lambda m: jnp.linalg.svd(m, full_matrices=False))(M)
        tol = 1e-4 if dt == jnp.float32 else 1e-10
        print(s, s2, np.abs(np.asarray(u)).round(4), bool(np.abs(np.asarray((u * s2) @ vh - M)).max() < tol))
        uf, sf, vhf = jax.jit(jnp.linalg.svd)(M)
        print(uf.shape, vhf.shape, bool(np.abs(np.asarray(uf.T @ uf) - np.eye(uf.shape[1])).max() < tol), bool(np.abs(np.asarray(vhf @ vhf.T) - np.eye(vhf.shape[0])).max() < tol))
        q, r = jnp.linalg.qr(M)
        qj, rj = jax.jit(jnp.linalg.qr)(M)
        print(q, r, qj, rj)
        qc, rc = jax.jit(lambda m: jnp.linalg.qr(m, mode="complete"))(M)
        print(qc, rc)
        print(jax.grad(lambda m: jnp.sum(jnp.linalg.qr(m)[1] ** 2))(M))
        print(jax.grad(lambda m: jnp.sum(jnp.linalg.svd(m, compute_uv=False) ** 3))(M))
        print(jax.jit(jax.grad(lambda m: jnp.sum(jnp.linalg.pinv(m) ** 2)))(M))
    w, v = jax.jit(jnp.linalg.eigh)(S)
    tol = 1e-4 if dt == jnp.float32 else 1e-10
    print(w, bool(np.abs(np.asarray(v @ jnp.diag(w) @ v.T - S)).max() < 10 * tol), bool(np.abs(np.asarray(v.T @ v) - np.eye(4)).max() < tol))
    print(np.asarray(jax.jacfwd(lambda a: jnp.linalg.eigvalsh(a))(S).sum(axis=0)).round(4) + 0.0)


run(jnp.float64)
