"""``python -m keras_rparity.r_api_gen [--check]``: write (or check) the generated R files."""

from __future__ import annotations

import argparse
import sys

from keras_rparity.r_api_gen.render import generated_files


def main(argv: list[str] | None = None) -> int:
    """Write the generated wrappers; with ``--check`` only report stale files (exit 1)."""
    parser = argparse.ArgumentParser(prog="python -m keras_rparity.r_api_gen",
                                     description=__doc__)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a file differs from what Keras gives")
    args = parser.parse_args(argv)
    stale = []
    for path, text in generated_files().items():
        current = path.read_text() if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text)
    verb = "stale" if args.check else "written"
    for path in stale:
        print(f"{verb}: {path}")
    if args.check and stale:
        print("Regenerate with: python -m keras_rparity.r_api_gen", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
