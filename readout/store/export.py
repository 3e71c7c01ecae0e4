"""Exports: the database (or a filtered part of it) as JSON Lines, PLOVER, CSV or Parquet.

- `jsonl`: the `readout/1` object of each article, byte for byte as it was stored;
- `plover`: PLOVER 2.0 JSON events, one per line (`to_plover`, shared with `extract --format plover`);
- `csv` / `parquet`: one row per reported event (`event_rows`), actors and recipients flattened,
  with the merged event it belongs to in column `event`.

With a filter, the articles (jsonl) or events (the other formats) of the matching merged events are
written. Parquet needs pyarrow, an optional dependency imported only here.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import sqlite3
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import yaml

from readout.errors import StoreError
from readout.records import Actor, Event, Readout
from readout.store.query import EventFilter, event_query

FORMATS = ("jsonl", "plover", "csv", "parquet")

# PLOVER quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict (PLOVER manual, "PLOVER quad categories").
QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# PLOVER codes a future or promised cooperative act (a planned meeting, a pledge of aid) as AGREE,
# and a declared intention to act against someone (sanctions, force, arrests) as THREATEN.
FUTURE_STATUSES = ("planned", "intended")
FUTURE_CONFLICT = ("SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT")
# PLOVER events are acts that took place or were announced; a negated or hypothetical one is not.
NOT_EXPORTED = ("negated", "hypothetical")
# Without a named recipient, PLOVER codes a material act against the country where it happened,
# and a protest, a crackdown or a concession against the actor's own country.
PLACE_TARGETS = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "SANCTION", "CONCEDE",
                           "RETREAT", "AID"})
DOMESTIC_TARGETS = frozenset({"PROTEST", "COERCE", "CONCEDE"})
PLOVER_BODIES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

CSV_COLUMNS = (
    "event", "article", "version", "outlet", "published", "url", "title", "report", "type",
    "mode", "contexts", "status", "date_start", "date_end", "date_precision", "date_text",
    "date_basis", "location_name", "location_code", "location_lat", "location_lon", "actors",
    "actor_codes", "actor_sectors", "recipients", "recipient_codes", "recipient_sectors",
    "topics", "trigger", "trigger_start", "trigger_end", "evidence", "quotes", "primary",
    "confidence",
)


def plover_type(event_type: str, status: str) -> str | None:
    """The PLOVER event type of a readout event, or None when PLOVER has no event for it.

    readout keeps a planned meeting as CONSULT + planned and a promise of aid as AID + intended so
    they can be queried; PLOVER's convention codes a future cooperative act as AGREE, and a stated
    intention to sanction or use force as THREATEN.
    """
    if status in NOT_EXPORTED:
        return None
    if status in FUTURE_STATUSES and QUADS.get(event_type) in (1, 2):
        return "AGREE"
    if status in FUTURE_STATUSES and event_type in FUTURE_CONFLICT:
        return "THREATEN"
    return event_type


@functools.cache
def _organization_codes() -> dict[str, str]:
    """readout organisation code -> PLOVER code (EU -> EUR, UN -> UNO, NATO -> IGO...)."""
    text = resources.files("readout").joinpath("data/organizations.yaml").read_text("utf-8")
    return {entry["code"]: entry.get("plover", "IGO") for entry in yaml.safe_load(text)}


def plover_code(actor: Actor) -> str | None:
    """An actor's PLOVER code: states keep ISO alpha-3; organisations take EUR, UNO or IGO."""
    if actor.code is None:
        return None
    organizations = _organization_codes()
    if actor.code in organizations:
        return organizations[actor.code]
    if actor.kind == "organization" and not (len(actor.code) == 3 and actor.code.isupper()):
        return "IGO"  # an intergovernmental body readout's table does not list
    return actor.code


def _plover_actor(actor: Actor) -> dict[str, Any]:
    found = {"code": plover_code(actor), "sector": actor.sector, "actor_text": actor.name}
    if actor.wikidata:
        found["identifier_id"] = actor.wikidata
        found["identifier_text"] = actor.name
    if actor.role:
        found["office"] = actor.role
    return found


def to_plover(readout: Readout) -> list[dict[str, Any]]:
    """The article's events as PLOVER 2.0 JSON records (the manual's "JSON Data Fields").

    Conventions applied: planned CONSULT and other future cooperation -> AGREE; intended AID ->
    AGREE; intended SANCTION or ASSAULT -> THREATEN; organisation codes EU -> EUR, UN bodies -> UNO, other IGOs -> IGO; negated and
    hypothetical events are left out. readout's own type and status are kept in `comment`.
    """
    actors = {actor.id: actor for actor in readout.actors}
    return [
        _plover_event(readout, event, kind, actors)
        for event in readout.events
        if (kind := plover_type(event.type, event.status)) is not None
    ]


