"""bench/first_grad: time from defining a new 20-operation function to the first result of its
gradient — Slope's grad beside JAX's jit(grad(f)) and jit(f), measured in the same run.

    python bench/first_grad/run.py --slope PATH [--reps 7]

Writes bench/first_grad/RESULTS.md (medians; the machine it ran on).
"""

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from machine import cpu_model  # noqa: E402

HERE = Path(__file__).resolve().parent


def run(cmd, env=None):
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    if out.returncode != 0:
        sys.exit(f"{cmd} failed:\n{out.stderr}")
    return out.stdout




def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slope", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--reps", type=int, default=7)
    a = ap.parse_args()
    env = dict(os.environ, JAX_PLATFORMS="cpu")
    slope_ms, slope_first_ms, jit_ms, grad_ms, values = [], [], [], [], set()
    for _ in range(a.reps):
        s = run([a.slope, str(HERE / "slope_first_grad.py")])
        slope_ms.append(float(re.search(r"^ms ([\d.]+)", s, re.M).group(1)))
        slope_first_ms.append(float(re.search(r"first_ms ([\d.]+)", s).group(1)))
        values.add(("slope", s.splitlines()[0]))
        j = run([a.python, str(HERE / "jax_first_grad.py")], env=env)
        jit_ms.append(float(re.search(r"jit_ms ([\d.]+)", j).group(1)))
        grad_ms.append(float(re.search(r"grad_ms ([\d.]+)", j).group(1)))
        values.add(("jax", j.splitlines()[0]))
    med = statistics.median
    vals = dict(values)
    rel = abs(float(vals["slope"]) - float(vals["jax"])) / max(1e-30, abs(float(vals["jax"])))
    lines = [
        "# bench/first_grad: results",
        "",
        "A fresh 20-operation function on 1,000 float32 elements: the time from its definition to",
        "the first result of its gradient. Slope: `jax.grad(f)(x)` (trace, linearize, transpose,",
        "run). JAX: `jax.jit(jax.grad(f))(x)` and `jax.jit(f)(x)`, each on a fresh definition,",
        f"after JAX is imported and its backend warm. Medians of {a.reps} runs, all in the same run.",
        "",
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {cpu_model()}, nproc {os.cpu_count()} (this project's 2-core machine)",
        f"- slope: `{a.slope}`",
        "",
        "| | define → first result (ms) |",
        "|---|---:|",
        f"| Slope `f(x)` | {med(slope_first_ms):.2f} |",
        f"| Slope `grad(f)(x)` | {med(slope_ms):.2f} |",
        f"| JAX `jit(grad(f))(x)` | {med(grad_ms):.2f} |",
        f"| JAX `jit(f)(x)` | {med(jit_ms):.2f} |",
        "",
        f"Slope / JAX grad: **{med(slope_ms) / med(grad_ms):.3f}**; Slope / JAX jit(f): **{med(slope_first_ms) / med(jit_ms):.3f}** (below 1: Slope is faster).",
        f"First gradient element: slope {vals['slope']}, JAX {vals['jax']} (relative difference {rel:.1e}).",
        "",
    ]
    text = "\n".join(lines)
    (HERE / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
