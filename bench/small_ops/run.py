"""Timing driver for bench/small_ops (stdlib only).

Times `ops.py` with N ops and with 0 ops under slope and under CPython+numpy, REPS runs each,
takes medians, and reports (median(N) - median(0)) / N as the time per op. Uses hyperfine when it
is on PATH (for its warm-up and statistics), else subprocess timing with perf_counter.
Writes RESULTS.md beside this file.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from machine import cpu_model  # noqa: E402

HERE = Path(__file__).resolve().parent


def program(n: int, tmp: Path) -> Path:
    src = (HERE / "ops.py").read_text()
    src, k = re.subn(r"\AN = \d+", f"N = {n}", src)
    assert k == 1, "ops.py must start with `N = <int>`"
    p = tmp / f"ops_{n}.py"
    p.write_text(src)
    return p


def env() -> dict:
    e = dict(os.environ)
    e["JAX_PLATFORMS"] = "cpu"
    e.pop("JAX_ENABLE_X64", None)
    return e


def check_output(cmd: list) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True, env=env(), timeout=600)
    if r.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{r.stderr[-3000:]}")
    return r.stdout.strip()


def times_hyperfine(cmd: list, reps: int, tmp: Path) -> list:
    out = tmp / "hf.json"
    subprocess.run(
        ["hyperfine", "--style", "none", "--warmup", "1", "--runs", str(reps), "-N",
         "--export-json", str(out), " ".join(f"'{c}'" for c in cmd)],
        check=True, env=env(), stdout=subprocess.DEVNULL,
    )
    return json.loads(out.read_text())["results"][0]["times"]


def times_plain(cmd: list, reps: int) -> list:
    subprocess.run(cmd, env=env(), capture_output=True)  # warm-up (page cache, pyc)
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, env=env(), capture_output=True)
        ts.append(time.perf_counter() - t0)
        if r.returncode != 0:
            raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{r.stderr.decode()[-3000:]}")
    return ts




def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slope", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args()

    use_hf = shutil.which("hyperfine") is not None
    rows = {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pn, p0 = program(args.n, tmp), program(0, tmp)
        outs = {}
        for name, exe in [("slope", args.slope), ("numpy", args.python)]:
            outs[name] = check_output([exe, str(pn)])
            med = {}
            for n, p in [(args.n, pn), (0, p0)]:
                cmd = [exe, str(p)]
                ts = times_hyperfine(cmd, args.reps, tmp) if use_hf else times_plain(cmd, args.reps)
                med[n] = statistics.median(ts)
            per_op = (med[args.n] - med[0]) / args.n
            rows[name] = (med[0], med[args.n], per_op)
            print(f"{name:6s} start-up {med[0] * 1e3:8.2f} ms  total {med[args.n] * 1e3:8.2f} ms  "
                  f"per op {per_op * 1e6:8.3f} us")

    # The numbers must agree to rtol 1e-12 (the last digit may differ: numpy sums pairwise).
    a, b = outs["slope"].split(), outs["numpy"].split()
    same = len(a) == len(b) and all(abs(float(x) - float(y)) <= 1e-12 * max(1.0, abs(float(y))) for x, y in zip(a, b))
    ratio = rows["slope"][2] / rows["numpy"][2] if rows["numpy"][2] > 0 else float("nan")
    print(f"slope/numpy per-op time ratio: {ratio:.2f}  (outputs {'agree' if same else 'DIFFER'})")

    npver = check_output(
        [args.python, "-c", "import numpy, sys; print('numpy', numpy.__version__, 'python', sys.version.split()[0])"]
    )
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        "# bench/small_ops: results",
        "",
        f"{args.n} small operations (float64 arrays of 10 elements: multiply, add, sin, abs) at top",
        "level in a loop; per-op time = (median wall time with N ops - median with 0 ops) / N, "
        f"{args.reps} runs each{' (hyperfine)' if use_hf else ''}.",
        "",
        f"- date: {now}",
        f"- machine: {cpu_model()}, nproc {os.cpu_count()}, {platform.system()} {platform.release()}",
        f"- slope: `{args.slope}`",
        f"- numpy: `{args.python}` ({npver})",
        "",
        "| | start-up (ms) | total, N ops (ms) | per op (us) |",
        "|---|---:|---:|---:|",
    ]
    for name in ["slope", "numpy"]:
        s0, sn, po = rows[name]
        lines.append(f"| {name} | {s0 * 1e3:.2f} | {sn * 1e3:.2f} | {po * 1e6:.3f} |")
    lines += [
        "",
        f"slope / numpy per-op ratio: **{ratio:.2f}** (below 1: slope is faster).",
        f"Final values {'agree (rtol 1e-12)' if same else 'DIFFER'}: slope `{outs['slope']}`, numpy `{outs['numpy']}`.",
        "",
    ]
    Path(args.out).write_text("\n".join(lines))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
