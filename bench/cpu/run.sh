#!/usr/bin/env bash
# bench/cpu: Slope's CPU JIT beside numpy and JAX (CPU), in one run; writes bench/RESULTS.md.
#
#   bench/cpu/run.sh              build slope (release) and run every workload
#   SLOPE_BIN=... bench/cpu/run.sh   use an existing binary
#
# Environment: SLOPE_CACHE (default ~/.cache/slope) holds the venv with numpy and JAX
# (scripts/test.sh creates it) and the cargo target dir.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SLOPE_CACHE="${SLOPE_CACHE:-$HOME/.cache/slope}"
PY="$SLOPE_CACHE/venv/bin/python"
if [ -z "${SLOPE_BIN:-}" ]; then
    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SLOPE_CACHE/target}"
    (cd "$ROOT" && cargo build --release -p slope-repl)
    SLOPE_BIN="$CARGO_TARGET_DIR/release/slope"
fi
exec "$PY" "$ROOT/bench/cpu/run.py" --slope "$SLOPE_BIN" --python "$PY" "$@"
