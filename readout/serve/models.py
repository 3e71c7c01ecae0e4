"""What the web app's requests and answers look like: one model per page, shared by the page and
its JSON twin (a page renders exactly the model the API returns), so the OpenAPI description is
generated from the same definitions the templates read.

Events, quotes and actors summaries are the store's own dataclasses (readout.store); segments are
readout.serve.highlight's.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from readout.serve.config import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, MAX_TEXT_PARAM, MAX_TRY_CHARS
from readout.serve.highlight import Segment
from readout.store import MergedEvent, QuoteHit

CODE = r"^[A-Za-z][A-Za-z0-9]{1,7}$"  # ISO alpha-3 or an organisation code (EU, NATO, G7)
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


# --- requests ----------------------------------------------------------------------------------

class _Query(BaseModel):
    """Query parameters: an empty form field means "not given"; unknown parameters are refused."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("since", "until", check_fields=False)
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        return real_date(value)


def real_date(value: str | None) -> str | None:
    """`value` when it names a real day, month or year (2024-02-30 does not)."""
    if value is not None:
        parts = [int(part) for part in value.split("-")]
        try:
            date(parts[0], *(parts[1:] + [1, 1])[:2])
        except ValueError as error:
            raise ValueError(f"{value} is not a date ({error})") from None
    return value


class PageQuery(_Query):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="items per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="items to skip")


class EventQuery(PageQuery):
    """The filters of the event timeline (all that are given must hold)."""

    actor: str | None = Field(None, max_length=MAX_TEXT_PARAM,
                              description='a participant\'s name or surname, or Wikidata id')
    country: str | None = Field(None, pattern=CODE, description="a participant's code: UKR, EU")
    dyad: str | None = Field(None, max_length=20, description="two codes, either order: UKR-ITA")
    type: str | None = Field(None, max_length=12, description="a PLOVER type: CONSULT")
    status: str | None = Field(None, max_length=12,
                               description="occurred, planned, intended, negated, hypothetical")
    topic: str | None = Field(None, max_length=MAX_TEXT_PARAM, description="a topic label")
    since: str | None = Field(None, pattern=DATE, description="events overlapping from this date")
    until: str | None = Field(None, pattern=DATE, description="events overlapping up to this date")


class PeriodQuery(_Query):
    since: str | None = Field(None, pattern=DATE, description="start of the period (default: "
                              "90 days before `until`)")
    until: str | None = Field(None, pattern=DATE, description="end of the period (default: the "
                              "newest event's date)")


class NetworkQuery(PeriodQuery):
    country: str | None = Field(None, pattern=CODE, description="only dyads with this code")


class DyadQuery(PageQuery):
    since: str | None = Field(None, pattern=DATE)
    until: str | None = Field(None, pattern=DATE)
    bucket: Literal["month", "week", "day"] = Field("month", description="chart resolution")


class QuoteQuery(PageQuery):
    q: str | None = Field(None, max_length=MAX_TEXT_PARAM, description="words the quote contains")
    speaker: str | None = Field(None, max_length=MAX_TEXT_PARAM, description="words of the speaker")
    since: str | None = Field(None, pattern=DATE, description="published on or after")
    until: str | None = Field(None, pattern=DATE, description="published on or before")


