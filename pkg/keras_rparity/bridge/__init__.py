"""Run R Keras programs in this Python process (rpy2 -> R -> reticulate -> this Python)."""

from keras_rparity.bridge.r_keras_api import API_CHOICES
from keras_rparity.bridge.session import BridgeInfo, RBridge, RWarning, get_bridge

__all__ = ["API_CHOICES", "BridgeInfo", "RBridge", "RWarning", "get_bridge"]
