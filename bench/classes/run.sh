#!/usr/bin/env bash
# bench/classes: a training loop with its parameters in a dict and in a class registered as a
# pytree, in one process, alternating; each run prints the median time per step of both. Runs
# train.py REPS times in fresh processes under slope (and once under CPython with JAX, for
# orientation) and writes bench/classes/RESULTS.md with the medians and the spread.
#   bench/classes/run.sh [REPS]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../env.sh"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY" --reps "${1:-5}"
