#!/usr/bin/env bash
# Set up everything keras-rparity needs, on a Debian-based machine (bookworm or newer).
# Idempotent: when everything is present it only checks, in a few seconds.
#
# What it changes on the system (only when something is missing; needs root or sudo):
#   - adds Debian trixie to apt's sources at a LOW pin priority (100), so nothing is
#     upgraded from trixie unless asked for with `-t trixie`:
#       /etc/apt/sources.list.d/keras-rparity-trixie.sources
#       /etc/apt/preferences.d/keras-rparity-trixie
#   - installs from trixie: R 4.5 (r-base-core, r-base-dev) with reticulate 1.41 and the R
#     packages the tests and vignettes use (this upgrades libc6/libstdc++ to trixie's);
#     bookworm's own reticulate 1.28 crashes when embedded (see README);
#   - installs pandoc (R Markdown) and dataset-fashion-mnist (offline Fashion-MNIST), also
#     from trixie.
# In the project folder it creates the virtual environment .venv (or $KERAS_RPARITY_VENV).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${KERAS_RPARITY_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

R_PACKAGES=(r-base-core r-base-dev r-cran-reticulate r-cran-testthat r-cran-knitr
            r-cran-rmarkdown r-cran-abind r-cran-magrittr r-cran-jsonlite)
OTHER_PACKAGES=(pandoc dataset-fashion-mnist)

log() { printf '[setup] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else log "need root for: $*"; return 1; fi
}

r_ready() {
  command -v Rscript >/dev/null || return 1
  Rscript --vanilla -e 'ok <- getRversion() >= "4.2" &&
    all(vapply(c("reticulate", "testthat", "knitr", "rmarkdown", "abind", "magrittr"),
               requireNamespace, logical(1), quietly = TRUE)) &&
    utils::packageVersion("reticulate") >= "1.39"; quit(status = if (isTRUE(ok)) 0 else 1)' \
    >/dev/null 2>&1
}

missing_debs() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

add_trixie_source() {
  local src=/etc/apt/sources.list.d/keras-rparity-trixie.sources
  local pin=/etc/apt/preferences.d/keras-rparity-trixie
  [ -f "$src" ] && [ -f "$pin" ] && return 0
  log "adding Debian trixie to apt sources at pin priority 100 (for R 4.5 + reticulate 1.41)"
  printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    | as_root tee "$src" >/dev/null
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' | as_root tee "$pin" >/dev/null
}

install_system() {
  if ! command -v apt-get >/dev/null; then
    log "no apt-get: install R >= 4.2 with reticulate >= 1.39, testthat, knitr, rmarkdown,"
    log "abind and magrittr, and pandoc yourself (README: 'R on other systems')"
    return 0
  fi
  if r_ready && [ -z "$(missing_debs "${OTHER_PACKAGES[@]}")" ]; then return 0; fi
  export DEBIAN_FRONTEND=noninteractive
  add_trixie_source
  as_root apt-get update -qq
  # One transaction, all from trixie where trixie has them: the combination tested.
  log "installing from trixie: ${R_PACKAGES[*]} ${OTHER_PACKAGES[*]}"
  as_root apt-get install -y -q -t trixie --no-install-recommends \
    "${R_PACKAGES[@]}" "${OTHER_PACKAGES[@]}" >/dev/null
  r_ready || { log "R is installed but not usable (reticulate >= 1.39 missing?)"; return 1; }
}

# PyTorch for the torch backend: the CPU build (pip finds it where PIP_FIND_LINKS or
# PIP_EXTRA_INDEX_URL point, e.g. https://download.pytorch.org/whl/cpu).
TORCH_SPEC="${KERAS_RPARITY_TORCH:-torch==2.13.0}"

backends_ready() {
  "$VENV/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as m
for dist in ("jax", "jaxlib", "torch"):  # TensorFlow is a dependency (the stamp covers it)
    m.version(dist)
PY
}

rpy2_spec() {
  # rpy2 3.6 needs R >= 4.5 (R_getVar); 3.5.17 is the last that works with R 4.2-4.4.
  if Rscript --vanilla -e 'quit(status = if (getRversion() >= "4.5") 0 else 1)' >/dev/null 2>&1
  then echo "rpy2>=3.6,<3.7"; else echo "rpy2==3.5.17"; fi
}

install_python() {
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || { log "Python 3.10+ is needed (PYTHON=$PYTHON)"; return 1; }
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null && command -v apt-get >/dev/null; then
      log "installing python3-venv (Debian's Python ships venv separately)"
      as_root apt-get install -y -q python3-venv >/dev/null
    fi
    log "creating $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  local spec stamp want
  spec="$(command -v Rscript >/dev/null && rpy2_spec || echo none)"
  want="$(sha256sum < "$ROOT/pyproject.toml" | cut -c1-16)-$spec-$TORCH_SPEC-$(R RHOME 2>/dev/null || true)"
  stamp="$VENV/.keras-rparity-installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && backends_ready; then return 0; fi
  log "installing Python packages into $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  # The three Keras backends (the tests cover each): TensorFlow (a dependency), JAX (the
  # [jax] extra) and PyTorch, pinned to the CPU build's version: an unpinned torch from
  # PyPI is the multi-GB CUDA build.
  "$VENV/bin/python" -m pip install -q -e "$ROOT[dev,ray,jax]" "$TORCH_SPEC"
  # rpy2 goes in after R, matched to R's version (its build asks `R RHOME`).
  [ "$spec" = none ] || "$VENV/bin/python" -m pip install -q "$spec"
  echo "$want" > "$stamp"
}

install_system
install_python
log "ready: $VENV"
