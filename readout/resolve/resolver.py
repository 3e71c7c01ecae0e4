"""Who a person mention is: the knowledge base at the article's date, with what the text says.

A mention says little on its own: a name ("Scholz"), maybe a title ("Chancellor", "the Italian
leader"), maybe a country or body written before it ("German", "Kremlin"), maybe "former". The
resolver asks the knowledge base who bore that name or that title on the article's date and gives
back an `Identity`: the person's usual name, country code, PLOVER sector, role and Wikidata id.
What the knowledge base does not know still gets a role, country and sector from the text's own
title ("Kremlin spokesman Dmitry Peskov": RUS, GOV, "Spokesperson of Russia").

Rules, in order of trust:
- the text's "former" makes a person ELI (PLOVER's former elites), whatever the dates say;
- a title the knowledge base records for the person picks that term (a foreign minister who later
  led the government is the foreign minister where the text says so);
- at a date, a person whose every term ended before it is a former holder (ELI);
- without a date nobody is made former: the article may be old.

`readout.resolve.actors` calls these functions for every person and title mention of an article;
`resolve_phrase` runs the same finder and resolver on a phrase for `readout resolve`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from readout.resolve.knowledge import KnowledgeBase, Person, Term, fold_name
from readout.resolve.lexicon import Lexicon, Title

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from readout.records import Actor

HEAD_OFFICES = frozenset({"head_of_state", "head_of_government"})
# KB title words that say a person leads a country ("the Italian leader" may be them).
LEADER_WORDS = frozenset({"head of state", "head of government", "leader", "supreme leader"})
SECTOR_OF_OFFICE = "GOV"  # every office the knowledge base records is an executive one
FORMER_SECTOR = "ELI"


@dataclass(frozen=True)
class Identity:
    """Who a mention is, as far as the text and the knowledge base tell."""

    kind: str  # person, country, organization, group
    name: str | None  # the knowledge base's name; None keeps the text's
    code: str | None
    sector: str | None
    role: str | None
    wikidata: str | None = None
    gender: str | None = None
    person_id: str | None = None  # the knowledge base's id, when it knows the person
    titles: frozenset[str] = frozenset()  # title words the person bears ("president", "leader")


def identify_person(
    kb: KnowledgeBase, lexicon: Lexicon, name: str, title: Title | None = None,
    code: str | None = None, former: bool = False, sector: str | None = None,
    on: date | None = None, context: frozenset[str] = frozenset(), body: str | None = None,
) -> Identity:
    """A named person: "Zelensky" with title "president" on 2023-05-01 is Volodymyr Zelensky,
    UKR, GOV, "President of Ukraine". `code` and `sector` are what the text wrote before the title
    ("Kremlin" gives RUS and GOV, and `body` its name for the role); `context` holds the codes the
    article names, which make a surname unambiguous."""
    person = _known_person(kb, name, title, code, on, context)
    if person is None:
        shared = _shared_country(kb, name) if title is not None else None  # not a bare surname
        return _from_title(lexicon, title, code or shared, former, sector, body)
    terms = kb.terms_of(person.id)
    fitting = [term for term in terms if _fits(term, title, code)]
    term, ended = _term_at(fitting or terms, on, (*sorted(context), person.home or ""))
    text_former, former = former, former or ended
    titles = frozenset(word for t in (fitting or terms) for word in t.titles)
    if title is not None:
        titles |= {title.words}
    base = {"kind": "person", "name": person.name, "wikidata": person.wikidata,
            "gender": person.gender, "person_id": person.id, "titles": titles}
    if title is not None and not fitting:  # a title the knowledge base does not record:
        former = text_former  # the text's title is theirs now, whatever ended before
        code = code or (term.code if term else None)
        return Identity(code=code, sector=FORMER_SECTOR if former else _title_sector(title, sector),
                        role=lexicon.role(title, code, former, body), **base)
    if term is None:  # not yet in office at the date
        first = terms[0].code if terms else None
        return Identity(code=code or first, sector=title.sector if title else None,
                        role=lexicon.role(title, code or first) if title else None, **base)
    role = f"Former {term.role}" if former else term.role
    return Identity(code=term.code, sector=FORMER_SECTOR if former else SECTOR_OF_OFFICE,
                    role=role, **base)


def identify_title(
    kb: KnowledgeBase, lexicon: Lexicon, title: Title, code: str | None, former: bool = False,
    sector: str | None = None, on: date | None = None, body: str | None = None,
) -> Identity:
    """A title standing for a person: "the British Prime Minister" on 2019-06-01 is Theresa May.
    Without a date or a country, or for a former holder, only the role is known."""
    code = code or title.country
    found = None
    if code is not None and on is not None and not former:
        found = _title_holder(kb, lexicon, title, code, on)
    if found is None:
        code = code or title.country
        return Identity(kind="person", name=None, code=code,
                        sector=FORMER_SECTOR if former else _title_sector(title, sector),
                        role=lexicon.role(title, code, former, body), titles=frozenset({title.words}))
    person, term = found
    return Identity(kind="person", name=person.name, code=term.code, sector=SECTOR_OF_OFFICE,
                    role=term.role, wikidata=person.wikidata, gender=person.gender,
                    person_id=person.id, titles=frozenset(term.titles) | {title.words})


def leader_of(kb: KnowledgeBase, lexicon: Lexicon, code: str, on: date) -> tuple[Person, Term] | None:
    """Who "the Italian leader" was on a date: the head of state, or the head of government where
    titles.yaml says the government's head leads (parliamentary systems, constitutional monarchies)."""
    state = kb.holder("head_of_state", code, on)
    government = kb.holder("head_of_government", code, on)
    if state and government and state[0].id == government[0].id:
        return state
    if code in lexicon.leader_is_head_of_government:
        return government or state
    return state or government


