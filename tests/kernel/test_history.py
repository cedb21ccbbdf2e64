"""IPython's history names in the kernel (`_`, `__`, `___`, `_N`, `Out`, `In`, `_i`, `_ii`,
`_iii`, `_iN`), checked against IPython's own InteractiveShell running the same cells: what
each `print` cell prints must be the same in both.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout

from IPython.core.interactiveshell import InteractiveShell

from test_robustness import Kernel, stdout_of

CELLS = [
    "x = 10",
    "x * 2",
    "x + 1",
    "'text'",
    "None",
    "print(_, __, ___)",
    "print(_2, _3, Out[4], sorted(Out))",
    "print(In[1], '|', In[2], '|', _i, '|', _ii, '|', _iii, '|', _i3, '|', len(In))",
    "1 / 0",
    "print(In[9], len(In), _)",
    "[1, 2, 3]",
    "_.append(4); print(_, Out[11])",
    "print(_11 is Out[11], __, ___)",
]


def ipython_prints(cells: list[str]) -> list[str]:
    """What IPython's own shell prints for each cell (a fresh shell, cells in the history)."""
    shell = InteractiveShell.instance()
    got = []
    for cell in cells:
        buf = io.StringIO()
        with redirect_stdout(buf):
            shell.run_cell(cell, store_history=True)
        got.append(buf.getvalue())
    InteractiveShell.clear_instance()
    return got


def test_history_names_are_ipythons(tmp_path):
    want = ipython_prints(CELLS)
    k = Kernel(tmp_path / "kernel.log")
    try:
        for cell, expected in zip(CELLS, want):
            reply, outs = k.run(cell)
            if cell.startswith(("print", "_.append")):
                assert reply["status"] == "ok", (cell, reply)
                assert stdout_of(outs) == expected, cell
    finally:
        k.close()


RESET_CELLS = ["a = 1", "a + 1", "%who", "%reset -f", "print(sorted(Out), len(In), In[-1])", "b = 2", "%who"]


def test_who_leaves_out_history_and_reset_clears_it(tmp_path):
    want = ipython_prints(RESET_CELLS)
    k = Kernel(tmp_path / "kernel.log")
    try:
        for cell, expected in zip(RESET_CELLS, want):
            reply, outs = k.run(cell)
            assert reply["status"] == "ok", (cell, reply)
            if cell == "%who":
                # IPython pads each name with a tab; the names are what matter.
                assert stdout_of(outs).split() == expected.split(), cell
            elif cell.startswith("print"):
                assert stdout_of(outs) == expected, cell
    finally:
        k.close()
