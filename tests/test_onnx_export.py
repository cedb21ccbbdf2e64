"""ONNX export (`lang/src/export/onnx.rs`, `slope.export.onnx`) checked by the real `onnx`
checker and `onnxruntime`.

Every oracle program and primitive example runs once with `SLOPE_ONNX_COLLECT`: each distinct
function a device runs is exported with its inputs and Slope's outputs (ONNX's test-data layout);
each model must pass `onnx.checker.check_model(full_check=True)` and give Slope's outputs in
onnxruntime (float rtol 1e-5). Functions ONNX cannot express (random bits of a traced key,
cumprod, and loops and conditionals for now) are listed by the exporter with the primitive's name instead. onnxruntime implements a
few operators for float32 only although ONNX defines them for float64 too (see ORT_NO_F64): such
a model is checked by the checker only, and only that exact onnxruntime refusal is accepted.
"""

import os
import re
import subprocess
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import numpy_helper

import oracle

DIRS = [oracle.ROOT / "tests/oracle/numpy", oracle.ROOT / "tests/oracle/jax", oracle.ROOT / "lang/tests/prims"]
PROGRAMS = sorted(p for d in DIRS for p in d.glob("*.py"))
# Operators onnxruntime (1.32) implements for float32 but not float64, though ONNX allows both.
ORT_NO_F64 = {"Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh"}
# Programs that test float64 sums more accurately than onnxruntime computes them (it adds float64
# ReduceSum in order; Slope sums pairwise, as numpy): their models get the checker only.
ORT_SUM_ORDER = {"tests/oracle/numpy/sum_accuracy_f32.py"}
# Why the exporter may decline a function (anything else is a failure).
DECLINED = re.compile(r"the primitive `(threefry2x32|cumprod|cond|while|scan|pure_callback|io_callback|debug_callback)` cannot be exported to ONNX")


def read_tensor(path: Path) -> np.ndarray:
    t = onnx.TensorProto()
    t.ParseFromString(path.read_bytes())
    return numpy_helper.to_array(t)


def check_model(d: Path, run: bool = True) -> str:
    """Check one collected model; returns 'ran' or 'checker-only'."""
    model = onnx.load(str(d / "model.onnx"))
    onnx.checker.check_model(model, full_check=True)
    if not run:
        return "checker-only"
    data = d / "test_data_set_0"
    try:
        sess = ort.InferenceSession(str(d / "model.onnx"), providers=["CPUExecutionProvider"])
    except Exception as e:  # noqa: BLE001 - only ORT's known missing float64 kernels are accepted
        m = re.search(r"Could not find an implementation for (\w+)\(\d+\)", str(e))
        assert m and m.group(1) in ORT_NO_F64, f"{d}: onnxruntime refused the model: {e}\n{(d / 'func.txt').read_text()}"
        return "checker-only"
    feeds = {i.name: read_tensor(data / f"input_{k}.pb") for k, i in enumerate(sess.get_inputs())}
    outs = sess.run(None, feeds)
    for k, got in enumerate(outs):
        want = read_tensor(data / f"output_{k}.pb")
        assert got.dtype == want.dtype and got.shape == want.shape, f"{d}: output {k} is {got.dtype}{got.shape}, Slope gave {want.dtype}{want.shape}"
        if got.dtype.kind == "f":
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6, err_msg=f"{d}\n{(d / 'func.txt').read_text()}")
        else:
            np.testing.assert_array_equal(got, want, err_msg=f"{d}\n{(d / 'func.txt').read_text()}")
    return "ran"


@pytest.mark.parametrize("prog", PROGRAMS, ids=lambda p: str(p.relative_to(oracle.ROOT)))
def test_exported_functions_run_in_onnxruntime(prog, tmp_path):
    env = dict(os.environ, SLOPE_ONNX_COLLECT=str(tmp_path))
    subprocess.run([str(oracle.slope_bin_path()), str(prog)], capture_output=True, env=env, timeout=120, cwd=tmp_path)
    for skipped in tmp_path.glob("*_skipped.txt"):
        for line in skipped.read_text().splitlines():
            assert DECLINED.search(line), f"the exporter declined a function: {line}"
    for d in sorted(p for p in tmp_path.iterdir() if p.is_dir()):
        check_model(d, run=str(prog.relative_to(oracle.ROOT)) not in ORT_SUM_ORDER)