def _plover_event(
    readout: Readout, event: Event, kind: str, actors: dict[str, Actor]
) -> dict[str, Any]:
    meta, when = readout.article, event.date
    recipients, inferred = [_plover_actor(actors[i]) for i in event.recipients if i in actors], None
    if not recipients:
        recipients, inferred = _implied_target(event, actors)
    record: dict[str, Any] = {
        "id": f"{meta.id}-{event.id}",
        "date": (when.start or meta.published or "")[:10] or None,
        "source": [_plover_actor(actors[i]) for i in event.actors if i in actors],
        "recipient": recipients,
        "event": [kind],
        "quad_code": QUADS.get(kind),
    }
    if when.end and when.end[:10] != record["date"]:
        record["enddate"] = when.end[:10]
    if event.mode and kind == event.type:
        record["mode"] = event.mode
    if event.contexts:
        record["context"] = list(event.contexts)
    if event.location:
        where = event.location
        record["event_loc"] = {"name": where.name, "latitude": where.lat,
                               "longitude": where.lon, "cc3": where.code}
    if event.trigger:
        record["event_text"] = [event.trigger.text]
    if event.evidence:
        record["text_info"] = {"start": event.evidence[0][0], "end": event.evidence[0][1]}
    record["cite_info"] = {
        "citation": meta.id, "url": meta.url, "title": meta.title, "language": meta.language,
        "publication": meta.outlet, "coder": "readout", "codebook": "PLOVER 2.0",
    }
    record["comment"] = f"readout: {event.type} {event.status}, confidence {event.confidence:.2f}"
    if inferred:
        record["comment"] += f"; recipient {inferred}"
    return record


def _implied_target(event: Event, actors: dict[str, Actor]) -> tuple[list[dict[str, Any]], str | None]:
    """PLOVER's target when the text names none: a material act (a strike, a curfew, a blockade,
    aid) is aimed at the country where it took place; a protest, a crackdown or a concession
    with no place is aimed at the actor's own country (its government or its people)."""
    where = event.location
    if event.type in PLACE_TARGETS and where is not None and where.code:
        return [{"code": where.code, "sector": None, "actor_text": where.name}], "from the location"
    if event.type in DOMESTIC_TARGETS:
        codes = [plover_code(actors[i]) for i in event.actors if i in actors]
        code = next((c for c in codes if c and len(c) == 3 and c not in PLOVER_BODIES), None)
        if code:
            return [{"code": code, "sector": "GOV" if event.type == "PROTEST" else None,
                     "actor_text": None}], "the actor's own country"
    return [], None


def event_rows(readout: Readout) -> list[dict[str, Any]]:
    """One flat row per event of the article (columns `CSV_COLUMNS`, `event` left empty)."""
    actors = {actor.id: actor for actor in readout.actors}
    meta = readout.article
    rows = []
    for event in readout.events:
        sides = {
            side: [actors[i] for i in ids if i in actors]
            for side, ids in (("actor", event.actors), ("recipient", event.recipients))
        }
        where, trigger = event.location, event.trigger
        rows.append({
            "event": None, "article": meta.id, "version": None, "outlet": meta.outlet,
            "published": meta.published, "url": meta.url, "title": meta.title,
            "report": event.id, "type": event.type, "mode": event.mode,
            "contexts": ";".join(event.contexts), "status": event.status,
            "date_start": event.date.start, "date_end": event.date.end,
            "date_precision": event.date.precision, "date_text": event.date.text,
            "date_basis": event.date.basis,
            "location_name": where and where.name, "location_code": where and where.code,
            "location_lat": where and where.lat, "location_lon": where and where.lon,
            **{f"{side}s": "; ".join(a.name for a in found) for side, found in sides.items()},
            **{f"{side}_codes": ";".join(a.code or "" for a in found) for side, found in sides.items()},
            **{f"{side}_sectors": ";".join(a.sector or "" for a in found)
               for side, found in sides.items()},
            "topics": ";".join(event.topics),
            "trigger": trigger and trigger.text, "trigger_start": trigger and trigger.start,
            "trigger_end": trigger and trigger.end,
            "evidence": json.dumps([list(span) for span in event.evidence]),
            "quotes": ";".join(event.quotes), "primary": event.primary,
            "confidence": event.confidence,
        })
    return rows


