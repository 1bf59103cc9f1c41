"""``python -m keras_rparity`` runs the command line."""

import sys

from keras_rparity.cli import main

sys.exit(main())
