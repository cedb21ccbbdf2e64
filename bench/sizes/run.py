"""bench/sizes driver: workload (i) of issue 17, mlp.py's training step at many batch sizes in one
loop, Slope beside JAX (CPU) in one run, alternating fresh processes (ROUNDS rounds). Reports
the total time of the first calls (one per new size: trace, compile, run), the median of the
second calls (run only), and, for Slope, what `%kernels` counts over the loop (kernels compiled
and found in the kernel cache, and the time spent compiling). Writes bench/sizes/RESULTS.md.
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

ROUNDS = 3
# Every size from 1 to 16, then every 8th to 256: 46 sizes.
SIZES = list(range(1, 17)) + list(range(24, 257, 8))


def env() -> dict:
    e = dict(os.environ)
    e["JAX_PLATFORMS"] = "cpu"
    e.pop("JAX_ENABLE_X64", None)
    e.setdefault("SLOPE_DEVICE", "cpu")
    return e


def slope_run(slope: str, sizes: list) -> tuple:
    # The REPL reads the program from stdin, then `%kernels` reports the session's counters.
    src = (HERE / "mlp.py").read_text()
    e = env()
    e["MLP_SIZES"] = ",".join(map(str, sizes))
    r = subprocess.run([slope], input=src + "\n%kernels step(params, xb, yb)\n", capture_output=True, text=True, env=e, timeout=1800)
    res = [l for l in r.stdout.splitlines() if l.startswith("RESULT")]
    k = re.search(r"kernels (\d+) cached / (\d+) compiled \(([\d.]+) ms compiling\)", r.stdout)
    p = re.search(r"plans (\d+) cached / (\d+) built \(([\d.]+) ms fusing\)", r.stdout)
    if not res or not k or not p:
        raise SystemExit(f"slope failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    f = res[-1].split()
    return float(f[2]), float(f[3]), int(k.group(1)), int(k.group(2)), float(k.group(3)) / 1e3, int(p.group(2)), float(p.group(3)) / 1e3


def jax_run(python: str, sizes: list) -> tuple:
    e = env()
    e["MLP_SIZES"] = ",".join(map(str, sizes))
    r = subprocess.run([python, str(HERE / "mlp.py")], capture_output=True, text=True, env=e, timeout=1800)
    res = [l for l in r.stdout.splitlines() if l.startswith("RESULT")]
    if not res:
        raise SystemExit(f"jax failed:\n{r.stderr[-2000:]}")
    f = res[-1].split()
    return float(f[2]), float(f[3])


def spread(v: list, scale: float, fmt: str = ".2f") -> str:
    return f"{statistics.median(v) * scale:{fmt}} ({min(v) * scale:{fmt}}–{max(v) * scale:{fmt}})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slope", required=True)
    ap.add_argument("--python", required=True)
    a = ap.parse_args()
    s_res, j_res = [], []
    load0 = os.getloadavg()
    for r in range(ROUNDS):
        s_res.append(slope_run(a.slope, SIZES))
        print(f"round {r} slope: {s_res[-1]}", flush=True)
        j_res.append(jax_run(a.python, SIZES))
        print(f"round {r} jax: {j_res[-1]}", flush=True)
    full = slope_run(a.slope, list(range(1, 257)))
    print(f"slope, sizes 1..256: {full}", flush=True)
    load1 = os.getloadavg()
    st, jt = [x[0] for x in s_res], [x[0] for x in j_res]
    ss, js = [x[1] for x in s_res], [x[1] for x in j_res]
    head = [
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {cpu_model()}, nproc {os.cpu_count()}, {platform.system()} {platform.release()} (shared with other work: other sessions building and testing at the same time; load average {load0[0]:.1f} at the start, {load1[0]:.1f} at the end)",
        f"- slope: `{a.slope}`",
    ]
    table = [
        f"| (i) MLP step at {len(SIZES)} batch sizes (1–16, then every 8th to 256) | JAX jit | Slope | JAX / Slope |",
        "|---|---:|---:|---:|",
        f"| first calls, all sizes (s; trace, compile, run) | {spread(jt, 1)} | {spread(st, 1)} | {statistics.median(jt) / statistics.median(st):.2f} |",
        f"| second call, median over sizes (ms) | {spread(js, 1e3)} | {spread(ss, 1e3)} | {statistics.median(js) / statistics.median(ss):.2f} |",
        f"| Slope's kernels over the loop (%kernels, first round): compiled / found in the cache | | {s_res[0][3]} / {s_res[0][2]} ({s_res[0][4]:.2f} s compiling) | |",
        "",
        f"Every size from 1 to 256 in one Slope process: first calls {full[0]:.2f} s, {full[3]} kernels compiled and {full[2]} found in the kernel",
        f"cache ({full[4]:.2f} s compiling): {full[3] / 256:.2f} kernels compiled per batch size on average; {full[5]} plans built ({full[6]:.2f} s fusing).",
        "The target is none after the first size of each shape class (see the notes below).",
        "",
        f"Medians over {ROUNDS} alternating rounds of fresh processes (min–max in brackets).",
    ]
    notes = HERE / "notes.md"
    if notes.exists():
        table += ["", notes.read_text(encoding="utf-8").rstrip()]
    text = "# bench/sizes: workload (i)\n\nWritten by `bench/sizes/run.sh` (one run).\n\n" + "\n".join(head) + "\n\n" + "\n".join(table) + "\n"
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