MLP = """
import jax
import jax.numpy as jnp
import numpy as np
import slope

def loss(params, x, y):
    h = jnp.tanh(x @ params['w1'] + params['b1'])
    out = h @ params['w2'] + params['b2']
    return jnp.mean((out - y) ** 2)

params = {'w1': jax.random.normal(jax.random.PRNGKey(0), (4, 8)) * 0.5, 'b1': jnp.zeros(8),
          'w2': jax.random.normal(jax.random.PRNGKey(1), (8, 1)), 'b2': jnp.full(1, 0.1)}
x = jax.random.normal(jax.random.PRNGKey(2), (16, 4))
y = jnp.sum(x, axis=1, keepdims=True)
lr = 0.1

def step(params, x, y):
    g = jax.grad(loss)(params, x, y)
    return jax.tree_util.tree_map(lambda p, d: p - lr * d, params, g)

print(slope.export.onnx(jax.grad(loss), params, x, y, path='grad.onnx', input_names=['b1', 'b2', 'w1', 'w2', 'x', 'y']))
print(slope.export.onnx(step, params, x, y, path='step.onnx'))
for k in sorted(params):
    print(k, np.asarray(params[k]).ravel().tolist())
print('x', np.asarray(x).ravel().tolist())
print('y', np.asarray(y).ravel().tolist())
g = jax.grad(loss)(params, x, y)
s = step(params, x, y)
for k in sorted(g):
    print('g', k, np.asarray(g[k]).ravel().tolist())
for k in sorted(s):
    print('s', k, np.asarray(s[k]).ravel().tolist())
"""


def test_mlp_training_step_and_its_grad(tmp_path):
    prog = tmp_path / "mlp.py"
    prog.write_text(MLP)
    r = subprocess.run([str(oracle.slope_bin_path()), str(prog)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    vals = {}
    for line in r.stdout.splitlines()[2:]:
        *key, data = line.split(" ", 2) if line.startswith(("g ", "s ")) else line.split(" ", 1)
        vals[" ".join(key)] = np.array(eval(data), dtype=np.float32)  # noqa: S307 - our own printed lists
    shapes = {"w1": (4, 8), "b1": (8,), "w2": (8, 1), "b2": (1,)}
    params = {k: vals[k].reshape(s) for k, s in shapes.items()}
    x, y = vals["x"].reshape(16, 4), vals["y"].reshape(16, 1)
    for name in ["grad.onnx", "step.onnx"]:
        model = onnx.load(str(tmp_path / name))
        onnx.checker.check_model(model, full_check=True)
        sess = ort.InferenceSession(str(tmp_path / name), providers=["CPUExecutionProvider"])
        names = [i.name for i in sess.get_inputs()]
        want_in = ["b1", "b2", "w1", "w2", "x", "y"] if name == "grad.onnx" else ["params_0", "params_1", "params_2", "params_3", "x", "y"]
        assert names == want_in
        outs = sess.run(None, dict(zip(names, [params["b1"], params["b2"], params["w1"], params["w2"], x, y])))
        prefix = "g" if name == "grad.onnx" else "s"
        for k, got in zip(sorted(shapes), outs):
            np.testing.assert_allclose(got.ravel(), vals[f"{prefix} {k}"], rtol=1e-5, atol=1e-6, err_msg=f"{name} {k}")
    # A step is a real update: the exported step moves the parameters by -lr * grad.
    np.testing.assert_allclose(vals["s w1"], vals["w1"] - 0.1 * vals["g w1"], rtol=1e-5, atol=1e-6)


def test_the_comparison_can_fail(tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text("import jax.numpy as jnp\nimport slope\nslope.export.onnx(lambda a: jnp.sin(a) * 2, jnp.ones(3), path='m.onnx')\n")
    subprocess.run([str(oracle.slope_bin_path()), str(prog)], check=True, capture_output=True, timeout=120, cwd=tmp_path)
    sess = ort.InferenceSession(str(tmp_path / "m.onnx"), providers=["CPUExecutionProvider"])
    got = sess.run(None, {sess.get_inputs()[0].name: np.full(3, 0.5, np.float32)})[0]
    np.testing.assert_allclose(got, 2 * np.sin(np.float32(0.5)), rtol=1e-6)
    with pytest.raises(AssertionError):
        np.testing.assert_allclose(got, 2 * np.cos(np.float32(0.5)), rtol=1e-5)


def test_host_callback_is_a_clear_error(tmp_path):
    """A function holding a host callback (Python run in the session) is not exported: a
    NotImplementedError naming the primitive, and no file written."""
    prog = tmp_path / "cb.py"
    prog.write_text(
        "import jax, jax.numpy as jnp, numpy as np, slope\n"
        "f = lambda x: jax.pure_callback(lambda v: np.asarray(v) * 2, jax.ShapeDtypeStruct(x.shape, x.dtype), x) + 1\n"
        "slope.export.onnx(f, jnp.ones(3), path='f.onnx')\n"
    )
    r = subprocess.run([str(oracle.slope_bin_path()), str(prog)], capture_output=True, text=True, timeout=120, cwd=tmp_path, env=dict(os.environ, NO_COLOR="1"))
    assert r.returncode == 1, r.stderr
    assert "NotImplementedError: the primitive `pure_callback` cannot be exported to ONNX" in r.stderr, r.stderr
    assert not (tmp_path / "f.onnx").exists()
