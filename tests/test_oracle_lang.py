"""Oracle tests for the Python language itself: every program in tests/oracle/lang/ is run by
CPython 3.11 and by slope, and their standard outputs must be *identical* text (these programs
print strings, reprs and exceptions, not only numbers). A program's header may say
`# compare: numbers` to compare numbers only (with tests/oracle.py's rules), for programs that
also print arrays or floats computed differently.
"""

from pathlib import Path

import pytest

import oracle

LANG_DIR = oracle.TESTS / "oracle" / "lang"
PROGRAMS = oracle.files(LANG_DIR)


def test_lang_programs_exist():
    assert len(PROGRAMS) >= 10, f"expected at least 10 language oracle programs in {LANG_DIR}"


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_lang_oracle(path: Path):
    if oracle.header(path).get("compare") == "numbers":
        oracle.check_oracle(path, default_rtol=1e-6, default_atol=1e-6)
        return
    exp = oracle.run_python(path)
    if exp.returncode != 0:
        pytest.fail(f"{path.name}: the program fails under CPython:\n{exp.stderr[-4000:]}", pytrace=False)
    got = oracle.run_slope(path)
    if got.returncode != 0:
        pytest.fail(
            f"{path.name}: slope exited with {got.returncode}\n--- slope stderr ---\n{got.stderr[-6000:]}"
            f"\n--- slope stdout ---\n{got.stdout[-3000:]}\n--- expected (CPython) ---\n{exp.stdout[-3000:]}",
            pytrace=False,
        )
    if got.stdout != exp.stdout:
        want, have = exp.stdout.splitlines(), got.stdout.splitlines()
        first = next((i for i, (a, b) in enumerate(zip(want, have)) if a != b), min(len(want), len(have)))
        pytest.fail(
            f"{path.name}: output differs from CPython at line {first + 1}\n"
            f"  CPython: {want[first] if first < len(want) else '<end>'!r}\n"
            f"  slope:   {have[first] if first < len(have) else '<end>'!r}\n"
            f"--- slope stderr ---\n{got.stderr[-2000:]}",
            pytrace=False,
        )
