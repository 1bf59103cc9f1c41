"""``keras-rparity data``: see which datasets are present, import or fetch CIFAR-10.

Examples::

    keras-rparity data status                 # table of datasets, where they are, remedies
    keras-rparity data status --json
    keras-rparity data import-cifar10 ~/Downloads/cifar-10-python.tar.gz
    keras-rparity data fetch-cifar10          # online: let Keras download CIFAR-10

The Keras cache used is ``$KERAS_HOME/datasets`` (default ``~/.keras/datasets``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict

from keras_rparity.errors import KerasRParityError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``data`` command and its sub-commands to the ``keras-rparity`` parser."""
    parser = subparsers.add_parser(
        "data", help="dataset status; import or fetch CIFAR-10",
        description="Which datasets are on this machine, and how to add CIFAR-10 "
                    "(Keras' cache: $KERAS_HOME/datasets, default ~/.keras/datasets).")
    commands = parser.add_subparsers(dest="data_command", metavar="SUBCOMMAND")
    parser.set_defaults(func=_help(parser))

    status = commands.add_parser("status", help="list datasets, where they are, how to get them")
    status.add_argument("--json", action="store_true", help="print JSON instead of a table")
    status.set_defaults(func=status_command)

    imp = commands.add_parser(
        "import-cifar10", help="check a cifar-10-python.tar.gz you have and put it in the cache",
        description="Check a CIFAR-10 python archive, then place it where keras-rparity "
                    "(and, for the official archive, Keras itself) finds it offline.")
    imp.add_argument("path", metavar="PATH", help="the cifar-10-python.tar.gz file")
    imp.add_argument("--allow-unofficial", action="store_true",
                     help="accept a well-formed archive that is not the official one "
                          "(results are then labelled 'unofficial' or 'fixture')")
    imp.set_defaults(func=import_command)

    fetch = commands.add_parser("fetch-cifar10",
                                help="download CIFAR-10 with Keras (needs internet)")
    fetch.set_defaults(func=fetch_command)


def _help(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    """``keras-rparity data`` without a sub-command: show its help."""

    def show(args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return show


def status_command(args: argparse.Namespace) -> int:
    """Print the dataset table (or JSON); exit 0 even when some datasets are missing.

    An unusable Keras home (``KERAS_HOME`` a file, unwritable) is said in the rows of the
    datasets kept there and, in the table, on a line of its own.
    """
    from keras_rparity.data.cache import keras_cache_problem
    from keras_rparity.data.status import dataset_status, format_status

    statuses = dataset_status()
    if args.json:
        print(json.dumps([asdict(s) for s in statuses], indent=2))
        return 0
    print(format_status(statuses))
    problem = keras_cache_problem()
    if problem is not None:
        print(f"Keras cache unusable: {problem}")
    return 0


def import_command(args: argparse.Namespace) -> int:
    """Import an archive; print one line saying what, where, and which source."""
    from keras_rparity.data.cache import check_keras_cache
    from keras_rparity.data.cifar10 import SOURCES, cifar10_status
    from keras_rparity.data.cifar10_archive import import_cifar10

    try:
        check_keras_cache()
        result = import_cifar10(args.path, allow_unofficial=args.allow_unofficial)
    except KerasRParityError:
        raise  # main() prints these (DatasetMissingError is also an OSError)
    except OSError as exc:  # disk full, permissions
        print(f"keras-rparity: error: could not write to the Keras cache: {exc}",
              file=sys.stderr)
        return 1
    note = ""
    if result.source != "cifar-10" and cifar10_status().source == "cifar-10":
        note = "; not used while the official CIFAR-10 is present"
    print(f"imported {SOURCES[result.source]} archive ({result.n_train} train + "
          f"{result.n_test} test images) to {result.path} [source: {result.source}, "
          f"md5 {result.md5}]{note}")
    return 0


def fetch_command(args: argparse.Namespace) -> int:
    """Make the official CIFAR-10 present, downloading it with Keras if needed."""
    from keras_rparity.data.cache import check_keras_cache
    from keras_rparity.data.cifar10 import load_cifar10

    check_keras_cache()
    data = load_cifar10(download=True)
    print(f"CIFAR-10 ready: {data.n_train} train + {data.n_test} test images "
          f"in {data.path} [source: {data.source}]")
    return 0
