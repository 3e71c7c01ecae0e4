"""Find the spans of an article that name an actor, before deciding who is who.

A mention is a name ("Giorgia Meloni", "Italy", "the G7"), a title that stands for a person ("the
President"), a demonym used as an actor ("Russian strikes") or a capital used as a government ("Kyiv
said"). People are found from the parser's PERSON entities together with the title that introduces
them ("Italian Prime Minister Giorgia Meloni", "China's foreign minister Wang Yi", "Andrzej Duda, the
Polish president"); countries and organisations from the lexicons' phrase matchers. `actors.py` then
joins mentions into actors.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from readout.resolve.lexicon import Lexicon, Title, fold, name_key

# Dependency labels under which a capital city stands for its government ("Kyiv said").
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "dobj", "dative"})
# Words of address before a name that are neither title nor name.
HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Sheikh",
                        "Shaikh", "Prince", "Princess", "Lord", "Lady", "General", "Gen.", "Adm.",
                        "Lt.", "Col.", "Maj."})
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
# Titles too vague to stand for a person without a country ("the minister said").
VAGUE_TITLES = frozenset({"leader", "minister", "general", "chair", "speaker", "commander",
                          "governor", "mayor", "spokesperson", "spokesman", "spokeswoman", "envoy",
                          "ambassador", "senator", "lawmaker", "mp", "pm", "queen", "chairperson",
                          "special envoy"})


@dataclass
class Mention:
    """One span that names an actor, with what the span itself says about it."""

    start: int  # character offsets of the whole mention
    end: int
    token_start: int
    token_end: int
    head: int  # token index of the mention's syntactic head
    kind: str  # person | country | organization | group | title
    key: str  # identity key before coreference ("country:ITA", "person:giorgia meloni")
    name: str
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    title: str | None = None  # the title words ("prime minister") when a title introduced it
    former: bool = False
    extent_start: int | None = None  # first token of the whole phrase ("Italian Prime Minister ...")


@dataclass(frozen=True)
class Matchers:
    names: PhraseMatcher  # countries, demonyms, capitals, organisations (case-sensitive)
    titles: PhraseMatcher  # titles (case-insensitive)


@functools.lru_cache(maxsize=4)
def build_matchers(nlp: Language, lexicon: Lexicon) -> Matchers:
    """Phrase matchers over the lexicons, built once per pipeline."""
    names = PhraseMatcher(nlp.vocab, attr="ORTH")
    for label, table in (("COUNTRY", lexicon.country_names), ("DEMONYM", lexicon.demonyms),
                         ("CAPITAL", lexicon.capitals), ("ORG", lexicon.organization_names)):
        by_code: dict[str, list[str]] = {}
        for form, code in table.items():
            by_code.setdefault(code, []).append(form)
        for code, forms in by_code.items():
            names.add(f"{label}:{code}", list(nlp.tokenizer.pipe(forms)))
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    titles.add("TITLE", list(nlp.tokenizer.pipe(sorted(lexicon.titles))))
    return Matchers(names, titles)


def find_mentions(doc: Doc, lexicon: Lexicon, matchers: Matchers) -> list[Mention]:
    """Every actor mention in `doc`, in text order, without overlaps."""
    title_spans = _longest(matchers.titles(doc, as_spans=True))
    name_spans = _longest(matchers.names(doc, as_spans=True))
    taken: set[int] = set()
    mentions = _people(doc, lexicon, title_spans, name_spans, taken)
    mentions += _name_parts(doc, mentions, taken)
    mentions += _titles_alone(doc, lexicon, title_spans, name_spans, taken)
    mentions += _countries_and_organizations(doc, lexicon, name_spans, taken)
    return sorted(mentions, key=lambda mention: mention.start)


def _longest(spans: list[Span]) -> list[Span]:
    """Drop matches inside longer ones ("Prime Minister" beats "Minister")."""
    spans = sorted(spans, key=lambda span: (span.start, -len(span)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _people(doc: Doc, lexicon: Lexicon, titles: list[Span], names: list[Span],
            taken: set[int]) -> list[Mention]:
    title_ending_at = {span.end: span for span in titles}
    title_starting_at = {span.start: span for span in titles}
    name_ending_at = {span.end: span for span in names}
    found = []
    for ent in _person_candidates(doc, titles, names):
        name = _trim_name(ent, title_starting_at)
        if name is None:
            continue
        title, country, former, first = _title_before(doc, name.start, lexicon, title_ending_at,
                                                      name_ending_at)
        if title is None:
            title, country, former, last = _title_after(doc, name.end, lexicon, titles, names)
        else:
            last = name.end
        if title is None and not _stands_alone(doc, name):
            continue
        first = first if title is not None and first < name.start else name.start
        for i in range(first, max(last, name.end)):
            taken.add(i)
        mention = _person_mention(doc, name, title, country, former, lexicon)
        mention.extent_start = first
        found.append(mention)
    return found


def _person_candidates(doc: Doc, titles: list[Span], names: list[Span]) -> list[Span]:
    """PERSON entities, plus capitalised names right after a title that NER missed
    ("German Chancellor Olaf Scholz" tagged as anything but a person)."""
    candidates = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    in_person = {i for ent in candidates for i in range(ent.start, ent.end)}
    in_name = {i for span in names for i in range(span.start, span.end)}
    for title in titles:
        end = title.end
        while end < len(doc) and end - title.end < 4 and doc[end].pos_ == "PROPN" \
                and doc[end].text[:1].isupper() and end not in in_name and end not in in_person:
            end += 1
        if end == title.end:
            continue
        if end < len(doc) and end in in_person and doc[title.end].text in HONORIFICS:
            continue  # "Emir Sheikh Tamim ...": the honorific is not the name; NER has the name
        if end == len(doc) or end not in in_person:
            candidates.append(doc[title.end:end])
    return sorted(candidates, key=lambda span: span.start)


def _trim_name(ent: Span, title_starting_at: dict[int, Span]) -> Span | None:
    """The name part of a PERSON entity: without a leading title or a trailing "'s"."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (start in title_starting_at or doc[start].text in HONORIFICS):
        start = title_starting_at[start].end if start in title_starting_at else start + 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if end <= start or not doc[start].text[:1].isupper():
        return None
    return doc[start:end]


