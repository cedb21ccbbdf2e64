"""`%%rust` cells in the terminal front end: the REPL (in a pseudo-terminal, through pexpect) and
scripts. A Rust cell exports functions that later Slope lines use, with grad through a custom
JVP checked against numpy and finite differences; a compile error shows its line and the REPL
goes on; a panic inside an exported function is a Python-style RuntimeError; without cargo the
cell says what to install. The shared cells and the oracle are in rust_cells_common.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import time

import pexpect
import pytest

import oracle
from rust_cells_common import RUST_BAD, RUST_EXPORTS, SLOPE_USE, check_use_output, path_without_cargo

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# The first Rust cell starts the Rust context (evcxr compiles its helper module).
START_TIMEOUT = 600


class Repl:
    def __init__(self, tmp_path, env=None):
        e = dict(os.environ)
        e.update({"SLOPE_HISTORY": str(tmp_path / "history"), "NO_COLOR": "1", "TERM": "xterm", "SLOPE_PASTE_GAP_MS": "0"})
        e.update(env or {})
        self.p = pexpect.spawn(str(oracle.slope_bin()), env=e, encoding="utf-8", timeout=120, dimensions=(50, 250))
        self.p.expect("Ctrl-D exits")
        self.p.expect(">>> ")

    def cell(self, text: str, timeout=120) -> str:
        """Type a cell line by line (a %% cell ends with a blank line), then a line printing a
        marker; the output up to the marker, without colours. (The prompt is no end marker: the
        editor redraws it as it goes.)"""
        for line in text.split("\n"):
            self.p.send(line + "\r")
        if text.startswith("%%"):
            self.p.send("\r")
        self.p.send('print("END" + "MARK")\r')
        self.p.expect("ENDMARK\r\n", timeout=timeout)
        return ANSI.sub("", self.p.before).replace("\r\n", "\n")

    def close(self):
        self.p.sendeof()
        self.p.expect(pexpect.EOF, timeout=30)


def test_repl_rust_cells(tmp_path):
    r = Repl(tmp_path)
    out = r.cell(RUST_EXPORTS, timeout=START_TIMEOUT)
    assert "exported 5 functions" in out, out
    m = re.search(r"Rust context ready in ([0-9.]+) s", out)
    assert m, out
    text = ""
    for line in SLOPE_USE:
        o = r.cell(line)
        assert "Error" not in o, (line, o)
        text += o
    check_use_output(text)

    # A compile error: rustc's message at the cell's line 3, and the session goes on.
    out = r.cell(RUST_BAD)
    assert "CompileError" in out and "E0277" in out, out
    assert re.search(r"<cell \d+>:3:", out), out
    assert re.search(r"^2$", r.cell("1+1"), re.M), "the REPL works after a compile error"
    # Rust variables persist across cells.
    r.cell("%%rust\nlet kept = 41;")
    assert "42" in r.cell("%%rust\nprintln!(\"{}\", kept + 1);")

    # A panic inside an exported function: a RuntimeError with Rust's message, then the Rust
    # context and the REPL go on.
    out = r.cell("slope.rust.checked_sqrt(jnp.array([4.0, -1.0]))")
    assert "RuntimeError: Rust panic in checked_sqrt: sqrt of a negative number: -1" in out, out
    assert "[2. 3.]" in r.cell("print(slope.rust.checked_sqrt(np.array([4.0, 9.0])))")
    # A panic in a cell's own code.
    out = r.cell('%%rust\npanic!("cell panic {}", 7);')
    assert "RuntimeError: Rust panic: cell panic 7" in out, out
    assert "[0.5]" in r.cell("print(slope.rust.smoothstep(np.array([0.5])))")
    # Ctrl-C interrupts a Slope cell, not the Rust context (a process group of its own).
    r.p.send("while True: pass\r")
    time.sleep(2)
    r.p.sendintr()
    r.p.expect("KeyboardInterrupt")
    assert "42" in r.cell('%%rust\nprintln!("{}", kept + 1);')
    r.close()


def test_script_rust_cell(tmp_path):
    """A script is one cell: a %%rust script prints what its Rust code prints."""
    p = subprocess.run([str(oracle.slope_bin()), "-"], input='%%rust\nlet v: Vec<i32> = (1..=4).collect();\nprintln!("sum {}", v.iter().sum::<i32>());\n',
                       capture_output=True, text=True, timeout=START_TIMEOUT)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "sum 10\n", p.stdout
    assert "Rust context ready in" in p.stderr


def test_script_compile_error_shows_line(tmp_path):
    p = subprocess.run([str(oracle.slope_bin()), "-"], input=RUST_BAD + "\n", capture_output=True, text=True, timeout=START_TIMEOUT,
                       env={**os.environ, "NO_COLOR": "1"})
    assert p.returncode == 1
    assert "CompileError" in p.stderr and "<stdin>:3:" in p.stderr, p.stderr


def test_no_toolchain(tmp_path):
    """Without cargo and rustc on PATH, %%rust says to install Rust with rustup, and the rest
    of Slope works."""
    r = Repl(tmp_path, env={"PATH": path_without_cargo(tmp_path)})
    out = r.cell("%%rust\nprintln!(\"hi\");")
    assert "RuntimeError: %%rust needs a Rust toolchain: `cargo` was not found on PATH" in out, out
    assert "rustup" in out, out
    assert "[1. 4.]" in r.cell("import numpy as np; print(np.array([1.0, 2.0]) ** 2)")
    r.close()


def test_help_lists_rust():
    p = subprocess.run([str(oracle.slope_bin()), "-"], input="%help\n", capture_output=True, text=True, timeout=60)
    assert "%%rust" in p.stdout and "slope.rust" in p.stdout, p.stdout
