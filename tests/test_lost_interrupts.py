"""A Ctrl-C that lands where Python cannot raise it (a gc callback) is sent again.

Run in a fresh Python without Keras: other libraries' gc callbacks (JAX has one) would
race with the simulated interrupt in this test session.
"""

from __future__ import annotations

import subprocess
import sys

#: Every scenario's start: one Ctrl-C, lost inside a gc callback at the next collection.
LOST_IN_GC = """
import gc, time
import keras_rparity.interrupts as interrupts
from keras_rparity.interrupts import reraise_lost_interrupts

interrupts.RESEND_DELAY = {resend_delay}

fired = []
def callback(phase, info):
    if phase == "start" and not fired:
        fired.append(phase)
        raise KeyboardInterrupt

gc.callbacks.append(callback)
"""


def run_scenario(body: str, resend_delay: float = 0.05) -> subprocess.CompletedProcess:
    """Run :data:`LOST_IN_GC` then ``body`` in a fresh Python."""
    code = LOST_IN_GC.format(resend_delay=resend_delay) + body
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)


def lost_then(after_collect: str, block: str = "with reraise_lost_interrupts():",
              after_block: str = "") -> str:
    """A scenario body: inside ``block``, a collection (the Ctrl-C is lost), then
    ``after_collect``; "interrupted" is printed if a KeyboardInterrupt comes out."""
    return f"""
try:
    {block}
        gc.collect()
        {after_collect}
    {after_block}
except KeyboardInterrupt:
    print("interrupted")
finally:
    gc.callbacks.remove(callback)
"""


def test_a_ctrl_c_lost_in_a_gc_callback_is_raised_again():
    # time.sleep is ordinary code, where the interrupt sent again is raised
    done = run_scenario(lost_then('time.sleep(5); print("not interrupted")'))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "interrupted"


def test_without_the_block_it_is_lost():
    done = run_scenario(lost_then('time.sleep(0.5); print("not interrupted")',
                                  block="if True:"))
    assert done.stdout.strip() == "not interrupted"
    assert "KeyboardInterrupt" in done.stderr  # Python's "Exception ignored in" report


def test_an_interrupt_delivered_another_way_does_not_come_twice():
    # the other way (R's, raised by the bridge) comes first, whatever gc.collect() costs;
    # a second, stale interrupt would land in the sleep after the block
    done = run_scenario(lost_then("raise KeyboardInterrupt") + 'time.sleep(1.0)\nprint("once")',
                        resend_delay=0.3)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["interrupted", "once"]
    assert "KeyboardInterrupt" not in done.stderr


def test_a_block_that_ends_before_the_resend_raises_it_as_it_ends():
    done = run_scenario(lost_then("pass", after_block='print("not interrupted")'),
                        resend_delay=30)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "interrupted"


def test_the_resend_starts_no_thread_and_leaves_the_alarm_as_it_was():
    # a Python thread would run beside R while R evaluates (cffi releases the GIL), and a
    # collection in it frees rpy2 objects: R's memory changed from a second thread
    done = run_scenario(lost_then(
        "threads.append(threading.active_count()); time.sleep(5)",
        block="import signal, threading; threads = []\n    with reraise_lost_interrupts():")
        + "print(threads, signal.getsignal(signal.SIGALRM) is signal.SIG_DFL,"
                          " signal.getitimer(signal.ITIMER_REAL))")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["interrupted", "[1] True (0.0, 0.0)"]


def test_a_programs_own_alarm_is_left_alone_and_the_interrupt_comes_as_the_block_ends():
    done = run_scenario("import signal\n"
                        "signal.signal(signal.SIGALRM, lambda *a: print('program alarm'))\n"
                        + lost_then("time.sleep(0.3)", after_block='print("not interrupted")')
                        + "print(signal.getsignal(signal.SIGALRM).__name__)")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["interrupted", "<lambda>"]
