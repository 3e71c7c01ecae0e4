"""Join an article's mentions into actors: one identity per real-world actor.

"Volodymyr Zelensky", "Zelensky", "Zelenskyy", "the President", "the Ukrainian leader" and "he" are
one actor; so are "Italy" and "Rome said"; so are "the Kremlin" and "Kremlin officials". Names join
by full name, then surname or first name, then by who the knowledge base says they are (at the
article's date); titles join the article's person who bears that title, else the knowledge base's
holder of it on that date; "the two leaders" is a mention of the last two people named; pronouns
are resolved where they are used (a quote's speaker, an event's subject) through
`ActorIndex.antecedent`, which skips people of the other gender when the knowledge base knows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from readout.records import Actor
from readout.resolve.knowledge import KnowledgeBase, fold_name, load_knowledge_base
from readout.resolve.lexicon import Lexicon, load_lexicon, name_key
from readout.resolve.mentions import Mention, name_parts
from readout.resolve.resolver import Identity, can_lead, identify_person, identify_title

PERSON_KINDS = frozenset({"person", "title"})


@dataclass
class ActorIndex:
    """The article's actors with their mentions, and lookups the extractors need."""

    actors: list[Actor]
    by_token: dict[int, str] = field(default_factory=dict)  # token index -> actor id
    people_in_order: list[tuple[int, str]] = field(default_factory=list)  # (char offset, actor id)
    genders: dict[str, str] = field(default_factory=dict)  # actor id -> "male" | "female", if known
    pronoun_genders: dict[int, str] = field(default_factory=dict)  # offset of "he", "her"... -> gender
    subject_offsets: set[int] = field(default_factory=set)  # people's mentions that are subjects
    subject_pronouns: set[int] = field(default_factory=set)  # offsets of "he" or "she" as subjects

    def get(self, actor_id: str) -> Actor:
        return next(actor for actor in self.actors if actor.id == actor_id)

    def actor_at(self, token_index: int) -> str | None:
        return self.by_token.get(token_index)

    def antecedent(self, char_offset: int) -> str | None:
        """The person a pronoun at `char_offset` refers back to: for a subject ("he said"), the
        latest person named as the subject of a clause before it ("Modi thanked the president ...
        he said" is Modi); else, and for "him" or "his", the latest person named. People known to
        be of the other gender are skipped ("she" after Meloni and Zelensky is Meloni)."""
        wanted = self.pronoun_genders.get(char_offset)
        best = best_subject = None
        for offset, actor_id in self.people_in_order:
            if offset >= char_offset:
                break
            if wanted is None or self.genders.get(actor_id, wanted) == wanted:
                best = actor_id
                if offset in self.subject_offsets:
                    best_subject = actor_id
        return (best_subject or best) if char_offset in self.subject_pronouns else best

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

    def country(self, code: str, name: str) -> str:
        """The article's actor for the country `code`, when a place stands for it (an attack "on
        targets in Jericho" is aimed at the Palestinian territories). A country the article does
        not name as an actor is added without mentions: the place stays the event's location."""
        found = next((a.id for a in self.actors if a.kind == "country" and a.code == code), None)
        if found is not None:
            return found
        actor_id = f"a{len(self.actors) + 1}"
        while any(a.id == actor_id for a in self.actors):
            actor_id = f"{actor_id}x"
        self.actors.append(Actor(id=actor_id, name=name, kind="country", code=code))
        return actor_id

    def add_mention(self, actor_id: str, start: int, end: int, token_indices: range) -> None:
        """Record a mention found after resolution (a pronoun, "I" inside a quote)."""
        actor = self.get(actor_id)
        if [start, end] not in [list(span) for span in actor.mentions]:
            actor.mentions.append((start, end))
            actor.mentions.sort()
        for i in token_indices:
            self.by_token.setdefault(i, actor_id)


