"""The scoped handoff: a run is visible to R hooks only inside ``running()``."""

from __future__ import annotations

import pytest

from keras_rparity.bridge import handoff
from keras_rparity.errors import KerasRParityError
from keras_rparity.record import RunContext


def test_outside_a_run_hooks_get_a_clear_error():
    with pytest.raises(KerasRParityError, match="none is running"):
        handoff.current()


def test_nested_runs_restore_the_outer_one_also_on_error():
    outer, inner = RunContext(side="r"), RunContext(side="r")
    with handoff.running(outer):
        with pytest.raises(RuntimeError), handoff.running(inner):
            assert handoff.current() is inner
            raise RuntimeError("boom")
        assert handoff.current() is outer
    with pytest.raises(KerasRParityError):
        handoff.current()


def test_each_call_carries_its_own_arguments_and_result():
    first, second = handoff.Call((1,), {}), handoff.Call((2,), {"k": 3})
    with handoff.calling(first):
        with handoff.calling(second):
            handoff.current_call().set_result("inner")
            assert handoff.current_call().kwargs() == {"k": 3}
        handoff.current_call().set_result("outer")
    assert (first.result, second.result) == ("outer", "inner")
    with pytest.raises(KerasRParityError, match="no Python -> R call"):
        handoff.current_call()


@pytest.mark.r
def test_r_code_run_outside_keras_rparity_gets_the_error(bridge):
    from keras_rparity.errors import RError

    with pytest.raises(RError, match="none is running"):
        bridge.eval("dataset_cifar10()")


@pytest.mark.r
def test_dataset_arguments_are_refused_not_swallowed(bridge):
    from keras_rparity.errors import RError
    from keras_rparity.programs import RProgram

    with pytest.raises(RError, match="takes no arguments under keras-rparity"):
        RProgram(code='dataset_mnist(path = "mnist.npz")').run()


def test_a_python_error_handed_over_stays_in_its_context_and_is_taken_once():
    import contextvars

    from keras_rparity.bridge import r_errors

    elsewhere = contextvars.copy_context()
    elsewhere.run(r_errors.remember, KeyError("model.py"))
    assert r_errors.take_python_error() is None  # not leaked into this context
    taken = elsewhere.run(r_errors.take_python_error)
    assert isinstance(taken, KeyError) and elsewhere.run(r_errors.take_python_error) is None
    assert not hasattr(r_errors, "_last_python_error")
