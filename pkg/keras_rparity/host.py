"""Who hosts whom: Python hosting R (the bridge, through rpy2) or R hosting Python
(an R session that ran ``reticulate::import("keras_rparity")``).

Some behaviour depends on it: R values arrive converted by reticulate when R hosts
(a logical NA becomes True), frames for R need object text columns, and the bridge's
exit handling is only for a Python that started R itself.

Example:
>>> running_under_reticulate()
False
"""

from __future__ import annotations

import sys

_PYTHON_HOSTS_R = False


def running_under_reticulate() -> bool:
    """True when R's reticulate hosts this Python (R started first and loaded it).

    reticulate imports ``rpytools`` into the Python it binds to, also when Python
    hosts R through the bridge, so the bridge says so first (:func:`python_hosts_r`).
    """
    return "rpytools" in sys.modules and not _PYTHON_HOSTS_R


def python_hosts_r() -> None:
    """Called by the bridge when this Python starts R itself (before reticulate loads)."""
    global _PYTHON_HOSTS_R
    if "rpytools" not in sys.modules:
        _PYTHON_HOSTS_R = True
