"""Command line: ``python -m ipm_lib validate [DATA_DIR]`` checks the dataset;
``python -m ipm_lib link --hub URL --notebook 04_risks [--repo URL] [--branch main] [--app lab]``
prints the nbgitpuller link that opens that notebook on a JupyterHub."""

from __future__ import annotations

import argparse
import sys

from .course.bank import validate_all
from .data import DataError
from .link import APPS, LinkError, nbgitpuller_link, origin_url


def _link(args) -> int:
    repo = args.repo or origin_url()
    if repo is None:
        print(
            "cannot make a link: this checkout has no git remote 'origin'; give the repository's "
            "public URL with --repo https://github.com/OWNER/REPO",
            file=sys.stderr,
        )
        return 2
    try:
        print(nbgitpuller_link(args.hub, args.notebook, repo, args.branch, args.app))
    except LinkError as exc:
        print(f"cannot make a link: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipm_lib", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "validate",
        help="check every table of the dataset, the quiz and the cases; list all problems",
    )
    check.add_argument("data_dir", nargs="?", default=None, help="data folder (default: data/)")
    link = sub.add_parser(
        "link", help="print the nbgitpuller link that opens a notebook on a JupyterHub"
    )
    link.add_argument(
        "--hub", required=True, help="the hub's base URL, e.g. https://hub.example.edu"
    )
    link.add_argument("--notebook", required=True, help="e.g. 04_risks, 04_risks.ipynb or 04")
    link.add_argument(
        "--repo",
        default=None,
        help="public URL of the repository (default: this checkout's git remote 'origin')",
    )
    link.add_argument("--branch", default="main", help="branch to pull (default: main)")
    link.add_argument(
        "--app",
        default="lab",
        choices=sorted(APPS),
        help="open in JupyterLab (lab, default) or as a Voila dashboard (voila)",
    )
    args = parser.parse_args(argv)
    if args.command == "link":
        return _link(args)

    try:
        problems = validate_all(args.data_dir)
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
