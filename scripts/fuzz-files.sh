#!/usr/bin/env bash
# Fuzz the binary file readers (.npy, .npz, safetensors) for a while: the proptest suites in
# std/src/files/ run again and again with fresh random seeds and SLOPE_FUZZ_CASES cases each,
# until SECONDS_BUDGET (default 600) have passed. Any panic fails the round and stops the script
# with proptest's minimal failing input; make it a unit test before fixing it.
#   scripts/fuzz-files.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-600}
export SLOPE_FUZZ_CASES=${SLOPE_FUZZ_CASES:-20000}
cargo build -p slope-std --tests --quiet
start=$SECONDS rounds=0
while (( SECONDS - start < budget )); do
  cargo nextest run -p slope-std --no-fail-fast -E 'test(never_panic)' --status-level fail --final-status-level fail >/dev/null
  rounds=$((rounds + 1))
done
tests=$(cargo nextest list -p slope-std -E 'test(never_panic)' 2>/dev/null | grep -c never_panic || true)
echo "fuzz-files: $rounds rounds x $tests targets x $SLOPE_FUZZ_CASES cases in $((SECONDS - start)) s, no panic"
