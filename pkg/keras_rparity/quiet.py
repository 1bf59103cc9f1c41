"""Keep TensorFlow's start-up chatter out of the user's terminal.

Imported first by the package; only sets defaults, so a user's own settings win.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
