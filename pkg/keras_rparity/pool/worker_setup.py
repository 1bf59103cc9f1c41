"""How a worker process is set up: environment, TensorFlow threads.

A run's numbers depend on how many threads TensorFlow splits one operation
over (its reductions add partial sums in a different order), so every run in a
worker computes with :data:`RUN_THREADS` intra-op thread(s), whatever the executor
and however many cores the machine has. Parallelism comes from running several
runs at once; each worker process gets ``cores // workers`` inter-op threads.

Example:
>>> threads_per_worker(cpu_count())
1
>>> RUN_THREADS
1
"""

from __future__ import annotations

import os
import warnings

from keras_rparity.backend import prepare_keras

#: TensorFlow intra-op threads of every sweep run (part of what fixes its numbers).
RUN_THREADS = 1

#: Environment variables passed on to workers (when set here).
FORWARDED_ENV = ("KERAS_HOME", "KERAS_BACKEND", "TF_CPP_MIN_LOG_LEVEL", "TF_DETERMINISTIC_OPS",
                 "TF_ENABLE_ONEDNN_OPTS", "PYTHONHASHSEED")


def cpu_count() -> int:
    """Cores this process may use (affinity-aware when the platform tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def forwarded_env() -> dict[str, str]:
    """The variables of :data:`FORWARDED_ENV` that are set in this process."""
    return {k: os.environ[k] for k in FORWARDED_ENV if k in os.environ}


def threads_per_worker(workers: int) -> int:
    """Inter-op threads each of ``workers`` processes on this machine may use.

    Example:
    >>> threads_per_worker(1) == cpu_count()
    True
    """
    return max(1, cpu_count() // max(1, workers))


def intra_op_threads() -> int:
    """TensorFlow's configured intra-op thread count in this process (0 = its default)."""
    import tensorflow as tf

    return int(tf.config.threading.get_intra_op_parallelism_threads())


def pin_threads(inter_op: int) -> bool:
    """Give TensorFlow :data:`RUN_THREADS` intra-op and ``inter_op`` inter-op threads.

    Possible only before TensorFlow's runtime has started in this process.
    Returns whether the run threads are in effect; if TensorFlow already runs
    with another count, warns that results may differ in the last bits from
    the other executors' and returns ``False``.
    """
    import tensorflow as tf

    if intra_op_threads() == RUN_THREADS:
        return True
    try:
        tf.config.threading.set_intra_op_parallelism_threads(RUN_THREADS)
        tf.config.threading.set_inter_op_parallelism_threads(inter_op)
    except RuntimeError:
        warnings.warn("TensorFlow already started in this process with its default thread "
                      f"count; sweep runs use {RUN_THREADS} intra-op thread(s) elsewhere, so "
                      "results here may differ in the last bits from the process and Ray "
                      "executors' (run the sweep before other TensorFlow work, or use "
                      "--executor process)", stacklevel=2)
        return False
    return True


_READY = False


def init_worker(env: dict[str, str], inter_op: int) -> None:
    """Prepare a worker process once: environment, then TensorFlow's thread pools."""
    global _READY
    if _READY:
        return
    os.environ.update(env)
    prepare_keras()
    os.environ["OMP_NUM_THREADS"] = str(RUN_THREADS)
    pin_threads(inter_op)
    _READY = True
