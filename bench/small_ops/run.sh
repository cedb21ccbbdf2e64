#!/usr/bin/env bash
# bench/small_ops: per-op overhead of small array operations, slope vs CPython+numpy.
#   bench/small_ops/run.sh [--n 10000] [--reps 5]
# Builds slope in release mode (unless SLOPE_BIN is set), uses the test venv's Python
# (scripts/test.sh creates it), writes bench/small_ops/RESULTS.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SLOPE_CACHE="${SLOPE_CACHE:-$HOME/.cache/slope}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SLOPE_CACHE/target}"
PY="${SLOPE_PYTHON:-$SLOPE_CACHE/venv/bin/python}"
if [ ! -x "$PY" ]; then
    echo "error: $PY not found; run scripts/test.sh once (it creates the venv) or set SLOPE_PYTHON" >&2
    exit 1
fi
if [ -z "${SLOPE_BIN:-}" ]; then
    echo "==> cargo build --release --bin slope"
    (cd "$ROOT" && cargo build --release --bin slope)
    SLOPE_BIN="$CARGO_TARGET_DIR/release/slope"
fi
echo "==> timing (slope: $SLOPE_BIN, python: $PY)"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY" "$@"
