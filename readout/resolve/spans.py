"""What the mention finders share: the `Mention` record and one article's phrase matches.

`mentions.py` finds people and their titles, `groups.py` states, organisations, institutions and
groups; both read the same matches (`Matches`) and write `Mention`s that `actors.py` joins.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass
class Mention:
    """One span that names an actor, with what the span itself says about it."""

    start: int  # character offsets of the whole mention
    end: int
    token_start: int
    token_end: int
    head: int  # token index of the mention's syntactic head
    kind: str  # person | title | country | organization | group | pair | pronoun
    key: str  # identity key before coreference ("country:ITA", "person:giorgia meloni")
    name: str
    code: str | None = None  # the country or organisation the text gives
    sector: str | None = None  # the sector the text gives (a body's, a group noun's)
    title: str | None = None  # the title words ("prime minister") when a title introduced it
    former: bool = False
    extent_start: int | None = None  # first token of the whole phrase ("Italian Prime Minister ...")
    gender: str | None = None  # of a pronoun, or of a person addressed "Mr" or "Ms"
    vague: bool = False  # a title only a person named in the article may hold ("the official")
    subject: bool = False  # the subject of its clause (pronouns refer back to subjects first)
    owner: str | None = None  # "Trump's special envoy X": the name of the person written as owner
    body: str | None = None  # "Kremlin spokesman": the body a title belongs to
    tentative: bool = False  # a surname only the knowledge base found: kept if it knows who


@dataclass
class Matches:
    """The phrase matches of one article, indexed by where they start and end."""

    titles: list[Span]
    names: list[Span]
    groups: list[Span]
    people: list[Span]  # names the knowledge base knows

    def __post_init__(self) -> None:
        self.title_ending_at = {span.end: span for span in self.titles}
        self.title_starting_at = {span.start: span for span in self.titles}
        self.name_ending_at = {span.end: span for span in self.names}
        self.name_starting_at = {span.start: span for span in self.names}
        self.group_ending_at = {span.end: span for span in self.groups}
        self.in_name = {i for span in self.names for i in range(span.start, span.end)}
        self.in_body = {i for span in self.names if span.label_.startswith("BODY:")
                        for i in range(span.start, span.end)}


def free(span: Span | range, taken: set[int]) -> bool:
    indices = range(span.start, span.end) if isinstance(span, Span) else span
    return not any(i in taken for i in indices)


def overlaps(span: Span, indices: set[int]) -> bool:
    return any(i in indices for i in range(span.start, span.end))


def city(span: Span) -> Span | None:
    """A place of the gazetteer, as a span labelled with its country ("Jericho" -> PSE)."""
    from readout.resolve.places import lookup_place

    place = lookup_place(span.text)
    if place is None or not place.code:
        return None
    return Span(span.doc, span.start, span.end, label=f"CAPITAL:{place.code}")


def in_longer_person(span: Span, named: set[int] | frozenset[int] = frozenset()) -> bool:
    """Whether a name is part of a longer PERSON entity ("Paris" in "Paris Hilton"); an entity
    that is just the name ("Houthis" tagged PERSON), or only names of the lexicon (`named`
    token indices: "Bosnian Serbs" tagged PERSON), does not count."""
    doc = span.doc
    for token in span:
        if token.ent_type_ == "PERSON":
            ent_start = token.i
            while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
                ent_start -= 1
            ent_end = token.i + 1
            while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
                ent_end += 1
            the_before = ent_start == span.start - 1 and doc[ent_start].lower_ == "the"
            all_named = all(i in named or span.start <= i < span.end for i in range(ent_start, ent_end))
            if (ent_start < span.start or ent_end > span.end) and not the_before and not all_named:
                return True
    return False


def bare(name: str) -> str:
    return name.removeprefix("the ")
