"""How long ``keras-rparity vignettes --quick`` takes, end to end and per vignette.

Runs the command as a user would (a fresh interpreter, all vignettes, quick
sizes) into a temporary folder, then prints the wall time of the whole command
and each vignette's own seconds as the command reported them.

Usage::

    python benchmarks/vignettes_quick.py [--jobs N]

``--jobs`` is passed on (default: the command's own default, the core count).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="vignettes at once")
    args = parser.parse_args()
    command = [sys.executable, "-m", "keras_rparity", "vignettes", "--quick"]
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="vignettes-bench-") as out:
        start = time.perf_counter()
        done = subprocess.run([*command, "--out", out], capture_output=True, text=True)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"vignettes --quick failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    for name, figures, own in re.findall(r"^(\S+): .* \((\d+) figures, (\d+) s\)$",
                                         done.stdout, flags=re.MULTILINE):
        print(f"  {name:<36} {own:>4} s  ({figures} figures)")
    print(f"vignettes --quick{' --jobs ' + str(args.jobs) if args.jobs else ''}: "
          f"{seconds:.1f} s")


if __name__ == "__main__":
    main()
