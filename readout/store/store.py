"""`Store`: the readout database as a Python object. The CLI and the web API are thin layers on it.

    with Store("news.db", create=True) as store:
        store.add(readout, text=article.text, source=article.source)
        for event in store.events(EventFilter(dyad="UKR-ITA", since="2024-01-01")):
            print(event.type, [source.outlet for source in event.sources])

Writes are idempotent: an article is stored under the hash of its text, so storing it again
changes nothing; a changed text under the same article id is stored as a new version (the old
version's readout JSON is kept, its extracted rows are replaced). Inside `with store.batch():`
many writes share one transaction, which is how `ingest` commits every few dozen articles.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Literal, Self, TextIO

from readout.errors import StoreError
from readout.records import Failure, Readout
from readout.store import export, merge, query, write
from readout.store.db import connect, transaction
from readout.store.merge import MergeRules
from readout.store.query import (
    ActorSummary,
    EventFilter,
    FailureRecord,
    MergedEvent,
    QuoteHit,
)

Outcome = Literal["added", "version", "unchanged"]


class Store:
    """A readout database file (created on first use with `create=True`)."""

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = False,
        readonly: bool = False,
        rules: MergeRules | None = None,
    ):
        self.path = Path(path)
        self.readonly = readonly
        self.conn = connect(self.path, create=create, readonly=readonly)
        self._session = write.Session()
        self._in_batch = False
        stored = self._stored_rules()
        self._rules = stored or MergeRules()
        if stored is None and not readonly:
            self._save_rules(rules or MergeRules())
        elif rules is not None and rules != stored:
            self.set_rules(rules)

    # -- lifecycle ------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the file; first let SQLite refresh the statistics its query planner uses."""
        if not self.readonly:
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Group writes into one transaction: all of them are committed, or none."""
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only; open it with Store(path) to write.")
        if self._in_batch:
            raise StoreError("a batch is already open on this store; nest writes in the outer one.")
        self._in_batch = True
        try:
            with transaction(self.conn):
                self._session.begin()
                yield self
        except BaseException:
            self._session.forget()
            raise
        finally:
            self._in_batch = False

    def _write(self):
        return nullcontext() if self._in_batch else self.batch()

    # -- writing --------------------------------------------------------------------------------

    @property
    def rules(self) -> MergeRules:
        """How this database merges reports into events (stored in its `settings` table)."""
        return self._rules

    def set_rules(self, rules: MergeRules) -> int:
        """Change how events are merged and rebuild them all; the number of events after."""
        with self._write():
            self._save_rules(rules)
            return merge.remerge_all(self.conn, rules)

    def has(self, sha256: str) -> bool:
        """Whether an article with this text hash is stored already (any version)."""
        found = self.conn.execute("SELECT 1 FROM articles WHERE sha256 = ?", (sha256,)).fetchone()
        return found is not None

    def add(
        self, readout: Readout, *, text: str | None = None, source: str | None = None
    ) -> Outcome:
        """Store one article's readout; "added", "version" (replaced an older text) or "unchanged".

        `text` is the article text the offsets point into (kept so evidence can be quoted back);
        `source` is where it came from, and clears a failure recorded for that input earlier.
        """
        meta = readout.article
        if not meta.sha256:
            raise StoreError(f"article {meta.id!r} has no sha256; store readouts made by readout.")
        with self._write():
            rules = self.rules
            if self.has(meta.sha256):
                self._clear_failure(source)
                return "unchanged"
            previous = self.conn.execute(
                "SELECT article_pk FROM articles WHERE id = ? AND current = 1", (meta.id,)
            ).fetchone()
            released: list[int] = []
            if previous is not None:
                self.conn.execute("UPDATE articles SET current = 0 WHERE article_pk = ?", previous)
                released = write.delete_records(self.conn, previous[0])
            version = self.conn.execute(
                "SELECT coalesce(max(version), 0) + 1 FROM articles WHERE id = ?", (meta.id,)
            ).fetchone()[0]
            article_pk = write.insert_article(self.conn, readout, version, text, source)
            reports = write.insert_records(self.conn, article_pk, readout, self._session)
            merge.release(self.conn, released, rules)
            deferred = merge.Deferred()
            for report in reports:
                merge.assign(self.conn, report, rules, deferred)
            deferred.flush(self.conn)
            self._clear_failure(source)
        return "version" if previous is not None else "added"

    def record_failure(self, failure: Failure) -> None:
        """Keep an input that failed, with its reason; a later success for it removes it."""
        stamp = write.now()
        with self._write():
            self.conn.execute(
                "INSERT INTO failures (input, article_id, reason, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (input) DO UPDATE SET"
                " reason = excluded.reason, article_id = excluded.article_id,"
                " last_seen = excluded.last_seen, attempts = attempts + 1",
                (failure.input, failure.article_id, failure.reason, stamp, stamp),
            )

    def _clear_failure(self, source: str | None) -> None:
        if source is not None:
            self.conn.execute("DELETE FROM failures WHERE input = ?", (source,))

    def _stored_rules(self) -> MergeRules | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = 'merge'").fetchone()
        return MergeRules(**json.loads(row[0])) if row else None

    def _save_rules(self, rules: MergeRules) -> None:
        self._rules = rules
        with self._write():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES ('merge', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (json.dumps(rules.to_dict()),),
            )

    # -- reading --------------------------------------------------------------------------------

    def events(
        self, flt: EventFilter | None = None, *, limit: int | None = 50, offset: int = 0
    ) -> list[MergedEvent]:
        """Merged events matching the filter, newest first, each with its sources."""
        pks = query.find_events(self.conn, flt or EventFilter(), limit, offset)
        return query.load_events(self.conn, pks)

    def event(self, event_pk: int) -> MergedEvent | None:
        found = query.load_events(self.conn, [event_pk])
        return found[0] if found else None

    def quotes(
        self,
        text: str,
        *,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
    ) -> list[QuoteHit]:
        """Quotes containing every word of `text`, best match first."""
        try:
            return query.find_quotes(self.conn, text, speaker, since, until, limit)
        except sqlite3.OperationalError as error:
            raise StoreError(f"cannot search quotes for {text!r}: {error}") from error

    def actors(
        self,
        *,
        name: str | None = None,
        country: str | None = None,
        kind: str | None = None,
        limit: int = 50,
    ) -> list[ActorSummary]:
        """Actors across all articles, with how many articles, events and quotes they are in."""
        return query.find_actors(self.conn, name, country, kind, limit)

    def failures(self) -> list[FailureRecord]:
        """Inputs that failed and have not succeeded since, most recent first."""
        return query.find_failures(self.conn)

    def readout(self, article_id: str) -> Readout | None:
        """The current readout of an article, exactly as it was stored."""
        row = self.conn.execute(
            "SELECT readout FROM articles WHERE id = ? AND current = 1", (article_id,)
        ).fetchone()
        return Readout.from_dict(json.loads(row[0])) if row else None

    def counts(self) -> dict[str, int]:
        """How many of each: articles (current), versions, events, reports, quotes, failures."""
        sql = {
            "articles": "SELECT count(*) FROM articles WHERE current = 1",
            "versions": "SELECT count(*) FROM articles",
            "events": "SELECT count(*) FROM events",
            "reports": "SELECT count(*) FROM reports",
            "quotes": "SELECT count(*) FROM quotes",
            "failures": "SELECT count(*) FROM failures",
        }
        return {name: self.conn.execute(statement).fetchone()[0] for name, statement in sql.items()}

    def export(
        self,
        fmt: str,
        destination: str | Path | TextIO | None = None,
        flt: EventFilter | None = None,
    ) -> int:
        """Write jsonl, plover, csv or parquet (see readout.store.export); records written."""
        return export.export(self.conn, fmt, destination, flt)
