# Sourced by each bench/*/run.sh: the Python with numpy and JAX (the test venv, which
# scripts/test.sh creates; SLOPE_PYTHON overrides) in $PY, and a release `slope` in $SLOPE_BIN
# (built into $CARGO_TARGET_DIR unless SLOPE_BIN is set). SLOPE_CACHE defaults to ~/.cache/slope.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SLOPE_CACHE="${SLOPE_CACHE:-$HOME/.cache/slope}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SLOPE_CACHE/target}"
PY="${SLOPE_PYTHON:-$SLOPE_CACHE/venv/bin/python}"
if [ ! -x "$PY" ]; then
    echo "error: $PY not found; run scripts/test.sh once (it creates the venv) or set SLOPE_PYTHON" >&2
    exit 1
fi
if [ -z "${SLOPE_BIN:-}" ]; then
    echo "==> cargo build --release --bin slope" >&2
    (cd "$ROOT" && cargo build --release --bin slope)
    SLOPE_BIN="$CARGO_TARGET_DIR/release/slope"
fi
echo "==> timing (slope: $SLOPE_BIN, python: $PY)" >&2
