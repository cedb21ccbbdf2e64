#!/usr/bin/env bash
# bench/small_ops: per-op overhead of small array operations, slope vs CPython+numpy.
#   bench/small_ops/run.sh [--n 10000] [--reps 5]
# Builds slope in release mode (unless SLOPE_BIN is set), uses the test venv's Python
# (scripts/test.sh creates it), writes bench/small_ops/RESULTS.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../env.sh"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY" "$@"
