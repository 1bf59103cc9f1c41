"""PNGs are written, readable, large enough and not blank."""

from __future__ import annotations

from keras_rparity.lab import plots
from keras_rparity.lab.activations import ACTIVATIONS


def test_activation_gallery_writes_one_png_per_function_and_an_overview(plot_dir, assert_png):
    paths = plots.plot_activation_gallery(plot_dir)
    assert [p.name for p in paths] == [f"{n}.png" for n in ACTIVATIONS] + ["overview.png"]
    for path in paths:
        assert_png(path)


def test_from_logits_and_tutorial_figures(plot_dir, assert_png):
    assert_png(plots.plot_from_logits(plot_dir / "sub" / "from_logits.png"))
    paths = plots.plot_tutorial_figures(plot_dir)
    assert {p.stem for p in paths} == {"sigmoid_saturation", "crossentropy_penalty",
                                      "softmax_winner_takes_all", "output_gradients"}
    for path in paths:
        assert_png(path)
