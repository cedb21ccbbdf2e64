"""Helpers for Slope's Python-side tests.

The oracle: a program is run twice, by CPython with the real numpy/JAX (the expected side, never
written by hand) and by `slope FILE`; both stdouts are reduced to a list of tokens (numbers and
the words True/False; all other text is ignored) that must have the same length and agree pairwise
within a tolerance.

A program's header (leading `#` comment lines) may say:

    # rtol: 1e-5       relative tolerance for floats (default: 1e-9 numpy, 1e-5 jax)
    # atol: 1e-6       absolute tolerance (default 1e-12)
    # oracle: jax      (lang/tests/prims only) compare with the JAX side, rtol 1e-6
    # words: float32 float64 int32 int64 bool
                       extra whole words that count as tokens and must match exactly (used by
                       the dtype-promotion programs, so that `print(x.dtype)` is compared)

Environment:
    SLOPE_BIN           the slope binary (scripts/test.sh sets it; default: the cargo target dir)
    SLOPE_PYTHON        the Python with numpy/jax (default: the interpreter running pytest)
    SLOPE_CACHE         cache dir; expected outputs are cached under $SLOPE_CACHE/oracle-expected
    SLOPE_ORACLE_CACHE  set to 0 to always rerun the CPython side
    SLOPE_TIMEOUT       seconds per run (default 60)
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
TIMEOUT = float(os.environ.get("SLOPE_TIMEOUT", "60"))
DEFAULT_ATOL = 1e-12


# ---------------------------------------------------------------------------------------------
# Locating the two interpreters


def cache_dir() -> Path:
    return Path(os.environ.get("SLOPE_CACHE") or Path.home() / ".cache" / "slope")


def slope_bin_path() -> Path:
    env = os.environ.get("SLOPE_BIN")
    if env:
        return Path(env)
    target = os.environ.get("CARGO_TARGET_DIR") or str(cache_dir() / "target")
    return Path(target) / "debug" / "slope"


def slope_bin() -> Path:
    """The slope binary, or a loud test failure (never a skip) when it is missing."""
    p = slope_bin_path()
    if not (p.is_file() and os.access(p, os.X_OK)):
        pytest.fail(
            f"slope binary not found at {p}.\n"
            "Build it first: `scripts/test.sh` does everything, or "
            "`CARGO_TARGET_DIR=$HOME/.cache/slope/target cargo build -p repl` and set "
            "SLOPE_BIN=/path/to/slope.",
            pytrace=False,
        )
    return p


def python_bin() -> str:
    return os.environ.get("SLOPE_PYTHON") or sys.executable


def child_env() -> dict:
    env = dict(os.environ)
    env["JAX_PLATFORMS"] = "cpu"
    env.pop("JAX_ENABLE_X64", None)
    env["NO_COLOR"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env.setdefault("RUST_BACKTRACE", "0")
    return env


@dataclass
class Run:
    argv: list
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False


def run(argv: list, cwd: Path | None = None, env: dict | None = None) -> Run:
    try:
        p = subprocess.run(
            [str(a) for a in argv],
            cwd=str(cwd) if cwd else None,
            env={**child_env(), **(env or {})},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        err = (e.stderr or b"").decode("utf-8", "replace")
        return Run(list(map(str, argv)), -1, out, err + f"\n[timed out after {TIMEOUT:.0f} s]", True)
    return Run(
        list(map(str, argv)),
        p.returncode,
        p.stdout.decode("utf-8", "replace"),
        p.stderr.decode("utf-8", "replace"),
    )


def run_slope(path: Path, env: dict | None = None) -> Run:
    return run([slope_bin(), path], cwd=path.parent, env=env)


def _venv_stamp(py: str) -> str | None:
    stamp = Path(py).resolve().parent.parent / ".slope-requirements.sha256"
    if not stamp.is_file():
        # `venv/bin/python` is usually a symlink; look beside the unresolved path too.
        stamp = Path(py).parent.parent / ".slope-requirements.sha256"
    return stamp.read_text().strip() if stamp.is_file() else None


def run_python(path: Path) -> Run:
    """The expected side. Cached by (program text, its full path, interpreter, pinned
    requirements) when the interpreter is the venv made by scripts/test.sh (its stamp file names
    the requirements). The full path is part of the key because a program's output may name it
    (tracebacks, `__file__`): a clone elsewhere must not reuse another clone's output."""
    py = python_bin()
    stamp = _venv_stamp(py)
    use_cache = stamp is not None and os.environ.get("SLOPE_ORACLE_CACHE", "1") != "0"
    key = None
    if use_cache:
        h = hashlib.sha256()
        for part in (py, stamp, "JAX_PLATFORMS=cpu", str(path.resolve())):
            h.update(part.encode() + b"\0")
        h.update(path.read_bytes())
        key = cache_dir() / "oracle-expected" / (h.hexdigest() + ".json")
        if key.is_file():
            try:
                d = json.loads(key.read_text())
                return Run(d["argv"], d["returncode"], d["stdout"], d["stderr"])
            except (ValueError, KeyError):
                pass
    r = run([py, path], cwd=path.parent)
    if key is not None and r.returncode == 0 and not r.timed_out:
        key.parent.mkdir(parents=True, exist_ok=True)
        tmp = key.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(r.__dict__))
        os.replace(tmp, key)
    return r


