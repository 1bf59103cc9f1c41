"""`pytest --rparity DIR -n 2`: pytest-xdist spreads the pair items over two workers,
each embedding R once for all the items it runs."""

from __future__ import annotations

import importlib.metadata
import re

import pytest

pytest_plugins = ["pytester"]

PLUGIN = ([] if any(e.value == "keras_rparity_pytest"
                    for e in importlib.metadata.entry_points(group="pytest11"))
          else ["-p", "keras_rparity_pytest"])

#: Written into the pytester folder: each process that started R writes how many times
#: it did, in r-starts-PID.txt.
COUNT_R_STARTS = '''
import os
from pathlib import Path

import keras_rparity.bridge.session as session

STARTS = []
_init = session.RBridge.__init__

def _counting_init(self, *args, **kwargs):
    STARTS.append(os.getpid())
    _init(self, *args, **kwargs)

session.RBridge.__init__ = _counting_init

def pytest_sessionfinish(session):
    if STARTS:
        Path(f"r-starts-{os.getpid()}.txt").write_text(str(len(STARTS)))
'''


@pytest.mark.slow
def test_pair_items_spread_over_two_workers_each_embedding_r_once(pytester, tiny_pairs):
    pairs, write_pairs = tiny_pairs
    chosen = {name: pairs[name] for name in ("holds", "sub/holds_too", "differs")}
    chosen["sub/holds_again"] = pairs["holds"]
    write_pairs(pytester.path / "pairs", chosen)
    pytester.makeconftest(COUNT_R_STARTS)
    result = pytester.runpytest_subprocess(*PLUGIN, "--rparity", "pairs", "-n", "2", "-v",
                                           "--rparity-seed", "42", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
    out = result.stdout.str()
    workers = set(re.findall(r"\[(gw\d)\] .*(?:PASSED|FAILED)", out))
    assert workers == {"gw0", "gw1"}, out
    assert "the optimizers differ" in out  # the failing item names the first difference
    starts = [int(p.read_text()) for p in pytester.path.glob("r-starts-*.txt")]
    assert starts == [1, 1]  # two worker processes, R started once in each
