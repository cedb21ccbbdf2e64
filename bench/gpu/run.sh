#!/usr/bin/env bash
# bench/gpu: the GPU column — Slope's issue-7 workloads plus matmul 4096² float32 under
# SLOPE_DEVICE=gpu beside SLOPE_DEVICE=cpu, one run; writes its section of bench/RESULTS.md.
#
#   bench/gpu/run.sh              build slope (release) and run every workload
#   SLOPE_BIN=... bench/gpu/run.sh   use an existing binary
#
# On a machine without a real GPU this measures whatever adapter wgpu finds (lavapipe, a CPU
# Vulkan driver): the section says which, and that real-GPU figures are not measured then.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../env.sh"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" "$@"
