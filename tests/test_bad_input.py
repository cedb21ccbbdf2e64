"""Bad input: every program in tests/bad/ must make `slope FILE` fail cleanly.

Each file starts with header comments:

    # expect: KindError            the exception kind the diagnostic must name
                                   (alternatives: `SyntaxError|IndentationError`)
    # span: <source text>          text of the one source line the diagnostic must underline;
                                   the check is that the rendered source line containing it
                                   appears in stderr (colour codes stripped)
    # stdout: <line>               (optional, repeatable) what is printed before the error
    # cpython: KindError | runs    (optional) what CPython does with the file: by default it must
                                   fail with the first `expect` kind, which checks the test data
                                   against real Python; `runs` for Python that Slope rejects on
                                   purpose (class, with, yield, ...)
    # env: NAME=VALUE              (optional, repeatable) set for Slope: a smaller resource
                                   limit (SLOPE_MEMORY_LIMIT, SLOPE_MAX_EQNS, lang/src/limits.rs)
                                   so that the limit is reached quickly and on any machine

Slope must exit non-zero, name the kind, show the span's source line, print no Rust panic, and
print exactly the given stdout.
"""

import re
from pathlib import Path

import pytest

import oracle

BAD_DIR = oracle.TESTS / "bad"
BAD_FILES = oracle.files(BAD_DIR)


def parse(path: Path) -> dict:
    spec = {"expect": None, "span": None, "stdout": [], "cpython": None, "env": {}}
    body_start = 0
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"#\s*(expect|span|stdout|cpython|env)\s*:\s?(.*)$", line)
        if not m:
            body_start = i
            break
        key, val = m.group(1), m.group(2)
        if key == "env":
            name, _, value = val.strip().partition("=")
            spec["env"][name] = value
        elif key == "stdout":
            spec["stdout"].append(val.rstrip())
        else:
            spec[key] = val.strip() if key != "span" else val.rstrip()
    else:
        body_start = len(lines)
    spec["body"] = lines[body_start:]
    spec["kinds"] = [k.strip() for k in (spec["expect"] or "").split("|") if k.strip()]
    return spec


def source_line(spec: dict) -> str:
    for line in spec["body"]:
        if spec["span"] in line:
            return line.strip()
    raise AssertionError(f"span {spec['span']!r} is not in the program body")


def test_bad_files_exist():
    assert len(BAD_FILES) >= 30, f"expected at least 30 bad-input programs in {BAD_DIR}"


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_bad_file_header(path: Path):
    """The test data itself is well formed (runs without slope)."""
    spec = parse(path)
    assert spec["kinds"], f"{path.name}: missing `# expect: KindError`"
    assert all(re.fullmatch(r"[A-Z]\w*", k) for k in spec["kinds"]), spec["kinds"]
    assert spec["span"], f"{path.name}: missing `# span: <source text>`"
    source_line(spec)


CPYTHON_CHECKED = [p for p in BAD_FILES if (parse(p)["cpython"] or "").lower() != "runs"]


@pytest.mark.parametrize("path", CPYTHON_CHECKED, ids=[p.stem for p in CPYTHON_CHECKED])
def test_bad_file_fails_in_cpython(path: Path):
    """Python itself fails on these programs the same way (runs without slope)."""
    spec = parse(path)
    kind = spec["cpython"] or spec["kinds"][0]
    r = oracle.run([oracle.python_bin(), path], cwd=path.parent)
    assert r.returncode != 0, f"{path.name}: CPython ran it without error:\n{r.stdout}"
    # The exception line (JAX adds a note about filtered frames after it).
    exc_lines = [l for l in r.stderr.splitlines() if re.match(r"^[\w.]+(Error|Exception|Interrupt)\b", l)]
    last = exc_lines[-1] if exc_lines else (r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "")
    assert kind in last, f"{path.name}: CPython failed with {last!r}, expected {kind}"
    assert r.stdout.splitlines() == spec["stdout"], (
        f"{path.name}: CPython printed {r.stdout!r}, the header says {spec['stdout']!r}"
    )


def check_diagnostic(name: str, r: oracle.Run, kinds: list, span: str | None, line: str | None):
    err = oracle.strip_ansi(r.stderr)
    problems = []
    if r.timed_out:
        problems.append(f"slope timed out after {oracle.TIMEOUT:.0f} s")
    elif r.returncode == 0:
        problems.append("slope exited 0 on bad input")
    elif not 0 < r.returncode < 100:
        problems.append(f"exit status {r.returncode} looks like a crash (panic/signal), not a diagnostic")
    if "panicked" in err or "RUST_BACKTRACE" in err:
        problems.append("slope panicked")
    if not any(re.search(rf"\b{re.escape(k)}\b", err) for k in kinds):
        problems.append(f"stderr does not name {' or '.join(kinds)}")
    if span is not None and span not in err:
        problems.append(f"stderr does not show the source text {span!r}")
    if line is not None and line not in err:
        problems.append(f"stderr does not show the source line {line!r}")
    if problems:
        pytest.fail(
            f"{name}: " + "; ".join(problems)
            + f"\n--- slope stderr (exit {r.returncode}) ---\n{err[-4000:]}"
            + f"\n--- slope stdout ---\n{r.stdout[-2000:]}",
            pytrace=False,
        )


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_bad_input(path: Path):
    spec = parse(path)
    r = oracle.run_slope(path, env=spec["env"])
    check_diagnostic(path.name, r, spec["kinds"], spec["span"], source_line(spec))
    got = [line.rstrip() for line in r.stdout.splitlines()]
    if got != spec["stdout"]:
        pytest.fail(
            f"{path.name}: stdout before the error differs\n  expected {spec['stdout']!r}\n  got      {got!r}",
            pytrace=False,
        )


def test_dash_c_zero_division():
    r = oracle.run([oracle.slope_bin(), "-c", "1/0"])
    check_diagnostic("slope -c '1/0'", r, ["ZeroDivisionError"], "1/0", None)


def test_dash_c_ok():
    r = oracle.run([oracle.slope_bin(), "-c", "import numpy as np\nprint(np.arange(3).sum() + 1)"])
    assert r.returncode == 0, f"slope -c failed:\n{r.stderr}"
    assert r.stdout.strip() == "4", r.stdout


def test_missing_file():
    r = oracle.run([oracle.slope_bin(), str(BAD_DIR / "no_such_file_here.py")])
    assert r.returncode != 0, "slope exited 0 for a missing file"
    err = oracle.strip_ansi(r.stderr)
    assert "panicked" not in err, err
    assert "no_such_file_here.py" in err, f"the error should name the missing file:\n{err}"