class ActorQuery(_Query):
    name: str | None = Field(None, max_length=MAX_TEXT_PARAM, description="part of the name")
    country: str | None = Field(None, pattern=CODE)
    kind: Literal["person", "country", "organization", "group"] | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class TryRequest(BaseModel):
    """A pasted article to read (never stored)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TRY_CHARS)
    published: str | None = Field(None, pattern=DATE, description="its publication date")

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        return real_date(value)


class StoreRequest(TryRequest):
    """An article to extract and store (needs --allow-writes and the token)."""

    id: str | None = Field(None, max_length=200, description="article id (default: text hash)")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)

    @field_validator("id")
    @classmethod
    def _plain_id(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[\w.:-]{1,200}", value):
            raise ValueError("use letters, digits, '.', ':', '_' and '-' only")
        return value


# --- answers -----------------------------------------------------------------------------------

class PageInfo(BaseModel):
    limit: int
    offset: int
    more: bool = Field(description="whether another page follows")
    next: str | None = Field(None, description="the URL of the next page")
    previous: str | None = None


class Period(BaseModel):
    since: str | None
    until: str | None


class DyadSummary(BaseModel):
    dyad: str
    names: list[str]
    events: int
    scored: int = Field(description="events with a score (negated and hypothetical have none)")
    score: float | None = Field(description="mean PLOVER cooperation-conflict score, -10..+10")
    url: str


class Overview(BaseModel):
    counts: dict[str, int]
    period: Period
    latest: list[MergedEvent]
    dyads: list[DyadSummary] = Field(description="the busiest country pairs of the period")


class EventList(BaseModel):
    filters: dict[str, str]
    items: list[MergedEvent]
    page: PageInfo


class ActorEntry(BaseModel):
    entity: int = Field(description="the actor's id across articles")
    name: str
    kind: str
    code: str | None
    wikidata: str | None
    articles: int
    events: int
    quotes: int
    url: str


class ActorList(BaseModel):
    items: list[ActorEntry]


class Counterpart(BaseModel):
    name: str
    kind: str
    code: str | None
    events: int
    url: str | None


class ActorInfo(BaseModel):
    entity: int | None = Field(description="the actor's id across articles (None for a country "
                               "that never acts in its own name)")
    name: str
    kind: str
    code: str | None
    wikidata: str | None = None
    articles: int | None = None
    events: int
    quotes: int | None = None
    country_url: str | None = None


class ActorView(BaseModel):
    actor: ActorInfo
    events: list[MergedEvent]
    page: PageInfo
    recent: int = Field(description="counterparts come from this many of the latest events")
    counterparts: list[Counterpart]
    quote_events: int | None = Field(None, description="a country's quotes come from the "
                                     "articles of this many of its latest events")
    quotes: list[QuoteHit]


class ScorePoint(BaseModel):
    bucket: str
    events: int
    scored: int
    score: float | None
    cooperation: int = Field(description="events scoring above 0")
    conflict: int = Field(description="events scoring below 0")


class DyadView(BaseModel):
    dyad: str
    names: list[str]
    urls: list[str]
    bucket: str
    score: float | None
    series: list[ScorePoint]
    events: list[MergedEvent]
    page: PageInfo


class Node(BaseModel):
    code: str
    name: str
    events: int
    x: float
    y: float
    url: str


class Edge(BaseModel):
    source: str
    target: str
    dyad: str
    events: int
    score: float | None
    url: str


class NetworkView(BaseModel):
    period: Period
    country: str | None
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool = Field(description="whether smaller nodes and edges were left out")


class QuoteList(BaseModel):
    query: dict[str, str]
    items: list[QuoteHit]
    page: PageInfo


class ArticleInfo(BaseModel):
    id: str
    version: int | None = None
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    chars: int


class ActorItem(BaseModel):
    id: str
    name: str
    kind: str
    code: str | None
    role: str | None
    mentions: int
    url: str | None


class EventItem(BaseModel):
    id: str
    type: str
    mode: str | None
    status: str
    date: dict[str, Any]
    trigger: str | None
    primary: bool
    actors: list[str]
    recipients: list[str]
    evidence: list[list[int]]
    evidence_text: list[str]
    quotes: list[str]
    score: float | None
    event: int | None = Field(description="the merged event in the database")


class QuoteItem(BaseModel):
    id: str
    speaker: str | None
    speaker_id: str | None
    kind: str
    text: str
    cue: str | None
    start: int
    end: int
    events: list[str]


class ArticleView(BaseModel):
    article: ArticleInfo
    stored: bool = Field(description="False for a readout of a pasted text (try it)")
    text_stored: bool
    segments: list[Segment]
    actors: list[ActorItem]
    events: list[EventItem]
    quotes: list[QuoteItem]
    topics: list[str]
    warnings: list[str]


class StoreResult(BaseModel):
    outcome: Literal["added", "version", "unchanged"]
    article: str
    events: int
    url: str


class ScaleRow(BaseModel):
    type: str
    mode: str | None
    score: float
    source: Literal["manual", "readout"]


class ErrorBody(BaseModel):
    status: int
    code: str = Field(description="bad_request, not_found, forbidden, too_large, ...")
    message: str = Field(description="what went wrong and what to do")


class ErrorResponse(BaseModel):
    """Every error of the API has this shape."""

    error: ErrorBody
