"""Questions the web app asks that `readout.store` has no method for: tallies by dyad over a
period, an actor's counterparts and quotes, an article's text with its ids in the database.

Parameterised SQL only, on the store's schema (docs/store.md). Every query is bounded: a period
read through the date indexes, or an actor's `recent` latest events, or a LIMIT; so that each
answers in milliseconds on a database of millions of events.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from readout.store import QuoteHit


@dataclass
class Tally:
    """How many events of one type, mode and status a dyad (or a bucket of time) had."""

    key: str  # the dyad ("ITA-UKR") or the bucket ("2024-03")
    type: str
    mode: str | None
    status: str
    events: int


@dataclass
class EntityRow:
    """An actor across articles (an `entities` row) with how often it appears."""

    entity: int
    name: str
    kind: str
    code: str | None
    wikidata: str | None
    articles: int
    events: int
    quotes: int


@dataclass
class ArticleRow:
    """A stored article (its current version) and the database ids its readout maps to."""

    article_pk: int
    id: str
    version: int
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    text: str | None
    entities: dict[str, int]  # actor id in the readout -> entity
    events: dict[str, int]  # event id in the readout -> merged event


def latest_date(conn: sqlite3.Connection) -> str | None:
    """The newest event date in the database (read off the date index)."""
    return conn.execute("SELECT max(date_start) FROM events").fetchone()[0]


def dyad_counts(
    conn: sqlite3.Connection, since: str, until: str, code: str | None = None
) -> dict[str, int]:
    """Events per dyad whose date starts in [since, until]; with `code`, only the dyads with that
    code on one side. Read from the filter indexes alone (no event rows), so a period of months
    of a large database counts in tens of milliseconds."""
    if code is None:
        rows = conn.execute(
            "SELECT dyad, count(*) FROM event_dyads WHERE date_start >= ? AND date_start <= ?"
            " GROUP BY dyad", (since, until))
    else:
        rows = conn.execute(
            "SELECT d.dyad, count(*) FROM event_codes c JOIN event_dyads d USING (event_pk)"
            " WHERE c.code = ? AND c.date_start >= ? AND c.date_start <= ?"
            " AND (d.dyad LIKE ? ESCAPE '\\' OR d.dyad LIKE ? ESCAPE '\\') GROUP BY d.dyad",
            (code, since, until, f"{_literal(code)}-%", f"%-{_literal(code)}"))
    return dict(rows.fetchall())


def dyad_tallies(conn: sqlite3.Connection, dyads: list[str], since: str, until: str) -> list[Tally]:
    """Events of these dyads per type, mode and status, whose date starts in [since, until]."""
    if not dyads:
        return []
    marks = ",".join("?" * len(dyads))
    rows = conn.execute(
        "SELECT d.dyad, e.type, e.mode, e.status, count(*) FROM event_dyads d"
        " JOIN events e ON e.event_pk = d.event_pk"
        f" WHERE d.dyad IN ({marks}) AND d.date_start >= ? AND d.date_start <= ?"
        " GROUP BY d.dyad, e.type, e.mode, e.status",
        [*dyads, since, until],
    )
    return [Tally(*row) for row in rows]


def dyad_event_pks(
    conn: sqlite3.Connection, dyads: list[str], since: str, until: str
) -> list[tuple[str, int]]:
    """(dyad, event_pk) of these dyads' events whose date starts in [since, until] (index only)."""
    if not dyads:
        return []
    return conn.execute(
        f"SELECT dyad, event_pk FROM event_dyads WHERE dyad IN ({','.join('?' * len(dyads))})"
        " AND date_start >= ? AND date_start <= ?",
        [*dyads, since, until],
    ).fetchall()


