"""`display`, `clear_output` and rich reprs through the kernel, checked against IPython itself:
each object Slope displays is also built in this process with IPython's own `IPython.display`
classes (or an equivalent Python class), and IPython's `DisplayFormatter` gives the MIME bundle
the kernel's `display_data` / `execute_result` must carry.
"""

from __future__ import annotations

import pytest
from IPython.core.formatters import DisplayFormatter
from IPython.display import HTML, JSON, Latex, Markdown, Math, Pretty

from test_robustness import Kernel, outputs_of

FORMAT = DisplayFormatter()


def ipython_bundle(obj) -> dict:
    data, _ = FORMAT.format(obj)
    return data


CARD = '''
class Card:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f"Card({self.name!r})"
    def _repr_html_(self):
        return f"<b>{self.name}</b>"
    def _repr_markdown_(self):
        return None
    def _repr_latex_(self):
        return "$" + self.name + "$"
'''

# The same class in Python, from the same source as the Slope cell's.
_ns: dict = {}
exec(CARD, _ns)
Card = _ns["Card"]

OBJECTS = [
    ("HTML('<b>hi</b>')", HTML("<b>hi</b>")),
    ("Markdown('*a* and **b**')", Markdown("*a* and **b**")),
    ("Latex('$y^2$')", Latex("$y^2$")),
    ("Math('x^2 + 1')", Math("x^2 + 1")),
    ("Math('$x$')", Math("$x$")),
    ("JSON({'a': [1, 2], 'b': 'c'})", JSON({"a": [1, 2], "b": "c"})),
    ("Pretty('pretty text')", Pretty("pretty text")),
    ("Card('ace')", Card("ace")),
    ("[1, 2.5, 'x']", [1, 2.5, "x"]),
]


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    k = Kernel(tmp_path_factory.mktemp("kernel") / "kernel.log")
    reply, _ = k.run("from IPython.display import display, clear_output, HTML, Markdown, Latex, Math, SVG, JSON, Pretty\n" + CARD)
    assert reply["status"] == "ok", reply
    yield k
    k.close()


def same_bundle(got: dict, want: dict) -> None:
    if "text/plain" in want and want["text/plain"].startswith("<IPython.core.display."):
        # IPython's default repr names the object's address; Slope's names the class only.
        assert got["text/plain"].startswith(want["text/plain"].split(" at 0x")[0]), (got, want)
        got = {k: v for k, v in got.items() if k != "text/plain"}
        want = {k: v for k, v in want.items() if k != "text/plain"}
    assert got == want


@pytest.mark.parametrize("code,obj", OBJECTS, ids=[c for c, _ in OBJECTS])
def test_display_gives_ipythons_bundle(kernel, code, obj):
    reply, outputs = kernel.run(f"display({code})")
    assert reply["status"] == "ok", reply
    shown = outputs_of(outputs, "display_data")
    assert len(shown) == 1, outputs
    same_bundle(shown[0]["data"], ipython_bundle(obj))


RESULTS = [(c, o) for c, o in OBJECTS if c.startswith(("HTML", "Markdown", "Math", "JSON", "Card"))]


@pytest.mark.parametrize("code,obj", RESULTS, ids=[c for c, _ in RESULTS])
def test_a_cells_result_gives_ipythons_bundle(kernel, code, obj):
    reply, outputs = kernel.run(code)
    assert reply["status"] == "ok", reply
    results = outputs_of(outputs, "execute_result")
    assert len(results) == 1, outputs
    same_bundle(results[0]["data"], ipython_bundle(obj))


def test_clear_output_and_raw_display(kernel):
    reply, outputs = kernel.run("for i in range(3):\n    clear_output(wait=True)\n    display({'text/plain': str(i), 'text/html': f'<i>{i}</i>'}, raw=True)\nclear_output()\n")
    assert reply["status"] == "ok", reply
    kinds = [(m["msg_type"], m["content"].get("wait")) for m in outputs if m["msg_type"] in ("clear_output", "display_data")]
    assert kinds == [("clear_output", True), ("display_data", None)] * 3 + [("clear_output", False)], kinds
    last = outputs_of(outputs, "display_data")[-1]["data"]
    assert last == {"text/plain": "2", "text/html": "<i>2</i>"}


def test_a_bad_repr_method_is_an_error_naming_it(kernel):
    reply, outputs = kernel.run("class Bad:\n    def _repr_html_(self):\n        return 3\ndisplay(Bad())\n")
    assert reply["status"] == "error" and reply["ename"] == "TypeError", reply
    assert "_repr_html_" in reply["evalue"], reply
    reply, _ = kernel.run("1 + 1")
    assert reply["status"] == "ok"


def test_display_of_a_figure_is_its_png(kernel):
    """display(fig) shows the figure as a PNG, as IPython's inline figure formatter does; a
    figure closed after it is not shown again at the end of the cell."""
    import base64

    code = "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2, 3])\ndisplay(fig)\nplt.close(fig)\n"
    reply, outputs = kernel.run(code)
    assert reply["status"] == "ok", reply
    shown = outputs_of(outputs, "display_data")
    assert len(shown) == 1, outputs
    data = shown[0]["data"]
    assert base64.b64decode(data["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert data["text/plain"] == "<Figure size 640x480 with 1 Axes>"