# ---------------------------------------------------------------------------------------------
# Program headers


def header(path: Path) -> dict:
    """`# key: value` lines at the top of a file (before the first non-comment line)."""
    out: dict = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        m = re.match(r"#\s*([A-Za-z_][\w-]*)\s*:\s?(.*)$", s)
        if m:
            out[m.group(1).lower()] = m.group(2).rstrip()
    return out


# ---------------------------------------------------------------------------------------------
# Tokens


_NUM = r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)(?![A-Za-z0-9])"
_WORD = r"(?:True|False)(?![A-Za-z0-9])"  # `np.True_` (numpy 2 reprs) counts as True
TOKEN_RE = re.compile(rf"(?<![A-Za-z0-9_.])(?:(?P<num>{_NUM})|(?P<word>{_WORD}))")


@dataclass
class Token:
    text: str
    line: int  # 0-based line of the output
    value: object  # int, float or str (True/False)


def _token_re(words: tuple) -> re.Pattern:
    if not words:
        return TOKEN_RE
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?<![A-Za-z0-9_.])(?:(?P<word>(?:{alt})(?![A-Za-z0-9_]))|(?P<num>{_NUM})|(?P<word2>{_WORD}))"
    )


def tokens(text: str, words: tuple = ()) -> list:
    out = []
    rx = _token_re(tuple(words))
    # numpy 2 reprs of bool scalars inside lists/tuples: `np.True_` is a plain True.
    text = re.sub(r"\bnp\.(True|False)_", r"\1", text)
    # JAX's `weak_type=True` in reprs is dtype metadata, not a value: it is not compared
    # (Slope tracks weak types for promotion, but not through every transformation).
    text = re.sub(r",\s*weak_type=True", "", text)
    for i, line in enumerate(text.splitlines()):
        for m in rx.finditer(line):
            if m.groupdict().get("word2"):
                out.append(Token(m.group("word2"), i, m.group("word2")))
                continue
            if m.group("word"):
                out.append(Token(m.group("word"), i, m.group("word")))
                continue
            t = m.group("num")
            if re.fullmatch(r"[-+]?\d+", t):
                v: object = int(t)
            else:
                v = float(t)  # handles nan, inf, -inf, 1., .5, 1e-05
            out.append(Token(t, i, v))
    return out


def close(got, want, rtol: float, atol: float) -> bool:
    if isinstance(want, str) or isinstance(got, str):
        return got == want
    if isinstance(want, int) and isinstance(got, int):
        if abs(want) > 2**53 or abs(got) > 2**53:
            return got == want
    a, b = float(got), float(want)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= atol + rtol * abs(b)


def side_by_side(want: str, got: str, mark: set, width: int = 60) -> str:
    wl, gl = want.splitlines(), got.splitlines()
    n = max(len(wl), len(gl))
    rows = [f"    {'expected (CPython)':<{width}} | slope"]
    rows.append("    " + "-" * width + "-+-" + "-" * width)
    limit = 200
    for i in range(min(n, limit)):
        w = wl[i] if i < len(wl) else ""
        g = gl[i] if i < len(gl) else ""
        flag = ">>> " if i in mark else "    "
        w = w if len(w) <= width else w[: width - 1] + "…"
        rows.append(f"{flag}{w:<{width}} | {g}")
    if n > limit:
        rows.append(f"    ... {n - limit} more lines")
    return "\n".join(rows)


