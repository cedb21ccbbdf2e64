"""bench/minilm: runs examples/minilm.py under Slope (it times its own second call of the jitted
model, after one call that traces and compiles) and tests/minilm_reference.py's numpy model
(second call timed likewise), `--reps` times each, and writes the medians to RESULTS.md."""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import minilm_reference as ref  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--slope", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    model = ref.model_dir()
    slope_ms, first_s, max_diff = [], [], 0.0
    tok, w = ref.load(model)
    e_ref, _, _ = ref.embed(tok, w, ref.SENTENCES)
    for _ in range(args.reps):
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "e.npz"
            t0 = time.perf_counter()
            p = subprocess.run([args.slope, str(ROOT / "examples" / "minilm.py"), str(out)], capture_output=True, text=True, env=dict(os.environ, SLOPE_MINILM_DIR=model), check=True)
            first_s.append(time.perf_counter() - t0)
            z = np.load(out)
            slope_ms.append(float(z["ms_per_sentence"]))
            max_diff = max(max_diff, float(np.abs(z["embeddings"] - e_ref).max()))
    ref_ms = []
    for _ in range(args.reps):
        t0 = time.perf_counter()
        ref.embed(tok, w, ref.SENTENCES)
        ref_ms.append(1000 * (time.perf_counter() - t0) / len(ref.SENTENCES))
    n = len(ref.SENTENCES)
    load = os.getloadavg()[0]
    lines = [
        "# bench/minilm: all-MiniLM-L6-v2 sentence embeddings, Slope beside numpy",
        "",
        f"Written by `bench/minilm/run.sh`: medians of {args.reps} runs, {n} sentences in one batch "
        "(padded to the longest, 28 tokens). Slope: `examples/minilm.py` (BERT's six layers in "
        "`jax.numpy`, float32, one `jax.jit` call; the second call is timed). Reference: "
        "`tests/minilm_reference.py` (numpy, float64, exact erf through `math.erf` per element).",
        "",
        f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: nproc {os.cpu_count()}, {platform.system()} {platform.release()}, load average {load:.1f} (shared with other work)",
        f"- slope: `{args.slope}`",
        f"- python: numpy {np.__version__}, python {platform.python_version()}",
        "",
        "| what | ms per sentence |",
        "|---|---:|",
        f"| Slope, jitted model (second call) | {statistics.median(slope_ms):.2f} |",
        f"| numpy reference, float64 | {statistics.median(ref_ms):.2f} |",
        "",
        f"Whole Slope run (start, read 87 MiB of weights, tokenise, trace + compile, two calls): {statistics.median(first_s):.2f} s. "
        f"Largest difference from the reference over the runs: {max_diff:.2e} (the test asks ≤ 1e-4).",
    ]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
