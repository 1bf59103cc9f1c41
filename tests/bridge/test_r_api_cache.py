"""The bundled R layer's byte-compiled cache: written once, read after; the same names
and behaviour as the sourced layer; a changed file makes a new cache; an unwritable
folder falls back to sourcing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keras_rparity.bridge.session import r_dir

pytestmark = pytest.mark.r


@pytest.fixture(scope="module")
def loader(bridge):
    """r/bridge.R's functions in an environment of their own."""
    env = bridge._r["new.env"]()
    bridge._r["sys.source"](str(r_dir() / "bridge.R"), envir=env)
    return env


def load(bridge, loader, layer: Path, cache: Path | None):
    """The layer in ``layer`` loaded with the cache folder ``cache`` (None: no cache)."""
    return loader.find("rparity_load_builtin_api")(str(layer), str(cache) if cache else
                                                   bridge._ro.NULL)


def r_value(bridge, code: str, **values):
    f = bridge._r(f"function({', '.join(values)}) {{ {code} }}")
    return f(**values)


def test_written_once_then_read_byte_compiled_with_the_same_names(bridge, loader, tmp_path):
    layer = r_dir() / "keras_api"
    sourced = load(bridge, loader, layer, None)
    first = load(bridge, loader, layer, tmp_path)
    (cache,) = tmp_path.glob("keras_api-*.rds")
    written = cache.stat().st_mtime_ns
    cached = load(bridge, loader, layer, tmp_path)
    assert cache.stat().st_mtime_ns == written  # read, not written again
    names = "sort(ls(e, all.names = TRUE))"
    assert list(r_value(bridge, names, e=cached)) == list(r_value(bridge, names, e=sourced))
    assert list(r_value(bridge, names, e=first)) == list(r_value(bridge, names, e=sourced))
    compiled = ("any(grepl('<bytecode', capture.output(print(e$layer_dense))))")
    assert r_value(bridge, compiled, e=cached)[0] and not r_value(bridge, compiled,
                                                                     e=sourced)[0]
    assert r_value(bridge, "identical(environment(e$layer_dense), e)", e=cached)[0]
    assert r_value(bridge, "inherits(e$keras, 'python.builtin.object')", e=cached)[0]
    params = ("m <- e$keras_model_sequential(input_shape = 3)\n"
              "m <- e$layer_dense(m, units = 2)\ne$count_params(m)")
    assert r_value(bridge, params, e=cached)[0] == 8


def test_a_changed_or_added_file_makes_a_new_cache(bridge, loader, tmp_path):
    layer = tmp_path / "layer"
    shutil.copytree(r_dir() / "keras_api", layer)
    load(bridge, loader, layer, tmp_path / "cache")
    (layer / "zz_added.R").write_text("rparity_added <- function() 42\n")
    env = load(bridge, loader, layer, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("keras_api-*.rds"))) == 2
    assert r_value(bridge, "e$rparity_added()", e=env)[0] == 42
    again = load(bridge, loader, layer, tmp_path / "cache")
    assert r_value(bridge, "e$rparity_added()", e=again)[0] == 42


def test_an_unwritable_cache_folder_sources_the_layer(bridge, loader, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    env = load(bridge, loader, r_dir() / "keras_api", blocked / "cache")
    assert r_value(bridge, "is.function(e$layer_dense)", e=env)[0]
    compiled = "any(grepl('<bytecode', capture.output(print(e$layer_dense))))"
    assert not r_value(bridge, compiled, e=env)[0]  # no time spent compiling for nothing
    assert blocked.read_text() == "not a folder"
