#!/usr/bin/env bash
# The soak test's long form: tests/test_soak.py with 10,000 cells (or the number given) in one
# Jupyter kernel session, printing its figures (RSS, open fds and threads after warm-up and at
# the end, RSS growth per cell, the caches' sizes, interrupt latencies, wall time) and writing
# them to $SLOPE_CACHE/soak.json; then the kernel's memory test (tests/kernel/test_robustness.py)
# over as many executions of mixed work.
#   scripts/soak.sh [cells]
set -euo pipefail
cd "$(dirname "$0")/.."
export SLOPE_CACHE="${SLOPE_CACHE:-$HOME/.cache/slope}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SLOPE_CACHE/target}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
VENV="${SLOPE_VENV:-$SLOPE_CACHE/venv}"
cargo build --bin slope --bin slope-kernel --quiet
export SLOPE_BIN="${SLOPE_BIN:-$CARGO_TARGET_DIR/debug/slope}"
export SLOPE_KERNEL_BIN="${SLOPE_KERNEL_BIN:-$CARGO_TARGET_DIR/debug/slope-kernel}"
export SLOPE_SOAK_CELLS="${1:-10000}"
export SLOPE_KERNEL_EXECUTIONS="$SLOPE_SOAK_CELLS"
export SLOPE_SOAK_REPORT="$SLOPE_CACHE/soak.json"
export PYTHONDONTWRITEBYTECODE=1
"$VENV/bin/python" -m pytest tests/test_soak.py -q -s -p no:cacheprovider
cat "$SLOPE_SOAK_REPORT"
# tests/kernel launches the kernel through the kernelspec in the venv (as scripts/test.sh installs it).
"$SLOPE_KERNEL_BIN" install --prefix "$VENV" >/dev/null
"$VENV/bin/python" -m pytest tests/kernel/test_robustness.py -q -s -p no:cacheprovider -k stable_memory