def compare(
    want_out: str, got_out: str, rtol: float, atol: float = DEFAULT_ATOL, words: tuple = ()
) -> str | None:
    """None when the outputs agree, else a readable explanation."""
    w, g = tokens(want_out, words), tokens(got_out, words)
    first = None
    for i, (a, b) in enumerate(zip(g, w)):
        if not close(a.value, b.value, rtol, atol):
            first = i
            break
    if first is None and len(w) == len(g):
        return None
    if first is not None:
        a, b = g[first], w[first]
        what = (
            f"token #{first} differs: expected {b.text!r} (output line {b.line + 1}), "
            f"slope printed {a.text!r} (output line {a.line + 1}); rtol={rtol:g} atol={atol:g}"
        )
        if not isinstance(a.value, str) and not isinstance(b.value, str):
            try:
                diff = abs(float(a.value) - float(b.value))
                what += f"; |diff|={diff:.3g}"
            except (OverflowError, ValueError):
                pass
        mark = {a.line, b.line}
    else:
        k = min(len(w), len(g))
        extra = (w[k] if len(w) > k else g[k])
        who = "expected" if len(w) > k else "slope"
        what = (
            f"token counts differ: expected {len(w)}, slope printed {len(g)}; "
            f"first extra token on the {who} side: {extra.text!r} (output line {extra.line + 1})"
        )
        mark = {extra.line}
    return what + "\n" + side_by_side(want_out, got_out, mark)


def compare_exact(want_out: str, got_out: str, rtol: float, atol: float) -> str | None:
    """The strict comparison of the Python standard-library programs: the text around the numbers
    must be identical, ints (and True/False) equal, and only floats may differ, within the
    tolerance. None when the outputs agree, else a readable explanation."""
    wl, gl = want_out.splitlines(), got_out.splitlines()
    for i in range(max(len(wl), len(gl))):
        w = wl[i] if i < len(wl) else None
        g = gl[i] if i < len(gl) else None
        if w is None or g is None:
            who = "expected" if g is None else "slope"
            return f"line counts differ: expected {len(wl)}, slope printed {len(gl)}; first extra line on the {who} side is line {i + 1}\n" + side_by_side(want_out, got_out, {i})
        wt, gt = tokens(w), tokens(g)
        problem = None
        if TOKEN_RE.sub("#", w) != TOKEN_RE.sub("#", g) or len(wt) != len(gt):
            problem = "the text differs"
        else:
            for a, b in zip(gt, wt):
                if isinstance(b.value, float) != isinstance(a.value, float):
                    problem = f"expected {b.text!r}, slope printed {a.text!r} (int vs float)"
                elif isinstance(b.value, float):
                    if not close(a.value, b.value, rtol, atol):
                        problem = f"expected {b.text!r}, slope printed {a.text!r}; rtol={rtol:g} atol={atol:g}"
                elif a.value != b.value:
                    problem = f"expected {b.text!r}, slope printed {a.text!r}"
                if problem:
                    break
        if problem:
            return f"line {i + 1}: {problem}\n    expected: {w!r}\n    slope:    {g!r}\n" + side_by_side(want_out, got_out, {i})
    return None


# ---------------------------------------------------------------------------------------------
# The oracle test itself


def check_oracle(path: Path, default_rtol: float, default_atol: float = DEFAULT_ATOL, exact_text: bool = False) -> None:
    h = header(path)
    rtol = float(h.get("rtol", default_rtol))
    atol = float(h.get("atol", default_atol))

    exp = run_python(path)
    if exp.returncode != 0:
        pytest.fail(
            f"{path.name}: the program fails under CPython ({python_bin()}), so it is not a valid "
            f"oracle program (exit {exp.returncode}):\n{exp.stderr[-4000:]}",
            pytrace=False,
        )

    got = run_slope(path)
    if got.returncode != 0:
        pytest.fail(
            f"{path.name}: slope exited with {got.returncode}"
            + (" (timed out)" if got.timed_out else "")
            + f"\n--- slope stderr ---\n{got.stderr[-6000:]}"
            + f"\n--- slope stdout ---\n{got.stdout[-3000:]}"
            + f"\n--- expected stdout (CPython) ---\n{exp.stdout[-3000:]}",
            pytrace=False,
        )
    words = tuple(h.get("words", "").split())
    if exact_text:
        msg = compare_exact(exp.stdout, got.stdout, rtol, atol)
    else:
        msg = compare(exp.stdout, got.stdout, rtol, atol, words)
    if msg:
        extra = f"\n--- slope stderr ---\n{got.stderr[-2000:]}" if got.stderr.strip() else ""
        pytest.fail(f"{path.name}: output differs from CPython\n{msg}{extra}", pytrace=False)


# ---------------------------------------------------------------------------------------------
# Bad input


ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(s: str) -> str:
    return ANSI_RE.sub("", s)


def files(pattern_dir: Path, pattern: str = "*.py") -> list:
    return sorted(pattern_dir.glob(pattern)) if pattern_dir.is_dir() else []
