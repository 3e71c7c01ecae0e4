"""`readout resolve`: who a phrase names, as the extractor would resolve it.

    readout resolve "the British Prime Minister" --date 2019-06-01
    name      Theresa May
    kind      person
    code      GBR
    ...

The phrase goes through the same mention finder and resolver as an article
(`readout.resolve.resolver.resolve_phrase`). Exit code 1 when the phrase names no actor.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from readout.cli import EXIT_OK, EXIT_SOME_FAILED

FIELDS = ("name", "kind", "code", "sector", "role", "wikidata")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "resolve", help="resolve an actor phrase (name, title, group) at a date",
        description="Print the actor a phrase names (name, kind, code, sector, role, wikidata), "
                    "resolved as the extractor does it: \"the British Prime Minister\" on "
                    "2019-06-01 is Theresa May, \"Ukrainian soldiers\" is UKR MIL. Exit code 1 "
                    "when the phrase names no actor.",
    )
    parser.add_argument("phrase", metavar="TEXT", help="the phrase to resolve, in quotes")
    parser.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                        help="the date to resolve at, as an article's publication date (default: "
                             "none: office holders are not known, and nobody is made former)")
    parser.add_argument("--json", action="store_true", help="print the actor as one JSON object")
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    parser.set_defaults(handler=run)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-01-03") from None


def run(args: argparse.Namespace) -> int:
    from readout.parse.model import load_model
    from readout.resolve.resolver import resolve_phrase
    from readout.settings import Settings

    nlp = load_model(Settings.from_env(model=args.model).model)
    actor = resolve_phrase(args.phrase, args.date, nlp)
    if actor is None:
        print(f"readout: no actor found in {args.phrase!r}; try a name, a title with its country "
              "(\"the Italian prime minister\") or a group (\"Ukrainian soldiers\").", file=sys.stderr)
        return EXIT_SOME_FAILED
    values = {name: getattr(actor, name) for name in FIELDS}
    if args.json:
        print(json.dumps(values, ensure_ascii=False))
    else:
        for name, value in values.items():
            print(f"{name:<9} {value if value is not None else '-'}")
    return EXIT_OK
