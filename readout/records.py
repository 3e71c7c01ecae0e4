"""The records readout produces, defined once.

Every stage speaks in these plain dataclasses: the extractor returns a `Readout`, the store
writes one, the API serves one. They serialise one way (`to_dict` / `to_json`), and the JSON
Schema of the output contract (`readout/1`, see docs/output.md) is generated from them by
`json_schema()`, never written by hand.

Offsets are character offsets into the article text as readout received it (Python `str`
indexing, end exclusive). A span is a two-item list `[start, end]`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "readout/1"

Span = tuple[int, int]

ActorKind = Literal["person", "country", "organization", "group"]
EventStatus = Literal["occurred", "planned", "intended", "negated", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
DateBasis = Literal["text", "published", "none"]
QuoteKind = Literal["direct", "partial", "indirect"]

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass
class ArticleInput:
    """An article as read from its source, before any language processing."""

    id: str
    text: str
    source: str  # where it came from, for messages: a path, "path:line", or "<stdin>"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    warnings: list[str] = field(default_factory=list)
    text_is_extracted: bool = False  # True when the text was taken out of HTML


@dataclass
class ArticleMeta:
    """Who published what, when: the article's own metadata, given or found."""

    id: str
    sha256: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str = "en"
    chars: int = 0


@dataclass
class Actor:
    """One real-world actor, with every span of the article that mentions it."""

    id: str
    name: str
    kind: ActorKind
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class EventDate:
    """When an event happened or is expected: a range with its precision and basis."""

    start: str | None = None
    end: str | None = None
    precision: DatePrecision = "unknown"
    text: str | None = None
    basis: DateBasis = "none"
    span: Span | None = None  # extension: offsets of `text` when basis is "text"


@dataclass
class Location:
    """Where an event happened, from the gazetteer."""

    name: str
    code: str | None = None
    lat: float | None = None
    lon: float | None = None
    span: Span | None = None  # extension: offsets of the place name in the text


@dataclass
class Trigger:
    """The words that express the event ("had a call", "condemned")."""

    text: str
    start: int
    end: int


@dataclass
class Event:
    """One interaction coded in PLOVER 2.0, with the evidence for it."""

    id: str
    type: str
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    status: EventStatus = "occurred"
    date: EventDate = field(default_factory=EventDate)
    location: Location | None = None
    topics: list[str] = field(default_factory=list)
    trigger: Trigger | None = None
    evidence: list[Span] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    primary: bool = False
    confidence: float = 0.5


@dataclass
class Cue:
    """The verb or phrase that attributes a quote ("said", "according to", "wrote")."""

    text: str
    start: int
    end: int


@dataclass
class Quote:
    """A quotation with its speaker; offsets exclude the quotation marks."""

    id: str
    speaker: str | None
    kind: QuoteKind
    text: str
    start: int
    end: int
    cue: Cue | None = None


@dataclass
class Topic:
    """A subject the article deals with, and the spans that show it."""

    label: str
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Readout:
    """Everything readout found in one article (schema `readout/1`)."""

    article: ArticleMeta
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text: str | None = None  # extension: the text offsets point into (only for HTML input)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object, keys in the contract's order."""
        raw = dataclasses.asdict(self)
        ordered = {"schema": raw.pop("schema")}
        text = raw.pop("text")
        ordered.update(raw)
        if text is not None:
            ordered["text"] = text
        return _lists_not_tuples(ordered)

    def to_json(self, indent: int | None = None) -> str:
        """One line, or indented for people with short lists (spans, ids) kept on one line."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
        return _SCALAR_LIST.sub(_one_line, text) if indent else text

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Readout:
        """Rebuild a readout from its JSON object (as stored or exported)."""
        return _readout_adapter().validate_python(data)


@dataclass
class Failure:
    """An article that could not be read or processed: a value with a reason, never a None."""

    input: str
    reason: str
    article_id: str | None = None

    def message(self) -> str:
        return f"readout: {self.input}: {self.reason}"


# A JSON list of numbers or short strings, as json.dumps indents it over several lines.
_SCALAR_LIST = re.compile(r'\[\s*\n(\s*(?:-?\d+(?:\.\d+)?|"[^"\n]{0,40}"),?\s*\n)+\s*\]')


def _one_line(match: re.Match[str]) -> str:
    items = [line.strip().rstrip(",") for line in match.group(0)[1:-1].splitlines() if line.strip()]
    return "[" + ", ".join(items) + "]"


def _lists_not_tuples(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _lists_not_tuples(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists_not_tuples(item) for item in value]
    return value


@functools.lru_cache(maxsize=1)
def _readout_adapter():
    """pydantic's validator for `Readout`, built once (building it costs milliseconds)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Readout)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the `readout/1` output, generated from these records."""
    schema = _readout_adapter().json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "readout/1"
    return schema
