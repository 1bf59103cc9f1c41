#!/usr/bin/env bash
# The two commands of the README, each doing all set-up first (scripts/setup.sh):
#   scripts/dev.sh run [ARGS...]   the main job: every tutorial experiment in Python and R,
#                                  parity table and report (keras-rparity run ARGS...)
#   scripts/dev.sh test [ARGS...]  lint and the test suite (pytest ARGS..., which also runs
#                                  the R testthat suites and renders the vignettes)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${KERAS_RPARITY_VENV:-$ROOT/.venv}"
cmd="${1:-}"
shift || true
bash "$ROOT/scripts/setup.sh"
export PATH="$VENV/bin:$PATH"
cd "$ROOT"
case "$cmd" in
  run) exec keras-rparity run "$@" ;;
  test)
    ruff check pkg tests benchmarks
    exec python -m pytest "$@" ;;
  *) echo "usage: scripts/dev.sh run|test [ARGS...]" >&2; exit 2 ;;
esac
