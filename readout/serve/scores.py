"""Cooperation-conflict scores of many events at once: for a dyad, a month, a network's edges.

A score needs the event's type, mode and status, which live in the `events` rows; the filter
indexes (event_dyads...) give only which events match. Reading one row per event is what makes a
large period slow (tens of thousands of rows scattered over the table), so the server keeps every
event's score in memory, 8 bytes an event (`ScoreTable`, built by one pass over `events`), and
reads only the indexes. `ScoreIndex` rebuilds the table in the background when the database has
changed, at most once every `refresh_s`; meanwhile events newer than the table are scored from
their rows, so the figures stay exact for new events and at most `refresh_s` late for re-merged
ones. Until the first table is ready, `summarise` over SQL tallies gives the same figures.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from readout.serve.queries import Tally
from readout.serve.scale import Scale
from readout.store import Store

logger = logging.getLogger("readout.serve")
UNSCORED = math.nan
CHUNK = 500  # event pks per IN (...) when scoring events the table does not know


@dataclass
class Score:
    """Events of a dyad or a time bucket, and how they score."""

    events: int = 0
    scored: int = 0
    total: float = 0.0
    cooperation: int = 0
    conflict: int = 0

    def add(self, value: float | None, count: int = 1) -> None:
        self.events += count
        if value is not None:
            self.scored += count
            self.total += value * count
            self.cooperation += count if value > 0 else 0
            self.conflict += count if value < 0 else 0

    @property
    def mean(self) -> float | None:
        return round(self.total / self.scored, 2) if self.scored else None


def summarise(tallies: Iterable[Tally], scale: Scale) -> dict[str, Score]:
    """Tallies (per key, type, mode, status) as one Score per key, in the order keys first come."""
    out: dict[str, Score] = {}
    for tally in tallies:
        out.setdefault(tally.key, Score()).add(
            scale.score(tally.type, tally.mode, tally.status), tally.events)
    return out


@dataclass(frozen=True)
class ScoreTable:
    """Every event's score by event_pk (NaN: not scored), as of one version of the database."""

    values: array
    scale: Scale
    version: tuple

    def summarise(self, conn, rows: Iterable[tuple[str, int]]) -> dict[str, Score]:
        """(key, event_pk) rows as one Score per key; events beyond the table are read."""
        groups: dict[str, list[int]] = {}
        for key, pk in rows:
            groups.setdefault(key, []).append(pk)
        values, size = self.values, len(self.values)
        late = sorted({pk for pks in groups.values() for pk in pks if pk >= size})
        extra = score_rows(conn, self.scale, late) if late else {}
        out = {}
        for key, pks in groups.items():
            known = [values[pk] for pk in pks if pk < size]
            scored = list(filter(math.isfinite, known))  # NaN: not scored
            scored += [v for pk in pks if pk >= size and (v := extra.get(pk)) is not None]
            out[key] = Score(events=len(pks), scored=len(scored), total=sum(scored),
                             cooperation=sum(1 for v in scored if v > 0),
                             conflict=sum(1 for v in scored if v < 0))
        return out


def score_rows(conn, scale: Scale, pks: list[int]) -> dict[int, float | None]:
    """The scores of these events, read from their rows."""
    found: dict[int, float | None] = {}
    for first in range(0, len(pks), CHUNK):
        chunk = pks[first:first + CHUNK]
        for pk, kind, mode, status in conn.execute(
            "SELECT event_pk, type, mode, status FROM events"
            f" WHERE event_pk IN ({','.join('?' * len(chunk))})", chunk,
        ):
            found[pk] = scale.score(kind, mode, status)
    return found


def build_table(conn, scale: Scale, version: tuple) -> ScoreTable:
    """One pass over `events`: the score of each (type, mode, status) is computed once."""
    size = (conn.execute("SELECT max(event_pk) FROM events").fetchone()[0] or 0) + 1
    values = array("d", [UNSCORED]) * size
    memo: dict[tuple, float] = {}
    for pk, kind, mode, status in conn.execute("SELECT event_pk, type, mode, status FROM events"):
        key = (kind, mode, status)
        value = memo.get(key)
        if value is None:
            score = scale.score(kind, mode, status)
            value = memo[key] = UNSCORED if score is None else score
        values[pk] = value
    return ScoreTable(values, scale, version)


class ScoreIndex:
    """The current ScoreTable of a database, rebuilt in the background when the file changes."""

    def __init__(self, open_store: Callable[[], Store], version: Callable[[], tuple],
                 scale: Scale, refresh_s: float = 30.0):
        self._open_store = open_store
        self._version = version
        self.scale = scale
        self.refresh_s = refresh_s
        self._table: ScoreTable | None = None
        self._lock = threading.Lock()
        self._building = False
        self._last_start = -math.inf

    def current(self) -> ScoreTable | None:
        """The latest table (None before the first is built); starts a rebuild when it is due."""
        table = self._table
        if table is None or table.version != self._version():
            self._refresh()
        return table

    def _refresh(self) -> None:
        with self._lock:
            if self._building or time.monotonic() - self._last_start < self.refresh_s:
                return
            self._building, self._last_start = True, time.monotonic()
        threading.Thread(target=self._build, name="readout-scores", daemon=True).start()

    def _build(self) -> None:
        try:
            version = self._version()
            with self._open_store() as store:
                self._table = build_table(store.conn, self.scale, version)
        except Exception:  # the SQL path keeps answering; say why in the log
            logger.exception("could not build the table of event scores")
        finally:
            self._building = False

    def wait(self, timeout_s: float = 60.0) -> ScoreTable | None:
        """Build now if needed and wait for it (for tests and benchmarks)."""
        self.current()
        deadline = time.monotonic() + timeout_s
        while (self._building or self._table is None) and time.monotonic() < deadline:
            if not self._building and self._table is None:
                self._last_start = -math.inf
                self._refresh()
            time.sleep(0.01)
        return self._table
