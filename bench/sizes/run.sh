#!/usr/bin/env bash
# bench/sizes: workload (i), an MLP step at many batch sizes in one loop, Slope beside
# JAX (CPU) in one run: first calls, second calls, and the kernels Slope compiles.
#
#   bench/sizes/run.sh                build slope (release) and run
#   SLOPE_BIN=... bench/sizes/run.sh  use an existing binary
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../env.sh"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY" "$@"
