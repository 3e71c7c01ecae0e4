"""Questions to the database: events by actor, country, dyad, type, status, topic and date; quotes
by full-text search; actors; failures. The CLI, the web API and the export all ask through here.

Events are the merged ones (one row per real-world event, see readout.store.merge), newest first,
each with every source article and the evidence it gave. Filters that name a participant, a dyad
or a topic are answered from their own index tables (event_entities, event_dyads, event_topics,
event_codes), which carry the event's date so the newest matches come straight off the index.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from readout.errors import StoreError
from readout.records import EVENT_TYPES

STATUSES = ("occurred", "planned", "intended", "negated", "hypothetical")
MAX_RANGE_DAYS = 366  # the longest date range an event can have (a year's precision)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class EventFilter:
    """Which events to return. Every field is optional; all that are given must hold.

    - actor: a participant's name ("Zelensky", "Giorgia Meloni", case-insensitive; a surname
      matches the full name) or Wikidata id ("Q3874799")
    - country: a participant's code, ISO alpha-3 or an organisation code ("UKR", "EU")
    - dyad: two codes on opposite sides (or both in a side-less meeting), in either order: "UKR-ITA"
    - type: a PLOVER type ("CONSULT"); status: occurred, planned, intended, negated, hypothetical
    - topic: a topic label ("air defense"), case-insensitive
    - since / until: ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); events whose dates overlap them
    """

    actor: str | None = None
    country: str | None = None
    dyad: str | None = None
    type: str | None = None
    status: str | None = None
    topic: str | None = None
    since: str | None = None
    until: str | None = None

    def checked(self) -> EventFilter:
        """The same filter, normalised (codes upper-case), or a StoreError saying what to fix."""
        kind = self.type.upper() if self.type else None
        if kind and kind not in EVENT_TYPES:
            raise StoreError(
                f"unknown event type {self.type!r}; use one of {', '.join(EVENT_TYPES)}."
            )
        status = self.status.lower() if self.status else None
        if status and status not in STATUSES:
            raise StoreError(f"unknown status {self.status!r}; use one of {', '.join(STATUSES)}.")
        for name, value in (("since", self.since), ("until", self.until)):
            if value and not (_DATE.match(value) and _real_date(value)):
                raise StoreError(f"--{name} {value!r} is not a date; write it as 2024-01-31.")
        dyad = None
        if self.dyad:
            codes = [code.strip().upper() for code in re.split(r"[-,:/ ]+", self.dyad.strip())]
            if len(codes) != 2 or not all(codes):
                raise StoreError(f"--dyad {self.dyad!r} needs two codes, like UKR-ITA.")
            dyad = "-".join(sorted(codes))
        return EventFilter(
            actor=self.actor.strip() if self.actor else None,
            country=self.country.strip().upper() if self.country else None,
            dyad=dyad, type=kind, status=status,
            topic=self.topic.strip() if self.topic else None,
            since=self.since, until=self.until,
        )


@dataclass
class Party:
    """A participant of an event, as its lead report names it."""

    name: str
    kind: str
    code: str | None
    role: str | None = None
    wikidata: str | None = None


@dataclass
class Source:
    """One article's report of an event, with the evidence it gave."""

    article: str
    version: int
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    event: str
    mode: str | None
    status: str
    date: dict[str, Any]
    trigger: str | None
    evidence: list[list[int]]
    evidence_text: list[str]
    confidence: float


@dataclass
class MergedEvent:
    """One real-world event, merged across every article that reported it."""

    id: int
    type: str
    mode: str | None
    status: str
    date: dict[str, Any]
    location: dict[str, Any] | None
    actors: list[Party]
    recipients: list[Party]
    topics: list[str]
    sources: list[Source] = field(default_factory=list)
    fulfilled_by: int | None = None  # a planned event: the event in which it happened
    fulfils: list[int] = field(default_factory=list)  # an occurred event: what had planned it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class QuoteHit:
    """A quote found by full-text search, with who said it and where it was published."""

    article: str
    outlet: str | None
    published: str | None
    quote: str
    speaker: str | None
    speaker_code: str | None
    kind: str
    text: str
    start: int
    end: int
    cue: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ActorSummary:
    """An actor across the database: how many articles, events and quotes it appears in."""

    name: str
    kind: str
    code: str | None
    wikidata: str | None
    articles: int
    events: int
    quotes: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FailureRecord:
    """An input that could not be stored, and why; kept until the input succeeds."""

    input: str
    article_id: str | None
    reason: str
    attempts: int
    first_seen: str
    last_seen: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_events(
    conn: sqlite3.Connection, flt: EventFilter, limit: int | None = 50, offset: int = 0
) -> list[int]:
    """The pks of the events that match, newest first (then by pk)."""
    sql, params = event_query(conn, flt)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [row[0] for row in conn.execute(sql, params)]


