"""One event across outlets: merging the reports of the same real-world event.

Three outlets report the same phone call in different words, a day apart. Each article's readout
has its own event (a `report` in the database); this module groups reports into one `events` row
that lists them all. Two reports are of the same event when they have

- the same type (CONSULT, ASSAULT, ...),
- the same participants: the set of codes on both sides, unordered, because which side of a call
  or a meeting is the "actor" is the article's choice (an actor without a code counts by identity),
- compatible statuses (`STATUS_GROUPS`: "will meet" and "is ready to meet" are both the future),
- dates within `MergeRules.window_days` of each other (the report's date, or else its article's
  publication date); an event that has come to last more than `MAX_SPAN` takes no more reports.

Grouping is single-linkage: a report that bridges two groups joins them, so the result does not
depend on the order articles arrive in. A report with no participant or no date stays alone.

A planned event is linked (`events.fulfilled_by`) to the first occurred event of the same type and
participants that falls in its expected window: its own date range when the text gave one, else
`MergeRules.link_horizon_days` after it was announced.
"""

from __future__ import annotations

import functools
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from readout.store.db import executemany

STATUS_GROUPS = {
    "occurred": "occurred",
    "planned": "future",
    "intended": "future",
    "negated": "negated",
    "hypothetical": "hypothetical",
}
PRECISION_ORDER = ("day", "week", "month", "year", "unknown")
# Events are looked up from this far before a report's date: the longest an event can last (a
# year's precision) plus a margin. Without the bound, each lookup would read back through every
# earlier event of the same participants, however old.
MAX_SPAN = timedelta(days=400)


@dataclass(frozen=True)
class MergeRules:
    """How readily reports are merged; stored in the database so every run merges the same way."""

    window_days: int = 1
    link_horizon_days: int = 60

    def to_dict(self) -> dict[str, int]:
        return {"window_days": self.window_days, "link_horizon_days": self.link_horizon_days}


def merge_key(event_type: str, status: str, participants: Iterable[str]) -> str | None:
    """`TYPE|participants|status group`, or None when there is nobody to tell events apart by."""
    parts = sorted(set(participants))
    if not parts:
        return None
    return f"{event_type}|{','.join(parts)}|{STATUS_GROUPS.get(status, status)}"


def participant(code: str | None, entity_pk: int) -> str:
    return code if code else f"#{entity_pk}"


def counterpart_key(key: str, group: str) -> str:
    """The same type and participants under another status group (for planned -> occurred)."""
    return key.rsplit("|", 1)[0] + "|" + group


def dyads(actor_codes: Sequence[str], recipient_codes: Sequence[str]) -> set[str]:
    """Unordered code pairs across the two sides; within a side when the other is empty."""
    if actor_codes and recipient_codes:
        pairs = {(a, r) for a in actor_codes for r in recipient_codes}
    else:
        side = sorted(set(actor_codes or recipient_codes))
        pairs = {(a, b) for i, a in enumerate(side) for b in side[i + 1 :]}
    return {"-".join(sorted(pair)) for pair in pairs if pair[0] != pair[1]}


def day(value: str | None) -> date | None:
    """The first day of an ISO date, datetime, month (2024-01) or year (2024); else None."""
    if not value:
        return None
    text = value[:10]
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        return date.fromisoformat(text)
    except ValueError:
        return None


def last_day(value: str | None) -> date | None:
    """The last day covered by an ISO date, month or year string."""
    first = day(value)
    if first is None or value is None:
        return None
    text = value[:10]
    if len(text) == 4:
        return date(first.year, 12, 31)
    if len(text) == 7:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return first


def report_range(
    start: str | None, end: str | None, published: str | None
) -> tuple[date, date] | None:
    """The days a report places its event in: its own date, else its article's date."""
    first = day(start) or day(published)
    if first is None:
        return None
    last = last_day(end) or last_day(start) or first
    return first, max(first, last)


@dataclass
class Report:
    """What merging needs to know of one stored report (an article's event)."""

    pk: int
    key: str | None
    type: str
    status: str
    mode: str | None
    start: str | None
    end: str | None
    precision: str | None
    basis: str | None
    location: tuple[str | None, str | None]
    confidence: float
    primary: bool
    article_pk: int
    published: str | None
    outlet: str | None
    parties: list[tuple[str, str | None, int]]  # (side, code, entity_pk), in order
    topics: list[str]

    @functools.cached_property
    def span(self) -> tuple[date, date] | None:
        return report_range(self.start, self.end, self.published)


