"""Writing one readout into the per-article tables, every field of the contract.

The caller holds the write transaction (readout.store.store.Store does); this module only turns a
`Readout` into rows. Actors are also tied to an `entity`, the same real-world actor across
articles, so that "events with Zelensky" can be answered without comparing names in every row.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from readout.records import Actor, Event, Readout
from readout.store.db import executemany
from readout.store.merge import Report, merge_key, participant

_SPACES = re.compile(r"\s+")


def text_sha256(text: str) -> str:
    """The content hash an article is stored under (UTF-8 bytes of the text as received)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entity_key(actor: Actor) -> str:
    """The identity of an actor across articles.

    A Wikidata id when the knowledge base gave one; a country by its code; anything else by kind,
    code and normalised name ("the European Union" and "European Union" are one key).
    """
    if actor.wikidata:
        return f"wd:{actor.wikidata}"
    if actor.kind == "country" and actor.code:
        return f"country:{actor.code}"
    return f"{actor.kind}:{actor.code or '-'}:{normalise_name(actor.name)}"


def normalise_name(name: str) -> str:
    name = _SPACES.sub(" ", name).strip().casefold()
    return name.removeprefix("the ")


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def readout_json(readout: Readout) -> str:
    """`readout.to_json()`, the same characters, several times faster.

    `to_json` goes through `dataclasses.asdict`, which deep-copies every value; storing thousands
    of articles a second cannot afford that. Here the JSON encoder walks the records itself and
    asks `_fields` for each dataclass. tests/test_store_write.py checks the two agree.
    """
    top = {name: getattr(readout, name) for name in _field_names(Readout)}
    ordered = {"schema": top.pop("schema")}
    text = top.pop("text")
    ordered.update(top)
    if text is not None:
        ordered["text"] = text
    return json.dumps(ordered, ensure_ascii=False, default=_fields)


def _fields(value: Any) -> dict[str, Any]:
    names = _field_names(type(value))
    if names is None:
        raise TypeError(f"{type(value).__name__} is not part of a readout")
    return {name: getattr(value, name) for name in names}


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Session:
    """What a writer remembers while it holds the write lock.

    - entity key -> entity_pk, so that a batch does not look up the same actor again and again;
    - the next free primary key of `actors`, `quotes` and `reports`, so that an article's rows of
      each go in one statement (`executemany` cannot return the keys SQLite would choose).
    `begin` at the start of each transaction (another process may have written in between);
    `forget` after a rollback (the rows the entity cache points to are gone).
    """

    KEYS: ClassVar[dict[str, str]] = {"actors": "actor_pk", "quotes": "quote_pk",
                                      "reports": "report_pk"}

    def __init__(self) -> None:
        self._entities: dict[str, int] = {}
        self._next: dict[str, int] = {}

    def begin(self) -> None:
        self._next.clear()

    def forget(self) -> None:
        self._entities.clear()
        self._next.clear()

    def keys(self, conn: sqlite3.Connection, table: str, count: int) -> list[int]:
        first = self._next.get(table)
        if first is None:
            first = conn.execute(
                f"SELECT coalesce(max({self.KEYS[table]}), 0) + 1 FROM {table}"
            ).fetchone()[0]
        self._next[table] = first + count
        return list(range(first, first + count))

    def entity(self, conn: sqlite3.Connection, actor: Actor) -> int:
        key = entity_key(actor)
        pk = self._entities.get(key)
        if pk is None:
            row = conn.execute("SELECT entity_pk FROM entities WHERE key = ?", (key,)).fetchone()
            if row is None:
                pk = conn.execute(
                    "INSERT INTO entities (key, name, kind, code, wikidata) VALUES (?, ?, ?, ?, ?)",
                    (key, actor.name, actor.kind, actor.code, actor.wikidata),
                ).lastrowid
            else:
                pk = row[0]
            self._entities[key] = pk
        return pk


def insert_article(
    conn: sqlite3.Connection, readout: Readout, version: int, text: str | None, source: str | None
) -> int:
    meta = readout.article
    return conn.execute(
        "INSERT INTO articles (id, version, current, sha256, url, title, outlet, published,"
        " language, chars, warnings, source, text, readout, ingested_at)"
        " VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            meta.id, version, meta.sha256, meta.url, meta.title, meta.outlet, meta.published,
            meta.language, meta.chars, dumps(readout.warnings), source,
            readout.text if readout.text is not None else text,
            readout_json(readout), now(),
        ),
    ).lastrowid


@dataclass
class _Stored:
    """An actor as written: its row, its code and its entity."""

    pk: int
    code: str | None
    entity_pk: int


def insert_records(
    conn: sqlite3.Connection, article_pk: int, readout: Readout, session: Session
) -> list[Report]:
    """Actors, mentions, quotes, topics and the article's events (as `reports`).

    One statement per table. Returns the reports as readout.store.merge needs them, so that
    merging a new event does not read back what was just written.
    """
    rows: dict[str, list[tuple]] = {sql: [] for sql in _INSERTS.values()}
    actors = _actor_rows(conn, article_pk, readout, session, rows)
    names = {actor.id: actor.name for actor in readout.actors}
    quote_pks = dict(zip((q.id for q in readout.quotes),
                         session.keys(conn, "quotes", len(readout.quotes))))
    for quote in readout.quotes:
        cue, speaker = quote.cue, actors.get(quote.speaker)
        rows[_INSERTS["quotes"]].append((
            quote_pks[quote.id], article_pk, quote.id, speaker and speaker.pk,
            names.get(quote.speaker), quote.kind, quote.text, quote.start, quote.end,
            cue and cue.text, cue and cue.start, cue and cue.end, readout.article.published,
        ))
    rows[_INSERTS["topics"]] += [
        (article_pk, n, topic.label, dumps([list(span) for span in topic.evidence]))
        for n, topic in enumerate(readout.topics)
    ]
    report_pks = session.keys(conn, "reports", len(readout.events))
    reports = [
        _report_rows(pk, article_pk, readout, event, actors, quote_pks, rows)
        for pk, event in zip(report_pks, readout.events)
    ]
    for sql, values in rows.items():  # parents before children: the dict keeps _INSERTS' order
        executemany(conn, sql, values)
    return reports


