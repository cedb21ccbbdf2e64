"""The numpy and JAX side of bench/cpu: times one workload in-process and prints JSON.

    python pyside.py numpy|jax WORKLOAD REPS
    python pyside.py numpy|jax small_ops N

Workload steps are timed one by one (JAX: jitted, with block_until_ready) after two warm-up
runs; the JSON holds the median in seconds and a checksum of the result.
"""

import json
import statistics
import sys
import time

from workloads import WORKLOADS


def checksum(v) -> float:
    import numpy as np

    return float(np.asarray(v, dtype=np.float64).sum())


def run_workload(lib: str, name: str, reps: int) -> dict:
    title, jsetup, jstep, nsetup, nstep, inputs, outputs = WORKLOADS[name]
    env: dict = {}
    if lib == "numpy":
        import numpy as np

        env["np"] = np
        exec(nsetup, env)
        src = f"def step({inputs}):\n" + "".join(f"    {line}\n" for line in nstep.splitlines()) + f"    return {outputs}\n"
        exec(src, env)
        step = env["step"]
        block = lambda r: r  # noqa: E731
    else:
        import jax
        import jax.numpy as jnp

        env["jnp"] = jnp
        exec(jsetup, env)
        src = f"def step({inputs}):\n" + "".join(f"    {line}\n" for line in jstep.splitlines()) + f"    return {outputs}\n"
        exec(src, env)
        step = jax.jit(env["step"])
        block = jax.block_until_ready
    args = [env[a.strip()] for a in inputs.split(",")]
    if lib == "jax":
        args = [jax.block_until_ready(a) for a in args]
    for _ in range(2):
        r = block(step(*args))
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        r = block(step(*args))
        ts.append(time.perf_counter() - t0)
    last = r[-1] if isinstance(r, tuple) else r
    return {"median_s": statistics.median(ts), "checksum": checksum(last)}


def run_small_ops(lib: str, n: int) -> dict:
    """N small ops (arrays of 10 float64 for numpy; JAX eager float32), per-op median of 5 runs."""
    if lib == "numpy":
        import numpy as xp
    else:
        import jax.numpy as xp
    x0 = xp.ones(10)

    def body(m):
        x = x0
        for _ in range(m // 4):
            x = x * 1.0001
            x = x + 0.5
            x = xp.sin(x)
            x = xp.abs(x)
        if lib == "jax":
            x.block_until_ready()
        return x

    body(400)
    ts = []
    for _ in range(5):
        t0 = time.perf_counter()
        x = body(n)
        ts.append((time.perf_counter() - t0) / n)
    return {"median_s": statistics.median(ts), "checksum": checksum(x)}


if __name__ == "__main__":
    lib, name, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    out = run_small_ops(lib, reps) if name == "small_ops" else run_workload(lib, name, reps)
    print(json.dumps(out))
