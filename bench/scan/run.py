"""bench/scan driver: workload (h), rnn.py run in fresh processes by slope and by CPython with
JAX, alternating (ROUNDS rounds of slope then JAX). Each process reports its trace + compile time
(a fresh jit's first call at 10 steps, less their run), its first call at the full step count,
the median of its steady calls, and the IR's equation count; the driver
reports per side the median over rounds and the spread (min–max), and the ratios. Writes
bench/scan/RESULTS.md and the (h) section of bench/RESULTS.md.
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from machine import cpu_model  # noqa: E402

ROUNDS = 7
STEPS = 10000
REPS = 7
# Issue 17's targets for (h): compile at most 1/10 of JAX's, steady at least 1x JAX.
TITLE = "(h) 10,000-step lax.scan RNN cell, hidden 64, under jit"


def env() -> dict:
    e = dict(os.environ)
    e["JAX_PLATFORMS"] = "cpu"
    e.pop("JAX_ENABLE_X64", None)
    e.setdefault("SLOPE_DEVICE", "cpu")
    return e


def once(cmd: list) -> tuple:
    r = subprocess.run(cmd + [str(HERE / "rnn.py"), str(STEPS), str(REPS)], capture_output=True, text=True, env=env(), timeout=900)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-3000:]}")
    line = [l for l in r.stdout.splitlines() if l.startswith("RESULT")][-1].split()
    compile_s, steady, eqns, check, first = float(line[1]), float(line[2]), int(line[3]), float(line[4]), float(line[5])
    return compile_s, steady, eqns, check, first


def spread(v: list, scale: float, fmt: str) -> str:
    return f"{statistics.median(v) * scale:{fmt}} ({min(v) * scale:{fmt}}–{max(v) * scale:{fmt}})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slope", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--before", help="an older slope binary, run in the same rounds for a before/after row")
    a = ap.parse_args()
    sides = {"slope": [a.slope], "jax": [a.python]}
    if a.before:
        sides["before"] = [a.before]
    load0 = os.getloadavg()
    res = {k: [] for k in sides}
    for r in range(ROUNDS):
        for k, cmd in sides.items():
            res[k].append(once(cmd))
            c, s, n, chk, fst = res[k][-1]
            print(f"round {r} {k}: trace+compile {c * 1e3:.1f} ms, first call at {STEPS} steps {fst * 1e3:.1f} ms, steady {s / STEPS * 1e6:.2f} us/step, {n} eqns, checksum {chk:.6f}", flush=True)
    col = lambda k, i: [x[i] for x in res[k]]
    cs, cj = statistics.median(col("slope", 0)), statistics.median(col("jax", 0))
    ss, sj = statistics.median(col("slope", 1)), statistics.median(col("jax", 1))
    chk_s, chk_j = col("slope", 3)[0], col("jax", 3)[0]
    load1 = os.getloadavg()
    jpy = subprocess.run([a.python, "-c", "import jax, numpy; print(jax.__version__, numpy.__version__)"], capture_output=True, text=True).stdout.split()
    table = [
        f"| {TITLE} | JAX jit | Slope | JAX / Slope | target | met |",
        "|---|---:|---:|---:|---|---|",
        f"| trace + compile (ms) | {spread(col('jax', 0), 1e3, '.1f')} | {spread(col('slope', 0), 1e3, '.1f')} | {cj / cs:.2f} | ≥ 10× (compile ≤ 1/10 of JAX's) | {'yes' if cj / cs >= 10 else 'no'} |",
        f"| steady time per step (µs) | {spread(col('jax', 1), 1e6 / STEPS, '.2f')} | {spread(col('slope', 1), 1e6 / STEPS, '.2f')} | {sj / ss:.2f} | ≥ 1× | {'yes' if sj / ss >= 1 else 'no'} |",
        f"| first call at {STEPS} steps (ms; trace, compile, run) | {spread(col('jax', 4), 1e3, '.1f')} | {spread(col('slope', 4), 1e3, '.1f')} | {statistics.median(col('jax', 4)) / statistics.median(col('slope', 4)):.2f} | | |",
        f"| IR equations (make_jaxpr, nested body included) | {col('jax', 2)[0]} | {col('slope', 2)[0]} | | does not grow with the steps | |",
    ]
    if a.before:
        sb = statistics.median(col("before", 1))
        table.append(f"| steady time per step (µs), `{a.before}` in the same rounds | {spread(col('jax', 1), 1e6 / STEPS, '.2f')} | {spread(col('before', 1), 1e6 / STEPS, '.2f')} | {sj / sb:.2f} | | |")
    table += [
        "",
        f"Medians over {ROUNDS} alternating rounds of fresh processes (min–max in brackets); each process runs",
        f"a first call of a fresh jit at 10 steps (trace + compile + run; the run, 10 steady steps, is subtracted: the IR and",
        f"so the compile do not depend on the step count), a first call at {STEPS} steps (a new shape: traced and compiled",
        f"again), and {REPS} steady calls (their median). The machine is shared with other sessions building and testing",
        f"(load average {load0[0]:.1f} at the start, {load1[0]:.1f} at the end, on {os.cpu_count()} cores): compare the ratios, measured in alternating rounds.",
        f"Checksums: Slope {chk_s:.6f}, JAX {chk_j:.6f}.",
    ]
    head = [
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {cpu_model()}, nproc {os.cpu_count()}, {platform.system()} {platform.release()} (shared with other work)",
        f"- slope: `{a.slope}` (SLOPE_DEVICE=cpu); jax {jpy[0] if jpy else '?'}, numpy {jpy[1] if len(jpy) > 1 else '?'}",
    ]
    notes = HERE / "notes.md"
    if notes.exists():
        table += ["", notes.read_text(encoding="utf-8").rstrip()]
    text = "# bench/scan: workload (h)\n\nWritten by `bench/scan/run.sh` (one run).\n\n" + "\n".join(head) + "\n\n" + "\n".join(table) + "\n"
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    # The (h) section of bench/RESULTS.md, replaced in place.
    top = HERE.parent / "RESULTS.md"
    section = "## (h) lax.scan under jit (bench/scan/run.sh)\n\n" + "\n".join(head) + "\n\n" + "\n".join(table) + "\n"
    old = top.read_text(encoding="utf-8") if top.exists() else ""
    m = re.search(r"## \(h\) lax\.scan under jit.*?(?=\n## |\Z)", old, re.S)
    new = old[: m.start()] + section + old[m.end():] if m else old.rstrip("\n") + "\n\n" + section
    top.write_text(new, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
