"""Parity over folders: every program pair under some folders, checked on warm workers.

* :mod:`~keras_rparity.folder_parity.discover`: the pairs (``NAME.R`` + ``NAME.py``) and
  orphans under folders;
* :mod:`~keras_rparity.folder_parity.check`: one pair in a worker (:class:`PairOutcome`);
* :mod:`~keras_rparity.folder_parity.checks`: all of them on the worker pool
  (:mod:`keras_rparity.pool`: processes or Ray actors), a crashed worker replaced;
* :mod:`~keras_rparity.folder_parity.summary`: the table, the JSON and the report folder.
"""

from keras_rparity.folder_parity.check import PairOutcome, PairTask, check_pair
from keras_rparity.folder_parity.checks import FolderParity, check_pairs
from keras_rparity.folder_parity.discover import FoundPair, FoundPairs, find_pairs
from keras_rparity.folder_parity.summary import (
    summary_dict,
    summary_table,
    summary_text,
    write_report,
)

__all__ = ["FolderParity", "FoundPair", "FoundPairs", "PairOutcome", "PairTask", "check_pair",
           "check_pairs", "find_pairs", "summary_dict", "summary_table", "summary_text",
           "write_report"]
