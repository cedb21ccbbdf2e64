#!/usr/bin/env bash
# bench/startup: start-up time of the `slope` REPL (to its first prompt) and of a first result
# (`slope -c 'import numpy as np; print(np.ones(3).sum())'`), beside `python -c 'import numpy'`
# and JAX's first result.
#   bench/startup/run.sh [--reps 20] [--jax-reps 5]
# Builds slope in release mode (unless SLOPE_BIN is set), uses the test venv's Python
# (scripts/test.sh creates it), writes bench/startup/RESULTS.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../env.sh"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY" "$@"
