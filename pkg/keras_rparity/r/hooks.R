# Hooks: what the bridge puts between an R program and the Keras API in use.
# They add no behaviour of their own to Keras. Fits are not hooked here: every R
# `fit()`, with the bundled layer or keras3, ends in `keras.Model.fit` in this
# process, and the one instrumentation of it records R's and Python's fits alike
# (keras_rparity/programs/instrument.py, RunContext.run_fit), knobs applied. The
# seed knob is applied on the Python objects too, at the first Keras layer, input
# or model a program creates and the first one after each fit.
# `.api` (set by the bridge) is the environment of the Keras API in use.
