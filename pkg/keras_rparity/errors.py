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


class ProgramError(KerasRParityError, RuntimeError):
    """A program of a pair failed: which side, where, in which call, and why, in one line.

    Attributes:
        side: ``"r"`` or ``"python"``.
        file, line: the program file and line that failed (``None`` when unknown).
        call: the failing call as the program wrote it (``None`` when unknown).
        message: what went wrong (the exception's type and message, and the remedy).
        python_error: the Python exception behind it, when there was one.
        run: the side's run up to the failure (its fits recorded so far), when known.
        report: the parity report up to the failure, when ``compare()`` raised it.

    Example:
    >>> str(ProgramError("python", "port.py", 7, "model.fit(x, y)", "KeyError: 'a'"))
    "Python program error at port.py:7 in model.fit(x, y): KeyError: 'a'"
    """

    def __init__(self, side: str, file: str | None, line: int | None, call: str | None,
                 message: str, python_error: BaseException | None = None):
        self.side, self.file, self.line, self.call = side, file, line, call
        self.message, self.python_error = message, python_error
        self.run: object | None = None
        self.report: object | None = None
        super().__init__(self._one_line())

    @property
    def location(self) -> str | None:
        """``file:line`` (or the file alone) when known."""
        if self.file is None:
            return None
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def _one_line(self) -> str:
        where = f" at {self.location}" if self.location else ""
        call = f" in {self.call}" if self.call else ""
        side = "R" if self.side == "r" else "Python program"
        return f"{side} error{where}{call}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: side, file, line, call, message."""
        return {"side": self.side, "file": self.file, "line": self.line, "call": self.call,
                "message": self.message}


class RError(ProgramError):
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
        self.r_message, self.r_call = r_message, r_call
        file, _, line = (location or "").rpartition(":")
        if not (file and line.isdigit()):
            file, line = location, ""
        super().__init__("r", file or None, int(line) if line else None, r_call, r_message,
                         python_error)


class RQuitError(RError):
    """An R program run by the bridge called ``quit()`` or ``q()``, which is refused:
    the program runs inside this process, and quitting would end it."""


class ProgramInputError(KerasRParityError, EOFError):
    """A program asked for input (``input()``, ``readline()``, Keras' overwrite prompt);
    programs run with standard input closed."""


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
