"""Parity as a test: :func:`assert_parity` for pytest, and the pytest plugin's items.

Example:
>>> from keras_rparity.testing import assert_parity
>>> assert_parity("model.R", "model.py", seed=42, epochs=1)  # doctest: +SKIP
ParityReport(...)
"""

from keras_rparity.testing.assertion import assert_parity, parity_message

__all__ = ["assert_parity", "parity_message"]