class Deferred:
    """Rows of new events held back to the end of an article: one statement per table.

    Writing the filter rows of each new event as it is made costs five statements an event;
    an article's events are written together instead. Anything that reads them back flushes
    first (`assign` does before it joins a report to an existing event).
    """

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple]] = {}

    def add(self, sql: str, rows: list[tuple]) -> None:
        self.rows.setdefault(sql, []).extend(rows)

    def flush(self, conn: sqlite3.Connection) -> None:
        for sql, rows in self.rows.items():
            executemany(conn, sql, rows)
        self.rows.clear()


def assign(
    conn: sqlite3.Connection, report: Report, rules: MergeRules, deferred: Deferred | None = None
) -> int:
    """Put one stored report into its event (new, existing, or several joined); its event_pk.

    With `deferred`, the rows of a new event wait there; the caller flushes it.
    """
    span = report.span
    found = []
    if report.key is not None and span is not None:
        window = timedelta(days=rules.window_days)
        low, high = span[0] - window, span[1] + window
        found = [
            row[0]
            for row in conn.execute(
                "SELECT event_pk FROM events WHERE merge_key = ? AND date_start BETWEEN ? AND ?"
                " AND date_end >= ? ORDER BY event_pk",
                (report.key, (low - MAX_SPAN).isoformat(), high.isoformat(), low.isoformat()),
            )
        ]
    if not found:  # the common case, written from memory without reading anything back
        return _summarise(conn, None, [report], rules, deferred)
    if deferred is not None:
        deferred.flush(conn)
    event_pk = found[0]
    for other in found[1:]:
        conn.execute("UPDATE reports SET event_pk = ? WHERE event_pk = ?", (event_pk, other))
        _drop_event(conn, other, rules)
    conn.execute("UPDATE reports SET event_pk = ? WHERE report_pk = ?", (event_pk, report.pk))
    refresh(conn, event_pk, rules)
    return event_pk


def load_reports(conn: sqlite3.Connection, where: str, params: Sequence[object]) -> list[Report]:
    """Stored reports (`where` is a condition on `r`), in report order, with parties and topics."""
    reports = {}
    for row in conn.execute(
        "SELECT r.report_pk, r.merge_key, r.type, r.status, r.mode, r.date_start, r.date_end,"
        " r.date_precision,"
        " r.date_basis, r.location_name, r.location_code, r.confidence, r.is_primary,"
        " r.article_pk, a.published, a.outlet FROM reports r JOIN articles a USING (article_pk)"
        f" WHERE {where} ORDER BY r.report_pk",
        params,
    ):
        pk, key, kind, status, mode, start, end, precision, basis, lname, lcode = row[:11]
        reports[pk] = Report(pk, key, kind, status, mode, start, end, precision, basis,
                             (lname, lcode), row[11], bool(row[12]), *row[13:], [], [])
    for pk, side, code, entity in conn.execute(
        "SELECT r.report_pk, ra.side, ac.code, ac.entity_pk FROM reports r"
        " JOIN report_actors ra USING (report_pk) JOIN actors ac USING (actor_pk)"
        f" WHERE {where} ORDER BY ra.report_pk, ra.side, ra.position",
        params,
    ):
        reports[pk].parties.append((side, code, entity))
    for pk, label in conn.execute(
        "SELECT r.report_pk, t.label FROM reports r JOIN report_topics t USING (report_pk)"
        f" WHERE {where} ORDER BY r.report_pk, t.position",
        params,
    ):
        reports[pk].topics.append(label)
    return list(reports.values())


def release(conn: sqlite3.Connection, event_pks: Iterable[int], rules: MergeRules) -> None:
    """Re-merge what is left of events that lost reports (an article replaced by a new version).

    Removing a report can split an event (it may have bridged two groups), so the remaining
    reports are re-assigned from scratch, oldest first.
    """
    for event_pk in sorted(set(event_pks)):
        remaining = load_reports(conn, "r.event_pk = ?", (event_pk,))
        conn.execute("UPDATE reports SET event_pk = NULL WHERE event_pk = ?", (event_pk,))
        _drop_event(conn, event_pk, rules)
        for report in remaining:
            assign(conn, report, rules)


