"""Every oracle program and primitive example runs on the CPU JIT, on the GPU (wgpu; lavapipe where
the machine has no real GPU) and on `eval`, the reference, and they print the same (numbers
within float32 rtol 1e-5, exit status equal). The comparison is `lang/tests/devices/compare.py`'s,
which also runs on its own for a quick look. A machine without a GPU adapter fails the GPU tests
(scripts/test.sh installs Debian's mesa-vulkan-drivers): they are never skipped."""

import hashlib
import importlib.util
import json
import os
import subprocess
import time

import pytest

import oracle

_spec = importlib.util.spec_from_file_location("compare", oracle.ROOT / "lang/tests/devices/compare.py")
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)

PROGRAMS = sorted(p for d in compare.DIRS for p in d.glob("*.py"))


def run(prog, device):
    if device == "eval":
        return run_eval(prog)
    env = dict(os.environ, SLOPE_DEVICE=device)
    if device == "gpu":
        # lavapipe wants a runtime directory; a real GPU ignores it.
        env.setdefault("XDG_RUNTIME_DIR", "/tmp")
    p = subprocess.run([str(oracle.slope_bin_path()), str(prog)], capture_output=True, text=True, env=env, timeout=300)  # eval, the reference interpreter, takes ~50 s of CPU for the Flax MNIST program in a debug build
    return p.returncode, p.stdout + p.stderr


def run_eval(prog):
    """`eval`'s run, once per program and binary: the cpu and gpu tests (maybe on different
    xdist workers) share it through a file in the cache (keyed by the binary's size and mtime and
    the program's text), so the slow reference interpreter runs each program once."""
    b = oracle.slope_bin_path()
    st = b.stat()
    key = hashlib.sha256(f"{b}:{st.st_size}:{st.st_mtime_ns}:".encode() + prog.read_bytes()).hexdigest()[:32]
    cache = oracle.cache_dir() / "devices-eval"
    path = cache / f"{key}.json"
    if path.is_file():
        rc, out = json.loads(path.read_text())
        path.touch()
        return rc, out
    env = dict(os.environ, SLOPE_DEVICE="eval")
    p = subprocess.run([str(b), str(prog)], capture_output=True, text=True, env=env, timeout=300)  # eval, the reference interpreter, takes ~50 s of CPU for the Flax MNIST program in a debug build
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps([p.returncode, p.stdout + p.stderr]))
    os.replace(tmp, path)
    return p.returncode, p.stdout + p.stderr


def _prune_eval_cache(days=3):
    """Entries of older binaries go after a few days unused."""
    cache = oracle.cache_dir() / "devices-eval"
    if cache.is_dir():
        old = time.time() - days * 86400
        for f in cache.iterdir():
            try:
                if f.stat().st_mtime < old:
                    f.unlink()
            except OSError:
                pass


_prune_eval_cache()


def test_there_are_programs_from_every_directory():
    for d in compare.DIRS:
        assert any(p.parent == d for p in PROGRAMS), f"no programs in {d}"


@pytest.mark.parametrize("prog", PROGRAMS, ids=lambda p: str(p.relative_to(oracle.ROOT)))
def test_cpu_agrees_with_eval(prog):
    (rc_e, out_e), (rc_c, out_c) = run(prog, "eval"), run(prog, "cpu")
    assert rc_e == rc_c and compare.same(out_e, out_c), f"--- eval (exit {rc_e}) ---\n{out_e}\n--- cpu (exit {rc_c}) ---\n{out_c}"


@pytest.mark.parametrize("prog", PROGRAMS, ids=lambda p: str(p.relative_to(oracle.ROOT)))
def test_gpu_agrees_with_eval(prog):
    (rc_e, out_e), (rc_g, out_g) = run(prog, "eval"), run(prog, "gpu")
    assert rc_e == rc_g and compare.same(out_e, out_g), f"--- eval (exit {rc_e}) ---\n{out_e}\n--- gpu (exit {rc_g}) ---\n{out_g}"


def test_the_gpu_device_is_really_used():
    """`%device` under SLOPE_DEVICE=gpu names an adapter and `%kernels` shows WGSL."""
    code = "import jax.numpy as jnp\nx = jnp.arange(8.0)\n%device\n%kernels jnp.tanh(x) * 2.0\n"
    env = dict(os.environ, SLOPE_DEVICE="gpu")
    env.setdefault("XDG_RUNTIME_DIR", "/tmp")
    p = subprocess.run([str(oracle.slope_bin_path())], input=code, capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "device: gpu" in p.stdout and "GPU adapters" in p.stdout, p.stdout
    assert "@compute" in p.stdout and "fn main" in p.stdout, p.stdout


def test_float64_on_a_gpu_without_it_is_an_error_naming_the_fix():
    code = "import numpy as np\nx = np.arange(4.0)\nprint(x * 2.0)\n"
    env = dict(os.environ, SLOPE_DEVICE="gpu", SLOPE_GPU_NO_F64="1")
    env.setdefault("XDG_RUNTIME_DIR", "/tmp")
    p = subprocess.run([str(oracle.slope_bin_path()), "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode != 0, p.stdout
    assert "float64" in p.stderr and "%device cpu" in p.stderr and "float32" in p.stderr, p.stderr
    assert "panicked" not in p.stderr, p.stderr


def test_the_comparison_can_fail():
    assert compare.same("x = 1.0", "x = 1.000001")
    assert not compare.same("x = 1.0", "x = 1.001")
    assert not compare.same("x = 1.0", "y = 1.0")
