"""Exceptions raised by keras-rparity.

Every error a user can trigger derives from :class:`KerasRParityError` and
carries a message that says what was wrong and how to fix it.
"""

from __future__ import annotations


class KerasRParityError(Exception):
    """Base class of all keras-rparity errors."""


class InvalidChoiceError(KerasRParityError, ValueError):
    """An argument took a value outside its documented choices.

    Example:
    >>> raise InvalidChoiceError("loss", "hinge", ["mse", "mae"])
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidChoiceError: invalid loss 'hinge'; valid choices: 'mse', 'mae'
    """

    def __init__(self, what: str, value: object, choices: list[str] | tuple[str, ...]):
        self.what, self.value, self.choices = what, value, tuple(choices)
        listed = ", ".join(repr(c) for c in self.choices)
        super().__init__(f"invalid {what} {value!r}; valid choices: {listed}")


class InvalidArgumentError(KerasRParityError, ValueError):
    """An argument has a value of the right kind but not allowed (e.g. a negative count).

    The message says what is allowed.

    Example:
    >>> raise InvalidArgumentError("per_class must be a positive whole number, got -1")
    Traceback (most recent call last):
    ...
    keras_rparity.errors.InvalidArgumentError: per_class must be a positive whole number, got -1
    """


class RUnavailableError(KerasRParityError, RuntimeError):
    """R, reticulate or rpy2 is missing or too old for the in-process bridge."""


class RError(KerasRParityError, RuntimeError):
    """An error raised by R code, with R's own message and the failing call.

    Attributes:
        r_message: ``conditionMessage()`` of the R condition, cleaned of terminal
            escape codes and of advice only an interactive R user can follow.
        r_call: the call the program wrote (``layer_dense(., units = 3)``), else the
            deparsed ``conditionCall()`` (``None`` at top level).
        location: ``file:line`` of the program line that failed, when known.
        python_error: the Python exception raised under the R call (e.g. by Keras),
            when there was one.

    Example:
    >>> str(RError("object 'x' not found", "print(x)", "prog.R:3"))
    "R error at prog.R:3 in print(x): object 'x' not found"
    """

    def __init__(self, r_message: str, r_call: str | None = None, location: str | None = None,
                 python_error: BaseException | None = None):
        self.r_message, self.r_call, self.location = r_message, r_call, location
        self.python_error = python_error
        where = f" at {location}" if location else ""
        call = f" in {r_call}" if r_call else ""
        super().__init__(f"R error{where}{call}: {r_message}")


class RQuitError(RError):
    """An R program run by the bridge called ``quit()`` or ``q()``, which is refused:
    the program runs inside this process, and quitting would end it."""


class DatasetMissingError(KerasRParityError, FileNotFoundError):
    """A dataset is not present on this machine; the message names the remedy."""


class DatasetCorruptError(KerasRParityError, ValueError):
    """A dataset archive or file failed its integrity checks."""


class LossLabelMismatchError(KerasRParityError, ValueError):
    """Labels and predictions have shapes that do not fit the chosen loss.

    Attributes:
        findings: the pairing checker's findings that block the fit (may be empty).
    """

    def __init__(self, message: str, findings: list | tuple = ()):
        self.findings = list(findings)
        super().__init__(message)


def os_error_message(exc: OSError) -> str:
    """One line for a failed file operation: what failed, on which path, and the remedy.

    Example:
    >>> print(os_error_message(PermissionError(13, "Permission denied", "/srv/report")))
    permission denied: '/srv/report'; choose a folder you can write to (e.g. --out DIR) or \
fix its permissions
    >>> print(os_error_message(NotADirectoryError(20, "Not a directory", "/srv/k/datasets")))
    '/srv/k/datasets' is not a folder (part of the path is a file); point it (or \
KERAS_HOME) at a folder
    """
    import errno

    path = exc.filename if exc.filename is not None else "(unknown path)"
    shown = repr(str(path))
    if isinstance(exc, PermissionError):
        return (f"permission denied: {shown}; choose a folder you can write to "
                "(e.g. --out DIR) or fix its permissions")
    if isinstance(exc, NotADirectoryError):
        return (f"{shown} is not a folder (part of the path is a file); point it "
                "(or KERAS_HOME) at a folder")
    if isinstance(exc, IsADirectoryError):
        return f"{shown} is a folder, a file was expected; give the path of a file"
    if isinstance(exc, FileNotFoundError):
        return f"no such file or folder: {shown}; check the path"
    if exc.errno == errno.ENOSPC:
        return f"no space left on the device while writing {shown}; free some space or " \
               "write elsewhere (e.g. --out DIR)"
    if exc.errno == errno.EROFS:
        return f"{shown} is on a read-only file system; write elsewhere (e.g. --out DIR)"
    reason = exc.strerror or str(exc)
    return f"{reason}: {shown}"
