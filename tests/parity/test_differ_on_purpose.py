"""Pairs that differ on purpose (copies of the iris pair, edited): each is reported with
the right first difference, not just "not equal"."""

from __future__ import annotations

import pytest

from keras_rparity.parity import compare_programs
from keras_rparity.record import Knobs

pytestmark = pytest.mark.r

#: The iris pair with two input columns (sepal and petal length): R fills the matrix
#: column by column, which the Python port must reproduce with column_stack.
TWO_COLUMNS_R = ("x <- iris$Sepal.Length %>% as.matrix()",
                 "x <- matrix(c(iris$Sepal.Length, iris$Petal.Length), ncol = 2)")
TWO_COLUMNS_PY = ('x = np.array([[float(row["Sepal.Length"])] for row in iris])',
                  'x = np.column_stack([[float(row["Sepal.Length"]) for row in iris],\n'
                  '                     [float(row["Petal.Length"]) for row in iris]])')

SEEDED = Knobs(epochs=2, seed=42)
SEED_ONE_R = ("build_model <- function() {\n",
              "build_model <- function() {\n  set_random_seed(1)\n")
SEED_TWO_PY = ("def build_model():\n", "def build_model():\n    keras.utils.set_random_seed(2)\n")
SEED_ONE_PY = ("def build_model():\n", "def build_model():\n    keras.utils.set_random_seed(1)\n")


def test_the_unedited_copy_is_bitwise_equal(bridge, iris_copy):
    report = compare_programs(iris_copy(), SEEDED)
    assert report.exact and report.verdict and report.first_difference is None


def test_two_columns_filled_the_same_way_are_equal(bridge, iris_copy):
    pair = iris_copy((TWO_COLUMNS_R,), (TWO_COLUMNS_PY,), first_fit_only=True)
    report = compare_programs(pair, SEEDED)
    assert report.exact, report.explain()
    assert report.fits[0].x_shape == {"r": (150, 2), "python": (150, 2)}


def test_r_column_major_against_python_row_major_is_named(bridge, iris_copy):
    row_major = ('x = np.array([[float(row["Sepal.Length"])] for row in iris])',
                 'x = np.array([float(row["Sepal.Length"]) for row in iris]\n'
                 '             + [float(row["Petal.Length"]) for row in iris]).reshape(-1, 2)')
    report = compare_programs(iris_copy((TWO_COLUMNS_R,), (row_major,), first_fit_only=True),
                              SEEDED)
    difference = report.first_difference
    assert not report.verdict
    assert (difference.kind, difference.fit) == ("data", 1)
    # R's x[0, 1] is the first petal length (1.4); Python's is the second sepal length (4.9)
    assert "`x` differs first at index [0, 1]: R 1.4, Python 4.9" in difference.message
    assert "column-major" in difference.message
    assert "byrow = TRUE" in difference.fix and "order='F'" in difference.fix


def test_a_different_seed_is_reported_as_initial_weights_with_the_seed_fix(bridge, iris_copy):
    report = compare_programs(iris_copy((SEED_ONE_R,), (SEED_TWO_PY,), first_fit_only=True),
                              Knobs(epochs=2, seed=None))
    difference = report.first_difference
    assert (difference.kind, difference.fit) == ("initial_weights", 1)
    assert "different initial weights" in difference.message
    assert "set_random_seed(42)" in difference.fix
    assert "keras.utils.set_random_seed(42)" in difference.fix and "--seed" in difference.fix
    assert report.fits[0].data_equal and report.fits[0].params_equal


def test_the_same_seed_set_by_each_program_gives_parity(bridge, iris_copy):
    report = compare_programs(iris_copy((SEED_ONE_R,), (SEED_ONE_PY,)),
                              Knobs(epochs=2, seed=None))
    assert report.exact, report.explain()


def test_a_different_optimizer_setting_is_named(bridge, iris_copy):
    faster = ('model.compile(optimizer="adam", loss="mean_squared_error")',
              'model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), '
              'loss="mean_squared_error")')
    report = compare_programs(iris_copy(python_edits=(faster,)), SEEDED)
    difference = report.first_difference
    assert (difference.kind, difference.fit) == ("optimizer", 1)
    assert "learning_rate: R 0.001, Python 0.01" in difference.message
    assert report.fits[0].initial_weights_equal
    assert report.fits[1].exact  # the second fit (MAE) is untouched


def test_an_extra_fit_is_reported_as_the_number_of_fits(bridge, iris_copy):
    extra = ("model.fit(x=x, y=y, epochs=50)\n",)
    pair = iris_copy(python_edits=((extra[0] + "\n# Mean absolute error",
                                    extra[0] + "model.fit(x=x, y=y, epochs=50)\n\n"
                                    "# Mean absolute error"),))
    report = compare_programs(pair, SEEDED)
    difference = report.first_difference
    assert difference.kind == "fit_count" and difference.fit is None
    assert "R recorded 2 fit(s) and Python 3" in difference.message
    assert "Python has fit 3 ('mean_absolute_error')" in difference.message
    assert not report.verdict and not report.exact


def test_tolerance_accepts_rounding_but_reports_the_real_distance(bridge, iris_copy):
    faster = ('model.compile(optimizer="adam", loss="mean_squared_error")',
              'model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.0010001), '
              'loss="mean_squared_error")')
    pair = iris_copy(python_edits=(faster,), first_fit_only=True)
    strict = compare_programs(pair, SEEDED)
    assert not strict.verdict
    distance = strict.fits[0].max_abs_diff
    assert distance > 0
    loose = compare_programs(pair, SEEDED, tolerance=10 * distance)
    assert loose.verdict and not loose.exact
    assert loose.fits[0].max_abs_diff == distance
    assert "equal within tolerance" in loose.explain()
