"""What each page shows, as data: one function per page, returning the model its JSON twin serves.

Each takes a read-only `Store` and the page's checked query, asks the store (or
readout.serve.queries for what the store has no method for) and shapes the answer. No HTTP here:
the routes in api.py and pages.py are thin layers on these functions.
"""

from __future__ import annotations

import functools
from dataclasses import asdict
from datetime import date, timedelta
from urllib.parse import quote

from readout.errors import ReadoutError, StoreError
from readout.records import Readout
from readout.serve import queries
from readout.serve.config import (
    DEFAULT_PERIOD_DAYS,
    MAX_EDGES,
    MAX_NODES,
    MAX_PERIOD_DAYS,
    QUOTE_EVENTS,
    RECENT_EVENTS,
)
from readout.serve.highlight import segments
from readout.serve.models import (
    ActorEntry,
    ActorInfo,
    ActorItem,
    ActorList,
    ActorQuery,
    ActorView,
    ArticleInfo,
    ArticleView,
    Counterpart,
    DyadQuery,
    DyadSummary,
    DyadView,
    Edge,
    EventItem,
    EventList,
    EventQuery,
    NetworkQuery,
    NetworkView,
    Node,
    Overview,
    PageInfo,
    PageQuery,
    Period,
    QuoteItem,
    QuoteList,
    QuoteQuery,
    ScorePoint,
)
from readout.serve.network import busiest, circle
from readout.serve.scale import load_scale
from readout.serve.scores import Score, ScoreTable, summarise
from readout.store import EventFilter, Store
from readout.store.query import load_events

LATEST_EVENTS = 10
BUSIEST_DYADS = 12
COUNTERPARTS = 15
ACTOR_QUOTES = 20


class NotFound(ReadoutError):
    """The page asks for something the database does not hold."""


# --- links and names -----------------------------------------------------------------------------

def article_url(article_id: str, event: str | None = None) -> str:
    return f"/articles/{quote(article_id, safe='')}" + (f"?event={quote(event)}" if event else "")


def dyad_url(dyad: str) -> str:
    return f"/dyads/{quote(dyad, safe='')}"


def country_url(code: str) -> str:
    return f"/countries/{quote(code, safe='')}"


def actor_url(entity: int) -> str:
    return f"/actors/{entity}"


@functools.lru_cache(maxsize=1)
def _code_names() -> dict[str, str]:
    from readout.resolve.lexicon import load_lexicon

    lexicon = load_lexicon()
    names = {code: country.name for code, country in lexicon.countries.items()}
    names.update({code: org.name for code, org in lexicon.organizations.items()})
    return names


def code_name(code: str) -> str:
    """A country's or organisation's name ("UKR" -> "Ukraine"); the code when unknown."""
    return _code_names().get(code, code)


# --- periods -------------------------------------------------------------------------------------

def first_day(value: str) -> date:
    parts = [int(part) for part in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def last_day(value: str) -> date:
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - timedelta(days=1)
    return date(parts[0], 12, 31)


def period(store: Store, since: str | None, until: str | None) -> Period:
    """The period asked for, defaulting to the 90 days up to the newest event; at most a year."""
    try:
        end = last_day(until) if until else None
        start = first_day(since) if since else None
    except ValueError as error:
        raise StoreError(f"not a date: {error}; write dates as 2024-01-31.") from error
    if end is None:
        newest = queries.latest_date(store.conn)
        end = last_day(newest[:10]) if newest else date.today()
        if start is not None and start > end:
            end = start + timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    start = start or end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if start > end:
        raise StoreError(f"the period starts ({start}) after it ends ({end}); swap since and until.")
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise StoreError(f"the period {start}..{end} is longer than {MAX_PERIOD_DAYS} days; "
                         "choose a shorter one.")
    return Period(since=start.isoformat(), until=end.isoformat())


def page_info(query: PageQuery, found: int) -> PageInfo:
    """`found` is how many rows came back when limit + 1 were asked for."""
    return PageInfo(limit=query.limit, offset=query.offset, more=found > query.limit)


# --- pages ---------------------------------------------------------------------------------------

def overview(store: Store, table: ScoreTable | None = None) -> Overview:
    """Counts, the latest events and the busiest country pairs of the last 90 days."""
    span = period(store, None, None)
    counts = queries.dyad_counts(store.conn, span.since, span.until)
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:BUSIEST_DYADS]
    scores = _scores(store, [dyad for dyad, _ in top], span, table)
    return Overview(
        counts=store.counts(), period=span, latest=store.events(limit=LATEST_EVENTS),
        dyads=[DyadSummary(dyad=dyad, names=[code_name(c) for c in dyad.split("-")], events=n,
                           scored=scores[dyad].scored, score=scores[dyad].mean, url=dyad_url(dyad))
               for dyad, n in top],
    )


