"""Generator of the bundled R Keras layer's wrappers, made the way keras3 is made.

keras3 (the R package) generates its R functions from Keras' own Python signatures
and docstrings. This package does the same for keras-rparity's bundled layer: it
reads ``inspect.signature`` and the docstrings of the public names of the Keras
modules in ``MODULES`` (submodules such as ``optimizers.schedules`` included) and
writes ``r/keras_api/generated_<module>.R``, one R wrapper per public name, named the
keras3 way (``Conv2D`` -> ``layer_conv_2d``).

Regenerate after upgrading Keras (the test suite checks the files are current)::

    python -m keras_rparity.r_api_gen          # write the files
    python -m keras_rparity.r_api_gen --check  # exit 1 if they are stale

>>> from keras_rparity.r_api_gen import r_name
>>> r_name("layers", "Conv2D")
'layer_conv_2d'
"""

from keras_rparity.r_api_gen.endpoints import MODULES, Endpoint, collect_module
from keras_rparity.r_api_gen.naming import r_name
from keras_rparity.r_api_gen.render import generated_files, render_module

__all__ = ["MODULES", "Endpoint", "collect_module", "generated_files", "r_name",
           "render_module"]
