"""Small hand-built readouts for the store tests (no model needed), and checks of the builders.

The store's unit tests import `article`, `person`, `country`, `event` and `quote` from here: each
builds a valid `readout/1` record whose offsets point into the text it generates.
"""

from __future__ import annotations

import hashlib

from readout.records import (
    Actor,
    ArticleMeta,
    Event,
    EventDate,
    Location,
    Quote,
    Readout,
    Topic,
    Trigger,
)

PEOPLE = {
    "zelensky": ("Volodymyr Zelensky", "UKR", "Q3874799", "President of Ukraine"),
    "meloni": ("Giorgia Meloni", "ITA", "Q3099714", "Prime Minister of Italy"),
    "tusk": ("Donald Tusk", "POL", "Q946", "Prime Minister of Poland"),
    "macron": ("Emmanuel Macron", "FRA", "Q3052772", "President of France"),
}


def person(key: str, actor_id: str = "a1") -> Actor:
    name, code, wikidata, role = PEOPLE[key]
    return Actor(id=actor_id, name=name, kind="person", code=code, sector="GOV", role=role,
                 wikidata=wikidata)


def country(code: str, name: str, actor_id: str) -> Actor:
    return Actor(id=actor_id, name=name, kind="country", code=code, sector="GOV")


def event(
    event_id: str,
    actors: list[str],
    recipients: list[str],
    when: str | None,
    *,
    type: str = "CONSULT",
    status: str = "occurred",
    end: str | None = None,
    basis: str = "published",
    mode: str | None = "phone",
    topics: tuple[str, ...] = (),
    quotes: tuple[str, ...] = (),
    primary: bool = True,
    location: Location | None = None,
) -> Event:
    return Event(
        id=event_id, type=type, mode=mode, actors=actors, recipients=recipients, status=status,
        date=EventDate(start=when, end=end or when, precision="day" if when else "unknown",
                       basis=basis if when else "none"),
        topics=list(topics), quotes=list(quotes), primary=primary, location=location,
        confidence=0.8,
    )


def quote(quote_id: str, speaker: str | None, text: str) -> Quote:
    return Quote(id=quote_id, speaker=speaker, kind="direct", text=text, start=0, end=0)


def article(
    article_id: str,
    *,
    published: str | None,
    actors: list[Actor],
    events: list[Event],
    outlet: str | None = None,
    quotes: list[Quote] = (),
    topics: tuple[str, ...] = (),
    body: str | None = None,
) -> tuple[Readout, str]:
    """A readout and the text its offsets point into (every name, trigger and quote is in it)."""
    parts: list[str] = [body or f"Report {article_id}."]
    actors = [Actor(**{**a.__dict__, "mentions": []}) for a in actors]

    def place(snippet: str) -> tuple[int, int]:
        start = sum(len(p) + 1 for p in parts)
        parts.append(snippet)
        return start, start + len(snippet)

    for actor in actors:
        actor.mentions = [place(actor.name)]
    placed_quotes = []
    for q in quotes:
        start, end = place(q.text)
        placed_quotes.append(Quote(q.id, q.speaker, q.kind, q.text, start, end))
    placed_events = []
    for e in events:
        start, end = place("held talks")
        placed_events.append(Event(**{**e.__dict__, "trigger": Trigger("held talks", start, end),
                                      "evidence": [(start, end)]}))
    text = " ".join(parts)
    readout = Readout(
        article=ArticleMeta(id=article_id, sha256=hashlib.sha256(text.encode()).hexdigest(),
                            outlet=outlet, published=published, chars=len(text)),
        actors=actors, events=placed_events, quotes=placed_quotes,
        topics=[Topic(label, [(0, 6)]) for label in topics],
    )
    return readout, text


def call_report(article_id: str, published: str, outlet: str, when: str | None = None,
                **options) -> tuple[Readout, str]:
    """Zelensky and Meloni had a phone call: one outlet's report of it."""
    return article(
        article_id, published=published, outlet=outlet,
        actors=[person("zelensky", "a1"), person("meloni", "a2")],
        events=[event("e1", ["a1"], ["a2"], when or published, **options)],
    )


def test_builders_put_every_span_inside_the_text():
    readout, text = article(
        "x1", published="2024-01-03",
        actors=[person("zelensky", "a1"), country("ITA", "Italy", "a2")],
        events=[event("e1", ["a1"], ["a2"], "2024-01-03")],
        quotes=[quote("q1", "a1", "We will work together.")],
    )
    assert text[slice(*readout.actors[1].mentions[0])] == "Italy"
    assert text[readout.quotes[0].start:readout.quotes[0].end] == "We will work together."
    assert text[slice(*readout.events[0].evidence[0])] == "held talks"
