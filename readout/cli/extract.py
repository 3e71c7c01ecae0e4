"""`readout extract`: articles in, readouts out."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from readout.cli import EXIT_OK, EXIT_SOME_FAILED
from readout.errors import ReadoutError
from readout.settings import Settings, help_for

FORMATS = ("auto", "json", "jsonl", "plover")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract the readout of articles (text, HTML, JSON Lines)",
        description="Read articles and print their readouts (schema readout/1). PATH is a .txt, "
                    ".html or .jsonl file, a folder (read recursively), or - for standard input.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="articles to read (default: -)")
    parser.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                        help="publication date of a single article that does not state its own")
    parser.add_argument("--format", choices=FORMATS, default="auto",
                        help="json: one article, indented; jsonl: one readout per line, streamed; "
                             "plover: PLOVER 2.0 events, one per line. auto: json for one text file, "
                             "else jsonl")
    parser.add_argument("--workers", type=int, metavar="N", help=help_for("workers"))
    parser.add_argument("--batch-size", type=int, metavar="N", help=help_for("batch_size"))
    parser.add_argument("--model", metavar="NAME", help=help_for("model"))
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bar on stderr (default: when stderr is a terminal)")
    parser.set_defaults(handler=run)


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-01-03") from None


def run(args: argparse.Namespace) -> int:
    from readout.pipeline import Pipeline
    from readout.read.sources import iter_articles
    from readout.records import Failure

    paths = args.paths or ["-"]
    if paths == ["-"] and sys.stdin.isatty():
        raise ReadoutError("no input: give a file or folder, or pipe an article into `readout extract -`.")
    settings = Settings.from_env(model=args.model, workers=args.workers, batch_size=args.batch_size)
    pipeline = Pipeline.load(settings=settings)
    output_format = _resolve_format(args.format, paths)
    progress = sys.stderr.isatty() and output_format != "json" if args.progress is None else args.progress
    articles = iter_articles(paths, published=args.published, max_chars=settings.max_chars)
    failed = 0
    for result in pipeline.extract_many(articles, progress=progress):
        if isinstance(result, Failure):
            failed += 1
            print(result.message(), file=sys.stderr)
            continue
        _write(result, output_format)
    if failed:
        print(f"readout: {failed} input(s) failed; the others were extracted.", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def _resolve_format(requested: str, paths: list[str]) -> str:
    if requested != "auto":
        return requested
    from pathlib import Path

    single = len(paths) == 1 and (paths[0] == "-" or Path(paths[0]).is_file()) \
        and not paths[0].endswith(".jsonl")
    return "json" if single else "jsonl"


def _write(readout, output_format: str) -> None:
    if output_format == "json":
        print(readout.to_json(indent=2))
    elif output_format == "plover":
        import json

        from readout.store.export import to_plover

        for event in to_plover(readout):
            print(json.dumps(event, ensure_ascii=False))
    else:
        print(readout.to_json())
    sys.stdout.flush()
