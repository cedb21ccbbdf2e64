"""bench/user driver: (a) and (e) as a user writes them (user.py, one file for both sides), Slope
beside JAX in one run, measured two ways:

- in-process: each process reports the median of its timed steps; ROUNDS alternating rounds of
  fresh processes (Slope with its widest math, sixteen lanes where the CPU has AVX-512F; Slope
  with SLOPE_CPU_WIDE=8, eight lanes; Slope with SLOPE_CPU_WIDE=0, four; JAX), median and
  min–max over the rounds;
- whole script: the wall time of each of those processes (start, imports, trace, compile, the
  steps), median and min–max over the rounds.

Writes bench/user/RESULTS.md.
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from machine import cpu_model  # noqa: E402

ROUNDS = 5
REPS = {"a": 20, "e": 60}
TITLES = {"a": "(a) tanh(x)*0.5 + exp(-x*x)*sin(3*x), 4e6 float32, jit step in a Python loop", "e": "(e) MLP 784-256-256-10, batch 128, value_and_grad + SGD, dict of parameters, jit"}


def once(cmd: list, which: str, extra: dict) -> tuple:
    e = dict(os.environ)
    e["JAX_PLATFORMS"] = "cpu"
    e.pop("JAX_ENABLE_X64", None)
    e.setdefault("SLOPE_DEVICE", "cpu")
    e.update(extra)
    t0 = time.perf_counter()
    r = subprocess.run(cmd + [str(HERE / "user.py"), which, str(REPS[which])], capture_output=True, text=True, env=e, timeout=900)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)} {which}\n{r.stderr[-3000:]}")
    f = [l for l in r.stdout.splitlines() if l.startswith("RESULT")][-1].split()
    return float(f[2]), wall, float(f[5])


def spread(v: list, scale: float) -> str:
    return f"{statistics.median(v) * scale:.2f} ({min(v) * scale:.2f}–{max(v) * scale:.2f})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slope", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--only", default="a,e")
    a = ap.parse_args()
    load0 = os.getloadavg()
    sides = {"slope": ([a.slope], {}), "slope, 8 lanes": ([a.slope], {"SLOPE_CPU_WIDE": "8"}), "slope, 4 lanes": ([a.slope], {"SLOPE_CPU_WIDE": "0"}), "jax": ([a.python], {})}
    table = []
    for which in a.only.split(","):
        res = {k: [] for k in sides}
        for r in range(ROUNDS):
            for k, (cmd, extra) in sides.items():
                if which == "e" and k.startswith("slope, "):
                    continue
                res[k].append(once(cmd, which, extra))
                s, w, chk = res[k][-1]
                print(f"{which} round {r} {k}: step {s * 1e3:.2f} ms, whole script {w:.2f} s, checksum {chk:.6f}", flush=True)
        jm = statistics.median(x[0] for x in res["jax"])
        jw = statistics.median(x[1] for x in res["jax"])
        for k in sides:
            if not res[k]:
                continue
            st = [x[0] for x in res[k]]
            wt = [x[1] for x in res[k]]
            table.append(f"| {TITLES[which]} | {k} | {spread(st, 1e3)} | {jm / statistics.median(st):.2f} | {spread(wt, 1)} | {jw / statistics.median(wt):.2f} |")
    head = [
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {cpu_model()}, nproc {os.cpu_count()}, {platform.system()} {platform.release()} (shared with other work)",
        f"- load average: {load0[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (on {os.cpu_count()} cores)",
        f"- slope: `{a.slope}`",
    ]
    text = (
        "# bench/user: (a) and (e) as a user writes them\n\nWritten by `bench/user/run.sh` (one run).\n\n" + "\n".join(head) + "\n\n"
        "| workload | side | step, in-process median (ms) | JAX / side | whole script (s) | JAX / side |\n|---|---|---:|---:|---:|---:|\n" + "\n".join(table) + "\n\n"
        f"Medians over {ROUNDS} alternating rounds of fresh processes (min–max in brackets); in-process: each process's median over "
        f"{REPS['a']} (a) or {REPS['e']} (e) timed steps after 3 untimed ones; whole script: the process's wall time (start, import, trace, compile, all steps).\n"
    )
    notes = HERE / "notes.md"
    if notes.exists():
        text += "\n" + notes.read_text(encoding="utf-8").rstrip() + "\n"
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
