"""The web app's access to the database: read connections per thread, one writer, a small cache.

SQLite connections belong to the thread that opened them, and the app answers requests on a pool
of threads, so each thread opens its own read-only `Store` on first use (with `query_only`, so not
even a bug can write through it). Every read runs under a deadline: a query that runs longer than
`max_query_ms` is interrupted and reported, so one expensive request cannot hold a thread.

Writes, when the server allows them, go to a single writer thread with its own `Store` (as
Datasette does): SQLite has one writer at a time anyway, and readers keep reading meanwhile (WAL).

The cache holds results that are the same for everyone (the overview) and is emptied whenever the
database file changes (its size or modification time, or its write-ahead log's). `scores` keeps
every event's cooperation-conflict score in memory (readout.serve.scores).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from readout.errors import StoreError
from readout.serve.scale import load_scale
from readout.serve.scores import ScoreIndex
from readout.store import Store

T = TypeVar("T")
CACHE_ENTRIES = 64
MMAP_BYTES = 1 << 32  # read the file through memory maps: no copy per page (address space only)
PROGRESS_STEPS = 20_000  # SQLite VM steps between deadline checks (well under a millisecond)


class QueryTimeout(StoreError):
    """A query ran past the server's limit and was stopped."""


def _interrupted(error: BaseException | None) -> bool:
    """Whether SQLite stopped a query at our deadline (maybe wrapped in a StoreError)."""
    while error is not None:
        if isinstance(error, sqlite3.OperationalError) and str(error) == "interrupted":
            return True
        error = error.__cause__
    return False


class Database:
    """One database file, as the web app reads (and maybe writes) it."""

    def __init__(self, path: Path, *, allow_writes: bool = False, max_query_ms: int = 3000):
        self.path = Path(path)
        self.max_query_ms = max_query_ms
        Store(self.path, readonly=True).close()  # fail now, with the store's message, not later
        self._local = threading.local()
        self._cache: OrderedDict[tuple, tuple[tuple, object]] = OrderedDict()
        self._lock = threading.Lock()
        self._writer = ThreadPoolExecutor(1, "readout-writer") if allow_writes else None
        self._writer_store: Store | None = None
        self.scores = ScoreIndex(lambda: Store(self.path, readonly=True), self._version,
                                 load_scale())

    @property
    def writable(self) -> bool:
        return self._writer is not None

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """This thread's read-only store, with the query deadline armed while it is used."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, readonly=True)
            store.conn.execute("PRAGMA query_only = ON")
            store.conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self._local.store = store
        deadline = time.monotonic() + self.max_query_ms / 1000
        store.conn.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
        try:
            yield store
        except Exception as error:
            if _interrupted(error):
                raise QueryTimeout(
                    f"the query took longer than {self.max_query_ms} ms and was stopped; "
                    "narrow it (a shorter date range, a country or a type)."
                ) from error
            raise
        finally:
            store.conn.set_progress_handler(None, 0)

    def read(self, work: Callable[[Store], T]) -> T:
        with self.reading() as store:
            return work(store)

    def cached(self, key: tuple, work: Callable[[Store], T]) -> T:
        """`read(work)`, remembered until the database changes."""
        version = self._version()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                self._cache.move_to_end(key)
                return hit[1]  # type: ignore[return-value]
        value = self.read(work)
        with self._lock:
            self._cache[key] = (version, value)
            self._cache.move_to_end(key)
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.popitem(last=False)
        return value

    def write(self, work: Callable[[Store], T]) -> T:
        """Run `work` on the writer thread's store (only when the server allows writes)."""
        if self._writer is None:
            raise StoreError("this server is read-only; restart it with --allow-writes to write.")
        return self._writer.submit(self._run_write, work).result()

    def _run_write(self, work: Callable[[Store], T]) -> T:
        if self._writer_store is None:
            self._writer_store = Store(self.path)
        return work(self._writer_store)

    def close(self) -> None:
        """Stop the writer (closing its store on its own thread); readers close with the process."""
        if self._writer is not None:
            if self._writer_store is not None:
                self._writer.submit(self._writer_store.close).result()
            self._writer.shutdown()
            self._writer = None

    def _version(self) -> tuple:
        """What changes whenever a commit lands: size and mtime of the file and of its WAL."""
        stamps = []
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                stat = path.stat()
                stamps.append((stat.st_size, stat.st_mtime_ns))
            except FileNotFoundError:
                stamps.append(None)
        return tuple(stamps)
