#!/usr/bin/env bash
# bench/first_grad: define-to-first-gradient, Slope beside JAX in the same run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SLOPE_CACHE="${SLOPE_CACHE:-$HOME/.cache/slope}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SLOPE_CACHE/target}"
PY="${SLOPE_PYTHON:-$SLOPE_CACHE/venv/bin/python}"
if [ -z "${SLOPE_BIN:-}" ]; then
    (cd "$ROOT" && cargo build --release --bin slope)
    SLOPE_BIN="$CARGO_TARGET_DIR/release/slope"
fi
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY" "$@"