def remerge_all(conn: sqlite3.Connection, rules: MergeRules) -> int:
    """Rebuild every event from the reports (after the rules changed); the number of events."""
    conn.execute("UPDATE reports SET event_pk = NULL")
    for table in ("event_codes", "event_entities", "event_dyads", "event_topics", "events"):
        conn.execute(f"DELETE FROM {table}")
    for report in load_reports(conn, "1 = 1", ()):
        assign(conn, report, rules)
    return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def _drop_event(conn: sqlite3.Connection, event_pk: int, rules: MergeRules) -> None:
    for table in ("event_codes", "event_entities", "event_dyads", "event_topics", "events"):
        conn.execute(f"DELETE FROM {table} WHERE event_pk = ?", (event_pk,))
    waiting = [
        row[0]
        for row in conn.execute("SELECT event_pk FROM events WHERE fulfilled_by = ?", (event_pk,))
    ]
    conn.execute("UPDATE events SET fulfilled_by = NULL WHERE fulfilled_by = ?", (event_pk,))
    for planned in waiting:
        _link_planned(conn, planned, rules)


def refresh(conn: sqlite3.Connection, event_pk: int, rules: MergeRules) -> None:
    """Recompute an event's summary and filter rows from its reports, then its planned links."""
    _summarise(conn, event_pk, load_reports(conn, "r.event_pk = ?", (event_pk,)), rules)


def _summarise(
    conn: sqlite3.Connection,
    event_pk: int | None,
    reports: list[Report],
    rules: MergeRules,
    deferred: Deferred | None = None,
) -> int:
    """Write the event's summary, its filter rows and links; its event_pk.

    `event_pk` None: a new event of one report, created here (with nothing to delete first);
    its other rows go to `deferred` when given, else are written now.
    """
    lead = max(reports, key=lambda r: (r.confidence, r.primary, -r.pk))
    spans = [span for span in (r.span for r in reports) if span]
    start = min(s[0] for s in spans).isoformat() if spans else None
    end = max(s[1] for s in spans).isoformat() if spans else None
    lead_sides: tuple[list[str], list[str]] = ([], [])
    for side, code, _ in lead.parties:
        if code and code not in lead_sides[side == "recipient"]:
            lead_sides[side == "recipient"].append(code)
    published = sorted(r.published for r in reports if r.published)
    values = {
        "merge_key": lead.key, "type": lead.type, "status": lead.status,
        "mode": _most_common(r.mode for r in reports), "date_start": start, "date_end": end,
        "date_precision": _finest(r.precision for r in reports if r.span),
        "date_basis": "text" if any(r.basis == "text" for r in reports) else lead.basis,
        "location_name": None, "location_code": None,
        "actor_codes": ",".join(lead_sides[0]), "recipient_codes": ",".join(lead_sides[1]),
        "reports": len(reports), "articles": len({r.article_pk for r in reports}),
        "outlets": len({r.outlet or f"#{r.article_pk}" for r in reports}),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None, "lead_report_pk": lead.pk,
    }
    location = _most_common_pair(r.location for r in reports)
    values["location_name"], values["location_code"] = location
    fresh = event_pk is None
    if fresh:
        event_pk = conn.execute(_INSERT_EVENT, [values[c] for c in _SUMMARY]).lastrowid
        pending = deferred if deferred is not None else Deferred()
        pending.add("UPDATE reports SET event_pk = ? WHERE report_pk = ?", [(event_pk, lead.pk)])
        _filter_rows(event_pk, start, reports, pending)
        if deferred is None:
            pending.flush(conn)
    else:
        conn.execute(_UPDATE_EVENT, [*(values[c] for c in _SUMMARY), event_pk])
        for table in _FILTERS:
            conn.execute(f"DELETE FROM {table} WHERE event_pk = ?", (event_pk,))
        _filter_rows(event_pk, start, reports, pending := Deferred())
        pending.flush(conn)
    _link(conn, event_pk, lead.key, lead.status, start, rules)
    return event_pk


_SUMMARY = (
    "merge_key", "type", "status", "mode", "date_start", "date_end", "date_precision",
    "date_basis", "location_name", "location_code", "actor_codes", "recipient_codes", "reports",
    "articles", "outlets", "first_published", "last_published", "lead_report_pk",
)
_INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_SUMMARY)}) VALUES ({', '.join('?' * len(_SUMMARY))})"
)
_UPDATE_EVENT = f"UPDATE events SET {', '.join(f'{c} = ?' for c in _SUMMARY)} WHERE event_pk = ?"