@dataclass
class _Article:
    """What resolution needs besides the mentions: the knowledge, the date, the countries named."""

    kb: KnowledgeBase
    lexicon: Lexicon
    on: date | None
    context: frozenset[str]


def resolve_actors(mentions: list[Mention], published: date | None = None) -> ActorIndex:
    """Cluster mentions into actors, numbered a1, a2... in order of first mention, and resolve who
    each one is at the article's date `published` (None: no date, nobody is made former)."""
    article = _Article(load_knowledge_base(), load_lexicon(), published,
                       frozenset(m.code for m in mentions if m.code and m.kind not in PERSON_KINDS))
    people = [m for m in mentions if m.kind == "person"]
    roots = _person_keys(people)
    identities = _identify_people(people, roots, article)
    people = _without_unknown_surnames(people, roots, identities)
    keys = {root: f"kb:{found.person_id}" if found.person_id else root for root, found in identities.items()}
    person_ids = {m.start: (keys[roots[m.key]], identities[roots[m.key]]) for m in people}
    clusters: dict[str, list[Mention]] = {}
    cluster_identity: dict[str, Identity] = {}
    for mention in mentions:
        if mention.kind == "person":
            if mention.start not in person_ids:
                continue  # a surname the knowledge base cannot place here
            key, found = person_ids[mention.start]
        elif mention.kind == "title":
            key, found = _title_key(mention, people, person_ids, article)
            if key is None:
                continue
        elif mention.kind in {"pair", "pronoun"}:
            continue
        else:
            key, found = mention.key, None
        clusters.setdefault(key, []).append(mention)
        if found is not None:
            cluster_identity.setdefault(key, found)
    index = _index(clusters, cluster_identity)
    _collective_and_pronouns(index, mentions)
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


def _without_unknown_surnames(people: list[Mention], roots: dict[str, str],
                              identities: dict[str, Identity]) -> list[Mention]:
    """Drop the names only the knowledge base found ("Scholz said") when it cannot tell who they
    are here: a surname out of office at the article's date, or one many people share."""
    sure = {roots[m.key] for m in people if not m.tentative}
    return [m for m in people if roots[m.key] in sure or identities[roots[m.key]].person_id]


def _identify_people(people: list[Mention], roots: dict[str, str], article: _Article
                     ) -> dict[str, Identity]:
    """Who each name cluster is, from its best-described mention (a titled one, else the
    longest name)."""
    groups: dict[str, list[Mention]] = {}
    for mention in people:
        groups.setdefault(roots[mention.key], []).append(mention)
    found = {}
    owners = {}
    for root, group in groups.items():
        best = max(group, key=lambda m: (m.title is not None, len(m.name.split()), -m.start))
        named = max(group, key=lambda m: len(m.name))
        found[root] = identify_person(
            article.kb, article.lexicon, named.name if best.title is None else best.name,
            title=article.lexicon.titles.get(best.title) if best.title else None,
            code=best.code, former=best.former, sector=best.sector, on=article.on,
            context=article.context, body=best.body,
        )
        if best.owner and found[root].code is None:
            owners[root] = (best.owner, best.title)
    for root, (owner, title) in owners.items():
        # "Trump's special envoy Steve Witkoff": the envoy serves the owner's country
        owner_root = roots.get("person:" + name_key(owner))
        code = found[owner_root].code if owner_root in found else identify_person(
            article.kb, article.lexicon, owner, on=article.on, context=article.context).code
        if code is not None:
            role = article.lexicon.role(article.lexicon.titles[title], code) if title else None
            found[root] = replace(found[root], code=code, role=role or found[root].role)
    return found


