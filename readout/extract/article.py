"""The extractor: one parsed article in, its readout out.

`extract_readout` is a pure function of the parsed text, the article's metadata and the loaded
lexicons: no I/O, no global state. The one-machine CLI, the store and the Spark job all call it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from readout.extract.consolidate import Group, merge_events, primary_index
from readout.extract.dates import event_date, find_dateline
from readout.extract.events import Context, find_events
from readout.extract.patterns import Patterns, load_patterns
from readout.extract.quotes import extract_quotes
from readout.extract.topics import Taxonomy, contexts_for, find_topics, load_taxonomy, topics_within
from readout.records import (
    ArticleInput,
    ArticleMeta,
    Event,
    EventDate,
    Location,
    Quote,
    Readout,
    Topic,
    Trigger,
)
from readout.resolve.actors import ActorIndex, resolve_actors
from readout.resolve.lexicon import Lexicon, load_lexicon
from readout.resolve.mentions import Matchers, build_matchers, find_mentions
from readout.resolve.places import event_location, load_gazetteer


@dataclass(frozen=True, eq=False)
class Resources:
    """Everything the extractor reads besides the article, loaded once per process."""

    lexicon: Lexicon
    matchers: Matchers
    patterns: Patterns
    taxonomy: Taxonomy

    @classmethod
    def load(cls, nlp: Language) -> Resources:
        """Load every table now, so that forked workers share them instead of each loading its own."""
        lexicon = load_lexicon()
        load_gazetteer()
        return cls(lexicon, build_matchers(nlp, lexicon), load_patterns(), load_taxonomy(nlp))


def article_meta(article: ArticleInput) -> ArticleMeta:
    return ArticleMeta(
        id=article.id, sha256=hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
        url=article.url, title=article.title, outlet=article.outlet, published=article.published,
        language="en", chars=len(article.text),
    )


def extract_readout(doc: Doc, article: ArticleInput, resources: Resources) -> Readout:
    """The readout of one article whose text `doc` is (see docs/output.md)."""
    warnings = list(article.warnings)
    meta = article_meta(article)
    published = _published_date(article.published)
    if published is None:
        dateline = find_dateline(article.text)
        if dateline is not None:
            published, meta.published = dateline[0], dateline[0].isoformat()
        else:
            warnings.append("no publication date: event dates are only those the text states")
    # Who holds an office depends on the date: resolve actors at the article's date.
    mentions = find_mentions(doc, resources.lexicon, resources.matchers)
    actors = resolve_actors(mentions, published=published)
    quotes = extract_quotes(doc, actors, resources.lexicon)
    _speaker_mentions(doc, quotes, actors)
    topics = find_topics(doc, resources.taxonomy)
    found = find_events(Context(doc, actors, quotes, resources.patterns, resources.lexicon))
    groups = [group for group in merge_events(found, actors) if _political(group, actors)]
    events = _events(doc, groups, topics, resources, published, actors)
    return Readout(
        article=meta, actors=[a for a in actors.actors], events=events,
        quotes=quotes, topics=topics, warnings=warnings,
        text=article.text if article.text_is_extracted else None,
    )


def _political(group: Group, actors: ActorIndex) -> bool:
    """Event data is about states, their people and organisations: an event whose every side is
    unidentified (a footballer, a club read as a person) is not one."""
    return any(actors.get(i).code for i in group.actors + group.recipients)


def _published_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _speaker_mentions(doc: Doc, quotes: list[Quote], actors: ActorIndex) -> None:
    """"I", "my" and "me" inside a quote are mentions of its speaker."""
    for quote in quotes:
        if quote.speaker is None:
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        for token in span or ():
            if token.lower_ in {"i", "me", "my", "myself"}:
                actors.add_mention(quote.speaker, token.idx, token.idx + len(token.text),
                                   range(token.i, token.i + 1))


def _events(doc: Doc, groups: list[Group], topics: list[Topic], resources: Resources,
            published: date | None, actors: ActorIndex) -> list[Event]:
    primary = primary_index(groups)
    events = []
    for number, group in enumerate(groups, start=1):
        first = group.first
        evidence = sorted({member.evidence for member in group.members})
        labels = topics_within(topics, evidence)
        exclude = [span for actor_id in group.actors + group.recipients
                   for span in actors.get(actor_id).mentions]
        location = _location(group, exclude)
        if location is not None and first.type == "CONSULT":
            _visit_from_location(group, location, actors)
        events.append(Event(
            id=f"e{number}", type=first.type, mode=group.mode,
            contexts=contexts_for(first.type, labels, resources.taxonomy, mode=group.mode),
            actors=group.actors, recipients=group.recipients, status=group.status,
            date=_date(group, published), location=location,
            topics=labels,
            trigger=Trigger(first.trigger_text, *_trigger_span(first)),
            evidence=[list(span) for span in evidence],
            quotes=list(dict.fromkeys(m.quote_id for m in group.members if m.quote_id)),
            primary=number - 1 == primary, confidence=_confidence(group),
        ))
    return events


def _trigger_span(found) -> tuple[int, int]:
    start = found.trigger.idx
    if found.trigger_text != found.trigger.text:
        start = found.trigger.head.idx
    return start, start + len(found.trigger_text)


def _date(group: Group, published: date | None) -> EventDate:
    """The date of the event's own clause, else the published date, else unknown."""
    for member in group.members:
        found = event_date(member.trigger.sent, member.trigger, published)
        if found.basis == "text":
            return found
    return event_date(group.first.trigger.sent, group.first.trigger, published)


def _location(group: Group, exclude: list[tuple[int, int]]) -> Location | None:
    for member in group.members:
        found = event_location(member.trigger.sent, member.trigger, exclude)
        if found is not None:
            return found
    return None


def _visit_from_location(group: Group, location: Location, actors: ActorIndex) -> None:
    """A meeting held in one side's country is a visit by the other side: the visitor is the actor."""
    if group.mode not in {None, "visit"} or not location.code:
        return
    actor_codes = {actors.get(i).code for i in group.actors}
    recipient_codes = {actors.get(i).code for i in group.recipients}
    if location.code in actor_codes and location.code not in recipient_codes and group.recipients:
        group.actors, group.recipients = group.recipients, group.actors
    elif not (location.code in recipient_codes and location.code not in actor_codes):
        return
    group.mode = "visit"


def _confidence(group: Group) -> float:
    """A rough belief in the coding: both sides named and several reports raise it."""
    score = 0.5
    if group.recipients:
        score += 0.2
    score += 0.05 * min(len(group.members) - 1, 4)
    return round(min(score, 0.95), 2)