def _scores(store: Store, dyads: list[str], span: Period, table: ScoreTable | None
            ) -> dict[str, Score]:
    """The scores of these dyads in the period: from the score table when there is one, else
    from each event's row (the same figures, slower)."""
    if table is not None:
        rows = queries.dyad_event_pks(store.conn, dyads, span.since, span.until)
        found = table.summarise(store.conn, rows)
    else:
        tallies = queries.dyad_tallies(store.conn, dyads, span.since, span.until)
        found = summarise(tallies, load_scale())
    return {dyad: found.get(dyad, Score()) for dyad in dyads}


def timeline(store: Store, query: EventQuery) -> EventList:
    names = ("actor", "country", "dyad", "type", "status", "topic", "since", "until")
    flt = EventFilter(**{name: getattr(query, name) for name in names}).checked()
    found = store.events(flt, limit=query.limit + 1, offset=query.offset)
    applied = {name: getattr(flt, name) for name in names if getattr(flt, name)}
    return EventList(filters=applied, items=found[:query.limit], page=page_info(query, len(found)))


def actors(store: Store, query: ActorQuery) -> ActorList:
    """Actors by name, code or kind (or, without filters, those of the latest events)."""
    code = query.country.upper() if query.country else None
    rows = queries.find_entities(store.conn, query.name, code, query.kind, RECENT_EVENTS,
                                 query.limit)
    return ActorList(items=[ActorEntry(**asdict(row), url=actor_url(row.entity)) for row in rows])


def actor_view(store: Store, entity: int, page: PageQuery) -> ActorView:
    """A person, organisation or group: their events, counterparts and quotes."""
    row = queries.entity(store.conn, entity)
    if row is None:
        raise NotFound(f"no actor {entity} in this database; find one at /actors?name=...")
    if row.kind == "country" and row.code:
        return country_view(store, row.code, page)
    pks = queries.entity_event_pks(store.conn, entity, page.limit + 1, page.offset)
    counterparts = [
        Counterpart(name=name, kind=kind, code=code, events=count, url=actor_url(pk))
        for pk, name, kind, code, count in queries.entity_counterparts(
            store.conn, entity, RECENT_EVENTS, COUNTERPARTS)
    ]
    return ActorView(
        actor=ActorInfo(entity=row.entity, name=row.name, kind=row.kind, code=row.code,
                        wikidata=row.wikidata, articles=row.articles, events=row.events,
                        quotes=row.quotes, country_url=country_url(row.code) if row.code else None),
        events=load_events(store.conn, pks[:page.limit]), page=page_info(page, len(pks)),
        recent=RECENT_EVENTS, counterparts=counterparts,
        quotes=queries.entity_quotes(store.conn, entity, ACTOR_QUOTES),
    )


def country_view(store: Store, code: str, page: PageQuery) -> ActorView:
    """A country (or organisation) through everyone with its code: events, counterparts, quotes."""
    code = code.upper()
    events = queries.code_events(store.conn, code)
    if not events:
        raise NotFound(f"no events with {code!r} in this database; country codes are ISO "
                       "alpha-3 (UKR) or organisation codes (EU).")
    found = store.events(EventFilter(country=code), limit=page.limit + 1, offset=page.offset)
    counterparts = [
        Counterpart(name=code_name(other), kind="country", code=other, events=count,
                    url=country_url(other))
        for other, count in queries.code_counterparts(store.conn, code, RECENT_EVENTS, COUNTERPARTS)
    ]
    return ActorView(
        actor=ActorInfo(entity=queries.country_entity(store.conn, code), name=code_name(code),
                        kind="country", code=code, events=events),
        events=found[:page.limit], page=page_info(page, len(found)), recent=RECENT_EVENTS,
        counterparts=counterparts,
        quote_events=QUOTE_EVENTS,
        quotes=queries.code_quotes(store.conn, code, QUOTE_EVENTS, ACTOR_QUOTES),
    )


def dyad_view(store: Store, dyad: str, query: DyadQuery, table: ScoreTable | None = None
              ) -> DyadView:
    """A country pair: its cooperation-conflict score over time, and its events."""
    flt = EventFilter(dyad=dyad, since=query.since, until=query.until).checked()
    since = first_day(query.since).isoformat() if query.since else None
    until = last_day(query.until).isoformat() if query.until else None
    if table is not None:
        rows = queries.dyad_series_pks(store.conn, flt.dyad, since, until, query.bucket)
        buckets = table.summarise(store.conn, rows)
    else:
        tallies = queries.dyad_series(store.conn, flt.dyad, since, until, query.bucket)
        buckets = summarise(tallies, load_scale())
    found = store.events(flt, limit=query.limit + 1, offset=query.offset)
    if not buckets and not found:
        raise NotFound(f"no events between {' and '.join(flt.dyad.split('-'))} in this database"
                       + (" in that period" if query.since or query.until else "") + ".")
    overall = Score()
    for score in buckets.values():
        overall.events += score.events
        overall.scored += score.scored
        overall.total += score.total
    codes = flt.dyad.split("-")
    return DyadView(
        dyad=flt.dyad, names=[code_name(code) for code in codes],
        urls=[country_url(code) for code in codes], bucket=query.bucket, score=overall.mean,
        series=[ScorePoint(bucket=key, events=s.events, scored=s.scored, score=s.mean,
                           cooperation=s.cooperation, conflict=s.conflict)
                for key, s in buckets.items()],
        events=found[:query.limit], page=page_info(query, len(found)),
    )