def _title_key(mention: Mention, people: list[Mention],
               person_ids: dict[int, tuple[str, Identity]], article: _Article
               ) -> tuple[str | None, Identity | None]:
    """The cluster of a title mention: the article's person who bears the title (the latest one
    named before it; else, for a title with a country, the first one named after it), else the
    knowledge base's holder at the date, else the title itself. A vague title no one in the
    article bears is dropped (None)."""
    before = after = None
    for person in people:
        key, found = person_ids[person.start]
        if not _bears(found, mention):
            continue
        if person.start < mention.start:
            before = (key, found)
        elif after is None:
            after = (key, found)
    holder = before or (after if mention.code else None)
    if holder is not None:
        return holder
    if mention.vague:
        return None, None
    title = article.lexicon.titles[mention.title]
    found = identify_title(article.kb, article.lexicon, title, mention.code, mention.former,
                           mention.sector, article.on, mention.body)
    return (f"kb:{found.person_id}" if found.person_id else mention.key), found


def _bears(identity: Identity, mention: Mention) -> bool:
    """Whether a person may be the one a title mention names: same country, and the title is theirs."""
    if mention.code and identity.code != mention.code:
        return False
    if mention.former != (identity.sector == "ELI"):
        return False
    if mention.title == "leader":
        return can_lead(identity)
    return mention.title in identity.titles or fold_name(mention.title or "") in identity.titles


def _index(clusters: dict[str, list[Mention]], identities: dict[str, Identity]) -> ActorIndex:
    index = ActorIndex(actors=[])
    for number, (key, group) in enumerate(clusters.items(), start=1):
        found = identities.get(key)
        actor = _person(f"a{number}", group, found) if found else _actor(f"a{number}", group)
        index.actors.append(actor)
        gender = (found.gender if found else None) or next((m.gender for m in group if m.gender), None)
        if gender and actor.kind == "person":
            index.genders[actor.id] = gender
        for mention in group:
            first = mention.extent_start if mention.extent_start is not None else mention.token_start
            for i in range(first, mention.token_end):
                index.by_token.setdefault(i, actor.id)
            if actor.kind == "person":
                index.people_in_order.append((mention.start, actor.id))
                if mention.subject:
                    index.subject_offsets.add(mention.start)
    index.people_in_order.sort()
    return index


def _collective_and_pronouns(index: ActorIndex, mentions: list[Mention]) -> None:
    """"the two leaders" is a mention of each of the last two people named; pronouns are noted
    with their gender for `antecedent`."""
    for mention in mentions:
        if mention.kind == "pronoun" and mention.gender:
            index.pronoun_genders[mention.start] = mention.gender
            if mention.subject:
                index.subject_pronouns.add(mention.start)
        elif mention.kind == "pair":
            pair = index.last_pair(mention.start)
            if len(pair) == 2:
                for actor_id in pair:
                    index.add_mention(actor_id, mention.start, mention.end, range(0))


def _person(actor_id: str, group: list[Mention], found: Identity) -> Actor:
    """A person actor: the longest full name the article writes ("Abdel Fattah al-Sisi"), else the
    knowledge base's name ("Zelenskyy" alone is Volodymyr Zelensky), else the longest name
    written, else the role ("Prime Minister of Italy")."""
    named = [m.name for m in group if m.kind == "person"]
    full = [name for name in named if len(name.split()) >= 2]
    name = max(full, key=len) if full else found.name or (
        max(named, key=len) if named else found.role or group[0].name)
    return Actor(
        id=actor_id, name=name, kind="person", code=found.code, sector=found.sector,
        role=found.role, wikidata=found.wikidata, mentions=[(m.start, m.end) for m in group],
    )


def _actor(actor_id: str, group: list[Mention]) -> Actor:
    """A country, organisation, body or group: its first mention's name, code and sector. A
    country has no sector, unless the article names its government ("the Russian government":
    GOV)."""
    first = group[0]
    name = first.name if first.kind != "country" else max((m.name for m in group), key=len)
    sector = first.sector
    if first.kind == "country":
        sector = "GOV" if any(m.sector == "GOV" for m in group) else None
    return Actor(
        id=actor_id, name=name, kind=first.kind, code=next((m.code for m in group if m.code), None),
        sector=sector, role=None, wikidata=None, mentions=[(m.start, m.end) for m in group],
    )