def _literal(text: str) -> str:
    """`text` for a LIKE pattern with ESCAPE '\\': its own % and _ match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


BUCKETS = {  # SQLite expressions of an event's date_start that name its bucket
    "month": "substr(d.date_start, 1, 7)",
    "week": "date(d.date_start, '-6 days', 'weekday 1')",  # the Monday the week starts
    "day": "d.date_start",
}


def _series_where(dyad: str, since: str | None, until: str | None) -> tuple[str, list[Any]]:
    where, params = ["d.dyad = ?", "d.date_start IS NOT NULL"], [dyad]
    if since:
        where.append("d.date_start >= ?")
        params.append(since)
    if until:
        where.append("d.date_start <= ?")
        params.append(until)
    return " AND ".join(where), params


def dyad_series(
    conn: sqlite3.Connection, dyad: str, since: str | None, until: str | None, bucket: str
) -> list[Tally]:
    """A dyad's events per time bucket, type, mode and status, oldest bucket first."""
    where, params = _series_where(dyad, since, until)
    rows = conn.execute(
        f"SELECT {BUCKETS[bucket]} AS bucket, e.type, e.mode, e.status, count(*)"
        " FROM event_dyads d JOIN events e ON e.event_pk = d.event_pk"
        f" WHERE {where} GROUP BY bucket, e.type, e.mode, e.status ORDER BY bucket",
        params,
    )  # BUCKETS[bucket]: a key the caller checked, never user text
    return [Tally(*row) for row in rows]


def dyad_series_pks(
    conn: sqlite3.Connection, dyad: str, since: str | None, until: str | None, bucket: str
) -> list[tuple[str, int]]:
    """(bucket, event_pk) of a dyad's events, oldest first (index only)."""
    where, params = _series_where(dyad, since, until)
    return conn.execute(
        f"SELECT {BUCKETS[bucket]} AS bucket, d.event_pk FROM event_dyads d WHERE {where}"
        " ORDER BY d.date_start", params,
    ).fetchall()


_ENTITY_COLUMNS = (
    "n.entity_pk, n.name, n.kind, n.code, n.wikidata,"
    " (SELECT count(DISTINCT article_pk) FROM actors a WHERE a.entity_pk = n.entity_pk),"
    " (SELECT count(*) FROM event_entities x WHERE x.entity_pk = n.entity_pk) AS events,"
    " (SELECT count(*) FROM actors a JOIN quotes q ON q.speaker_actor_pk = a.actor_pk"
    "  WHERE a.entity_pk = n.entity_pk)"
)


def entity(conn: sqlite3.Connection, entity_pk: int) -> EntityRow | None:
    """One actor across articles, with its counts of articles, events and quotes."""
    row = conn.execute(f"SELECT {_ENTITY_COLUMNS} FROM entities n WHERE n.entity_pk = ?",
                       (entity_pk,)).fetchone()
    return EntityRow(*row) if row else None


CANDIDATES = 300


def find_entities(
    conn: sqlite3.Connection,
    name: str | None,
    code: str | None,
    kind: str | None,
    recent: int,
    limit: int,
) -> list[EntityRow]:
    """Actors matching the filters, most events first.

    Only the first `CANDIDATES` matches are counted and ranked (counting every actor of a large
    database would take seconds); without filters, the `limit` actors most often in the `recent`
    latest events are, so the listing shows who is active now.
    """
    where, params = [], []
    if name:
        where.append("name LIKE ? ESCAPE '\\'")
        params.append(f"%{_literal(name)}%")
    if code:
        where.append("code = ?")
        params.append(code)
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if where:
        candidates = f"SELECT entity_pk FROM entities WHERE {' AND '.join(where)} LIMIT ?"
    else:
        candidates = ("SELECT x.entity_pk FROM (SELECT event_pk FROM events"
                      " ORDER BY date_start DESC LIMIT ?) e JOIN event_entities x USING (event_pk)"
                      " GROUP BY x.entity_pk ORDER BY count(*) DESC LIMIT ?")
        params.append(recent)
    rows = conn.execute(
        f"SELECT {_ENTITY_COLUMNS} FROM entities n WHERE n.entity_pk IN ({candidates})"
        " ORDER BY events DESC, n.name LIMIT ?",
        [*params, CANDIDATES if where else limit, limit],
    )
    return [EntityRow(*row) for row in rows]


def country_entity(conn: sqlite3.Connection, code: str) -> int | None:
    """The entity of a country (or organisation) as an actor in its own right, if stored."""
    row = conn.execute(
        "SELECT entity_pk FROM entities WHERE code = ? AND kind IN ('country', 'organization')"
        " ORDER BY kind = 'country' DESC, entity_pk LIMIT 1",
        (code,),
    ).fetchone()
    return row[0] if row else None


def entity_event_pks(conn: sqlite3.Connection, entity_pk: int, limit: int, offset: int) -> list[int]:
    """An actor's events, newest first (read off the index of event_entities)."""
    return [row[0] for row in conn.execute(
        "SELECT event_pk FROM event_entities WHERE entity_pk = ?"
        " ORDER BY date_start DESC, event_pk DESC LIMIT ? OFFSET ?",
        (entity_pk, limit, offset),
    )]


