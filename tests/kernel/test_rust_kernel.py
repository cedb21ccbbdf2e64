"""`%%rust` cells in the Jupyter kernel: a Rust cell exports functions that later Slope cells
use (grad through a custom JVP checked against numpy and finite differences, slope.check_grads,
jit and vmap); a compile error is an error reply with rustc's message at the cell's line, and
the kernel goes on; a panic inside an exported function is a Python-style RuntimeError and the
kernel survives; without cargo the cell says what to install. The cells and the oracle are
shared with the terminal tests (tests/rust_cells_common.py).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager

from conftest import KERNEL_NAME

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rust_cells_common import RUST_BAD, RUST_EXPORTS, SLOPE_USE, check_use_output, path_without_cargo  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;]*m")
START_TIMEOUT = 600


class Kernel:
    def __init__(self, log: Path, env: dict | None = None):
        self.log = open(log, "w")
        self.km = KernelManager(kernel_name=KERNEL_NAME)
        self.km.start_kernel(stderr=self.log, env={**os.environ, **(env or {})})
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def run(self, code: str, timeout: float = 120) -> tuple[dict, str, list[dict]]:
        """Execute `code`: its reply content, its stream text (stdout and stderr), its errors."""
        outs = []
        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=outs.append)
        text = "".join(m["content"].get("text", "") for m in outs if m["msg_type"] == "stream")
        errors = [m["content"] for m in outs if m["msg_type"] == "error"]
        return reply["content"], text, errors

    def alive(self) -> bool:
        return self.km.is_alive()

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
        self.log.close()


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    k = Kernel(tmp_path_factory.mktemp("rust-kernel") / "kernel.log")
    yield k
    k.close()


def test_export_then_use_with_grad(kernel):
    reply, text, errors = kernel.run(RUST_EXPORTS, timeout=START_TIMEOUT)
    assert reply["status"] == "ok", errors
    assert "exported 5 functions" in text
    assert re.search(r"Rust context ready in [0-9.]+ s", text), text
    reply, text, errors = kernel.run("\n".join(SLOPE_USE))
    assert reply["status"] == "ok", errors
    check_use_output(text)


def test_custom_vjp_jit_vmap(kernel):
    """custom_vjp over a Rust primal (its bwd in Slope), under grad, jit and vmap."""
    code = """import jax, jax.numpy as jnp, slope
@jax.custom_vjp
def s(x):
    return slope.rust.smoothstep(x)
def s_fwd(x):
    return slope.rust.smoothstep(x), x
def s_bwd(x, g):
    t = jnp.clip(x, 0.0, 1.0)
    return (6 * t * (1 - t) * g,)
s.defvjp(s_fwd, s_bwd)
x = jnp.array([0.1, 0.3, 0.5, 0.8, 1.2])
print(repr(jax.grad(lambda x: (s(x) ** 2).sum())(x).tolist()))
print(repr(jax.jit(jax.vmap(jax.grad(s)))(x).tolist()))"""
    reply, text, errors = kernel.run(code)
    assert reply["status"] == "ok", errors
    import numpy as np
    from rust_cells_common import XS, dsmoothstep, smoothstep

    g, per = [np.array(eval(line)) for line in text.strip().split("\n")]
    np.testing.assert_allclose(g, 2 * smoothstep(XS) * dsmoothstep(XS), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(per, dsmoothstep(XS), rtol=1e-12, atol=1e-14)


def test_compile_error_shows_line_and_kernel_goes_on(kernel):
    reply, _, errors = kernel.run(RUST_BAD)
    assert reply["status"] == "error"
    assert reply["ename"] == "CompileError" and "E0277" in reply["evalue"], reply
    tb = ANSI.sub("", "\n".join(errors[0]["traceback"]))
    assert re.search(r"<cell \d+>:3:", tb), tb
    assert 'a + "two"' in tb, tb
    reply, _, _ = kernel.run("1+1")
    assert reply["status"] == "ok"
    # The Rust context kept its exports.
    reply, text, errors = kernel.run("import numpy as np, slope\nprint(slope.rust.smoothstep(np.array([0.5])))")
    assert reply["status"] == "ok" and text == "[0.5]\n", (text, errors)


def test_panic_is_a_python_error_and_the_kernel_survives(kernel):
    reply, _, errors = kernel.run("import jax.numpy as jnp, slope\nslope.rust.checked_sqrt(jnp.array([4.0, -1.0]))")
    assert reply["status"] == "error"
    assert reply["ename"] == "RuntimeError", reply
    assert reply["evalue"] == "Rust panic in checked_sqrt: sqrt of a negative number: -1", reply
    assert kernel.alive()
    reply, text, _ = kernel.run("import numpy as np\nprint(slope.rust.checked_sqrt(np.array([4.0, 9.0])))")
    assert reply["status"] == "ok" and text == "[2. 3.]\n", text
    # Rust state persists across cells, and a panic in a cell's own code is an error too.
    assert kernel.run("%%rust\nlet kept = 41;")[0]["status"] == "ok"
    reply, text, _ = kernel.run('%%rust\nprintln!("{}", kept + 1);')
    assert reply["status"] == "ok" and text == "42\n", text
    reply, _, _ = kernel.run('%%rust\npanic!("cell panic {}", 7);')
    assert reply["status"] == "error" and reply["evalue"] == "Rust panic: cell panic 7", reply
    assert kernel.run("1+1")[0]["status"] == "ok"


def test_help_rust_example_runs(kernel):
    """`%help rust` shows a primitive written in Rust with its JVP in Slope; its two cells run
    and the gradient is numpy's 3x²."""
    reply, text, _ = kernel.run("%help rust")
    assert reply["status"] == "ok"
    rust = text[text.index("\n%%rust\n") + 1:text.index("\n\nimport jax")]
    py = text[text.index("import jax"):]
    reply, _, errors = kernel.run(rust)
    assert reply["status"] == "ok", errors
    reply, out, errors = kernel.run(py)
    assert reply["status"] == "ok", errors
    import numpy as np

    got = np.array(out.strip().strip("[]").split(), float)
    np.testing.assert_allclose(got, 3 * np.array([0.5, 2.0]) ** 2, rtol=1e-12)


