"""Runs every oracle program and prim example under SLOPE_DEVICE=eval and SLOPE_DEVICE=cpu and
checks that they print the same (numbers within float32 rtol 1e-5; float64 programs print
with numpy's 8 digits, which 1e-5 also covers); exit status 1 when any differs.

    SLOPE_BIN=path/to/slope python lang/tests/devices/compare.py
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DIRS = [ROOT / "tests/oracle/numpy", ROOT / "tests/oracle/jax", ROOT / "lang/tests/prims"]
NUM = re.compile(r"-?(?:\d+\.?\d*(?:e[-+]?\d+)?|nan|inf)", re.I)


def run(prog: Path, device: str) -> tuple[int, str]:
    env = dict(os.environ, SLOPE_DEVICE=device)
    p = subprocess.run([os.environ["SLOPE_BIN"], str(prog)], capture_output=True, text=True, env=env, timeout=120)
    return p.returncode, p.stdout + p.stderr


def same(a: str, b: str) -> bool:
    # Layout may differ where numpy-style printing pads to a 1-ulp different value.
    ta, tb = [re.sub(r"\s+", "", t) for t in NUM.split(a)], [re.sub(r"\s+", "", t) for t in NUM.split(b)]
    na, nb = NUM.findall(a), NUM.findall(b)
    if ta != tb or len(na) != len(nb):
        return False
    for x, y in zip(na, nb):
        fx, fy = float(x), float(y)
        if fx != fx and fy != fy or fx == fy:
            continue
        if abs(fx - fy) > 1e-5 * max(abs(fy), 1.0):
            return False
    return True


def main() -> int:
    progs = sorted(p for d in DIRS for p in d.glob("*.py"))
    bad = 0
    for p in progs:
        (rc_e, out_e), (rc_c, out_c) = run(p, "eval"), run(p, "cpu")
        if rc_e != rc_c or not same(out_e, out_c):
            bad += 1
            print(f"DIFFERS {p.relative_to(ROOT)}\n--- eval ---\n{out_e}\n--- cpu ---\n{out_c}")
    print(f"{len(progs) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
