"""Parity as a test: :func:`assert_parity` for pytest, and the pytest plugin's items.

Example:
>>> from keras_rparity.testing import assert_parity
>>> from keras_rparity.programs.bundled import r_examples_dir
>>> pair = r_examples_dir() / "examples" / "functional_regression"
>>> assert_parity(f"{pair}.R", f"{pair}.py", epochs=1).verdict
True
"""

from keras_rparity.testing.assertion import assert_parity, parity_message

__all__ = ["assert_parity", "parity_message"]
