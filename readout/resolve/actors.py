"""Join an article's mentions into actors: one identity per real-world actor.

"Volodymyr Zelensky", "Zelensky", "Zelenskyy", "the President" and "he" are one actor; so are
"Italy" and "Rome said". Names join by full name, then surname or first name; titles join the person
who holds that title in the article; pronouns are resolved where they are used (a quote's speaker,
an event's subject) through `ActorIndex.antecedent`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readout.records import Actor
from readout.resolve.lexicon import name_key
from readout.resolve.mentions import Mention, name_parts

# Collective references to the two sides of the article's main encounter.
PAIR_WORDS = re.compile(
    r"^(the two|both)( (leaders|sides|parties|presidents|ministers|men|women|countries|nations|heads of state))?$",
    re.IGNORECASE,
)


@dataclass
class ActorIndex:
    """The article's actors with their mentions, and lookups the extractors need."""

    actors: list[Actor]
    by_token: dict[int, str] = field(default_factory=dict)  # token index -> actor id
    people_in_order: list[tuple[int, str]] = field(default_factory=list)  # (char offset, actor id)

    def get(self, actor_id: str) -> Actor:
        return next(actor for actor in self.actors if actor.id == actor_id)

    def actor_at(self, token_index: int) -> str | None:
        return self.by_token.get(token_index)

    def antecedent(self, char_offset: int) -> str | None:
        """The person most recently mentioned before `char_offset` (for "he", "she", "the President")."""
        best = None
        for offset, actor_id in self.people_in_order:
            if offset >= char_offset:
                break
            best = actor_id
        return best

    def last_pair(self, char_offset: int) -> list[str]:
        """The two people (else countries) last mentioned before `char_offset` ("the two leaders")."""
        seen: list[str] = []
        for offset, actor_id in reversed(self.people_in_order):
            if offset < char_offset and actor_id not in seen:
                seen.append(actor_id)
            if len(seen) == 2:
                break
        return list(reversed(seen))

    def protagonist(self) -> list[str]:
        """The article's first-named person (else first actor): who a report in the article's own
        voice is about."""
        people = [a.id for a in self.actors if a.kind == "person"]
        return people[:1] or [a.id for a in self.actors][:1]

    def add_mention(self, actor_id: str, start: int, end: int, token_indices: range) -> None:
        """Record a mention found after resolution (a pronoun, "I" inside a quote)."""
        actor = self.get(actor_id)
        if [start, end] not in [list(span) for span in actor.mentions]:
            actor.mentions.append((start, end))
            actor.mentions.sort()
        for i in token_indices:
            self.by_token.setdefault(i, actor_id)


def resolve_actors(mentions: list[Mention]) -> ActorIndex:
    """Cluster mentions into actors, numbered a1, a2... in order of first mention."""
    clusters: dict[str, list[Mention]] = {}
    people = [m for m in mentions if m.kind == "person"]
    person_keys = _person_keys(people)
    for mention in mentions:
        if mention.kind == "person":
            key = person_keys[mention.key]
        elif mention.kind == "title":
            key = _title_holder(mention, people, person_keys) or mention.key
        else:
            key = mention.key
        clusters.setdefault(key, []).append(mention)
    index = ActorIndex(actors=[])
    for number, (key, group) in enumerate(clusters.items(), start=1):
        actor = _actor(f"a{number}", key, group)
        index.actors.append(actor)
        for mention in group:
            first = mention.extent_start if mention.extent_start is not None else mention.token_start
            for i in range(first, mention.token_end):
                index.by_token.setdefault(i, actor.id)
            if actor.kind == "person":
                index.people_in_order.append((mention.start, actor.id))
    index.people_in_order.sort()
    return index


def _person_keys(people: list[Mention]) -> dict[str, str]:
    """Map each person mention key to its cluster key: full names first, then name parts."""
    full = [m for m in people if len(m.name.split()) >= 2]
    by_part: dict[str, str] = {}
    keys: dict[str, str] = {}
    for mention in full:
        keys.setdefault(mention.key, mention.key)
        for word in name_parts(mention.name):
            by_part.setdefault(name_key(word), mention.key)
    for mention in people:
        if mention.key in keys:
            continue
        keys[mention.key] = by_part.get(name_key(mention.name), mention.key)
    return keys


def _title_holder(mention: Mention, people: list[Mention], person_keys: dict[str, str]) -> str | None:
    """The article's person who holds the title a title-mention names ("the President")."""
    for person in people:
        if person.start > mention.start or person.title is None:
            continue
        same_title = person.title == mention.title or mention.title == "leader"
        same_country = mention.code is None or person.code == mention.code
        if same_title and same_country:
            return person_keys[person.key]
    return None


def _actor(actor_id: str, key: str, group: list[Mention]) -> Actor:
    """One actor from its mentions: the longest name, and the first role and code given."""
    kinds = {mention.kind for mention in group}
    kind = "person" if kinds & {"person", "title"} else group[0].kind
    named = [m for m in group if m.kind != "title"] or group
    name = max((m.name for m in named), key=len)
    if kind == "person" and all(m.kind == "title" for m in group):
        name = group[0].role or group[0].name
    described = next((m for m in group if m.role), None)
    code = next((m.code for m in group if m.code), None)
    sector = described.sector if described else next((m.sector for m in group if m.sector), None)
    if kind == "country":
        sector = None
    return Actor(
        id=actor_id, name=name, kind=kind, code=code, sector=sector,
        role=described.role if described else None, wikidata=None,
        mentions=[(m.start, m.end) for m in group],
    )