_INSERTS = {
    "actors": "INSERT INTO actors (actor_pk, article_pk, id, name, kind, code, sector, role,"
              " wikidata, entity_pk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "mentions": "INSERT INTO mentions (actor_pk, position, start_char, end_char)"
                " VALUES (?, ?, ?, ?)",
    "quotes": "INSERT INTO quotes (quote_pk, article_pk, id, speaker_actor_pk, speaker_name, kind,"
              " text, start_char, end_char, cue_text, cue_start, cue_end, published)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "topics": "INSERT INTO topics (article_pk, position, label, evidence) VALUES (?, ?, ?, ?)",
    "reports": "INSERT INTO reports (report_pk, article_pk, id, type, mode, contexts, status,"
               " date_start, date_end, date_precision, date_text, date_basis, date_span_start,"
               " date_span_end, location_name, location_code, location_lat, location_lon,"
               " location_span_start, location_span_end, trigger_text, trigger_start, trigger_end,"
               " evidence, is_primary, confidence, merge_key)"
               f" VALUES ({', '.join('?' * 27)})",
    "report_actors": "INSERT INTO report_actors (report_pk, side, position, actor_pk)"
                     " VALUES (?, ?, ?, ?)",
    "report_topics": "INSERT INTO report_topics (report_pk, position, label) VALUES (?, ?, ?)",
    "report_quotes": "INSERT INTO report_quotes (report_pk, position, quote_pk) VALUES (?, ?, ?)",
}


def _actor_rows(
    conn: sqlite3.Connection,
    article_pk: int,
    readout: Readout,
    session: Session,
    rows: dict[str, list[tuple]],
) -> dict[str, _Stored]:
    stored = {}
    for pk, actor in zip(session.keys(conn, "actors", len(readout.actors)), readout.actors):
        entity_pk = session.entity(conn, actor)
        rows[_INSERTS["actors"]].append((
            pk, article_pk, actor.id, actor.name, actor.kind, actor.code, actor.sector,
            actor.role, actor.wikidata, entity_pk,
        ))
        stored[actor.id] = _Stored(pk, actor.code, entity_pk)
        rows[_INSERTS["mentions"]] += [
            (pk, n, start, end) for n, (start, end) in enumerate(actor.mentions)
        ]
    return stored


def _report_rows(
    pk: int,
    article_pk: int,
    readout: Readout,
    event: Event,
    actors: dict[str, _Stored],
    quote_pks: dict[str, int],
    rows: dict[str, list[tuple]],
) -> Report:
    date, where, trigger = event.date, event.location, event.trigger
    sides = [
        (side, n, actors[actor_id])
        for side, ids in (("actor", event.actors), ("recipient", event.recipients))
        for n, actor_id in enumerate(ids)
        if actor_id in actors
    ]
    key = merge_key(event.type, event.status,
                    [participant(actor.code, actor.entity_pk) for _, _, actor in sides])
    date_span = date.span or (None, None)
    where_span = (where and where.span) or (None, None)
    rows[_INSERTS["reports"]].append((
        pk, article_pk, event.id, event.type, event.mode, dumps(event.contexts), event.status,
        date.start, date.end, date.precision, date.text, date.basis, *date_span,
        where and where.name, where and where.code, where and where.lat, where and where.lon,
        *where_span, trigger and trigger.text, trigger and trigger.start,
        trigger and trigger.end, dumps([list(span) for span in event.evidence]),
        int(event.primary), event.confidence, key,
    ))
    rows[_INSERTS["report_actors"]] += [(pk, side, n, actor.pk) for side, n, actor in sides]
    rows[_INSERTS["report_topics"]] += [(pk, n, label) for n, label in enumerate(event.topics)]
    rows[_INSERTS["report_quotes"]] += [
        (pk, n, quote_pks[qid]) for n, qid in enumerate(event.quotes) if qid in quote_pks
    ]
    meta = readout.article
    return Report(
        pk, key, event.type, event.status, event.mode, date.start, date.end, date.precision,
        date.basis, (where and where.name, where and where.code), event.confidence,
        event.primary, article_pk, meta.published, meta.outlet,
        [(side, actor.code, actor.entity_pk) for side, _, actor in sides], list(event.topics),
    )


def delete_records(conn: sqlite3.Connection, article_pk: int) -> list[int]:
    """Remove an article's extracted rows (its readout JSON stays); return the events it fed."""
    events = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT event_pk FROM reports WHERE article_pk = ? AND event_pk IS NOT NULL",
            (article_pk,),
        )
    ]
    reports = "SELECT report_pk FROM reports WHERE article_pk = ?"
    actors = "SELECT actor_pk FROM actors WHERE article_pk = ?"
    for statement in (
        f"DELETE FROM report_actors WHERE report_pk IN ({reports})",
        f"DELETE FROM report_topics WHERE report_pk IN ({reports})",
        f"DELETE FROM report_quotes WHERE report_pk IN ({reports})",
        "DELETE FROM reports WHERE article_pk = ?",
        "DELETE FROM quotes WHERE article_pk = ?",
        "DELETE FROM topics WHERE article_pk = ?",
        f"DELETE FROM mentions WHERE actor_pk IN ({actors})",
        "DELETE FROM actors WHERE article_pk = ?",
    ):
        conn.execute(statement, (article_pk,))
    return events