_FILTERS = {"event_codes": "code", "event_entities": "entity_pk", "event_dyads": "dyad",
            "event_topics": "label"}


def _filter_rows(event_pk: int, start: str | None, reports: list[Report], into: Deferred) -> None:
    """The event's rows in the filter tables: its codes, entities, dyads and topics."""
    pairs: set[str] = set()
    for report in reports:
        sides: tuple[list[str], list[str]] = ([], [])
        for side, code, _ in report.parties:
            if code:
                sides[side == "recipient"].append(code)
        pairs |= dyads(*sides)
    topics: dict[str, str] = {}  # one spelling per label, the first report's
    for report in reports:
        for label in report.topics:
            topics.setdefault(label.casefold(), label)
    values = {
        "event_codes": {code for r in reports for _, code, _ in r.parties if code},
        "event_entities": {entity for r in reports for _, _, entity in r.parties},
        "event_dyads": pairs,
        "event_topics": topics.values(),
    }
    for table, column in _FILTERS.items():
        into.add(f"INSERT INTO {table} (event_pk, {column}, date_start) VALUES (?, ?, ?)",
                 [(event_pk, value, start) for value in sorted(values[table])])


def _link(
    conn: sqlite3.Connection,
    event_pk: int,
    key: str | None,
    status: str,
    start: str | None,
    rules: MergeRules,
) -> None:
    """Update planned -> occurred links after this event was written."""
    if key is None:
        return
    group = STATUS_GROUPS.get(status)
    if group == "future":
        _link_planned(conn, event_pk, rules)
    elif group == "occurred" and start is not None:
        # planned events this one may now fulfil: unlinked ones, those linked to it, and those
        # linked to a later event (the first occurred event in a planned one's window wins)
        window = timedelta(days=rules.window_days)
        horizon = timedelta(days=rules.link_horizon_days)
        first = day(start)
        for row in conn.execute(
            "SELECT p.event_pk FROM events p LEFT JOIN events f ON f.event_pk = p.fulfilled_by"
            " WHERE p.merge_key = ? AND p.date_start BETWEEN ? AND ?"
            " AND min(coalesce(p.first_published, p.date_start), p.date_start) <= ?"
            " AND (p.fulfilled_by IS NULL OR p.fulfilled_by = ? OR f.date_start > ?"
            " OR (f.date_start = ? AND f.event_pk > ?))",
            (
                counterpart_key(key, "future"), (first - horizon - window).isoformat(),
                (first + horizon + window).isoformat(), (first + window).isoformat(),
                event_pk, start, start, event_pk,
            ),
        ).fetchall():
            _link_planned(conn, row[0], rules)


def _link_planned(conn: sqlite3.Connection, event_pk: int, rules: MergeRules) -> None:
    """Point a planned event at the first occurred event in its expected window, or at none."""
    key, start, end, basis, announced = conn.execute(
        "SELECT merge_key, date_start, date_end, date_basis, first_published FROM events"
        " WHERE event_pk = ?",
        (event_pk,),
    ).fetchone()
    window = timedelta(days=rules.window_days)
    known = day(announced) or day(start)
    target = None
    if key is not None and known is not None:
        latest = day(end) if basis == "text" and end else known + timedelta(rules.link_horizon_days)
        row = conn.execute(
            "SELECT event_pk FROM events WHERE merge_key = ? AND date_start BETWEEN ? AND ?"
            " ORDER BY date_start, event_pk LIMIT 1",
            (
                counterpart_key(key, "occurred"),
                (min(known, day(start) or known) - window).isoformat(),
                (latest + window).isoformat(),
            ),
        ).fetchone()
        target = row[0] if row else None
    conn.execute("UPDATE events SET fulfilled_by = ? WHERE event_pk = ?", (target, event_pk))


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(value for value in values if value)
    return counts.most_common(1)[0][0] if counts else None


def _most_common_pair(
    values: Iterable[tuple[str | None, str | None]],
) -> tuple[str | None, str | None]:
    counts = Counter(value for value in values if value[0] or value[1])
    return counts.most_common(1)[0][0] if counts else (None, None)


def _finest(values: Iterable[str | None]) -> str | None:
    found = [value for value in values if value in PRECISION_ORDER]
    return min(found, key=PRECISION_ORDER.index) if found else None

