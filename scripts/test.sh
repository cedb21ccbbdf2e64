#!/usr/bin/env bash
# Slope's test command: builds the workspace, runs the Rust tests, then the Python-side suites
# (oracle programs compared against real numpy/JAX, bad-input diagnostics).
#
#   scripts/test.sh            everything
#   scripts/test.sh -k grad    extra arguments go to pytest
#
# Environment:
#   SLOPE_CACHE         cache dir (default ~/.cache/slope): cargo target dirs (target, and
#                       rust-target for slope-rust, the %%rust cell server) + Python venv
#   SLOPE_RUST_BIN      the slope-rust the %%rust tests use (default: the one built here)
#   SLOPE_SKIP_CARGO=1  skip the cargo build/test steps and the fuzz smoke run (reuse an existing binary)
#   SLOPE_FUZZ_SMOKE_S  seconds of each fuzz target's smoke run (default 60)
#   SLOPE_SOAK_CELLS    cells of the soak test's short form (default 400; scripts/soak.sh: 10,000)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SLOPE_CACHE="${SLOPE_CACHE:-$HOME/.cache/slope}"
export SLOPE_CACHE
export CARGO_TARGET_DIR="$SLOPE_CACHE/target"
VENV="$SLOPE_CACHE/venv"
REQ="$ROOT/tests/requirements.txt"
REQ_NODEPS="$ROOT/tests/requirements-nodeps.txt"
STAMP="$VENV/.slope-requirements.sha256"

if [ -t 1 ]; then
    section() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
    section() { printf '\n==> %s\n' "$*"; }
fi

mkdir -p "$SLOPE_CACHE"
# lavapipe wants a runtime directory.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"

# ---------------------------------------------------------------------------------------------
section "Python venv ($VENV)"
PYTHON_BOOT="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
    echo "creating venv with $($PYTHON_BOOT --version 2>&1)"
    "$PYTHON_BOOT" -m venv "$VENV"
fi
want_hash="$(cat "$REQ" "$REQ_NODEPS" | sha256sum | cut -d' ' -f1)"
have_hash="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want_hash" != "$have_hash" ]; then
    echo "installing tests/requirements.txt (stamp missing or out of date)"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQ"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q --no-deps -r "$REQ_NODEPS"
    echo "$want_hash" > "$STAMP"
else
    echo "requirements up to date (stamp $want_hash)"
fi
"$VENV/bin/python" -c 'import numpy, jax, pytest; print(f"numpy {numpy.__version__}, jax {jax.__version__}, pytest {pytest.__version__}")'

# ---------------------------------------------------------------------------------------------
# Debian packages the tests use: Chromium and its driver for the course site's browser test
# (tests/course/test_site.py), and Mesa's Vulkan drivers for lavapipe, the CPU Vulkan adapter the
# GPU backend's tests run on (lang/src/backend/gpu, tests/test_devices.py; they fail, never skip,
# without an adapter). Installed with apt-get when missing (as root, as CI runs).
APT_PACKAGES=(chromium chromium-driver mesa-vulkan-drivers)
section "Debian packages (${APT_PACKAGES[*]})"
apt_missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || apt_missing+=("$p")
done
if [ ${#apt_missing[@]} -eq 0 ]; then
    echo "installed"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${apt_missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
else
    echo "warning: ${apt_missing[*]} missing and apt-get unavailable (not root?): tests/course/test_site.py will fail" >&2
fi

# ---------------------------------------------------------------------------------------------
if [ "${SLOPE_SKIP_CARGO:-0}" != "1" ]; then
    LOCKED=()
    if [ -f Cargo.lock ]; then LOCKED=(--locked); fi

    section "cargo build --workspace ${LOCKED[*]:-}"
    cargo build --workspace "${LOCKED[@]}"

    # slope-rust, the server of %%rust cells: its own workspace (rustcell/), so evcxr's
    # rust-analyzer crates stay out of the main build; its own target dir in the cache.
    section "cargo build --locked --manifest-path rustcell/Cargo.toml (slope-rust)"
    CARGO_TARGET_DIR="$SLOPE_CACHE/rust-target" cargo build --locked --manifest-path rustcell/Cargo.toml

    if cargo nextest --version >/dev/null 2>&1; then
        section "cargo nextest run --workspace"
        # --no-tests=pass: a workspace without Rust tests yet is not a failure.
        cargo nextest run --workspace "${LOCKED[@]}" --no-tests=pass
    else
        section "cargo test --workspace (cargo-nextest not installed)"
        cargo test --workspace "${LOCKED[@]}"
    fi

    # The fuzz targets of std/tests/fuzz.rs (parser, interpreter, eval-vs-cpu, kernel verifier),
    # each for SLOPE_FUZZ_SMOKE_S seconds (default 60) with fresh seeds: a smoke run of what
    # scripts/fuzz.sh runs for hours.
    section "fuzz smoke run (scripts/fuzz.sh ${SLOPE_FUZZ_SMOKE_S:-60})"
    scripts/fuzz.sh "${SLOPE_FUZZ_SMOKE_S:-60}"
else
    section "cargo steps skipped (SLOPE_SKIP_CARGO=1)"
fi

# The %%rust tests (tests/test_rust_cells.py, tests/kernel/test_rust_kernel.py) use this slope-rust.
export SLOPE_RUST_BIN="${SLOPE_RUST_BIN:-$SLOPE_CACHE/rust-target/debug/slope-rust}"

# ---------------------------------------------------------------------------------------------
# The Jupyter kernel's tests (tests/kernel) launch it through a kernelspec in the venv.
export SLOPE_KERNEL_BIN="${SLOPE_KERNEL_BIN:-$CARGO_TARGET_DIR/debug/slope-kernel}"
section "Jupyter kernelspec (slope-kernel install --prefix $VENV)"
if [ -x "$SLOPE_KERNEL_BIN" ]; then
    "$SLOPE_KERNEL_BIN" install --prefix "$VENV"
else
    echo "warning: $SLOPE_KERNEL_BIN not found: the tests in tests/kernel will fail" >&2
fi

# ---------------------------------------------------------------------------------------------
section "pytest tests (oracles vs numpy/JAX, bad input)"
export SLOPE_BIN="${SLOPE_BIN:-$CARGO_TARGET_DIR/debug/slope}"
export SLOPE_PYTHON="$VENV/bin/python"
if [ ! -x "$SLOPE_BIN" ]; then
    echo "error: slope binary not found at $SLOPE_BIN (did 'cargo build --workspace' produce it?)" >&2
    exit 1
fi
# Keep the checkout clean: no __pycache__ in tests/, pytest's cache (for --lf) in $SLOPE_CACHE.
export PYTHONDONTWRITEBYTECODE=1
PYTEST_ARGS=(-q -rs -o "cache_dir=$SLOPE_CACHE/pytest-cache")
# Parallel runs when pytest-xdist happens to be installed (it is not pinned; plain runs are fine).
if "$VENV/bin/python" -c 'import xdist' >/dev/null 2>&1; then PYTEST_ARGS+=(-n auto); fi
"$VENV/bin/python" -m pytest tests "${PYTEST_ARGS[@]}" "$@"

section "all tests passed"
