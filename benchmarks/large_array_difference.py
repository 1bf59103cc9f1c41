"""What keeping references to a fit's arrays costs, and what locating a difference costs.

Design (``record.fit_record``): every :class:`FitRecord` keeps references (not copies) to
the ``x`` and ``y`` its ``fit`` got; arrays over ``ELEMENTWISE_MAX_BYTES`` are compared by
fingerprint, and a difference is located through the fingerprints' per-block CRC-32s:
only the first differing block is read. Keeping references costs nothing while the
program holds its arrays; it costs their size when the program has let them go and the
records still hold them, until the report is dropped. This script measures both:

* a Python port training on Fashion-MNIST-sized data (60,000 x 28 x 28 float32, 188 MB),
  then the process's RSS while its :class:`Run` is kept and after it is dropped;
* locating and explaining a one-element difference between two such records (time, and
  the peak of Python allocations during it, by tracemalloc).

    python benchmarks/large_array_difference.py [--rows 60000]
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=60000)
    rows = parser.parse_args().rows

    import numpy as np

    from keras_rparity.parity.compare import compare_fits
    from keras_rparity.parity.explain import explain_fit
    from keras_rparity.programs import PythonProgram
    from keras_rparity.record import Knobs

    def port() -> None:
        import keras

        x = np.random.default_rng(0).random((rows, 28, 28, 1), dtype=np.float32)
        y = (x[:, 0, 0, 0] > 0.5).astype(np.float32)
        model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(),
                                  keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(x, y, epochs=1, batch_size=1000, verbose=0)

    before = rss_mb()
    run = PythonProgram(function=port).run(Knobs(seed=42))
    gc.collect()
    kept = rss_mb()
    record = run.fits[0]
    data_mb = sum(a.nbytes for a in record.arrays) / 2**20
    other = record.arrays[0].copy()
    other[rows * 3 // 4, 5, 6, 0] += 1.0
    changed = type(record)(**{**record.__dict__, "arrays": (other, record.arrays[1]),
                              "x": type(record.x).of(other)})
    tracemalloc.start()
    started = time.perf_counter()
    found = explain_fit(compare_fits(changed, record))
    locate_s = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del run, record, changed, other, found
    gc.collect()
    dropped = rss_mb()
    print(f"x + y: {data_mb:.0f} MB ({rows} x 28 x 28 x 1 float32); RSS before the run "
          f"{before:.0f} MB, with the Run (references kept) {kept:.0f} MB, after dropping "
          f"it {dropped:.0f} MB: references keep {kept - dropped:.0f} MB alive")
    print(f"locating a one-element difference: {locate_s * 1000:.0f} ms, peak Python "
          f"allocations {peak / 2**20:.1f} MB")


if __name__ == "__main__":
    main()