def can_lead(identity: Identity) -> bool:
    """Whether "the leader" may be this person: they head a state or a government."""
    return bool(identity.titles & LEADER_WORDS) or identity.role is not None and any(
        identity.role.startswith(word) for word in ("President", "Prime Minister", "Chancellor",
                                                    "Premier", "King", "Queen", "Emir", "Sultan"))


def _title_holder(kb: KnowledgeBase, lexicon: Lexicon, title: Title, code: str,
                  on: date) -> tuple[Person, Term] | None:
    if title.words == "leader":
        return leader_of(kb, lexicon, code, on)
    found = kb.holders_by_title(title.words, code, on)
    if not found:
        for office in title.offices:
            holder = kb.holder(office, code, on)
            if holder is not None:
                found.append(holder)
    people = {person.id: (person, term) for person, term in found}
    return next(iter(people.values())) if len(people) == 1 else None


def _known_person(kb: KnowledgeBase, name: str, title: Title | None, code: str | None,
                  on: date | None, context: frozenset[str]) -> Person | None:
    """The one person of the knowledge base the name means here, or None."""
    people, surname_only = kb.people_named(name)
    if not people:
        return None
    if title is not None or code is not None:
        fitting = [p for p in people if any(_fits(t, title, code) for t in kb.terms_of(p.id))]
        if fitting:
            people = fitting
        elif surname_only:
            return None  # "President Johnson" is no Boris Johnson
    if len(people) == 1 and not (surname_only and title is None and code is None):
        return people[0]
    if on is not None:
        serving = [p for p in people if any(t.in_force(on) for t in kb.terms_of(p.id))]
        if len(serving) == 1:
            return serving[0]
    local = [p for p in people if any(t.code in context for t in kb.terms_of(p.id))]
    if len(local) == 1:
        return local[0]
    if len(people) == 1 and on is None and not context:
        return people[0]  # a surname the knowledge base gives to one person only
    return None if surname_only else people[0]


def _shared_country(kb: KnowledgeBase, name: str) -> str | None:
    """The country of everyone a name may mean, when they share one ("President Bush" is one of
    two American presidents: which one is unknown, the country is not)."""
    people, _ = kb.people_named(name)
    codes = {term.code for person in people for term in kb.terms_of(person.id)}
    return codes.pop() if len(people) > 1 and len(codes) == 1 else None


def _fits(term: Term, title: Title | None, code: str | None) -> bool:
    """Whether a term is the office the text names: same country, and the title is the term's."""
    if code is not None and term.code != code:
        return False
    if title is None:
        return True
    if title.words == "leader":
        return term.office in HEAD_OFFICES
    return fold_name(title.words) in term.titles or term.office in title.offices


def _term_at(terms: list[Term], on: date | None, prefer: tuple[str, ...] = ()
             ) -> tuple[Term | None, bool]:
    """The term that describes someone on a date, and whether it had ended by then. Without a
    date, the open term (else the last); nobody is made former without a date. Of terms alike
    (a king of several realms), the one of a country in `prefer` (the article's, then the
    person's own)."""
    if not terms:
        return None, False

    def rank(term: Term) -> tuple[int, int]:
        office = {"head_of_state": 0, "head_of_government": 1}.get(term.office, 2)
        return office, 0 if term.code in prefer else 1

    if on is None:
        open_terms = [t for t in terms if t.end is None]
        chosen = open_terms or [max(terms, key=lambda t: t.end or date.max)]
        return min(chosen, key=rank), False
    active = [t for t in terms if t.in_force(on)]
    if active:
        return min(active, key=rank), False
    past = [t for t in terms if t.ended_by(on)]
    if past:
        return max(past, key=lambda t: t.end or date.max), True
    return None, False


