"""The IR a student reads: for the examples of JAX's autodiff cookbook, Slope's `make_jaxpr`
prints at most two equations more than real JAX's does for the same program.

The program below runs under CPython with JAX (the reference count, never written by hand) and
under slope; each prints `=== name` before a jaxpr, and the equations of each jaxpr (its lines
`outs = prim ...`) are counted on both sides.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import oracle

PROGRAM = '''
import jax
import jax.numpy as jnp
from jax import grad, hessian

def show(name, f, *args):
    print("=== " + name)
    print(jax.make_jaxpr(f)(*args))

def tanh(x):
    y = jnp.exp(-2.0 * x)
    return (1.0 - y) / (1.0 + y)

show("tanh", tanh, 1.0)
show("grad tanh", grad(tanh), 1.0)
show("grad grad tanh", grad(grad(tanh)), 1.0)
show("grad grad grad tanh", grad(grad(grad(tanh))), 1.0)

def sigmoid(x):
    return 0.5 * (jnp.tanh(x / 2) + 1)

def predict(W, b, inputs):
    return sigmoid(jnp.dot(inputs, W) + b)

inputs = jnp.array([[0.52, 1.12, 0.77], [0.88, -1.08, 0.15], [0.52, 0.06, -1.30], [0.74, -2.49, 1.39]])
targets = jnp.array([True, True, False, True])

def loss(W, b):
    preds = predict(W, b, inputs)
    label_probs = preds * targets + (1 - preds) * (1 - targets)
    return -jnp.sum(jnp.log(label_probs))

W = jnp.array([0.1, -0.2, 0.3])
show("logistic loss", loss, W, 0.5)
show("grad logistic loss", grad(loss, argnums=(0, 1)), W, 0.5)

def f(x):
    return jnp.dot(x, x) * jnp.sin(x[0])

show("hessian", hessian(f), jnp.array([1.0, 2.0]))
show("grad x**2", grad(lambda x: x ** 2), 3.0)
show("grad sin(x)*x", grad(lambda x: jnp.sin(x) * x), 3.0)
'''

EQN = re.compile(r"^\s*(?:\S+:\S+\s+)*\S+:\S+ = \S")


def counts(text: str) -> dict:
    """Equations per `=== name` block."""
    out: dict = {}
    name = None
    for line in text.splitlines():
        if line.startswith("=== "):
            name = line[4:].strip()
            out[name] = 0
        elif name is not None and EQN.match(line):
            out[name] += 1
    return out


def test_cookbook_jaxprs_are_as_short_as_jaxs(tmp_path: Path):
    path = tmp_path / "cookbook_jaxprs.py"
    path.write_text(PROGRAM, encoding="utf-8")
    want = oracle.run_python(path)
    assert want.returncode == 0, want.stderr[-3000:]
    got = oracle.run_slope(path)
    assert got.returncode == 0, got.stderr[-3000:]
    jax_n, slope_n = counts(want.stdout), counts(got.stdout)
    assert len(jax_n) == 9 and set(slope_n) == set(jax_n), (jax_n, slope_n)
    assert all(n > 0 for n in jax_n.values()), jax_n
    long = {k: (slope_n[k], jax_n[k]) for k in jax_n if slope_n[k] > jax_n[k] + 2}
    assert not long, f"(slope, jax) equation counts over JAX's + 2: {long}\n--- slope ---\n{got.stdout}"


@pytest.mark.parametrize(
    "text, n",
    [
        ("{ lambda ; a:f32[]. let\n    b:f32[] = mul 2.0:f32[] a\n  in (b,) }", 1),
        ("{ lambda ; a:f32[4,3]. let\n    e:f32[4] = dot_general[\n      dimension_numbers=(([1], [0]), ([], []))\n    ] a c\n    _:f32[] = neg v\n  in (e,) }", 2),
    ],
    ids=["inline literal", "multi-line equation"],
)
def test_equations_are_counted(text, n):
    assert counts("=== x\n" + text) == {"x": n}


SCAN_PROGRAM = '''
import jax
import jax.numpy as jnp
from jax import lax

H = 64
W = jnp.ones((H, H)) * 0.01
U = jnp.ones((H, H)) * 0.02

def rnn(h0, xs):
    def cell(h, x):
        h = jnp.tanh(W @ h + U @ x)
        return h, jnp.sum(h)
    return lax.scan(cell, h0, xs)

def loss(h0, xs):
    h, ys = rnn(h0, xs)
    return jnp.sum(h) + jnp.sum(ys)

for n in [10, 10000]:
    xs = jnp.zeros((n, H))
    print("=== scan %d" % n)
    print(jax.make_jaxpr(rnn)(jnp.zeros(H), xs))
    print("=== grad scan %d" % n)
    print(jax.make_jaxpr(jax.grad(loss))(jnp.zeros(H), xs))
    print("=== fori %d" % n)
    print(jax.make_jaxpr(lambda x: lax.fori_loop(0, n, lambda i, v: jnp.sin(v) * 0.5 + i, x))(1.0))
'''

# Every equation, also those of nested jaxprs, which JAX may print on one line.
ANY_EQN = re.compile(r"\S+:\S+ = \S")


def sizes(text: str) -> dict:
    out: dict = {}
    name = None
    for line in text.splitlines():
        if line.startswith("=== "):
            name = line[4:].strip()
            out[name] = 0
        elif name is not None:
            out[name] += len(ANY_EQN.findall(line))
    return out


def test_scan_ir_size_does_not_grow_with_the_step_count(tmp_path: Path):
    """A 10,000-step scan is one `scan` equation holding its body, as in JAX: the IR of the loop,
    of its gradient and of a fori_loop is the same size at 10 and at 10,000 steps, and at most a
    few equations longer than JAX's."""
    path = tmp_path / "scan_jaxprs.py"
    path.write_text(SCAN_PROGRAM, encoding="utf-8")
    want = oracle.run_python(path)
    assert want.returncode == 0, want.stderr[-3000:]
    got = oracle.run_slope(path)
    assert got.returncode == 0, got.stderr[-3000:]
    jax_n, slope_n = sizes(want.stdout), sizes(got.stdout)
    assert set(slope_n) == set(jax_n) and len(jax_n) == 6, (jax_n, slope_n)
    for kind in ["scan", "grad scan", "fori"]:
        assert slope_n[f"{kind} 10"] == slope_n[f"{kind} 10000"], (kind, slope_n, got.stdout)
        assert jax_n[f"{kind} 10"] == jax_n[f"{kind} 10000"], (kind, jax_n)
        assert 0 < slope_n[f"{kind} 10000"] <= 2 * jax_n[f"{kind} 10000"] + 4, (kind, slope_n, jax_n, got.stdout)
    # Reverse mode saves per step only what varies per step: nothing of the weights' shape is
    # stacked along the 10 steps (JAX's jaxpr has none either).
    grad_text = lambda out: out.split("=== grad scan 10\n")[1].split("=== ")[0]
    assert "f32[10,64,64]" not in grad_text(want.stdout)
    assert "f32[10,64,64]" not in grad_text(got.stdout), grad_text(got.stdout)