def _stands_alone(doc: Doc, name: Span) -> bool:
    """A PERSON without a title is kept if it is a full name, not part of a longer proper name."""
    if len(name) >= 2:
        return True
    left = doc[name.start - 1] if name.start > 0 else None
    if left is not None and left.pos_ == "PROPN" and left.text[:1].isupper():
        return False  # "Peace Formula": a name of a thing, not a person
    return name[0].dep_ in {"nsubj", "nsubjpass"} and name[0].head.pos_ in {"VERB", "AUX"}


def _title_before(doc: Doc, start: int, lexicon: Lexicon, title_ending_at: dict[int, Span],
                  name_ending_at: dict[int, Span]):
    """Title and country written before a name: "Italian Prime Minister", "China's foreign minister"."""
    span = title_ending_at.get(start)
    if span is None and start > 0 and doc[start - 1].text in HONORIFICS:
        span = title_ending_at.get(start - 1)  # "Emir Sheikh Tamim": an honorific between title and name
    if span is None:
        return None, None, False, start
    title = lexicon.titles[span.text.lower()]
    first = span.start
    former = False
    if first > 0 and doc[first - 1].lower_ in lexicon.former_words:
        former, first = True, first - 1
    country, first = _country_before(doc, first, lexicon, name_ending_at)
    if first > 0 and doc[first - 1].lower_ in lexicon.former_words:
        former, first = True, first - 1
    return title, country, former, first


def _country_before(doc: Doc, index: int, lexicon: Lexicon, name_ending_at: dict[int, Span]):
    """A country or organisation just before `index`: "Italian", "China's", "NATO"."""
    end = index
    if end > 0 and doc[end - 1].tag_ == "POS":
        end -= 1
    span = name_ending_at.get(end)
    if span is None:
        return None, index
    return span.label_.split(":", 1)[1], span.start


def _title_after(doc: Doc, end: int, lexicon: Lexicon, titles: list[Span], names: list[Span]):
    """An appositive title: "Andrzej Duda, the Polish president", "Wang Yi, China's top diplomat"."""
    if end >= len(doc) or doc[end].text != ",":
        return None, None, False, end
    window_end = min(len(doc), end + 7)
    title = next((span for span in titles if end < span.start and span.end <= window_end), None)
    if title is None:
        return None, None, False, end
    between = doc[end + 1:title.start]
    if any(token.is_punct or token.pos_ in {"VERB", "AUX"} for token in between):
        return None, None, False, end
    former = any(token.lower_ in lexicon.former_words for token in between)
    country = next((span.label_.split(":", 1)[1] for span in names
                    if end < span.start and span.end <= title.start), None)
    return lexicon.titles[title.text.lower()], country, former, title.end


def _person_mention(doc: Doc, name: Span, title: Title | None, country: str | None,
                    former: bool, lexicon: Lexicon) -> Mention:
    return Mention(
        start=name.start_char, end=name.end_char, token_start=name.start, token_end=name.end,
        head=name.root.i, kind="person", key="person:" + fold(name.text), name=name.text,
        code=country, sector=("ELI" if former else title.sector) if title else None,
        role=_role(title, country, lexicon, former) if title else None,
        title=title.words if title else None, former=former,
    )