def event_query(conn: sqlite3.Connection, flt: EventFilter) -> tuple[str, list[Any]]:
    """SQL selecting matching event_pk, ordered newest first.

    One condition drives the scan, and its index gives the order: the one that matches the
    fewest events, estimated by counting (up to `ESTIMATE_CAP`) rows of each index. The other
    conditions are checked per event: EXISTS against the filter tables' primary keys, columns of
    `events`. Choosing by counting keeps "UKR + RETREAT + negated" fast when UKR is in most events.
    """
    flt = flt.checked()
    tables = _filter_tables(conn, flt)
    columns = [(column, value) for column, value in (("type", flt.type), ("status", flt.status))
               if value]
    driver = _cheapest(conn, flt, tables, columns)
    where: list[str] = []
    params: list[Any] = []
    group = ""
    if driver is None:
        source, order, dated = "events e", "e.date_start DESC, e.event_pk DESC", "e.date_start"
    else:
        table, column, values = tables.pop(driver)
        source = f"{table} d JOIN events e ON e.event_pk = d.event_pk"
        where.append(f"d.{column} IN ({','.join('?' * len(values))})")
        params += values
        order, dated = "d.date_start DESC, d.event_pk DESC", "d.date_start"
        if len(values) > 1:  # an event with two of the values must come once
            group, order = " GROUP BY e.event_pk", "e.date_start DESC, e.event_pk DESC"
    for table, column, values in tables:
        where.append(
            f"EXISTS (SELECT 1 FROM {table} x WHERE x.event_pk = e.event_pk"
            f" AND x.{column} IN ({','.join('?' * len(values))}))"
        )
        params += values
    for column, value in columns:
        # type and status together use their index; either alone is better found by walking
        # the date index (no type or status is rare enough to be worth sorting all its events),
        # and "+" keeps SQLite from choosing the (type, status) index for it
        plus = "+" if driver is None and len(columns) == 1 else ""
        where.append(f"{plus}e.{column} = ?")
        params.append(value)
    _date_range(flt, dated, where, params)
    sql = f"SELECT e.event_pk FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + f"{group} ORDER BY {order}", params


ESTIMATE_CAP = 5000


def _filter_tables(conn: sqlite3.Connection, flt: EventFilter) -> list[tuple[str, str, list[Any]]]:
    tables: list[tuple[str, str, list[Any]]] = []
    if flt.actor:
        tables.append(("event_entities", "entity_pk", _entity_pks(conn, flt.actor) or [-1]))
    if flt.dyad:
        tables.append(("event_dyads", "dyad", [flt.dyad]))
    if flt.topic:
        tables.append(("event_topics", "label", [flt.topic]))
    if flt.country:
        tables.append(("event_codes", "code", [flt.country]))
    return tables


def _cheapest(
    conn: sqlite3.Connection,
    flt: EventFilter,
    tables: list[tuple[str, str, list[Any]]],
    columns: list[tuple[str, str]],
) -> int | None:
    """Index in `tables` of the condition to scan, or None to scan `events` itself."""
    if not tables:
        return None
    low, high = _date_bounds(flt)
    dates, bounds = "", []
    if low:
        dates, bounds = dates + " AND date_start >= ?", [*bounds, low]
    if high:
        dates, bounds = dates + " AND date_start <= ?", [*bounds, high]
    costs = []
    for table, column, values in tables:
        costs.append(_count(conn, f"SELECT 1 FROM {table} WHERE {column} IN"
                                  f" ({','.join('?' * len(values))}){dates}", [*values, *bounds]))
    best = min(range(len(costs)), key=costs.__getitem__)
    if columns and costs[best] > 0:
        condition = " AND ".join(f"{column} = ?" for column, _ in columns)
        own = _count(conn, f"SELECT 1 FROM events WHERE {condition}{dates}",
                     [value for _, value in columns] + bounds)
        if own < costs[best]:
            return None
    return best


def _count(conn: sqlite3.Connection, sql: str, params: list[Any]) -> int:
    """How many rows `sql` returns, counting no further than ESTIMATE_CAP."""
    return conn.execute(f"SELECT count(*) FROM ({sql} LIMIT {ESTIMATE_CAP})", params).fetchone()[0]


