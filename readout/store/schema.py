"""The database schema, as registered migrations that run when a database is opened.

A migration is a version number, a name and a list of SQL statements. `migrate` applies the ones a
database lacks, each in its own transaction, and records each in the `schema_migrations` table and
in `PRAGMA user_version`; so a file written by an older readout is upgraded when a newer one opens
it, and a file written by a newer readout is refused with a message rather than misread.

Statements are kept as a list, not a script, because `sqlite3.executescript` commits on its own:
a crash in the middle of a migration must leave the database at the previous version, not half-way.
The tables are documented column by column in docs/store.md.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from readout.errors import StoreError


@dataclass(frozen=True)
class Migration:
    """One step of the schema: applied once, in order, never edited after release."""

    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: list[Migration] = []


def register(version: int, name: str, statements: Sequence[str]) -> Migration:
    """Add a migration to the registry; versions must follow each other (1, 2, 3...)."""
    expected = len(MIGRATIONS) + 1
    if version != expected:
        raise ValueError(
            f"migration {version} ({name}) registered out of order; expected {expected}"
        )
    migration = Migration(version, name, tuple(statements))
    MIGRATIONS.append(migration)
    return migration


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    return migrations[-1].version if migrations else 0


def current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(
    conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS, name: str = "database"
) -> list[int]:
    """Bring the database to the latest version; return the versions applied (often none).

    The connection must be in autocommit mode (`isolation_level=None`): each migration runs in
    its own `BEGIN IMMEDIATE` transaction, so two processes opening a new file at once do not
    both apply it (the second waits, then finds nothing left to do).
    """
    applied = []
    for migration in migrations:
        if current_version(conn) >= migration.version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(conn) < migration.version:  # re-read under the write lock
                _apply(conn, migration)
                applied.append(migration.version)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    found = current_version(conn)
    if found > latest_version(migrations):
        raise StoreError(
            f"{name}: the database has schema version {found}, newer than this readout knows "
            f"({latest_version(migrations)}); upgrade readout (pip install -U readout) to open it."
        )
    return applied


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for statement in migration.statements:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
        (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    conn.execute(f"PRAGMA user_version = {int(migration.version)}")


# --- version 1 -------------------------------------------------------------------------------
# Per-article tables hold the contract as extracted (articles, actors, mentions, reports = the
# contract's events, quotes, topics). `events` holds one row per real-world event, merged across
# outlets by readout.store.merge; the event_* tables index it for the filters of readout.store.query
# and carry date_start so that each filter can also serve "newest first" from its index.

_ARTICLES = (
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE articles (
        article_pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        current INTEGER NOT NULL DEFAULT 1,
        sha256 TEXT NOT NULL UNIQUE,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        language TEXT,
        chars INTEGER,
        warnings TEXT NOT NULL DEFAULT '[]',
        source TEXT,
        text TEXT,
        readout TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        UNIQUE (id, version)
    )""",
    "CREATE INDEX articles_by_published ON articles (published)",
    """CREATE TABLE entities (
        entity_pk INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        code TEXT,
        wikidata TEXT
    )""",
    "CREATE INDEX entities_by_code ON entities (code)",
    "CREATE INDEX entities_by_name ON entities (name COLLATE NOCASE)",
    "CREATE INDEX entities_by_wikidata ON entities (wikidata)",
    """CREATE TABLE actors (
        actor_pk INTEGER PRIMARY KEY,
        article_pk INTEGER NOT NULL REFERENCES articles (article_pk),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        code TEXT,
        sector TEXT,
        role TEXT,
        wikidata TEXT,
        entity_pk INTEGER NOT NULL REFERENCES entities (entity_pk),
        UNIQUE (article_pk, id)
    )""",
    "CREATE INDEX actors_by_entity ON actors (entity_pk)",
    """CREATE TABLE mentions (
        actor_pk INTEGER NOT NULL REFERENCES actors (actor_pk),
        position INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        PRIMARY KEY (actor_pk, position)
    ) WITHOUT ROWID""",
    """CREATE TABLE quotes (
        quote_pk INTEGER PRIMARY KEY,
        article_pk INTEGER NOT NULL REFERENCES articles (article_pk),
        id TEXT NOT NULL,
        speaker_actor_pk INTEGER REFERENCES actors (actor_pk),
        speaker_name TEXT,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        cue_text TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        published TEXT,
        UNIQUE (article_pk, id)
    )""",
    "CREATE INDEX quotes_by_speaker ON quotes (speaker_actor_pk)",
    """CREATE VIRTUAL TABLE quotes_fts USING fts5 (
        text, speaker_name, content='quotes', content_rowid='quote_pk',
        tokenize='unicode61 remove_diacritics 2', detail='column'
    )""",
    """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, text, speaker_name)
        VALUES (new.quote_pk, new.text, new.speaker_name);
    END""",
    """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name)
        VALUES ('delete', old.quote_pk, old.text, old.speaker_name);
    END""",
    """CREATE TRIGGER quotes_fts_update AFTER UPDATE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name)
        VALUES ('delete', old.quote_pk, old.text, old.speaker_name);
        INSERT INTO quotes_fts (rowid, text, speaker_name)
        VALUES (new.quote_pk, new.text, new.speaker_name);
    END""",
    """CREATE TABLE topics (
        article_pk INTEGER NOT NULL REFERENCES articles (article_pk),
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (article_pk, position)
    ) WITHOUT ROWID""",
    "CREATE INDEX topics_by_label ON topics (label COLLATE NOCASE)",
)

