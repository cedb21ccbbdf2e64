#!/usr/bin/env bash
# Fuzz the engine for a while: the proptest targets of std/tests/fuzz.rs (the parser on
# arbitrary text, the interpreter on generated programs, eval against cpu, the kernel verifier
# on mutated kernels) run again and again with fresh random seeds, SLOPE_FUZZ_CASES cases a
# round, until the time budget of each target has passed. A failure stops the script with
# proptest's minimal failing input (saved under $SLOPE_CACHE/fuzz/); make it a test case under
# tests/ (or a unit test) before fixing it. A crash of the kernel target leaves its last kernel
# in $SLOPE_CACHE/fuzz-last-kernel.txt.
#
#   scripts/fuzz.sh [seconds per target] [target ...]
#   targets: parser interp differential kernel_verify (default: all four, one after another)
#   SLOPE_FUZZ_PROFILE=release   fuzz a release build (default: debug, with overflow checks)
#   SLOPE_FUZZ_KEEP_GOING=1      record each failing round's output and go on (long runs)
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parser interp differential kernel_verify)
export SLOPE_CACHE="${SLOPE_CACHE:-$HOME/.cache/slope}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SLOPE_CACHE/target}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
profile=()
[ "${SLOPE_FUZZ_PROFILE:-debug}" = release ] && profile=(--release)
logdir="$SLOPE_CACHE/fuzz"
mkdir -p "$logdir"
# The test binary, built once (with the whole workspace's features, as nextest builds it: `-p slope-std`
# alone would unify features differently and rebuild the dependencies).
bin=$(cargo test --workspace --test fuzz "${profile[@]}" --no-run --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
[ -x "$bin" ] || { echo "fuzz: could not build the fuzz test binary" >&2; exit 1; }
# A copy of its own, so that a rebuild during a long run does not change what runs.
run_bin="$logdir/fuzz-bin-$$"
cp "$bin" "$run_bin"
trap 'rm -f "$run_bin"' EXIT
# Cases per round: a round takes some seconds, so a short budget is not overshot by much.
cases_of() {
  case $1 in
    parser) echo 4000 ;; interp) echo 12 ;; differential) echo 6 ;; kernel_verify) echo 1500 ;;
    *) echo "unknown fuzz target $1" >&2; exit 2 ;;
  esac
}
for t in "${targets[@]}"; do
  cases=${SLOPE_FUZZ_CASES:-$(cases_of "$t")}
  start=$SECONDS rounds=0 failures=0
  while (( SECONDS - start < budget )); do
    log="$logdir/$t.$$.log"
    if ! SLOPE_FUZZ_CASES=$cases "$run_bin" --exact "fuzz_$t" --nocapture >"$log" 2>&1; then
      failures=$((failures + 1))
      stamp=$(date +%s)
      cp "$log" "$logdir/$t.failure.$stamp.log"
      [ "$t" != kernel_verify ] || cp "$SLOPE_CACHE/fuzz-last-kernel.txt" "$logdir/$t.failure.$stamp.kernel" 2>/dev/null || true
      echo "fuzz: target $t FAILED in round $((rounds + 1)) ($((SECONDS - start)) s); its output:" >&2
      tail -c 6000 "$log" >&2
      [ "${SLOPE_FUZZ_KEEP_GOING:-0}" = 1 ] || exit 1
    fi
    rounds=$((rounds + 1))
  done
  rm -f "$log"
  echo "fuzz: $t: $rounds rounds x $cases cases = $((rounds * cases)) cases in $((SECONDS - start)) s, $failures failing rounds"
done
