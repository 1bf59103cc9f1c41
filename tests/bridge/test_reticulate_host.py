"""Data frames reach an R host clean, whichever pandas converter reticulate brings.

reticulate 1.45+ converts ``pandas.DataFrame`` itself (1.46.0 corrupts Arrow-backed
string columns), older ones need our registration (tests/r/from_r covers that path
end to end); R-facing functions hand over frames with object text columns.
"""

from __future__ import annotations

import pandas as pd

from keras_rparity.bridge import reticulate_host
from keras_rparity.bridge.reticulate_host import for_r, frame_for_r


def test_frame_for_r_turns_string_columns_into_objects():
    df = pd.DataFrame({"word": pd.array(["a", "b"], dtype="string"), "n": [1, 2],
                       "kind": pd.Categorical(["x", "y"])})
    out = frame_for_r(df)
    assert out["word"].dtype == object and out["word"].tolist() == ["a", "b"]
    assert out["n"].dtype == df["n"].dtype and isinstance(out["kind"].dtype, pd.CategoricalDtype)


def test_for_r_prepares_frames_only_under_reticulate(monkeypatch):
    @for_r
    def table() -> dict:
        return {"t": pd.DataFrame({"w": ["a", "b"]}), "n": 3}

    assert table()["t"]["w"].dtype != object  # plain Python: pandas' own string dtype
    monkeypatch.setattr(reticulate_host, "running_under_reticulate", lambda: True)
    out = table()
    assert out["t"]["w"].dtype == object and out["n"] == 3
