"""bench/gpu driver: each bench/cpu workload (and matmul 4096² float32) timed in Slope on the GPU
device and on the CPU JIT, in alternating fresh processes, medians over ROUNDS; writes the
"## GPU column" section of bench/RESULTS.md (bench/cpu/run.py keeps it when it rewrites the file).

The time per step is measured as bench/cpu measures Slope: a top-level loop whose iterations end
at a sync point, median over the steps after the warm-up. On the GPU the results stay on the
device between steps (only host inputs are uploaded), and each step ends with
`block_until_ready()` on its last output, which waits for the device without a read-back (the CPU
device computes synchronously, so there it is a no-op).
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "cpu"))
from run import REPS, slope_program  # noqa: E402
from workloads import WORKLOADS  # noqa: E402

# Added to bench/cpu's own table (not a copy): its slope_program looks workloads up there.
WORKLOADS["d_matmul_4096"] = (
    "(d') matmul 4096x4096 float32",
    "a = jnp.sin(jnp.arange(4096 * 4096).reshape(4096, 4096) * 0.001)\nb = jnp.cos(jnp.arange(4096 * 4096).reshape(4096, 4096) * 0.002)",
    "y = a @ b",
    "",
    "",
    "a, b",
    "y",
)
REPS = dict(REPS)
REPS["d_matmul_4096"] = (5, 5)
ROUNDS = 3


def gpu_program(name: str, reps: int) -> str:
    """bench/cpu's program, each step waiting for the device (`block_until_ready`)."""
    _, _, _, _, _, inputs, outputs = WORKLOADS[name]
    last = outputs.split(",")[-1].strip()
    prog = slope_program(name, reps)
    call = f"        {outputs} = step({inputs})\n"
    assert call in prog, prog
    return prog.replace(call, call + f"        {last}.block_until_ready()\n")


def run_slope(slope: str, prog: Path, device: str) -> tuple[float, str, float]:
    env = dict(os.environ, SLOPE_DEVICE=device, JAX_PLATFORMS="cpu")
    t0 = time.perf_counter()
    r = subprocess.run([slope, str(prog)], capture_output=True, text=True, env=env, timeout=3600)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"slope ({device}) failed on {prog.name}:\n{r.stderr[-3000:]}")
    lines = r.stdout.strip().splitlines()
    return float(lines[-1]), lines[-2], wall


def first_result(slope: str, tmp: Path) -> float:
    p = tmp / "first.py"
    p.write_text("import jax.numpy as jnp\nprint(float(jnp.sum(jnp.arange(1000.0) * 2.0)))\n")
    env = dict(os.environ, SLOPE_DEVICE="gpu")
    ts = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        subprocess.run([slope, str(p)], capture_output=True, text=True, env=env, timeout=600, check=True)
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def adapter(slope: str) -> str:
    env = dict(os.environ, SLOPE_DEVICE="gpu")
    r = subprocess.run([slope, "-c", "%device"], capture_output=True, text=True, env=env, timeout=600)
    lines = [l.strip() for l in r.stdout.splitlines() if l.startswith("  ")]
    return lines[0] if lines else "none found"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slope", required=True)
    ap.add_argument("--only", default="")
    ap.add_argument("--out", default=str(HERE.parent / "RESULTS.md"))
    args = ap.parse_args()
    only = [s for s in args.only.split(",") if s]
    rows = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for name, w in WORKLOADS.items():
            if only and name not in only:
                continue
            p = tmp / f"{name}.py"
            p.write_text(gpu_program(name, REPS[name][0]) if name in REPS else "")
            g, c = [], []
            for _ in range(ROUNDS):
                tg, sg, _ = run_slope(args.slope, p, "gpu")
                tc, sc, _ = run_slope(args.slope, p, "cpu")
                g.append(tg)
                c.append(tc)
            rows.append((w[0], statistics.median(c), statistics.median(g), sc, sg))
            print(f"{w[0]}: cpu {rows[-1][1] * 1e3:.2f} ms, gpu {rows[-1][2] * 1e3:.2f} ms", flush=True)
        first = first_result(args.slope, tmp)
    ad = adapter(args.slope)
    real = not any(k in ad for k in ("Cpu", "llvmpipe", "lavapipe"))
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        "## GPU column",
        "",
        "Written by `bench/gpu/run.sh` (one run): Slope's GPU device beside its CPU JIT on the same",
        "workloads, medians per step in ms; on the GPU the values stay on the device between steps",
        "and each step waits for the device (`block_until_ready`, no read-back).",
        "",
        f"- date: {now}; adapter: {ad}",
    ]
    if not real:
        lines += [
            "- **Real-GPU figures are not measured**: no GPU was available to this run, so the GPU",
            "  column is lavapipe (Mesa's CPU Vulkan driver) on this machine's CPU cores — a check that",
            "  the device path runs, not a GPU speed. The targets of issue 15 (fused elementwise",
            "  bandwidth ≥ 70 % of copy bandwidth, matmul ≥ 50 % of cuBLAS, time to first GPU result)",
            "  are unmeasured until this runs on a real card.",
        ]
    lines += [
        "",
        "| workload | Slope cpu (ms) | Slope gpu (ms) | cpu / gpu |",
        "|---|---:|---:|---:|",
    ]
    for title, c, g, _, _ in rows:
        lines.append(f"| {title} | {c * 1e3:.2f} | {g * 1e3:.2f} | {c / g:.2f} |")
    lines += ["", f"Fresh process to the first GPU result (`SLOPE_DEVICE=gpu`, a 1000-element sum): {first * 1e3:.0f} ms.", ""]
    lines += ["Checksums (cpu / gpu): " + "; ".join(f"{t.split(')')[0]}) `{sc}` / `{sg}`" for t, _, _, sc, sg in rows)]
    out = Path(args.out)
    old = out.read_text() if out.exists() else ""
    section = "\n".join(lines) + "\n"
    start = old.find("\n## GPU column")
    if start >= 0:
        end = old.find("\n## ", start + 1)
        new = old[: start + 1] + section + (old[end:] if end >= 0 else "")
    else:
        scan = old.find("\n## (h) lax.scan under jit")
        new = (old[: scan + 1] + section + old[scan:]) if scan >= 0 else old.rstrip("\n") + "\n\n" + section
    out.write_text(new)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
