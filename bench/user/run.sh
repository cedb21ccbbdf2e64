#!/usr/bin/env bash
# bench/user: (a) and (e) written as a user would, Slope (eight lanes, and SLOPE_CPU_WIDE=0 for
# (a)) beside JAX, in-process medians and whole-script times; writes bench/user/RESULTS.md.
#
#   bench/user/run.sh                build slope (release) and run
#   SLOPE_BIN=... bench/user/run.sh  use an existing binary
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../env.sh"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY" "$@"
