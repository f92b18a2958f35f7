"""Command line: ``python -m ipm_lib validate [DATA_DIR]``."""

from __future__ import annotations

import argparse
import sys

from .data import DataError
from .validate import validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipm_lib", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check every table of the dataset; list all problems")
    check.add_argument("data_dir", nargs="?", default=None, help="data folder (default: data/)")
    args = parser.parse_args(argv)

    try:
        problems = validate(args.data_dir)
    except DataError as exc:
        print(f"cannot validate: {exc}", file=sys.stderr)
        return 2
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problem(s) found; the data is NOT valid.", file=sys.stderr)
        return 1
    print("data is valid")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
