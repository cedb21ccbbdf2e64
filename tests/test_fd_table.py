"""The per-primitive derivative table: every `Prim` variant is exercised by a case in a Slope
program under tests/fd/, which checks, in float64,

- jvp along random tangents and vjp/grad of sum(f(x) * w) against central finite differences
  (first order, h = 1e-6): max relative error < 1e-6;
- forward-over-reverse and reverse-over-reverse Hessian-vector products against central
  differences of the gradient (second order, h = 1e-4): < 1e-4;
- vmap (each argument batched alone, all together, and along the last axis) against a Python
  loop over the batch: < 1e-9;

and that the primitive really appears in the IR of the function or of its derivative
(`jax.make_jaxpr`). Non-differentiable primitives (comparisons, bool/int ops, argmax, iota,
threefry) enter float functions whose gradients must be zero or flow through the selected
branch only, which the finite differences confirm, and are also batched on their own.

The finite differences are computed by the Slope program itself (tests/fd/_lib.py, prepended to
each program); it prints `ERR <case> <check> <error>` with the AD and reference values beneath,
and `PRIM <case> <name> <True|False>`. This file only reads those lines.

`PRIMS` maps every variant of `enum Prim` in lang/src/prim.rs to the program and case that cover
it; the test fails when prim.rs has a variant missing from the table.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

import oracle

FD_DIR = oracle.TESTS / "fd"
PRIM_RS = oracle.ROOT / "lang" / "src" / "prim.rs"

# (Prim variant, program under tests/fd/, case name, name printed in the IR)
PRIMS = [
    ("Neg", "unary", "neg", "neg"),
    ("Not", "compare_logic", "not", "not"),
    ("Abs", "unary", "abs", "abs"),
    ("Sign", "unary", "sign", "sign"),
    ("Floor", "unary", "floor", "floor"),
    ("Ceil", "unary", "ceil", "ceil"),
    ("Round", "unary", "round", "round"),
    ("Exp", "unary", "exp", "exp"),
    ("Log", "unary", "log", "log"),
    ("Log1p", "unary", "log1p", "log1p"),
    ("Expm1", "unary", "expm1", "expm1"),
    ("Sqrt", "unary", "sqrt", "sqrt"),
    ("Sin", "unary", "sin", "sin"),
    ("Cos", "unary", "cos", "cos"),
    ("Tan", "unary", "tan", "tan"),
    ("Asin", "unary", "asin", "asin"),
    ("Acos", "unary", "acos", "acos"),
    ("Atan", "unary", "atan", "atan"),
    ("Sinh", "unary", "sinh", "sinh"),
    ("Cosh", "unary", "cosh", "cosh"),
    ("Tanh", "unary", "tanh", "tanh"),
    ("IntegerPow", "unary", "integer_pow", "integer_pow"),
    ("Add", "binary", "add", "add"),
    ("Sub", "binary", "sub", "sub"),
    ("Mul", "binary", "mul", "mul"),
    ("Div", "binary", "div", "div"),
    ("Rem", "binary", "rem", "rem"),
    ("Pow", "binary", "pow", "pow"),
    ("Max", "binary", "max", "max"),
    ("Min", "binary", "min", "min"),
    ("Atan2", "binary", "atan2", "atan2"),
    ("Eq", "compare_logic", "eq", "eq"),
    ("Ne", "compare_logic", "ne", "ne"),
    ("Lt", "compare_logic", "select_lt", "lt"),
    ("Le", "compare_logic", "le", "le"),
    ("Gt", "compare_logic", "gt", "gt"),
    ("Ge", "compare_logic", "ge", "ge"),
    ("And", "compare_logic", "and", "and"),
    ("Or", "compare_logic", "or", "or"),
    ("Xor", "compare_logic", "xor", "xor"),
    ("Select", "compare_logic", "select_lt", "select_n"),
    ("Cast", "compare_logic", "cast_bool", "convert_element_type"),
    ("ReduceSum", "reduce_scan", "reduce_sum", "reduce_sum"),
    ("ReduceProd", "reduce_scan", "reduce_prod", "reduce_prod"),
    ("ReduceMax", "reduce_scan", "reduce_max", "reduce_max"),
    ("ReduceMin", "reduce_scan", "reduce_min", "reduce_min"),
    ("Argmax", "reduce_scan", "argmax", "argmax"),
    ("Argmin", "reduce_scan", "argmin", "argmin"),
    ("Cumsum", "reduce_scan", "cumsum", "cumsum"),
    ("Cumprod", "reduce_scan", "cumprod", "cumprod"),
    ("Reshape", "movement", "reshape", "reshape"),
    ("BroadcastInDim", "movement", "broadcast_in_dim", "broadcast_in_dim"),
    ("Transpose", "movement", "transpose", "transpose"),
    ("Slice", "movement", "slice", "slice"),
    ("Rev", "movement", "rev", "rev"),
    ("Pad", "movement", "pad", "pad"),
    ("Concat", "movement", "concatenate", "concatenate"),
    ("Gather", "movement", "gather", "gather"),
    ("Scatter", "movement", "scatter_add", "scatter"),
    ("Sort", "movement", "sort", "sort"),
    ("Argsort", "movement", "argsort", "argsort"),
    ("DotGeneral", "linalg_sources", "matmul", "dot_general"),
    ("Iota", "linalg_sources", "iota", "iota"),
    ("Literal", "linalg_sources", "literal", "literal"),
    ("Threefry2x32", "linalg_sources", "threefry_in_f", "threefry2x32"),
    ("StopGradient", "special", "stop_gradient", "stop_gradient"),
    ("DebugPrint", "special", "debug_print", "debug_print"),
    ("CustomVjp", "special", "custom_vjp", "custom_vjp_call"),
    ("CustomLinear", "special", "custom_vjp", "custom_lin"),
    ("CustomJvp", "special", "custom_jvp", "custom_jvp_call"),
    ("HostCall", "special", "host_call", "pure_callback"),
    ("Cond", "control", "cond_true", "cond"),
    ("While", "control", "while_loop", "while"),
    ("Scan", "control", "scan", "scan"),
]

PROGRAMS = sorted(p.stem for p in FD_DIR.glob("*.py") if not p.name.startswith("_"))

# Thresholds by check kind (the kind is the check name without its argument/tangent suffix).
TOL = {"jvp": 1e-6, "vjp": 1e-6, "grad": 1e-6, "hvp_fwd": 1e-4, "hvp_rev": 1e-4, "vmap": 1e-9, "vmap_all": 1e-9, "vmap_last": 1e-9}


def prim_variants() -> list:
    """The variant names of `pub enum Prim { ... }` in prim.rs."""
    src = PRIM_RS.read_text(encoding="utf-8")
    m = re.search(r"pub enum Prim\s*\{(.*?)\n\}", src, re.S)
    assert m, f"no `pub enum Prim` in {PRIM_RS}"
    body = re.sub(r"//[^\n]*", "", m.group(1))
    return re.findall(r"^\s{4}([A-Z][A-Za-z0-9]*)\s*(?:[,({]|$)", body, re.M)


def test_table_covers_every_prim():
    variants = prim_variants()
    assert len(variants) >= 60, f"parsed only {variants} from prim.rs"
    listed = {row[0] for row in PRIMS}
    missing = [v for v in variants if v not in listed]
    assert not missing, (
        f"Prim variants without a row in tests/test_fd_table.py's PRIMS: {missing}. Add a case to a "
        "tests/fd/*.py program (jvp/vjp/second order/vmap through tests/fd/_lib.py's check) and list it."
    )
    stale = sorted(listed - set(variants))
    assert not stale, f"PRIMS lists variants that prim.rs no longer has: {stale}"
    for _, prog, _, _ in PRIMS:
        assert prog in PROGRAMS, f"PRIMS names tests/fd/{prog}.py, which does not exist"


@lru_cache(maxsize=None)
def run_program(name: str, tmp: str):
    src = (FD_DIR / "_lib.py").read_text(encoding="utf-8") + "\n" + (FD_DIR / f"{name}.py").read_text(encoding="utf-8")
    path = Path(tmp) / f"fd_{name}.py"
    path.write_text(src, encoding="utf-8")
    return oracle.run_slope(path)


def kind_of(check: str) -> str:
    return re.sub(r"[0-9.]+$", "", check)


@pytest.mark.parametrize("name", PROGRAMS)
def test_fd_program(name, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fd")
    r = run_program(name, str(tmp))
    if r.returncode != 0:
        pytest.fail(f"tests/fd/{name}.py: slope exited with {r.returncode}\n--- stderr ---\n{r.stderr[-5000:]}\n--- stdout (tail) ---\n{r.stdout[-3000:]}", pytrace=False)
    lines = r.stdout.splitlines()
    bad, errs, prims = [], 0, {}
    for i, line in enumerate(lines):
        parts = line.split()
        if parts[:1] == ["ERR"] and len(parts) == 4:
            errs += 1
            _, case, check, value = parts
            tol = TOL.get(kind_of(check))
            assert tol is not None, f"unknown check kind {check!r}"
            v = float(value)
            if not v < tol:  # NaN fails too
                bad.append(f"{case} {check}: error {value} >= {tol:g}\n" + "\n".join(lines[i + 1 : i + 3]))
        elif parts[:1] == ["PRIM"] and len(parts) == 4:
            prims[(parts[1], parts[2])] = parts[3] == "True"
    assert errs > 0, f"tests/fd/{name}.py printed no ERR lines:\n{r.stdout[-2000:]}"
    missing_ir = [f"{c}: {p}" for (c, p), ok in prims.items() if not ok]
    for variant, prog, case, ir_name in PRIMS:
        if prog == name and (case, ir_name) not in prims:
            missing_ir.append(f"{case}: {ir_name} (no PRIM line: is the case in tests/fd/{name}.py?) for Prim::{variant}")
    msg = ""
    if bad:
        msg += "derivative/vmap checks over tolerance:\n" + "\n".join(bad) + "\n"
    if missing_ir:
        msg += "primitives not found in the IR of their case:\n" + "\n".join(missing_ir) + "\n"
    if msg:
        pytest.fail(f"tests/fd/{name}.py:\n{msg}", pytrace=False)