def export(
    conn: sqlite3.Connection,
    fmt: str,
    destination: str | Path | TextIO | None = None,
    flt: EventFilter | None = None,
) -> int:
    """Write the export; the number of records written. `destination` None is stdout."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if fmt == "parquet":
        if destination is None or not isinstance(destination, (str, Path)):
            raise StoreError("parquet is a binary file format; give a file with --output FILE.")
        return _write_parquet(Path(destination), _rows(conn, flt))
    if isinstance(destination, (str, Path)):
        with open(destination, "w", encoding="utf-8", newline="") as out:
            return _write_text(conn, fmt, out, flt)
    return _write_text(conn, fmt, destination or sys.stdout, flt)


def _write_text(conn: sqlite3.Connection, fmt: str, out: TextIO, flt: EventFilter | None) -> int:
    written = 0
    if fmt == "jsonl":
        for text, _events, _version in _articles(conn, flt):
            out.write(text + "\n")
            written += 1
    elif fmt == "plover":
        for record in _plover_records(conn, flt):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    else:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in _rows(conn, flt):
            writer.writerow(row)
            written += 1
    return written


def _articles(
    conn: sqlite3.Connection, flt: EventFilter | None
) -> Iterator[tuple[str, dict[str, int], int]]:
    """(readout JSON, {report id: event_pk} of the matching events, version) per current article."""
    if flt is None or flt == EventFilter():
        articles = conn.execute(
            "SELECT article_pk, readout, version FROM articles WHERE current = 1 ORDER BY article_pk"
        )
        for article_pk, text, version in articles:
            yield text, _reports(conn, article_pk, None), version
        return
    sql, params = event_query(conn, flt)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS export_events (event_pk INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.export_events")
    conn.execute(f"INSERT OR IGNORE INTO temp.export_events {sql}", params)
    rows = conn.execute(
        "SELECT DISTINCT a.article_pk, a.readout, a.version FROM articles a"
        " JOIN reports r USING (article_pk) JOIN temp.export_events x USING (event_pk)"
        " ORDER BY a.article_pk"
    )
    for article_pk, text, version in rows:
        yield text, _reports(conn, article_pk, "temp.export_events"), version


def _reports(conn: sqlite3.Connection, article_pk: int, within: str | None) -> dict[str, int]:
    sql = "SELECT r.id, r.event_pk FROM reports r WHERE r.article_pk = ?"
    if within:
        sql += f" AND r.event_pk IN (SELECT event_pk FROM {within})"
    return dict(conn.execute(sql, (article_pk,)).fetchall())


def _only(readout: Readout, events: dict[str, int]) -> Readout:
    return dataclasses.replace(readout, events=[e for e in readout.events if e.id in events])


def _plover_records(conn: sqlite3.Connection, flt: EventFilter | None) -> Iterator[dict[str, Any]]:
    for text, events, _version in _articles(conn, flt):
        readout = _only(_parse(text), events)
        for record, event in zip(to_plover(readout), _exported(readout)):
            record["link"] = f"readout-event-{events[event.id]}"
            yield record


def _exported(readout: Readout) -> list[Event]:
    return [e for e in readout.events if plover_type(e.type, e.status) is not None]


def _rows(conn: sqlite3.Connection, flt: EventFilter | None) -> Iterator[dict[str, Any]]:
    for text, events, version in _articles(conn, flt):
        for row in event_rows(_only(_parse(text), events)):
            row["event"], row["version"] = events.get(row["report"]), version
            yield row


@functools.cache
def _adapter():  # building a pydantic adapter takes milliseconds; an export parses thousands
    from pydantic import TypeAdapter

    return TypeAdapter(Readout)


def _parse(text: str) -> Readout:
    return _adapter().validate_json(text)


def _write_parquet(path: Path, rows: Iterator[dict[str, Any]]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise StoreError(
            "parquet export needs pyarrow, which is not installed; install it with "
            "`pip install 'readout[parquet]'` (or `pip install pyarrow`), or export --format csv."
        ) from error
    collected = list(rows)
    table = pa.Table.from_pylist(collected, schema=pa.schema(_arrow_fields(pa)))
    pq.write_table(table, path)
    return len(collected)


def _arrow_fields(pa: Any) -> list[tuple[str, Any]]:
    numbers = {"event": pa.int64(), "version": pa.int64(), "trigger_start": pa.int64(),
               "trigger_end": pa.int64(), "location_lat": pa.float64(),
               "location_lon": pa.float64(), "confidence": pa.float64(), "primary": pa.bool_()}
    return [(name, numbers.get(name, pa.string())) for name in CSV_COLUMNS]
