"""Slope's kernel against `jupyter_kernel_test`: the messaging protocol, message schemas and
the samples of every feature the language supports (Slope has no IPython.display, so `clear_output` is not among them)."""

from __future__ import annotations

import jupyter_kernel_test

from conftest import KERNEL_NAME

SETUP = '''
import numpy as np
xs = np.zeros((2, 3))
def scale(alpha, beta=2.0):
    """Multiply alpha by beta."""
    return alpha * beta
'''


class SlopeKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "python"
    file_extension = ".py"

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        reply = cls.kc.execute_interactive(SETUP, timeout=30, output_hook=lambda msg: None)
        assert reply["content"]["status"] == "ok", reply["content"]

    code_hello_world = 'print("hello, world")'
    code_stderr = 'import sys\nprint("oops", file=sys.stderr)'

    completion_samples = [
        {"text": "zi", "matches": {"zip"}},
        {"text": "np.lins", "matches": {"linspace"}},
        {"text": "np.linalg.no", "matches": {"norm"}},
        {"text": "xs.resh", "matches": {"reshape"}},
        {"text": "xs.sha", "matches": {"shape"}},
        {"text": "scale(1.0, be", "matches": {"beta="}},
        {"text": "np.linspace(0, 1, nu", "matches": {"num="}},
        {"text": "import nu", "matches": {"numpy"}},
        {"text": "from jax import gr", "matches": {"grad"}},
        {"text": "'np.lins", "matches": set()},
    ]

    complete_code_samples = ["1", 'print("hello, world")', "def f(x):\n    return x\n", "x = [1,\n 2]"]
    incomplete_code_samples = ["def f(x):", "for i in range(3):", "x = (1 +", 'text = """abc']
    invalid_code_samples = ["x = = 1", "1 +* 2", "for = 3"]

    code_display_data = [
        {"code": "display(np.arange(3))", "mime": "text/plain"},
        {"code": "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()", "mime": "image/png"},
        {"code": "from IPython.display import HTML\ndisplay(HTML('<b>bold</b>'))", "mime": "text/html"},
    ]

    code_clear_output = "clear_output()"

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "np.arange(3)", "result": "array([0, 1, 2])"},
        {"code": "scale(3.0)", "result": "6.0"},
    ]

    code_history_pattern = "1 +*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "np.linspace"

    code_page_something = "scale?"

    code_generate_error = "raise ValueError('boom')"


class SlopeIopubWelcomeTests(jupyter_kernel_test.IopubWelcomeTests):
    """JEP 65: IOPub is an XPUB socket that greets each subscriber with `iopub_welcome`."""

    kernel_name = KERNEL_NAME
    support_iopub_welcome = True
