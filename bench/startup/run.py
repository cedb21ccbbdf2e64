"""Timing driver for bench/startup (stdlib only).

Start-up time, wall clock, median of REPS runs each:
- slope's REPL to its first prompt: `slope` in a pseudo-terminal, timed until `>>> ` appears
  (then Ctrl-D); beside it CPython's own REPL to its first prompt, timed the same way;
- the first result of `slope -c 'import numpy as np; print(np.ones(3).sum())'`, beside
  `python -c 'import numpy'`, the same one-liner under numpy, and JAX's first result
  (`jnp.ones(3).sum()`).
Writes RESULTS.md beside this file.
"""

import argparse
import datetime
import os
import platform
import pty
import select
import statistics
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONE_LINER = "import numpy as np; print(np.ones(3).sum())"
JAX_LINER = "import jax.numpy as jnp; print(jnp.ones(3).sum())"


def env() -> dict:
    e = dict(os.environ)
    e["JAX_PLATFORMS"] = "cpu"
    e.pop("JAX_ENABLE_X64", None)
    e["TERM"] = "xterm-256color"
    e.pop("PYTHONSTARTUP", None)
    return e


def time_command(cmd: list, expect: str) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env(), timeout=600)
    dt = time.perf_counter() - t0
    if r.returncode != 0 or expect not in r.stdout:
        raise SystemExit(f"benchmark command failed: {cmd}\nstdout: {r.stdout[-2000:]}\nstderr: {r.stderr[-2000:]}")
    return dt


def time_to_prompt(cmd: list, prompt: bytes, e: dict) -> float:
    """Seconds from fork until `prompt` is written to the terminal; then end the REPL."""
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, e)
    seen = b""
    try:
        while prompt not in seen:
            r, _, _ = select.select([fd], [], [], 60)
            if not r:
                raise SystemExit(f"no prompt from {cmd} after 60 s; saw {seen[-500:]!r}")
            chunk = os.read(fd, 4096)
            if not chunk:
                raise SystemExit(f"{cmd} ended before its prompt; saw {seen[-500:]!r}")
            seen += chunk
        dt = time.perf_counter() - t0
        os.write(fd, b"\x04")
        # Drain until the child exits (Ctrl-D ends both REPLs).
        while True:
            r, _, _ = select.select([fd], [], [], 10)
            if not r:
                break
            try:
                if not os.read(fd, 4096):
                    break
            except OSError:
                break
    finally:
        os.waitpid(pid, 0)
        os.close(fd)
    return dt


def median_ms(f, reps: int) -> tuple:
    f()  # warm the page cache
    xs = [f() * 1000 for _ in range(reps)]
    return statistics.median(xs), min(xs), max(xs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--slope", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--jax-reps", type=int, default=5)
    a = ap.parse_args()

    e = env()
    load_before = os.getloadavg()[0]
    hist = HERE / ".bench-history"
    e_slope = dict(e, SLOPE_HISTORY=str(hist))
    rows = []

    def add(name, f, reps):
        med, lo, hi = median_ms(f, reps)
        rows.append((name, med, lo, hi, reps))
        print(f"{name:60s} {med:9.1f} ms  (min {lo:.1f}, max {hi:.1f}, {reps} runs)", flush=True)

    add("`slope` REPL: first prompt", lambda: time_to_prompt([a.slope], b">>> ", e_slope), a.reps)
    add("`python -q` REPL: first prompt (CPython, no numpy)", lambda: time_to_prompt([a.python, "-q"], b">>> ", e), a.reps)
    add(f"`slope -c '{ONE_LINER}'`", lambda: time_command([a.slope, "-c", ONE_LINER], "3.0"), a.reps)
    add("`python -c 'import numpy'`", lambda: time_command([a.python, "-c", "import numpy"], ""), a.reps)
    add(f"`python -c '{ONE_LINER}'`", lambda: time_command([a.python, "-c", ONE_LINER], "3.0"), a.reps)
    add(f"`python -c '{JAX_LINER}'` (JAX's first result)", lambda: time_command([a.python, "-c", JAX_LINER], "3.0"), a.jax_reps)
    if hist.exists():
        hist.unlink()
    load_after = os.getloadavg()[0]

    versions = subprocess.run(
        [a.python, "-c", "import sys, numpy, jax; print(f'python {sys.version.split()[0]}, numpy {numpy.__version__}, jax {jax.__version__}')"],
        capture_output=True, text=True, env=e,
    ).stdout.strip()
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    slope_first = rows[0][1]
    slope_c = rows[2][1]
    lines = [
        "# bench/startup: results",
        "",
        "Wall-clock start-up, median of N runs after one warm-up run (page cache warm). A REPL's time",
        "is from fork until its prompt reaches the pseudo-terminal; a command's is until it exits.",
        "Run with `bench/startup/run.sh` (release build of slope, the test venv's Python).",
        "",
        f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {cpu}, nproc {os.cpu_count()}, {platform.system()} {platform.release()} "
        "(a 2-core machine shared with other work: expect noise in the small numbers)",
        f"- load average (1 min) before and after the run: {load_before:.1f}, {load_after:.1f}",
        f"- slope: `{a.slope}`",
        f"- python: `{a.python}` ({versions})",
        "",
        "| what | median (ms) | min (ms) | max (ms) | runs |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, med, lo, hi, reps in rows:
        lines.append(f"| {name} | {med:.1f} | {lo:.1f} | {hi:.1f} | {reps} |")
    lines += [
        "",
        f"slope's first prompt comes {rows[3][1] / slope_first:.0f}× sooner than `import numpy` finishes, and its first",
        f"result {rows[5][1] / slope_c:.0f}× sooner than JAX's.",
        "",
    ]
    (HERE / "RESULTS.md").write_text("\n".join(lines))
    print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
