"""Programs: an R program or a Python program, run on its side, yielding a :class:`Run`.

* :class:`RProgram` (a ``.R`` file or R code), :class:`PythonProgram` (a ``.py`` file,
  a module or a function; plain Keras code), :class:`ProgramPair` (one of each);
* :mod:`~keras_rparity.programs.instrument`: how unmodified code is recorded;
* :mod:`~keras_rparity.programs.bundled`: the tutorial's pairs in ``r_examples/``.
"""

from keras_rparity.programs.pair import ProgramPair, as_python_program, as_r_program
from keras_rparity.programs.python_program import PythonProgram
from keras_rparity.programs.r_program import RProgram
from keras_rparity.programs.run import SIDES, Run

__all__ = ["SIDES", "ProgramPair", "PythonProgram", "RProgram", "Run", "as_python_program",
           "as_r_program"]
