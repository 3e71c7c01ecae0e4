"""Opening a readout database: one plain SQLite file, in WAL mode, migrated on open.

WAL lets readers (a query, `sqlite3`, Datasette) work while an ingest writes, and makes each commit
durable against a killed process: what was committed is in the file or its `-wal`, and SQLite
replays it on the next open. The connection is in autocommit mode; writes go through `transaction`,
one explicit `BEGIN IMMEDIATE ... COMMIT` per batch.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from readout.errors import StoreError
from readout.store.schema import migrate

BUSY_TIMEOUT_MS = 30_000
WAL_CHECKPOINT_PAGES = 10_000


def connect(
    path: str | Path, *, create: bool = False, readonly: bool = False
) -> sqlite3.Connection:
    """A connection to the database at `path`, migrated to the current schema.

    `create=False` refuses a missing file (a query against a typo'd path should not leave an
    empty database behind); `readonly=True` opens it read-only and skips migration.
    """
    path = Path(path)
    if str(path) != ":memory:" and not path.exists():
        if not create:
            raise StoreError(
                f"{path}: no such database. Create it with `readout ingest ARTICLES --db {path}`, "
                "or pass the right file with --db."
            )
        if not path.parent.exists():
            raise StoreError(f"{path}: the folder {path.parent} does not exist; create it first.")
    check_fts5()
    try:
        if readonly:
            uri = path.resolve().as_uri() + "?mode=ro"  # as_uri escapes spaces, '?' and '#'
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # checkpoint (copy the WAL into the file, with an fsync) every ~40 MB, not every 4 MB:
            # on a busy ingest the fsyncs, not the writes, were a third of the time
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            migrate(conn, name=str(path))
        conn.execute("PRAGMA cache_size = -65536")  # 64 MB: the filter indexes stay in memory
        conn.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{path}: cannot open as a readout database ({error}). Is it an SQLite file? "
            "Pass another file with --db, or move this one away."
        ) from error
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is committed, or none of it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def executemany(conn: sqlite3.Connection, sql: str, rows: list[tuple]) -> None:
    """`conn.executemany`, skipped when there is nothing to write (it would still prepare)."""
    if rows:
        conn.executemany(sql, rows)


@functools.cache
def check_fts5() -> None:
    """Fail early, and clearly, on a Python whose SQLite lacks full-text search."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5 (text)")
    except sqlite3.OperationalError as error:
        raise StoreError(
            f"this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5 full-text search, which "
            "the readout database needs; use a Python built with FTS5 (python.org and most Linux "
            "distributions' builds have it)."
        ) from error
    finally:
        probe.close()