_REPORTS = (
    """CREATE TABLE reports (
        report_pk INTEGER PRIMARY KEY,
        article_pk INTEGER NOT NULL REFERENCES articles (article_pk),
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        contexts TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        date_precision TEXT,
        date_text TEXT,
        date_basis TEXT,
        date_span_start INTEGER,
        date_span_end INTEGER,
        location_name TEXT,
        location_code TEXT,
        location_lat REAL,
        location_lon REAL,
        location_span_start INTEGER,
        location_span_end INTEGER,
        trigger_text TEXT,
        trigger_start INTEGER,
        trigger_end INTEGER,
        evidence TEXT NOT NULL DEFAULT '[]',
        is_primary INTEGER NOT NULL,
        confidence REAL NOT NULL,
        merge_key TEXT,
        event_pk INTEGER REFERENCES events (event_pk),
        UNIQUE (article_pk, id)
    )""",
    "CREATE INDEX reports_by_event ON reports (event_pk)",
    """CREATE TABLE report_actors (
        report_pk INTEGER NOT NULL REFERENCES reports (report_pk),
        side TEXT NOT NULL CHECK (side IN ('actor', 'recipient')),
        position INTEGER NOT NULL,
        actor_pk INTEGER NOT NULL REFERENCES actors (actor_pk),
        PRIMARY KEY (report_pk, side, position)
    ) WITHOUT ROWID""",
    """CREATE TABLE report_topics (
        report_pk INTEGER NOT NULL REFERENCES reports (report_pk),
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (report_pk, position)
    ) WITHOUT ROWID""",
    """CREATE TABLE report_quotes (
        report_pk INTEGER NOT NULL REFERENCES reports (report_pk),
        position INTEGER NOT NULL,
        quote_pk INTEGER NOT NULL REFERENCES quotes (quote_pk),
        PRIMARY KEY (report_pk, position)
    ) WITHOUT ROWID""",
)

_EVENTS = (
    """CREATE TABLE events (
        event_pk INTEGER PRIMARY KEY,
        merge_key TEXT,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        mode TEXT,
        date_start TEXT,
        date_end TEXT,
        date_precision TEXT,
        date_basis TEXT,
        location_name TEXT,
        location_code TEXT,
        actor_codes TEXT NOT NULL DEFAULT '',
        recipient_codes TEXT NOT NULL DEFAULT '',
        reports INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        first_published TEXT,
        last_published TEXT,
        lead_report_pk INTEGER REFERENCES reports (report_pk),
        fulfilled_by INTEGER REFERENCES events (event_pk)
    )""",
    "CREATE INDEX events_by_key ON events (merge_key, date_start, date_end)",
    "CREATE INDEX events_by_date ON events (date_start)",
    "CREATE INDEX events_by_type_status ON events (type, status, date_start)",
    "CREATE INDEX events_by_fulfilled ON events (fulfilled_by) WHERE fulfilled_by IS NOT NULL",
    """CREATE TABLE event_codes (
        event_pk INTEGER NOT NULL REFERENCES events (event_pk),
        code TEXT NOT NULL,
        date_start TEXT,
        PRIMARY KEY (event_pk, code)
    ) WITHOUT ROWID""",
    "CREATE INDEX event_codes_by_code ON event_codes (code, date_start)",
    """CREATE TABLE event_entities (
        event_pk INTEGER NOT NULL REFERENCES events (event_pk),
        entity_pk INTEGER NOT NULL REFERENCES entities (entity_pk),
        date_start TEXT,
        PRIMARY KEY (event_pk, entity_pk)
    ) WITHOUT ROWID""",
    "CREATE INDEX event_entities_by_entity ON event_entities (entity_pk, date_start)",
    """CREATE TABLE event_dyads (
        event_pk INTEGER NOT NULL REFERENCES events (event_pk),
        dyad TEXT NOT NULL,
        date_start TEXT,
        PRIMARY KEY (event_pk, dyad)
    ) WITHOUT ROWID""",
    "CREATE INDEX event_dyads_by_dyad ON event_dyads (dyad, date_start)",
    """CREATE TABLE event_topics (
        event_pk INTEGER NOT NULL REFERENCES events (event_pk),
        label TEXT NOT NULL COLLATE NOCASE,
        date_start TEXT,
        PRIMARY KEY (event_pk, label)
    ) WITHOUT ROWID""",
    "CREATE INDEX event_topics_by_label ON event_topics (label, date_start)",
    """CREATE TABLE failures (
        failure_pk INTEGER PRIMARY KEY,
        input TEXT NOT NULL UNIQUE,
        article_id TEXT,
        reason TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    )""",
)

register(1, "articles, extracted records, merged events, failures", _ARTICLES + _REPORTS + _EVENTS)