def _title_sector(title: Title, sector: str | None) -> str:
    """A title's sector, or that of the body or group written before it when the title takes it
    from there ("Pentagon spokesman": MIL)."""
    return sector if title.inherit and sector else title.sector


def _from_title(lexicon: Lexicon, title: Title | None, code: str | None, former: bool,
                sector: str | None, body: str | None = None) -> Identity:
    """A person the knowledge base does not know: what their title says, if anything."""
    if title is None:
        return Identity(kind="person", name=None, code=code,
                        sector=FORMER_SECTOR if former else None, role=None)
    code = code or title.country
    return Identity(kind="person", name=None, code=code,
                    sector=FORMER_SECTOR if former else _title_sector(title, sector),
                    role=lexicon.role(title, code, former, body), titles=frozenset({title.words}))


# ---------------------------------------------------------------------------------------------
# Phrases: `readout resolve "the British Prime Minister" --date 2019-06-01`

def resolve_phrase(phrase: str, on: date | None = None, nlp: Language | None = None) -> Actor | None:
    """The actor a phrase names at a date, found and resolved as the extractor does it.

    >>> resolve_phrase("the British Prime Minister", date(2019, 6, 1)).name   # doctest: +SKIP
    'Theresa May'

    The phrase is parsed as a tiny article; of the actors found, the one whose mentions cover most
    of the phrase is returned. A bare name the parser does not take for a person ("Scholz") is
    looked up in the knowledge base; a bare capital stands for its country. None when nothing in
    the phrase is an actor.
    """
    nlp = nlp or _default_model()
    actors = actors_in(nlp, nlp(phrase), on)
    if actors:
        return max(actors, key=lambda actor: (_covered(actor), -actors.index(actor)))
    return _bare_name(phrase.strip(), on)


def resolve_span(text: str, start: int, end: int, on: date | None = None,
                 nlp: Language | None = None) -> Actor | None:
    """The actor of `text` whose mentions overlap text[start:end] most: a phrase resolved in its
    sentence ("Israeli army" in "The Israeli army shelled ..."), as the extractor reads it."""
    nlp = nlp or _default_model()
    best, best_overlap = None, 0
    for actor in actors_in(nlp, nlp(text), on):
        overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in actor.mentions)
        if overlap > best_overlap:
            best, best_overlap = actor, overlap
    return best


def actors_in(nlp: Language, doc: Doc, on: date | None = None) -> list[Actor]:
    """Every actor of a text `nlp` parsed, found and resolved at date `on` as the extractor does."""
    from readout.resolve.actors import resolve_actors
    from readout.resolve.lexicon import load_lexicon
    from readout.resolve.mentions import build_matchers, find_mentions

    lexicon = load_lexicon()
    mentions = find_mentions(doc, lexicon, build_matchers(nlp, lexicon))
    return resolve_actors(mentions, published=on).actors


def _covered(actor: Actor) -> int:
    return sum(end - start for start, end in actor.mentions)


def _bare_name(phrase: str, on: date | None) -> Actor | None:
    """A phrase the finder saw nothing in: a capital or country name, or a name the knowledge
    base knows ("Scholz", which the parser may not take for a person on its own)."""
    from readout.records import Actor
    from readout.resolve.knowledge import load_knowledge_base
    from readout.resolve.lexicon import load_lexicon

    lexicon = load_lexicon()
    code = lexicon.capitals.get(phrase) or lexicon.country_names.get(phrase)
    if code is not None:  # a capital alone stands for its government, as "Kyiv said" does
        return Actor(id="a1", name=lexicon.countries[code].name, kind="country", code=code,
                     sector="GOV" if phrase in lexicon.capitals else None,
                     mentions=[(0, len(phrase))])
    kb = load_knowledge_base()
    found = identify_person(kb, lexicon, phrase, on=on)
    if found.person_id is None:
        return None
    return Actor(id="a1", name=found.name or phrase, kind="person", code=found.code,
                 sector=found.sector, role=found.role, wikidata=found.wikidata,
                 mentions=[(0, len(phrase))])


def _default_model() -> Language:
    from readout.parse.model import load_model
    from readout.settings import Settings

    return load_model(Settings.from_env().model)
