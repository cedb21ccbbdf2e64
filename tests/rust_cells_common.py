"""What the `%%rust` tests of both front ends share (tests/test_rust_cells.py for the REPL and
scripts, tests/kernel/test_rust_kernel.py for Jupyter): the cells and the numpy oracle.

The Rust side: `slope-rust` at $SLOPE_RUST_BIN (scripts/test.sh builds it and exports it), else
where the slope binary looks for it ($SLOPE_CACHE/rust-target) or builds it itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np

# Rust cells: one statement cell exporting three functions (no blank lines: the REPL runs a
# %% cell at its first blank line).
RUST_EXPORTS = """%%rust
fn smoothstep(x: &[f64], out: &mut [f64]) {
    for (o, &v) in out.iter_mut().zip(x) {
        let t = v.clamp(0.0, 1.0);
        *o = t * t * (3.0 - 2.0 * t);
    }
}
fn dsmoothstep(x: f64) -> f64 {
    let t = x.clamp(0.0, 1.0);
    6.0 * t * (1.0 - t)
}
fn checked_sqrt(x: f64) -> f64 {
    assert!(x >= 0.0, "sqrt of a negative number: {x}");
    x.sqrt()
}
fn cumsum(x: &[f64], shape: &[usize], out: &mut [f64]) {
    let mut s = 0.0;
    for (i, v) in x.iter().enumerate() { s += v; out[i] = s; }
    out[x.len()] = shape.len() as f64;
}
fn width(x: &[f64], out: &mut [f64]) {
    for o in out.iter_mut() { *o = x.len() as f64; }
}
slope::export("width", width);
slope::export("smoothstep", smoothstep);
slope::export_map("dsmoothstep", dsmoothstep);
slope::export_map("checked_sqrt", checked_sqrt);
slope::export_shaped("cumsum1", cumsum, |s: &[usize]| vec![s.iter().product::<usize>() + 1]);
println!("exported {} functions", 5);"""

# A Rust cell whose third line does not compile (an i32 plus a &str).
RUST_BAD = """%%rust
let a = 1;
let b: i32 = a + "two";"""

# Slope lines (one statement a line, for the REPL) that use the exports: values, grad through a
# custom JVP written in Slope, finite differences, slope.check_grads, jit and vmap.
SLOPE_USE = [
    "import jax, jax.numpy as jnp, numpy as np, slope",
    'jax.config.update("jax_enable_x64", True)',
    "smooth = jax.custom_jvp(lambda x: slope.rust.smoothstep(x))",
    "smooth.defjvp(lambda p, t: (smooth(p[0]), slope.rust.dsmoothstep(p[0]) * t[0]))",
    "f = lambda x: jnp.sum(smooth(x) ** 2)",
    "x = jnp.array([0.1, 0.3, 0.5, 0.8, 1.2])",
    'print("VALUES", repr(slope.rust.smoothstep(x).tolist()))',
    'print("GRAD", repr(jax.grad(f)(x).tolist()))',
    'print("FD", repr([float((f(x.at[i].add(1e-6)) - f(x.at[i].add(-1e-6))) / 2e-6) for i in range(5)]))',
    'slope.check_grads(f, (x,), order=1, modes=("rev", "fwd")); print("CHECK_GRADS ok")',
    'print("JITVMAP", repr(jax.jit(jax.vmap(smooth))(x[:4].reshape(2, 2)).tolist()))',
    'print("NUMPY", repr(slope.rust.smoothstep(np.array([0.25, 2.0])).tolist()), type(slope.rust.smoothstep(np.array([0.5]))).__name__)',
    'print("SHAPED", repr(slope.rust.cumsum1(jnp.array([[1.0, 2.0], [3.0, 4.0]])).tolist()))',
    # An elementwise export under vmap is called once on the whole batch: `width` writes the
    # length of the array it was called on (12 for 3 examples of 4; 4 per example).
    'print("BATCHED", repr(jax.vmap(slope.rust.width)(jnp.ones((3, 4))).tolist()), repr(jax.jit(jax.vmap(slope.rust.width))(jnp.ones((3, 4))).tolist()))',
    # Exports inside a custom_vjp's bwd (traced without the residuals' values): they run when
    # the backward pass runs.
    "sm_vjp = jax.custom_vjp(lambda x: slope.rust.smoothstep(x))",
    "sm_vjp.defvjp(lambda x: (slope.rust.smoothstep(x), x), lambda r, g: (slope.rust.dsmoothstep(r) * g,))",
    "fv = lambda x: jnp.sum(sm_vjp(x) ** 2)",
    'print("VJP", repr(jax.grad(fv)(x).tolist()), repr(jax.jit(jax.grad(fv))(x).tolist()))',
]

XS = np.array([0.1, 0.3, 0.5, 0.8, 1.2])


def smoothstep(x):
    t = np.clip(x, 0.0, 1.0)
    return t * t * (3 - 2 * t)


def dsmoothstep(x):
    t = np.clip(x, 0.0, 1.0)
    return 6 * t * (1 - t)


def check_use_output(text: str) -> None:
    """The printed results of SLOPE_USE against numpy (values and the analytic gradient
    2·s(x)·s'(x)) and against the finite differences Slope printed."""

    def grab(tag):
        m = re.search(rf"^{tag} (.*)$", text, re.M)
        assert m, f"no {tag} line in:\n{text}"
        return m.group(1)

    vals = np.array(eval(grab("VALUES")))
    np.testing.assert_allclose(vals, smoothstep(XS), rtol=1e-14)
    grad = np.array(eval(grab("GRAD")))
    np.testing.assert_allclose(grad, 2 * smoothstep(XS) * dsmoothstep(XS), rtol=1e-12, atol=1e-14)
    fd = np.array(eval(grab("FD")))
    np.testing.assert_allclose(grad, fd, rtol=1e-6, atol=1e-8)
    assert "CHECK_GRADS ok" in text
    jv = np.array(eval(grab("JITVMAP")))
    np.testing.assert_allclose(jv, smoothstep(XS[:4]).reshape(2, 2), rtol=1e-14)
    npline = grab("NUMPY")
    lst, typ = npline.rsplit(" ", 1)
    np.testing.assert_allclose(np.array(eval(lst)), smoothstep(np.array([0.25, 2.0])), rtol=1e-14)
    assert typ == "ndarray", npline
    assert eval(grab("SHAPED")) == [1.0, 3.0, 6.0, 10.0, 2.0]
    batched, jit_batched = grab("BATCHED").split("] [")
    assert eval(batched + "]") == [[12.0] * 4] * 3, batched
    assert eval("[" + jit_batched) == [[12.0] * 4] * 3, jit_batched
    vjp, jit_vjp = grab("VJP").split("] [")
    for v in (eval(vjp + "]"), eval("[" + jit_vjp)):
        np.testing.assert_allclose(np.array(v), 2 * smoothstep(XS) * dsmoothstep(XS), rtol=1e-12, atol=1e-14)


def path_without_cargo(tmp: Path) -> str:
    """A PATH with nothing on it: no cargo, no rustc (slope itself needs no PATH)."""
    d = tmp / "empty-bin"
    d.mkdir(exist_ok=True)
    return str(d)
