#!/usr/bin/env bash
# bench/cpu: Slope's CPU JIT beside numpy and JAX (CPU), in one run; writes bench/RESULTS.md.
#
#   bench/cpu/run.sh              build slope (release) and run every workload
#   SLOPE_BIN=... bench/cpu/run.sh   use an existing binary
#
# Environment: SLOPE_CACHE (default ~/.cache/slope) holds the venv with numpy and JAX
# (scripts/test.sh creates it) and the cargo target dir.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../env.sh"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY" "$@"