def _role(title: Title, code: str | None, lexicon: Lexicon, former: bool) -> str:
    """The role as readout writes it: "Prime Minister of Italy", "Secretary-General of NATO"."""
    place = None
    if code in lexicon.countries:
        place = lexicon.countries[code].name
    elif code in lexicon.organizations:
        place = lexicon.organizations[code].name
    role = title.role
    if place is None:
        role = role.split(" of {")[0].split(" in {")[0]
    role = role.replace("{country}", place or "").replace("{org}", place or "")
    return f"Former {role}" if former else role


def _name_parts(doc: Doc, people: list[Mention], taken: set[int]) -> list[Mention]:
    """Later mentions by surname or first name alone ("Meloni", "Giorgia") that NER missed."""
    parts: dict[str, Mention] = {}
    for person in people:
        for word in name_parts(person.name):
            parts.setdefault(name_key(word), person)
    covered = {i for person in people for i in range(person.token_start, person.token_end)}
    found = []
    for token in doc:
        if token.i in covered or token.i in taken or not token.text[:1].isupper():
            continue
        person = parts.get(name_key(token.text))
        if person is None:
            continue
        taken.add(token.i)
        found.append(Mention(
            start=token.idx, end=token.idx + len(token.text), token_start=token.i,
            token_end=token.i + 1, head=token.i, kind="person", key=person.key, name=token.text,
        ))
    return found


def name_parts(name: str) -> list[str]:
    """The words of a full name that may stand alone for the person later: first name, surname, and
    the capitalised parts between ("Lula" of "Luiz Inácio Lula da Silva"), without suffixes."""
    words = [w for w in name.split() if w.strip(".,") not in NAME_SUFFIXES]
    if len(words) < 2:
        return []
    return [w for w in words if w[:1].isupper() and len(w.strip(".")) > 1]


def _titles_alone(doc: Doc, lexicon: Lexicon, titles: list[Span], names: list[Span],
                  taken: set[int]) -> list[Mention]:
    """Titles that stand for a person: "the President", "the Italian leader", "Poland's president"."""
    name_ending_at = {span.end: span for span in names}
    found = []
    for span in titles:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if span.end < len(doc) and doc[span.end].ent_type_ == "PERSON":
            continue
        if span.start >= 2 and doc[span.start - 2].lower_ == "of":
            continue  # "the Office of the President": part of an institution's name
        title = lexicon.titles[span.text.lower()]
        country, first = _country_before(doc, span.start, lexicon, name_ending_at)
        former = first > 0 and doc[first - 1].lower_ in lexicon.former_words
        if country is None and (title.words in VAGUE_TITLES or not _is_definite(doc, first)):
            continue
        if not span[0].text[:1].isupper() and country is None:
            continue  # "the president" in lower case without a country is too vague to resolve
        for i in range(first, span.end):
            taken.add(i)
        found.append(Mention(
            start=doc[first].idx, end=span.end_char, token_start=first, token_end=span.end,
            head=span.root.i, kind="title", key=f"title:{title.words}:{country or ''}",
            name=doc[first:span.end].text, code=country,
            sector="ELI" if former else title.sector,
            role=_role(title, country, lexicon, former), title=title.words, former=former,
        ))
    return found


def _is_definite(doc: Doc, index: int) -> bool:
    return index > 0 and doc[index - 1].lower_ == "the"


def _countries_and_organizations(doc: Doc, lexicon: Lexicon, names: list[Span],
                                 taken: set[int]) -> list[Mention]:
    found = []
    for span in names:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if any(token.ent_type_ == "PERSON" for token in span):
            continue  # "Paris Hilton", "Michael Jordan"
        label, code = span.label_.split(":", 1)
        if label == "CAPITAL" and not _stands_for_government(span.root):
            continue  # "in Kyiv" is a place; the gazetteer handles it
        if label == "DEMONYM" and not _demonym_as_actor(span):
            continue
        if label == "ORG":
            org = lexicon.organizations[code]
            kind, key, name, sector = "organization", f"org:{code}", org.name, org.sector
        else:
            kind, key, name, sector = "country", f"country:{code}", lexicon.countries[code].name, None
        for i in range(span.start, span.end):
            taken.add(i)
        start = span.start + 1 if span[0].lower_ == "the" else span.start
        found.append(Mention(
            start=doc[start].idx, end=span.end_char, token_start=start, token_end=span.end,
            head=span.root.i, kind=kind, key=key, name=name, code=code, sector=sector,
        ))
    return found


def _stands_for_government(token: Token) -> bool:
    """"Kyiv said", "Washington and Beijing agreed", "Moscow's response": a capital as an actor."""
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ in ACTOR_DEPS and token.dep_ not in {"dobj"}


def _demonym_as_actor(span: Span) -> bool:
    """"Russian strikes", "the Italian side": a demonym that modifies a noun stands for its country."""
    root = span.root
    return root.dep_ in {"amod", "compound", "nsubj", "nmod"} or root.pos_ in {"ADJ", "PROPN", "NOUN"}
