"""The embedded store: readouts in one SQLite file, merged across outlets, queried and exported.

    from readout.store import EventFilter, Store

    with Store("news.db") as store:
        for event in store.events(EventFilter(country="UKR", type="CONSULT")):
            print(event.date["start"], event.type, len(event.sources))

Modules: `schema` (tables and registered migrations), `db` (opening, WAL, transactions), `write`
(a readout into rows), `merge` (one event across outlets), `query` (filters and results),
`export` (jsonl, plover, csv, parquet), `ingest` (articles -> extraction -> store), `store`
(the `Store` class over all of them). The schema is documented in docs/store.md.
"""

from readout.store.merge import MergeRules
from readout.store.query import (
    ActorSummary,
    EventFilter,
    FailureRecord,
    MergedEvent,
    Party,
    QuoteHit,
    Source,
)
from readout.store.store import Store

__all__ = [
    "ActorSummary",
    "EventFilter",
    "FailureRecord",
    "MergeRules",
    "MergedEvent",
    "Party",
    "QuoteHit",
    "Source",
    "Store",
]
