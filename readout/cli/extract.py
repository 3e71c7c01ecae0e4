"""`readout extract`: articles in, readouts out.

Readouts go to stdout in input order; each input that cannot be read or extracted gets one line on
stderr (`readout: PATH: reason`, or `PATH:LINE` for JSON Lines) and the others still come out.
Exit code: 0 when every input was extracted, 1 when some failed, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain
from pathlib import Path

from readout.cli import EXIT_OK, EXIT_SOME_FAILED
from readout.errors import ReadoutError
from readout.records import ArticleInput, Failure
from readout.settings import Settings, help_for

FORMATS = ("auto", "json", "jsonl", "plover")
SINGLE_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract the readout of articles (text, HTML, JSON Lines)",
        description="Read articles and print their readouts (schema readout/1). PATH is a .txt, "
                    ".html or .jsonl file, a folder (its .txt, .html and .jsonl files, read "
                    "recursively), or - for standard input (text, HTML or JSON Lines). JSON Lines "
                    "hold one article per line: id, text (or html), and optional title, url, "
                    "outlet, published. Exit code 1 when some inputs failed.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="articles to read (default: -)")
    parser.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                        help="publication date of an article that does not state its own (meant "
                             "for a single text file or standard input)")
    parser.add_argument("--format", choices=FORMATS, default="auto",
                        help="json: the readout indented (for one article); jsonl: one readout per "
                             "line, streamed; plover: PLOVER 2.0 events, one per line. auto: json "
                             "for one text or HTML file (or one article on standard input), else "
                             "jsonl")
    parser.add_argument("--workers", type=_positive_int, metavar="N", help=help_for("workers"))
    parser.add_argument("--batch-size", type=_positive_int, metavar="N",
                        help=help_for("batch_size"))
    parser.add_argument("--model", metavar="NAME", help=help_for("model"))
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bar on stderr, advanced per batch (default: when stderr is "
                             "a terminal)")
    parser.set_defaults(handler=run)


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-01-03") from None


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def run(args: argparse.Namespace) -> int:
    from readout.read.sources import STDIN, iter_articles

    paths = args.paths or [STDIN]
    if paths.count(STDIN) > 1:
        raise ReadoutError("standard input (-) can be read only once; give - a single time.")
    if STDIN in paths and sys.stdin.isatty():
        raise ReadoutError("no input: give a file or folder, or pipe an article into "
                           "`readout extract -`.")
    settings = Settings.from_env(model=args.model, workers=args.workers, batch_size=args.batch_size)
    items = iter_articles(paths, published=args.published, max_chars=settings.max_chars)
    output_format, items = _choose_format(args.format, paths, items)
    progress = args.progress
    if progress is None:
        progress = sys.stderr.isatty() and output_format != "json"
    tally = Tally(progress)
    head, items = _until_first_article(items)
    for failure in head:
        tally.failed(failure)
    if items is not None:  # load the model only when there is an article to read
        from readout.pipeline import Pipeline

        pipeline = Pipeline.load(settings=settings)
        for result in pipeline.extract_many(items, progress=progress):
            if isinstance(result, Failure):
                tally.failed(result)
            else:
                tally.extracted()
                _write(result, output_format)
    return tally.finish()


def _choose_format(requested: str, paths: list[str],
                   items: Iterator[ArticleInput | Failure]) -> tuple[str, Iterator]:
    """The output format; `auto` is json for one article (a text or HTML file, or on stdin)."""
    if requested != "auto":
        return requested, items
    if len(paths) != 1:
        return "jsonl", items
    if paths[0] != "-":
        path = Path(paths[0])
        single = path.is_file() and path.suffix.lower() in SINGLE_ARTICLE_SUFFIXES
        return ("json" if single else "jsonl"), items
    first = list(zip(range(2), items, strict=False))  # standard input: look at up to two items
    peeked = [item for _, item in first]
    return ("json" if len(peeked) < 2 else "jsonl"), chain(peeked, items)


def _until_first_article(items: Iterable[ArticleInput | Failure]
                         ) -> tuple[list[Failure], Iterator | None]:
    """The failures before the first article, and the rest from that article on (None if none)."""
    iterator = iter(items)
    head: list[Failure] = []
    for item in iterator:
        if isinstance(item, ArticleInput):
            return head, chain([item], iterator)
        head.append(item)
    return head, None


@dataclass
class Tally:
    """Counts the results, reports each failure on one line and the run on the last."""

    progress: bool
    ok: int = 0
    bad: int = 0

    def extracted(self) -> None:
        self.ok += 1

    def failed(self, failure: Failure) -> None:
        self.bad += 1
        _say(failure.message(), self.progress)

    def finish(self) -> int:
        if not self.bad:
            return EXIT_OK
        total = self.ok + self.bad
        if total > 1:
            summary = (f"all {total} inputs failed; nothing was extracted." if not self.ok else
                       f"{self.bad} of {total} inputs failed; {self.ok} "
                       f"{'was' if self.ok == 1 else 'were'} extracted.")
            _say(f"readout: {summary}", self.progress)
        return EXIT_SOME_FAILED


def _say(message: str, progress: bool) -> None:
    """One line on stderr (through tqdm when a progress bar may be on screen, so it stays whole)."""
    line = " ".join(message.split())
    if progress:
        from tqdm import tqdm

        tqdm.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr, flush=True)


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
