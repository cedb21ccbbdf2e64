#!/usr/bin/env bash
# Build the autodiff course: execute every unit (notebooks/course/src/NN-slug.py) in the Slope
# kernel with nbclient, write notebooks/course/NN-slug.ipynb with its outputs, the static site
# docs/course/ (index.html and a page per unit, nothing loaded from the network) and the README's
# picture docs/course-picture.png.
#
#   scripts/course.sh            build everything
#   scripts/course.sh --check    execute and check every unit, write nothing
#   scripts/course.sh 01 03      only these units (the site is rebuilt from all notebooks)
#
# Uses the test venv and kernelspec of scripts/test.sh ($SLOPE_CACHE/venv; run scripts/test.sh
# once first, or SLOPE_SKIP_CARGO=1 scripts/test.sh -k course after `cargo build --workspace`).
# The kernel is the debug build's slope-kernel unless SLOPE_KERNEL_BIN names another.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SLOPE_CACHE="${SLOPE_CACHE:-$HOME/.cache/slope}"
VENV="${SLOPE_VENV:-$SLOPE_CACHE/venv}"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SLOPE_CACHE/target}"
KERNEL="${SLOPE_KERNEL_BIN:-$CARGO_TARGET_DIR/debug/slope-kernel}"

if [ ! -x "$VENV/bin/python" ]; then
    echo "error: no venv at $VENV: run scripts/test.sh once (it makes the venv)" >&2
    exit 1
fi
if [ ! -x "$KERNEL" ]; then
    echo "error: no kernel at $KERNEL: run cargo build --workspace (or set SLOPE_KERNEL_BIN)" >&2
    exit 1
fi
"$KERNEL" install --prefix "$VENV" >/dev/null
export PYTHONDONTWRITEBYTECODE=1
exec "$VENV/bin/python" scripts/course.py "$@"
