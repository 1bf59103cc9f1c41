"""Datasets handed to R programs as native R arrays, in one copy.

R's ``dataset_cifar10()`` (``r/datasets.R``) returns what R keras returns:
``list(train = list(x, y), test = list(x, y))`` of R integer arrays. The arrays come
from the run context (which applies the size knob and records the data's source),
and are written into R's memory by :func:`~keras_rparity.bridge.convert.to_r_array`
in one pass. Through reticulate the same hand-over would go NumPy ``uint8`` ->
a 64-bit copy -> the R array: for CIFAR-10 a 1.2 GB intermediate on top of the
0.6 GB R array.

The R function is a Python function R calls directly (``rpy2``'s ``rternalize``):
it returns R objects without any conversion by reticulate. Python exceptions do not
cross that boundary, so a failure comes back as ``list(error = message)`` and the R
side raises it (``rparity_dataset`` in ``r/datasets.R``).
"""

from __future__ import annotations

from typing import Any

from keras_rparity.bridge import handoff
from keras_rparity.bridge.convert import to_r_array

#: Name of the R function (in the bridge's hooks environment) that returns a dataset.
R_FUNCTION = ".rparity_dataset_for_r"

_BOUND: list[Any] = []  # the rternalized functions must outlive R's references to them


def _named_list(**items: Any) -> Any:
    from rpy2 import rinterface

    values = rinterface.ListSexpVector(list(items.values()))
    values.do_slot_assign("names", rinterface.StrSexpVector(list(items)))
    return values


def dataset_for_r(name: str) -> Any:
    """Dataset ``name`` through the current run context, as the R list R keras returns."""
    data = handoff.current().load_dataset(name)
    (x_train, y_train), (x_test, y_test) = data.train, data.test
    del data  # the NumPy arrays go as soon as R holds its copy
    return _named_list(train=_named_list(x=to_r_array(x_train), y=to_r_array(y_train)),
                       test=_named_list(x=to_r_array(x_test), y=to_r_array(y_test)))


def _r_entry(name: Any) -> Any:
    """What R calls: a dataset, or ``list(error = "...")`` (R raises it)."""
    from rpy2 import rinterface

    try:
        return dataset_for_r(str(name[0]))
    except Exception as exc:  # crosses into R as data; r/datasets.R stops with it
        return _named_list(error=rinterface.StrSexpVector([f"{type(exc).__name__}: {exc}"]))


def bind_dataset_function(env: Any) -> None:
    """Define :data:`R_FUNCTION` in the R environment ``env`` (the bridge's hooks)."""
    from rpy2 import rinterface

    function = rinterface.rternalize(_r_entry)
    _BOUND.append(function)
    env[R_FUNCTION] = function
