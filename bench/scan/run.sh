#!/usr/bin/env bash
# bench/scan: workload (h), a 10,000-step lax.scan RNN cell (hidden 64) under jit, Slope beside
# JAX (CPU) in one run: trace+compile time, steady time per step, and the IR's size.
#
#   bench/scan/run.sh                build slope (release) and run
#   SLOPE_BIN=... bench/scan/run.sh  use an existing binary
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../env.sh"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY" "$@"