def test_rust_process_death(kernel):
    """Rust code that aborts its process: the cell is an error saying the Rust variables are
    lost; an abort inside an exported function likewise, and the next %%rust cell starts a new
    Rust context. The kernel lives through both."""
    assert kernel.run("%%rust\nlet before = 1;")[0]["status"] == "ok"
    reply, _, _ = kernel.run("%%rust\nstd::process::abort();")
    assert reply["status"] == "error" and "lost" in "\n".join(reply["traceback"]), reply
    reply, _, _ = kernel.run('%%rust\nprintln!("{}", before);')
    assert reply["status"] == "error" and reply["ename"] == "CompileError", reply  # `before` is gone
    reply, text, errors = kernel.run("%%rust\nfn die(_: &[f64], _: &mut [f64]) { std::process::abort() }\nslope::export(\"die\", die);")
    assert reply["status"] == "ok", errors
    reply, _, _ = kernel.run("import numpy as np, slope\nslope.rust.die(np.zeros(2))")
    assert reply["status"] == "error" and reply["ename"] == "RuntimeError" and "lost" in reply["evalue"], reply
    assert kernel.alive()
    reply, _, _ = kernel.run("slope.rust.die(np.zeros(2))")
    assert reply["status"] == "error" and ("has no attribute" in reply["evalue"] or "gone" in reply["evalue"]), reply
    reply, text, errors = kernel.run('%%rust\nprintln!("fresh {}", 2 + 2);', timeout=START_TIMEOUT)
    assert reply["status"] == "ok" and "fresh 4" in text and "Rust context ready" in text, (text, errors)


def test_no_toolchain(tmp_path):
    k = Kernel(tmp_path / "kernel.log", env={"PATH": path_without_cargo(tmp_path)})
    try:
        reply, _, _ = k.run('%%rust\nprintln!("hi");')
        assert reply["status"] == "error"
        assert reply["evalue"] == "%%rust needs a Rust toolchain: `cargo` was not found on PATH", reply
        tb = ANSI.sub("", "\n".join(reply["traceback"]))
        assert "rustup" in tb, tb
        reply, _, _ = k.run("x = 1 + 1")
        assert reply["status"] == "ok"
    finally:
        k.close()


def test_notebook(tmp_path):
    """notebooks/rust-cells.ipynb runs under nbclient; only its tagged cell fails (the panic),
    and its numbers are numpy's."""
    import numpy as np
    import nbformat
    from nbclient import NotebookClient

    path = Path(__file__).resolve().parents[2] / "notebooks" / "rust-cells.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=START_TIMEOUT, allow_errors=True, resources={"metadata": {"path": str(tmp_path)}}).execute()
    texts = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        errors = [o for o in c.outputs if o.output_type == "error"]
        if "raises-exception" in c.metadata.get("tags", []):
            assert len(errors) == 1 and errors[0].evalue.startswith("Rust panic in checked_log: log of a non-positive number: -2"), c.outputs
        else:
            assert not errors, (c.source, errors)
        texts.append("".join(o.get("text", "") for o in c.outputs if o.output_type == "stream"))
    out = "\n".join(texts)
    s = lambda x: np.clip(x, 0, 1) ** 2 * (3 - 2 * np.clip(x, 0, 1))
    x = np.array([0.1, 0.3, 0.5, 0.8])
    grad = 2 * s(x) * 6 * x * (1 - x)
    m = re.search(r"grad: \[([^\]]*)\]", out)
    assert m, out
    np.testing.assert_allclose(np.array(m.group(1).split(), float), grad, rtol=1e-5)
    assert "check_grads: ok" in out
    m = re.search(r"^\[([^\]]*)\]$", out, re.M)
    np.testing.assert_allclose(np.array(m.group(1).split(), float), s(np.linspace(-0.5, 1.5, 9)), rtol=1e-6)
    assert "[0.         1.        ]" in out or "[0. 1.]" in out, out
