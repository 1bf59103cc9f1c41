"""Run R Keras programs in this Python process (rpy2 -> R -> reticulate -> this Python)."""

from keras_rparity.bridge.session import API_CHOICES, BridgeInfo, RBridge, RWarning, get_bridge

__all__ = ["API_CHOICES", "BridgeInfo", "RBridge", "RWarning", "get_bridge"]