def _date_bounds(flt: EventFilter) -> tuple[str | None, str | None]:
    """The date_start range implied by since/until (see `_date_range`)."""
    low = None
    if flt.since:
        low = (_first_day(flt.since) - timedelta(days=MAX_RANGE_DAYS)).isoformat()
    high = _last_day(flt.until).isoformat() if flt.until else None
    return low, high


def _date_range(flt: EventFilter, dated: str, where: list[str], params: list[Any]) -> None:
    """Events whose [date_start, date_end] overlaps [since, until].

    `date_start >= since - a year` is implied by the overlap (no event spans more than a year)
    and lets the index stop scanning instead of reading back to the oldest event.
    """
    low, high = _date_bounds(flt)
    if low:
        where.append(f"{dated} >= ? AND e.date_end >= ?")
        params += [low, _first_day(flt.since).isoformat()]
    if high:
        where.append(f"{dated} <= ?")
        params.append(high)


def _real_date(value: str) -> bool:
    """"2024-13" has the shape of a date but is none."""
    try:
        _first_day(value)
        _last_day(value)
    except ValueError:
        return False
    return True


def _first_day(value: str) -> date:
    parts = [int(part) for part in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _last_day(value: str) -> date:
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(parts[0], 12, 31)


def _entity_pks(conn: sqlite3.Connection, actor: str) -> list[int]:
    """Entities named `actor`: by Wikidata id, by whole name, or by last word(s) of the name."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT entity_pk FROM entities WHERE wikidata = ? OR name = ? COLLATE NOCASE"
            " OR name LIKE ? ESCAPE '\\'",
            (actor, actor, "% " + _escape_like(actor)),
        )
    ]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def load_events(conn: sqlite3.Connection, event_pks: list[int]) -> list[MergedEvent]:
    """The events with these pks, in this order, each with its sources and evidence."""
    if not event_pks:
        return []
    marks = ",".join("?" * len(event_pks))
    events = {}
    for row in conn.execute(
        "SELECT event_pk, type, mode, status, date_start, date_end, date_precision,"
        " location_name, location_code, lead_report_pk, fulfilled_by"
        f" FROM events WHERE event_pk IN ({marks})",
        event_pks,
    ):
        pk, kind, mode, status, start, end, precision, lname, lcode, lead, fulfilled = row
        location = {"name": lname, "code": lcode} if lname or lcode else None
        actors, recipients = _parties(conn, lead)
        events[pk] = MergedEvent(
            id=pk, type=kind, mode=mode, status=status,
            date={"start": start, "end": end, "precision": precision},
            location=location, actors=actors, recipients=recipients, topics=[],
            fulfilled_by=fulfilled,
        )
    for pk, label in conn.execute(
        f"SELECT event_pk, label FROM event_topics WHERE event_pk IN ({marks})", event_pks
    ):
        events[pk].topics.append(label)
    for pk, planned in conn.execute(
        f"SELECT fulfilled_by, event_pk FROM events WHERE fulfilled_by IN ({marks})", event_pks
    ):
        events[pk].fulfils.append(planned)
    for pk, source in _sources(conn, marks, event_pks):
        events[pk].sources.append(source)
    return [events[pk] for pk in event_pks if pk in events]


def _parties(conn: sqlite3.Connection, report_pk: int | None) -> tuple[list[Party], list[Party]]:
    sides: tuple[list[Party], list[Party]] = ([], [])
    for side, name, kind, code, role, wikidata in conn.execute(
        "SELECT ra.side, a.name, a.kind, a.code, a.role, a.wikidata FROM report_actors ra"
        " JOIN actors a USING (actor_pk) WHERE ra.report_pk = ? ORDER BY ra.side, ra.position",
        (report_pk,),
    ):
        sides[side == "recipient"].append(Party(name, kind, code, role, wikidata))
    return sides


def _sources(
    conn: sqlite3.Connection, marks: str, event_pks: list[int]
) -> list[tuple[int, Source]]:
    found = []
    for row in conn.execute(
        "SELECT r.event_pk, a.id, a.version, a.outlet, a.published, a.title, a.url, r.id, r.mode,"
        " r.status, r.date_start, r.date_end, r.date_precision, r.date_text, r.date_basis,"
        " r.trigger_text, r.evidence, r.confidence, a.text FROM reports r"
        f" JOIN articles a USING (article_pk) WHERE r.event_pk IN ({marks})"
        " ORDER BY a.published, a.article_pk, r.report_pk",
        event_pks,
    ):
        (pk, article, version, outlet, published, title, url, report, mode, status, start, end,
         precision, text, basis, trigger, evidence, confidence, body) = row
        spans = json.loads(evidence)
        found.append((pk, Source(
            article=article, version=version, outlet=outlet, published=published, title=title,
            url=url, event=report, mode=mode, status=status,
            date={"start": start, "end": end, "precision": precision, "text": text,
                  "basis": basis},
            trigger=trigger, evidence=spans,
            evidence_text=[body[s:e] for s, e in spans] if body is not None else [],
            confidence=confidence,
        )))
    return found


def fts_query(text: str, speaker: str | None = None) -> str:
    """A safe FTS5 expression: every word of `text` must occur in the quote, and every word of
    `speaker` in the speaker's name. Words are quoted, so user input is never FTS5 syntax."""
    words = _WORD.findall(text)
    if not words:
        raise StoreError(
            f"no words to search for in {text!r}; give a word or phrase, like 'air defense'."
        )
    query = "text : (" + " AND ".join(f'"{word}"' for word in words) + ")"
    names = _WORD.findall(speaker or "")
    if names:
        query += " AND speaker_name : (" + " AND ".join(f'"{word}"' for word in names) + ")"
    return query


RANKED_MATCHES = 1000


def find_quotes(
    conn: sqlite3.Connection,
    text: str,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
) -> list[QuoteHit]:
    """Quotes matching `text` (all its words), best match first, with optional filters.

    Ranking is by bm25 among the `RANKED_MATCHES` most recently stored matches: ranking every
    match of a common word in millions of quotes would take seconds, and in news the recent
    quotes are the ones wanted. FTS5 reads its index newest first and stops there.
    """
    EventFilter(since=since, until=until).checked()
    where = ["quotes_fts MATCH ?"]
    params: list[Any] = [fts_query(text, speaker)]
    if since:
        where.append("q.published >= ?")
        params.append(_first_day(since).isoformat())
    if until:
        where.append("q.published <= ?")
        params.append(_last_day(until).isoformat() + "T99")  # also datetimes of that day
    params += [RANKED_MATCHES, limit]
    rows = conn.execute(
        "WITH found AS (SELECT q.quote_pk, quotes_fts.rank AS rank FROM quotes_fts"
        " JOIN quotes q ON q.quote_pk = quotes_fts.rowid"
        f" WHERE {' AND '.join(where)} ORDER BY quotes_fts.rowid DESC LIMIT ?)"
        " SELECT a.id, a.outlet, q.published, q.id, q.speaker_name, s.code, q.kind, q.text,"
        " q.start_char, q.end_char, q.cue_text FROM found"
        " JOIN quotes q USING (quote_pk) JOIN articles a USING (article_pk)"
        " LEFT JOIN actors s ON s.actor_pk = q.speaker_actor_pk"
        " ORDER BY found.rank, q.quote_pk DESC LIMIT ?",
        params,
    ).fetchall()
    return [QuoteHit(*row) for row in rows]


def find_actors(
    conn: sqlite3.Connection,
    name: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    limit: int = 50,
) -> list[ActorSummary]:
    """Actors across the database, most active first; `name` matches any part of the name."""
    where, params = [], []
    if name:
        where.append("n.name LIKE ?")
        params.append(f"%{name}%")
    if country:
        where.append("n.code = ?")
        params.append(country.upper())
    if kind:
        where.append("n.kind = ?")
        params.append(kind.lower())
    sql = (
        "SELECT n.name, n.kind, n.code, n.wikidata,"
        " (SELECT count(DISTINCT article_pk) FROM actors a WHERE a.entity_pk = n.entity_pk),"
        " (SELECT count(*) FROM event_entities x WHERE x.entity_pk = n.entity_pk) AS events,"
        " (SELECT count(*) FROM actors a JOIN quotes q ON q.speaker_actor_pk = a.actor_pk"
        "  WHERE a.entity_pk = n.entity_pk)"
        " FROM entities n"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY events DESC, n.name LIMIT ?"
    )
    return [ActorSummary(*row) for row in conn.execute(sql, params + [limit])]


def find_failures(conn: sqlite3.Connection) -> list[FailureRecord]:
    return [
        FailureRecord(*row)
        for row in conn.execute(
            "SELECT input, article_id, reason, attempts, first_seen, last_seen FROM failures"
            " ORDER BY last_seen DESC, failure_pk DESC"
        )
    ]
