"""Oracle tests for Python's standard library in Slope: every program in tests/oracle/python/ is
run by CPython 3.11 and by slope, and the outputs must match token for token: the text exactly,
ints exactly, floats within rtol 1e-12 unless a program's header says otherwise (the `random`
programs ask for bit-exact floats with `# rtol: 0` and `# atol: 0`).

Also here: what a script's exit status is after `sys.exit`, which the oracle cannot compare."""

from pathlib import Path

import pytest

import oracle

PYTHON_DIR = oracle.TESTS / "oracle" / "python"
PYTHON_PROGRAMS = oracle.files(PYTHON_DIR)


def test_python_programs_exist():
    # Guard against a glob that silently matches nothing (a moved directory, a typo).
    assert len(PYTHON_PROGRAMS) >= 10, f"expected at least 10 oracle programs in {PYTHON_DIR}"


@pytest.mark.parametrize("path", PYTHON_PROGRAMS, ids=[p.stem for p in PYTHON_PROGRAMS])
def test_python_oracle(path: Path):
    oracle.check_oracle(path, default_rtol=1e-12, default_atol=0.0, exact_text=True)


EXIT_CASES = {
    "exit_int": ("import sys\nprint('before')\nsys.exit(3)\nprint('after')\n", 3),
    "exit_none": ("import sys\nsys.exit()\n", 0),
    "exit_message": ("import sys\nsys.exit('bad input')\n", 1),
    "exit_in_function": ("import sys\ndef main():\n    try:\n        sys.exit(4)\n    except Exception:\n        print('not caught here')\nmain()\n", 4),
    "raise_systemexit": ("raise SystemExit(5)\n", 5),
}


@pytest.mark.parametrize("name", sorted(EXIT_CASES))
def test_exit_status(name: str, tmp_path: Path):
    """`sys.exit` ends a script with CPython's status, stdout and stderr (no traceback)."""
    src, status = EXIT_CASES[name]
    path = tmp_path / f"{name}.py"
    path.write_text(src)
    want = oracle.run([oracle.python_bin(), path], cwd=tmp_path)
    got = oracle.run([oracle.slope_bin(), path], cwd=tmp_path)
    assert want.returncode == status, f"the test data is wrong: CPython exits with {want.returncode}"
    assert got.returncode == status, f"slope exited with {got.returncode}, CPython with {status}\n{got.stderr}"
    assert got.stdout == want.stdout
    assert got.stderr.strip() == want.stderr.strip()


def test_argv(tmp_path: Path):
    """`sys.argv` is the script's path and its arguments."""
    path = tmp_path / "argv.py"
    path.write_text("import sys\nprint(sys.argv)\n")
    want = oracle.run([oracle.python_bin(), path, "a", "-x", "3"], cwd=tmp_path)
    got = oracle.run([oracle.slope_bin(), path, "a", "-x", "3"], cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stdout == want.stdout
    want = oracle.run([oracle.python_bin(), "-c", "import sys; print(sys.argv)", "q"], cwd=tmp_path)
    got = oracle.run([oracle.slope_bin(), "-c", "import sys; print(sys.argv)", "q"], cwd=tmp_path)
    assert got.stdout == want.stdout


# What Slope says where CPython would answer with an int wider than 64 bits: an OverflowError
# that says why (the tests in tests/bad/ check the kind and the span; these check the words).
OVERFLOW_MESSAGES = {
    "import math\nmath.factorial(25)": "factorial(25) does not fit in Slope's 64-bit ints",
    "import math\nmath.comb(100, 50)": "comb(100, 50) does not fit in Slope's 64-bit ints",
    "import math\nmath.perm(30)": "factorial(30) does not fit in Slope's 64-bit ints",
    "import math\nmath.floor(1e300)": "math.floor(x) = 1e+300 does not fit in Slope's 64-bit ints",
    "import math\nmath.lcm(2**62, 3)": "lcm(...) does not fit in Slope's 64-bit ints",
    "import random\nrandom.getrandbits(64)": "getrandbits(64) can exceed Slope's 64-bit ints",
    "import json\njson.loads('123456789012345678901')": "the JSON integer 123456789012345678901 does not fit in Slope's 64-bit ints",
}


@pytest.mark.parametrize("src", sorted(OVERFLOW_MESSAGES), ids=lambda s: s.splitlines()[-1])
def test_overflow_messages(src: str):
    r = oracle.run([oracle.slope_bin(), "-c", src])
    err = oracle.strip_ansi(r.stderr)
    assert r.returncode == 1, f"slope exited with {r.returncode}\n{err}"
    assert "OverflowError" in err and OVERFLOW_MESSAGES[src] in err, err


LOGGING_STDERR = {
    "auto_config": "import logging\nlogging.warning('careful: %d', 3)\nlogging.info('not shown')\nlogging.error('bad')\n",
    "last_resort": "import logging\nlog = logging.getLogger('lib')\nlog.warning('no handler: %s', 'message only')\nlog.info('dropped')\n",
    "basic_format": "import logging\nlogging.basicConfig(level=logging.DEBUG, format='%(name)s|%(levelname)s|%(message)s')\nlogging.getLogger('a.b').debug('x=%r', [1])\n",
}


@pytest.mark.parametrize("name", sorted(LOGGING_STDERR))
def test_logging_to_stderr(name: str, tmp_path: Path):
    """logging writes to stderr by default: the same lines as CPython's."""
    src = tmp_path / f"{name}.py"
    src.write_text(LOGGING_STDERR[name])
    want = oracle.run([oracle.python_bin(), src], cwd=tmp_path)
    got = oracle.run([oracle.slope_bin(), src], cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stderr == want.stderr
    assert got.stdout == want.stdout
