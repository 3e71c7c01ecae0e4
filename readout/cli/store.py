"""The database commands: `ingest`, `failures`, `events`, `quotes`, `actors`, `export`.

Each parses its options, calls one method of `readout.store.Store`, and prints: a table for people,
JSON with --json for programs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any

from readout.cli import EXIT_OK, EXIT_SOME_FAILED
from readout.errors import ReadoutError
from readout.settings import Settings, help_for

DEFAULT_DB = "readout.db"


def register(subparsers: argparse._SubParsersAction) -> None:
    _ingest_parser(subparsers)
    parser = subparsers.add_parser(
        "failures", help="list the inputs that failed to ingest, with the reason",
        description="List the inputs recorded as failed by `readout ingest`, most recent first. "
                    "An input leaves the list when a later ingest succeeds.",
    )
    _db_option(parser)
    _json_option(parser)
    parser.set_defaults(handler=run_failures)

    parser = subparsers.add_parser(
        "events", help="list merged events, filtered",
        description="List events (merged across outlets), newest first, with their sources.",
    )
    _db_option(parser)
    _filter_options(parser)
    _limit_option(parser)
    _json_option(parser)
    parser.set_defaults(handler=run_events)

    parser = subparsers.add_parser(
        "quotes", help="full-text search of quotes",
        description="Find quotes containing every word of TEXT, best match first.",
    )
    parser.add_argument("text", metavar="TEXT", help="words to find, like 'air defense'")
    _db_option(parser)
    parser.add_argument("--speaker", metavar="NAME",
                        help="only quotes whose speaker's name has these words")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="published on or after this date")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="published on or before this date")
    _limit_option(parser)
    _json_option(parser)
    parser.set_defaults(handler=run_quotes)

    parser = subparsers.add_parser(
        "actors", help="list actors across the database",
        description="List actors (people, countries, organisations, groups), most events first.",
    )
    _db_option(parser)
    parser.add_argument("--name", metavar="TEXT", help="only actors whose name contains TEXT")
    parser.add_argument("--country", metavar="CODE", help="only actors with this code (UKR, EU)")
    parser.add_argument("--kind", choices=("person", "country", "organization", "group"))
    _limit_option(parser)
    _json_option(parser)
    parser.set_defaults(handler=run_actors)

    parser = subparsers.add_parser(
        "export", help="export the database as jsonl, plover, csv or parquet",
        description="Export readouts (jsonl: one readout/1 object per article, as stored) or "
                    "events "
                    "(plover: PLOVER 2.0 JSON lines; csv, parquet: one row per reported event), "
                    "optionally filtered like `readout events`.",
    )
    _db_option(parser)
    parser.add_argument("--format", required=True, choices=("jsonl", "plover", "csv", "parquet"))
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="file to write (default: standard output; parquet needs a file)")
    _filter_options(parser)
    parser.set_defaults(handler=run_export)


def _ingest_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest", help="extract articles and store them in a database",
        description="Extract the readout of each article and store it in an SQLite database "
                    "(created on first use). Already stored articles are skipped; a changed text "
                    "is stored as a new version; failures are recorded (see `readout failures`). "
                    "With --from-parquet, store the tables `readout spark-extract` wrote instead "
                    "(nothing is extracted).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="a .txt, .html or .jsonl file, a folder (read recursively), or -")
    _db_option(parser)
    parser.add_argument("--from-parquet", metavar="DIR",
                        help="the OUTPUT folder of `readout spark-extract`: store its readouts and "
                             "failures (instead of PATHs)")
    parser.add_argument("--published", metavar="YYYY-MM-DD",
                        help="publication date of single articles that do not state their own")
    parser.add_argument("--window-days", type=int, metavar="N",
                        help="merge reports of one event whose dates are at most N days apart "
                             "(default 1; changing it re-merges the whole database)")
    parser.add_argument("--commit-every", type=int, default=32, metavar="N",
                        help="articles per transaction (default 32); a crash loses at most these")
    parser.add_argument("--workers", type=int, metavar="N", help=help_for("workers"))
    parser.add_argument("--batch-size", type=int, metavar="N", help=help_for("batch_size"))
    parser.add_argument("--model", metavar="NAME", help=help_for("model"))
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bar on stderr (default: when stderr is a terminal)")
    parser.set_defaults(handler=run_ingest)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE",
                        help=f"the SQLite database file (default: {DEFAULT_DB})")


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _limit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (default 50)")


def _filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (all that are given must hold)")
    group.add_argument("--actor", metavar="NAME", help="a participant's name or Wikidata id")
    group.add_argument("--country", metavar="CODE", help="a participant's code (UKR, EU)")
    group.add_argument("--dyad", metavar="A-B", help="two codes on opposite sides, like UKR-ITA")
    group.add_argument("--type", metavar="TYPE", help="PLOVER type, like CONSULT")
    group.add_argument("--status",
                       choices=("occurred", "planned", "intended", "negated", "hypothetical"))
    group.add_argument("--topic", metavar="LABEL", help="a topic label, like 'air defense'")
    group.add_argument("--since", metavar="YYYY-MM-DD", help="events on or after this date")
    group.add_argument("--until", metavar="YYYY-MM-DD", help="events on or before this date")


def _filter(args: argparse.Namespace):
    from readout.store import EventFilter

    return EventFilter(actor=args.actor, country=args.country, dyad=args.dyad, type=args.type,
                       status=args.status, topic=args.topic, since=args.since, until=args.until)


def _open(args: argparse.Namespace, **options: Any):
    from readout.store import Store

    return Store(args.db, **options)


# --- handlers ----------------------------------------------------------------------------------

def run_ingest(args: argparse.Namespace) -> int:
    from readout.pipeline import Pipeline
    from readout.store import MergeRules
    from readout.store.ingest import check_parquet_table, ingest, ingest_parquet

    settings = Settings.from_env(model=args.model, workers=args.workers, batch_size=args.batch_size)
    if args.window_days is not None and args.window_days < 0:
        raise ReadoutError(f"--window-days must be 0 or more, not {args.window_days}.")
    if bool(args.paths) == bool(args.from_parquet):
        raise ReadoutError("give the articles to ingest (PATH ...) or --from-parquet DIR (the "
                           "output of `readout spark-extract`), one of the two.")
    if args.from_parquet:
        check_parquet_table(args.from_parquet)  # before the database file is created
    with _open(args, create=True) as store:
        if args.window_days is not None and args.window_days != store.rules.window_days:
            rules = MergeRules(args.window_days, store.rules.link_horizon_days)
            store.set_rules(rules)
        if args.from_parquet:
            report = ingest_parquet(store, args.from_parquet,
                                    commit_every=max(1, args.commit_every))
        else:
            pipeline = Pipeline.load(settings=settings)
            progress = sys.stderr.isatty() if args.progress is None else args.progress
            report = ingest(store, args.paths, pipeline, published=args.published,
                            max_chars=settings.max_chars, progress=progress,
                            commit_every=max(1, args.commit_every))
        counts = store.counts()
    print(f"readout: {report.summary()}; {args.db} holds {counts['articles']} article(s), "
          f"{counts['events']} event(s).", file=sys.stderr)
    if report.failed:
        print(f"readout: see why with `readout failures --db {args.db}`.", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def run_failures(args: argparse.Namespace) -> int:
    with _open(args) as store:
        found = store.failures()
    _print(args, [f.to_dict() for f in found], ("input", "reason", "attempts", "last_seen"),
           "no failures recorded.")
    return EXIT_OK


def run_events(args: argparse.Namespace) -> int:
    with _open(args) as store:
        found = store.events(_filter(args), limit=args.limit)
    _print(args, [event.to_dict() for event in found], EVENT_COLUMNS, "no events match.",
           _event_cells)
    return EXIT_OK


def run_quotes(args: argparse.Namespace) -> int:
    with _open(args) as store:
        found = store.quotes(args.text, speaker=args.speaker, since=args.since,
                             until=args.until, limit=args.limit)
    _print(args, [hit.to_dict() for hit in found], ("published", "speaker", "text", "outlet"),
           "no quotes match.")
    return EXIT_OK


def run_actors(args: argparse.Namespace) -> int:
    with _open(args) as store:
        found = store.actors(name=args.name, country=args.country, kind=args.kind,
                             limit=args.limit)
    _print(args, [actor.to_dict() for actor in found],
           ("name", "kind", "code", "events", "articles", "quotes"), "no actors match.")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    with _open(args) as store:
        written = store.export(args.format, args.output, _filter(args))
    if args.output:
        print(f"readout: wrote {written} record(s) to {args.output}.", file=sys.stderr)
    return EXIT_OK


# --- output ------------------------------------------------------------------------------------

EVENT_COLUMNS = ("id", "date", "type", "status", "actors", "recipients", "sources")


def _names(parties: list[dict[str, Any]]) -> str:
    return ", ".join(party["name"] for party in parties) or "-"


def _event_cells(event: dict[str, Any]) -> dict[str, Any]:
    when = event["date"]["start"] or "?"
    if event["date"]["end"] and event["date"]["end"] != event["date"]["start"]:
        when += f"..{event['date']['end']}"
    link = f" -> {event['fulfilled_by']}" if event["fulfilled_by"] else ""
    outlets = sorted({s["outlet"] or s["article"] for s in event["sources"]})
    return {
        "id": event["id"], "date": when,
        "type": event["type"] + (f" ({event['mode']})" if event["mode"] else ""),
        "status": event["status"] + link, "actors": _names(event["actors"]),
        "recipients": _names(event["recipients"]),
        "sources": f"{len(event['sources'])}: {', '.join(outlets)}",
    }


def _print(
    args: argparse.Namespace,
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    empty: str,
    cells: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    if getattr(args, "json", False):
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        print(f"readout: {empty}", file=sys.stderr)
        return
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    print(render_table([cells(row) if cells else row for row in rows], columns, width))


def render_table(
    rows: list[dict[str, Any]], columns: Sequence[str], width: int | None = None
) -> str:
    """Rows as an aligned text table; with a `width` (the terminal's), long cells are cut."""
    text = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [max([len(column)] + [len(line[i]) for line in text])
              for i, column in enumerate(columns)]
    while width and sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    lines = [[column.upper() for column in columns], ["-" * w for w in widths]] + text
    return "\n".join(
        "  ".join(_fit(value, w) for value, w in zip(line, widths)).rstrip() for line in lines
    )


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return " ".join(str(value).split())


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"