def code_events(conn: sqlite3.Connection, code: str) -> int:
    """How many events have a participant with this code."""
    return conn.execute("SELECT count(*) FROM event_codes WHERE code = ?", (code,)).fetchone()[0]


def entity_counterparts(
    conn: sqlite3.Connection, entity_pk: int, recent: int, limit: int
) -> list[tuple[int, str, str, str | None, int]]:
    """Who an actor engaged most in its `recent` latest events: (entity, name, kind, code, events)."""
    return conn.execute(
        "WITH mine AS (SELECT event_pk FROM event_entities WHERE entity_pk = ?"
        "  ORDER BY date_start DESC LIMIT ?)"
        " SELECT n.entity_pk, n.name, n.kind, n.code, count(*) AS events FROM mine"
        " JOIN event_entities x ON x.event_pk = mine.event_pk"
        " JOIN entities n ON n.entity_pk = x.entity_pk"
        " WHERE x.entity_pk != ? GROUP BY n.entity_pk ORDER BY events DESC, n.name LIMIT ?",
        (entity_pk, recent, entity_pk, limit),
    ).fetchall()


def code_counterparts(
    conn: sqlite3.Connection, code: str, recent: int, limit: int
) -> list[tuple[str, int]]:
    """The codes a country engaged most in its `recent` latest events: (code, events)."""
    return conn.execute(
        "WITH mine AS (SELECT event_pk FROM event_codes WHERE code = ?"
        "  ORDER BY date_start DESC LIMIT ?)"
        " SELECT c.code, count(*) AS events FROM mine JOIN event_codes c USING (event_pk)"
        " WHERE c.code != ? GROUP BY c.code ORDER BY events DESC, c.code LIMIT ?",
        (code, recent, code, limit),
    ).fetchall()


_QUOTE_COLUMNS = (
    "a.id, a.outlet, q.published, q.id, q.speaker_name, s.code, q.kind, q.text, q.start_char,"
    " q.end_char, q.cue_text"
)


def entity_quotes(conn: sqlite3.Connection, entity_pk: int, limit: int) -> list[QuoteHit]:
    """An actor's latest quotes (as the speaker)."""
    rows = conn.execute(
        f"SELECT {_QUOTE_COLUMNS} FROM actors s"
        " JOIN quotes q ON q.speaker_actor_pk = s.actor_pk JOIN articles a USING (article_pk)"
        " WHERE s.entity_pk = ? ORDER BY q.published DESC, q.quote_pk DESC LIMIT ?",
        (entity_pk, limit),
    )
    return [QuoteHit(*row) for row in rows]


def code_quotes(conn: sqlite3.Connection, code: str, recent: int, limit: int) -> list[QuoteHit]:
    """Quotes by speakers with this code in the articles of the country's `recent` latest events."""
    rows = conn.execute(
        "WITH mine AS (SELECT event_pk FROM event_codes WHERE code = ?"
        "  ORDER BY date_start DESC LIMIT ?),"
        " sources AS (SELECT DISTINCT r.article_pk FROM mine JOIN reports r USING (event_pk))"
        f" SELECT {_QUOTE_COLUMNS} FROM sources JOIN quotes q USING (article_pk)"
        " JOIN articles a USING (article_pk) JOIN actors s ON s.actor_pk = q.speaker_actor_pk"
        " WHERE s.code = ? AND a.current = 1 ORDER BY q.published DESC, q.quote_pk DESC LIMIT ?",
        (code, recent, code, limit),
    )
    return [QuoteHit(*row) for row in rows]


def article(conn: sqlite3.Connection, article_id: str) -> ArticleRow | None:
    """The current version of an article, with its actors' entities and its events' merged ids."""
    row = conn.execute(
        "SELECT article_pk, id, version, title, outlet, published, url, text FROM articles"
        " WHERE id = ? AND current = 1",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    entities = dict(conn.execute(
        "SELECT id, entity_pk FROM actors WHERE article_pk = ?", (row[0],)).fetchall())
    events = dict(conn.execute(
        "SELECT id, event_pk FROM reports WHERE article_pk = ? AND event_pk IS NOT NULL",
        (row[0],)).fetchall())
    return ArticleRow(*row, entities=entities, events=events)
