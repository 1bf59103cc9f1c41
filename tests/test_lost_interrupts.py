"""A Ctrl-C that lands where Python cannot raise it (a gc callback) is sent again.

Run in a fresh Python without Keras: other libraries' gc callbacks (JAX has one) would
race with the simulated interrupt in this test session.
"""

from __future__ import annotations

import subprocess
import sys

SCENARIO = """
import gc, time
from keras_rparity.interrupts import reraise_lost_interrupts

fired = []
def callback(phase, info):
    if phase == "start" and not fired:  # one Ctrl-C, lost inside a gc callback
        fired.append(phase)
        raise KeyboardInterrupt

gc.callbacks.append(callback)
try:
    with reraise_lost_interrupts():
        gc.collect()
        time.sleep(5)  # ordinary code, where the interrupt sent again is raised
        print("not interrupted")
except KeyboardInterrupt:
    print("interrupted")
finally:
    gc.callbacks.remove(callback)
"""


def test_a_ctrl_c_lost_in_a_gc_callback_is_raised_again():
    done = subprocess.run([sys.executable, "-c", SCENARIO], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "interrupted"


def test_without_the_block_it_is_lost():
    scenario = SCENARIO.replace("with reraise_lost_interrupts():", "if True:").replace(
        "time.sleep(5)", "time.sleep(0.5)")
    done = subprocess.run([sys.executable, "-c", scenario], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "not interrupted"
    assert "KeyboardInterrupt" in done.stderr  # Python's "Exception ignored in" report


DELIVERED_ANOTHER_WAY = """
import gc, time
import keras_rparity.interrupts as i
from keras_rparity.interrupts import reraise_lost_interrupts

i.RESEND_DELAY = 0.3  # the other way comes first, whatever gc.collect() costs

fired = []
def callback(phase, info):
    if phase == "start" and not fired:
        fired.append(phase)
        raise KeyboardInterrupt

gc.callbacks.append(callback)
try:
    with reraise_lost_interrupts():
        gc.collect()  # lost here ...
        raise KeyboardInterrupt  # ... and delivered another way (R's, by the bridge)
except KeyboardInterrupt:
    print("interrupted")
gc.callbacks.remove(callback)
time.sleep(1.0)  # where a second, stale interrupt would land
print("once")
"""


def test_an_interrupt_delivered_another_way_does_not_come_twice():
    done = subprocess.run([sys.executable, "-c", DELIVERED_ANOTHER_WAY],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["interrupted", "once"]
    assert "KeyboardInterrupt" not in done.stderr


def test_a_block_that_ends_before_the_resend_raises_it_as_it_ends():
    scenario = SCENARIO.replace("import gc, time", "import gc, time\n"
                                "import keras_rparity.interrupts as i\ni.RESEND_DELAY = 30"
                                ).replace("time.sleep(5)", "pass").replace(
        '        print("not interrupted")', '    print("not interrupted")')
    done = subprocess.run([sys.executable, "-c", scenario], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "interrupted"
