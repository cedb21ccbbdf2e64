"""The notebooks under notebooks/ run, through the installed kernelspec, with nbclient (as CI
and `jupyter nbconvert --execute` run them), and their outputs are what they should be — on the
default device and, unchanged, after a first cell `%device gpu` (lavapipe where the machine has no
real GPU; a machine without an adapter fails the gpu run, it is never skipped)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import KERNEL_NAME

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
TOUR = NOTEBOOKS / "slope-in-jupyter.ipynb"


def execute(path: Path, tmp_path: Path, device: str | None = None) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.kernelspec.name == KERNEL_NAME
    if device is not None:
        # The notebook's own cells stay as they are: one cell before them picks the device.
        nb.cells.insert(0, nbformat.v4.new_code_cell(f"%device {device}"))
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120, allow_errors=True, resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    if device is not None:
        first = nb.cells.pop(0)
        text = "".join(o.get("text", "") for o in first.outputs)
        assert text == f"device: {device}\n", first.outputs
    return nb


@pytest.fixture(scope="module", params=[None, "gpu"], ids=["default-device", "gpu"])
def tour(request, tmp_path_factory):
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")  # lavapipe wants one
    return execute(TOUR, tmp_path_factory.mktemp("nb"), request.param)


def cell(nb, starts_with: str):
    (c,) = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith(starts_with)]
    return c


def test_every_cell_ran_and_only_the_tagged_one_failed(tour):
    for c in tour.cells:
        if c.cell_type != "code":
            continue
        assert c.execution_count is not None, c.source
        errors = [o for o in c.outputs if o.output_type == "error"]
        if "raises-exception" in c.metadata.get("tags", []):
            assert len(errors) == 1, c.source
        else:
            assert not errors, (c.source, errors)


def test_results_and_streams(tour):
    (out,) = cell(tour, "x = np.linspace").outputs
    assert out.output_type == "execute_result"
    assert out.data["text/plain"] == "array([0.  , 0.25, 0.5 , 0.75, 1.  ])"
    text = "".join(o.text for o in cell(tour, 'print("mean:"').outputs if o.output_type == "stream")
    assert text == "mean: 0.5\nsum of squares: 1.875\n"
    (out,) = cell(tour, "def softplus").outputs
    assert out.data["text/plain"] == "array([0.31326169, 0.69314718, 1.31326169])"


def test_gradients_match_jax(tour):
    jax = pytest.importorskip("jax")
    jnp = jax.numpy
    c = cell(tour, "from jax import grad")
    (stream,) = [o for o in c.outputs if o.output_type == "stream"]
    (result,) = [o for o in c.outputs if o.output_type == "execute_result"]

    def f(x):
        return jnp.tanh(x) ** 2

    want = float(jax.grad(f)(0.5))
    assert float(stream.text) == pytest.approx(want, rel=1e-6)
    text = result.data["text/plain"]
    assert text.startswith("Array(") and text.endswith("dtype=float32)")
    got = [float(t) for t in re.findall(r"-?\d+\.\d*(?:e[-+]?\d+)?", text.split("dtype")[0])]
    want = [float(v) for v in jax.vmap(jax.grad(f))(jnp.linspace(-1.0, 1.0, 5))]
    assert got == pytest.approx(want, rel=1e-6, abs=1e-7)


def test_error_cell(tour):
    (err,) = cell(tour, "np.ones(3) @ np.ones(4)").outputs
    assert err.output_type == "error"
    assert err.ename == "ValueError"
    assert "inner dimensions" in err.evalue
    assert any("np.ones(3) @ np.ones(4)" in line for line in err.traceback)
    # The notebook went on after the error.
    (out,) = cell(tour, "x.shape").outputs
    assert out.data["text/plain"] == "(5,)"


@pytest.mark.parametrize(
    "mime",
    [
        "text/plain",
        "image/png",
    ],
)
def test_display_outputs(tour, mime):
    displays = [o for c in tour.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "display_data"]
    assert [o for o in displays if mime in o.data], f"no display_data with {mime}"
    if mime == "image/png":
        (png,) = [o for o in cell(tour, "import matplotlib").outputs if o.output_type == "display_data"]
        assert png.data["image/png"][:8] == "iVBORw0K"  # base64 of the PNG signature
        texts = [o.data["text/plain"] for o in cell(tour, "display(").outputs]
        assert texts == ["array([[1., 0.],\n       [0., 1.]])", "Array([0, 1, 2], dtype=int32)"]
