"""Which R Keras API the bridge loads, and why: the keras3 R package or our own layer.

``auto`` (the default) uses keras3 when it is installed *and loads*; otherwise our
bundled layer, saying why (not installed; or installed but failing to load, with
R's message verbatim, e.g. keras3 >= 1.4 needing reticulate >= 1.42). ``builtin``
never touches keras3; ``keras3`` fails with the real reason when it cannot be used.
The choice is made from a probe (:class:`Keras3Probe`), so the rules are testable
without R.

Example:
>>> choose_api("auto", Keras3Probe(installed=False)).describe()
"builtin (keras-rparity's R layer; the R package keras3 is not installed)"
>>> choose_api("auto", Keras3Probe(True, "1.5.1")).describe()
'keras3 1.5.1'
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from keras_rparity.errors import InvalidChoiceError, RUnavailableError

#: Which R Keras API to load: "auto" (keras3 if it loads, else ours), "keras3" or "builtin".
API_CHOICES = ("auto", "keras3", "builtin")
#: The environment variable that picks the API when the caller says "auto".
API_VARIABLE = "KERAS_RPARITY_R_API"


@dataclass(frozen=True)
class Keras3Probe:
    """What R says about the keras3 package (``version``/``load_error``: None if n/a)."""

    installed: bool
    version: str | None = None
    load_error: str | None = None

    @property
    def usable(self) -> bool:
        return self.installed and self.load_error is None


@dataclass(frozen=True)
class ApiChoice:
    """The R Keras API in use (``"keras3"`` or ``"builtin"``) and why."""

    api: str
    reason: str
    keras3: Keras3Probe | None = None

    def describe(self) -> str:
        """One line for run output, reports and ``doctor``."""
        if self.api == "keras3":
            return f"keras3 {self.keras3.version}" if self.keras3 else "keras3"
        return f"builtin (keras-rparity's R layer; {self.reason})"


def requested_api(api: str = "auto") -> str:
    """The API asked for: ``api``, or ``$KERAS_RPARITY_R_API`` when ``api`` is "auto"."""
    if api not in API_CHOICES:
        raise InvalidChoiceError("R Keras API", api, API_CHOICES)
    if api == "auto":
        api = os.environ.get(API_VARIABLE, "auto") or "auto"
        if api not in API_CHOICES:
            raise InvalidChoiceError(API_VARIABLE, api, API_CHOICES)
    return api


def keras3_problem(probe: Keras3Probe) -> str:
    """Why keras3 cannot be used, in words (empty when it can).

    Example:
    >>> keras3_problem(Keras3Probe(True, "1.5.1", "namespace 'reticulate' 1.41.0.1 is being "
    ...                            "loaded, but >= 1.42.0 is required"))
    "the R package keras3 1.5.1 is installed but does not load: namespace 'reticulate' 1.41.0.1 \
is being loaded, but >= 1.42.0 is required"
    """
    if not probe.installed:
        return "the R package keras3 is not installed"
    if probe.load_error is not None:
        return (f"the R package keras3 {probe.version} is installed but does not load: "
                f"{probe.load_error.strip()}")
    return ""


def choose_api(requested: str, probe: Keras3Probe | None) -> ApiChoice:
    """Decide from the request and the probe (``None``: keras3 was not probed).

    Raises:
        RUnavailableError: keras3 was asked for and cannot be used (the reason is named).
    """
    if requested == "builtin":
        return ApiChoice("builtin", f"{API_VARIABLE}=builtin or api='builtin' asked for it",
                         probe)
    if probe is None:
        raise ValueError("keras3 must be probed unless the builtin API is asked for")
    problem = keras3_problem(probe)
    if not problem:
        return ApiChoice("keras3", "keras3 is installed and loads", probe)
    if requested == "keras3":
        raise RUnavailableError(
            f"{API_VARIABLE}=keras3, but {problem}. Fix keras3 (or reticulate), or use "
            f"{API_VARIABLE}=builtin for keras-rparity's own R layer.")
    return ApiChoice("builtin", problem, probe)
