"""readout's command line: a thin layer over the library.

Each command lives in its own module of this package and exposes `register(subparsers)`, which adds
its parser and sets `handler`, a function taking the parsed arguments and returning the exit code.
Library errors (`readout.errors.ReadoutError`) become one clean paragraph on stderr here.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from readout.errors import ReadoutError

# Modules of this package that define commands, in the order `readout --help` lists them.
COMMAND_MODULES = ("extract", "evaluate", "resolve", "store", "serve", "spark")

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="readout",
        description="Turn news reports of diplomacy and conflict into evidence-linked event data.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"readout.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"readout.cli.{name}":
                continue  # that command is not part of this build
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args)
    except ReadoutError as error:
        print(f"readout: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("readout: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