def network_view(store: Store, query: NetworkQuery, table: ScoreTable | None = None
                 ) -> NetworkView:
    """Who engaged whom in a period: countries as nodes, dyads as edges (the busiest of each)."""
    span = period(store, query.since, query.until)
    code = query.country.upper() if query.country else None
    counts = queries.dyad_counts(store.conn, span.since, span.until, code)
    nodes, kept, truncated = busiest(counts, MAX_NODES, MAX_EDGES)
    scores = _scores(store, [f"{link.a}-{link.b}" for link in kept], span, table)
    places = circle(len(nodes))
    return NetworkView(
        period=span, country=code, truncated=truncated,
        nodes=[Node(code=c, name=code_name(c), events=n, x=x, y=y, url=country_url(c))
               for (c, n), (x, y) in zip(nodes, places, strict=True)],
        edges=[Edge(source=link.a, target=link.b, dyad=f"{link.a}-{link.b}", events=link.events,
                    score=scores[f"{link.a}-{link.b}"].mean, url=dyad_url(f"{link.a}-{link.b}"))
               for link in kept],
    )


def quote_list(store: Store, query: QuoteQuery) -> QuoteList:
    """Quotes containing every word of `q` (full-text search), best match first."""
    asked = {name: value for name in ("q", "speaker", "since", "until")
             if (value := getattr(query, name))}
    if not query.q:
        return QuoteList(query=asked, items=[], page=page_info(query, 0))
    found = store.quotes(query.q, speaker=query.speaker, since=query.since, until=query.until,
                         limit=query.offset + query.limit + 1)
    found = found[query.offset:]
    return QuoteList(query=asked, items=found[:query.limit], page=page_info(query, len(found)))


def article_view(store: Store, article_id: str) -> ArticleView:
    """A stored article's text with everything its readout found, ready to highlight."""
    row = queries.article(store.conn, article_id)
    readout = store.readout(article_id) if row else None
    if row is None or readout is None:
        raise NotFound(f"no article {article_id!r} in this database; the timeline links to "
                       "each event's articles.")
    return readout_view(readout, row.text or readout.text, row)


def readout_view(readout: Readout, text: str | None, row: queries.ArticleRow | None = None
                 ) -> ArticleView:
    """A readout as the article page shows it; `row` links it to the database when stored."""
    meta, scale = readout.article, load_scale()
    names = {actor.id: actor.name for actor in readout.actors}
    entities = row.entities if row else {}
    merged = row.events if row else {}
    cited: dict[str, list[str]] = {}
    for event in readout.events:
        for quote_id in event.quotes:
            cited.setdefault(quote_id, []).append(event.id)
    body = text or ""
    return ArticleView(
        article=ArticleInfo(id=meta.id, version=row.version if row else None, title=meta.title,
                            outlet=meta.outlet, published=meta.published, url=meta.url,
                            chars=meta.chars or len(body)),
        stored=row is not None, text_stored=text is not None,
        segments=segments(body, readout) if text else [],
        actors=[ActorItem(id=a.id, name=a.name, kind=a.kind, code=a.code, role=a.role,
                          mentions=len(a.mentions),
                          url=actor_url(entities[a.id]) if a.id in entities else None)
                for a in readout.actors],
        events=[EventItem(
            id=e.id, type=e.type, mode=e.mode, status=e.status,
            date={"start": e.date.start, "end": e.date.end, "precision": e.date.precision,
                  "text": e.date.text},
            trigger=e.trigger.text if e.trigger else None, primary=e.primary,
            actors=[names.get(a, a) for a in e.actors],
            recipients=[names.get(a, a) for a in e.recipients],
            evidence=[list(span) for span in e.evidence],
            evidence_text=[body[s:t] for s, t in e.evidence] if text else [],
            quotes=list(e.quotes), score=scale.score(e.type, e.mode, e.status),
            event=merged.get(e.id)) for e in readout.events],
        quotes=[QuoteItem(id=q.id, speaker=names.get(q.speaker) if q.speaker else None,
                          speaker_id=q.speaker, kind=q.kind, text=q.text,
                          cue=q.cue.text if q.cue else None, start=q.start, end=q.end,
                          events=cited.get(q.id, [])) for q in readout.quotes],
        topics=[topic.label for topic in readout.topics],
        warnings=list(readout.warnings),
    )
