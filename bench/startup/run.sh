#!/usr/bin/env bash
# bench/startup: start-up time of the `slope` REPL (to its first prompt) and of a first result
# (`slope -c 'import numpy as np; print(np.ones(3).sum())'`), beside `python -c 'import numpy'`
# and JAX's first result.
#   bench/startup/run.sh [--reps 20] [--jax-reps 5]
# Builds slope in release mode (unless SLOPE_BIN is set), uses the test venv's Python
# (scripts/test.sh creates it), writes bench/startup/RESULTS.md.
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
