"""Find the spans of an article that name an actor, before deciding who is who.

A mention is a name ("Giorgia Meloni", "Italy", "the G7"), a title that stands for a person ("the
President"), an institution ("the Kremlin", "Hezbollah", "Gazprom"), a group of a country
("Ukrainian soldiers", "protesters in Nairobi", "the Russian foreign ministry"), a demonym used as
an actor ("Russian strikes") or a capital used as a government ("Kyiv said"). People are found from
the parser's PERSON entities and the knowledge base's names, together with the title that
introduces them ("Italian Prime Minister Giorgia Meloni", "China's foreign minister Wang Yi",
"Andrzej Duda, the Polish president", "Kremlin spokesman Dmitry Peskov"): this module. States,
organisations, institutions and groups come from the lexicons' phrase matchers: `groups.py`.
Collective references ("the two leaders") and third-person pronouns are noted too, for
coreference.

A mention records only what its own words say (name, title, country, sector, "former");
`actors.py` joins mentions into actors and `resolver.py` asks the knowledge base who they are.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from readout.resolve.groups import find_bodies, find_groups, find_states_and_organizations
from readout.resolve.knowledge import load_knowledge_base
from readout.resolve.lexicon import Lexicon, Title, name_key
from readout.resolve.spans import Matches, Mention, city, free, overlaps

__all__ = ["Matchers", "Mention", "build_matchers", "find_mentions", "name_parts"]

# Words of address before a name that are neither title nor name.
HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Sheikh",
                        "Shaikh", "Prince", "Princess", "Lord", "Lady", "General", "Gen.", "Adm.",
                        "Lt.", "Col.", "Maj.", "Ayatollah", "Imam", "Rabbi", "Reverend", "Rev."})
GENDER_OF_HONORIFIC = {"Mr": "male", "Mr.": "male", "Sir": "male", "Lord": "male", "Prince": "male",
                       "Mrs": "female", "Mrs.": "female", "Ms": "female", "Ms.": "female",
                       "Dame": "female", "Lady": "female", "Princess": "female"}
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
NAME_PARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "at-", "ar-")
# Titles too vague to stand for a person without a country ("the minister said").
VAGUE_TITLES = frozenset({"leader", "minister", "general", "chair", "speaker", "commander",
                          "governor", "mayor", "spokesperson", "spokesman", "spokeswoman", "envoy",
                          "ambassador", "senator", "lawmaker", "mp", "pm", "queen", "chairperson",
                          "special envoy", "commissioner"})
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
                  "she": "female", "her": "female", "hers": "female", "herself": "female"}
# "the two leaders", "both men": collective references to the last two people named.
PAIR_WORDS = frozenset({"two", "both"})
PAIR_NOUNS = frozenset({"leaders", "men", "women", "presidents", "ministers", "premiers",
                        "chancellors", "counterparts", "heads", "statesmen", "diplomats"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Where a surname alone can stand for a person taking part ("Scholz said", "met Scholz").
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "pobj", "appos", "conj",
                              "dative", "agent"})
NOT_PEOPLE = frozenset({"DATE", "TIME", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "LANGUAGE",
                        "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "PRODUCT",
                        "WORK_OF_ART"})
# Titles a minister's portfolio may precede ("Labour Minister").
PORTFOLIO_TITLES = frozenset({"minister", "secretary", "commissioner"})


@dataclass(frozen=True)
class Matchers:
    names: PhraseMatcher  # countries, demonyms, capitals, organisations, bodies (case-sensitive)
    titles: PhraseMatcher  # titles (case-insensitive)
    groups: PhraseMatcher  # ministries and sector nouns (case-insensitive)
    people: PhraseMatcher  # names of the knowledge base's people (case-sensitive)


@functools.lru_cache(maxsize=4)
def build_matchers(nlp: Language, lexicon: Lexicon) -> Matchers:
    """Phrase matchers over the lexicons, built once per pipeline."""
    names = PhraseMatcher(nlp.vocab, attr="ORTH")
    tables = (("COUNTRY", lexicon.country_names), ("DEMONYM", lexicon.demonyms),
              ("CAPITAL", lexicon.capitals), ("ORG", lexicon.organization_names),
              ("BODY", {form: body.name for form, body in lexicon.bodies.items()}))
    for label, table in tables:
        for key, forms in _forms_by_key(table).items():
            names.add(f"{label}:{key}", list(nlp.tokenizer.pipe(forms)))
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    titles.add("TITLE", list(nlp.tokenizer.pipe(sorted(lexicon.titles))))
    groups = PhraseMatcher(nlp.vocab, attr="LOWER")
    groups.add("GROUP", list(nlp.tokenizer.pipe(sorted(lexicon.group_words))))
    people = PhraseMatcher(nlp.vocab, attr="ORTH")
    people.add("PERSON", list(nlp.tokenizer.pipe(form for form, _ in load_knowledge_base().name_forms())))
    return Matchers(names, titles, groups, people)


def _forms_by_key(table: dict[str, str]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = {}
    for form, key in table.items():
        by_key.setdefault(key, []).append(form)
    return by_key


def find_mentions(doc: Doc, lexicon: Lexicon, matchers: Matchers) -> list[Mention]:
    """Every actor mention in `doc`, in text order, without overlaps (pronouns and collective
    references included, as kinds `pronoun` and `pair`)."""
    groups = _longest(matchers.groups(doc, as_spans=True))
    spans = Matches(_outside(_longest(matchers.titles(doc, as_spans=True)), groups),
                   _longest(matchers.names(doc, as_spans=True)), groups,
                   _longest(matchers.people(doc, as_spans=True)))
    taken: set[int] = set()
    mentions = _people(doc, lexicon, spans, taken)
    mentions += _scan_tokens(doc, mentions, taken)
    mentions += _titles_alone(doc, lexicon, spans, taken)
    mentions += find_groups(doc, lexicon, spans, taken)
    mentions += find_bodies(doc, lexicon, spans, taken)
    mentions += find_states_and_organizations(doc, lexicon, spans.names, taken)
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


def _outside(spans: list[Span], longer: list[Span]) -> list[Span]:
    """Drop the spans inside a longer one of another matcher ("General" in "the General Staff")."""
    inside = {i for span in longer for i in range(span.start, span.end) if len(span) > 1}
    return [span for span in spans if not all(i in inside for i in range(span.start, span.end))
            or any(len(span) >= len(other) for other in longer
                   if other.start <= span.start and span.end <= other.end)]


# ---------------------------------------------------------------------------------------------
# People and their titles

def _people(doc: Doc, lexicon: Lexicon, spans: Matches, taken: set[int]) -> list[Mention]:
    found = []
    for ent, tentative in _person_candidates(doc, spans):
        name = _trim_name(ent, spans.title_starting_at)
        if name is None:
            continue
        before = _title_before(doc, name.start, lexicon, spans)
        after = None if before else _title_after(doc, name.end, lexicon, spans)
        described = before or after
        if described is None and not tentative and not _stands_alone(doc, name):
            continue
        first = before.first if before else name.start
        last = after.last if after else name.end
        if before is not None and before.code is None:
            before.code, last = _country_after(doc, name.end, spans)  # "King Hassan of Morocco"
        taken.update(range(first, last))
        mention = _person_mention(doc, name, described, first)
        mention.tentative = tentative and described is None
        found.append(mention)
    return found


@dataclass
class _Described:
    """What a title next to a name says: the title, the country or body, "former"."""

    title: Title
    code: str | None
    sector: str | None
    former: bool
    first: int  # first token of the title phrase
    last: int  # token after it
    owner: str | None = None  # name of the person the title is written as belonging to
    body: str | None = None  # the body written before the title ("the Kremlin")


def _person_candidates(doc: Doc, spans: Matches) -> list[tuple[Span, bool]]:
    """People's names, each with whether it is only tentative: names the knowledge base knows
    (the small parser tags "Giorgia Meloni" ORG at times), PERSON entities, and capitalised names
    right after a title that NER missed ("German Chancellor Olaf Scholz"). An entity that is all a
    country's or body's name ("Azerbaijan" tagged PERSON) is not a person. A surname alone that
    only the knowledge base found ("Scholz said") is tentative: it stays only if the knowledge
    base can tell who it is at the article's date."""
    known = [span for span in spans.people if len(span) > 1 and not overlaps(span, spans.in_name)]
    in_known = {i for span in known for i in range(span.start, span.end)}
    candidates = [(span, False) for span in known]
    candidates += [(ent, False) for ent in doc.ents if ent.label_ == "PERSON"
                   and not all(i in spans.in_name for i in range(ent.start, ent.end))
                   and not overlaps(ent, in_known)]
    in_person = {i for span, _ in candidates for i in range(span.start, span.end)}
    candidates += [(span, True) for span in spans.people if len(span) == 1
                   and not overlaps(span, in_person) and not overlaps(span, spans.in_name)
                   and _may_be_surname(doc, span[0])]
    in_person = {i for span, _ in candidates for i in range(span.start, span.end)}
    for title in spans.titles:
        end = title.end
        while end < len(doc) and end - title.end < 4 and doc[end].pos_ == "PROPN" \
                and doc[end].text[:1].isupper() and end not in spans.in_name and end not in in_person:
            end += 1
        if end == title.end:
            continue
        if end < len(doc) and end in in_person and doc[title.end].text in HONORIFICS:
            continue  # "Emir Sheikh Tamim ...": the honorific is not the name; NER has the name
        if end == len(doc) or end not in in_person:
            candidates.append((doc[title.end:end], False))
    return sorted(candidates, key=lambda item: item[0].start)


def _may_be_surname(doc: Doc, token: Token) -> bool:
    """A word the knowledge base knows as a surname, used as one here: a proper noun standing
    alone as a participant ("Scholz said", "met Scholz", "Scholz's visit"), not a date, place or
    part of a longer name."""
    if token.pos_ != "PROPN" or token.ent_type_ in NOT_PEOPLE or token.dep_ not in PARTICIPANT_DEPS:
        return False
    for i in (token.i - 1, token.i + 1):
        if 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            return False
    return True


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


def _title_before(doc: Doc, start: int, lexicon: Lexicon, spans: Matches) -> _Described | None:
    """Title and country written before a name: "Italian Prime Minister", "China's foreign
    minister", "Kremlin spokesman", "Houthi military spokesman"."""
    span = spans.title_ending_at.get(start)
    if span is None and start > 0 and doc[start - 1].text in HONORIFICS:
        span = spans.title_ending_at.get(start - 1)  # "Emir Sheikh Tamim": an honorific between
    if span is None:
        return None
    title = lexicon.titles[span.text.lower()]
    former, first = _former_before(doc, _qualifiers_before(doc, span.start, lexicon), lexicon)
    code, sector, first = _country_before(doc, first, lexicon, spans)
    if code is None and title.words.split()[-1] in PORTFOLIO_TITLES:
        # "Serbian Labour Minister", "Iran's Planning and Budget Minister"
        code, sector, found = _country_before(doc, _portfolio_before(doc, first, spans), lexicon, spans)
        first = found if code is not None else first
    owner = None
    if code is None:
        owner, first = _possessor(doc, first)
    body = _body_at(spans, first) if code is not None else None
    if not former:
        former, first = _former_before(doc, first, lexicon)
    return _Described(title, code, sector, former, first, span.end, owner, body)


def _qualifiers_before(doc: Doc, index: int, lexicon: Lexicon) -> int:
    """Skip words that may stand between a country and its title: "Lebanon's new President"."""
    while index > 0 and doc[index - 1].lower_ in lexicon.between_words:
        index -= 1
    return index


def _portfolio_before(doc: Doc, index: int, spans: Matches) -> int:
    """Skip a minister's portfolio written before the title: "Labour", "Planning and Investment"."""
    start = index
    while start > 0 and index - start < 4:
        token = doc[start - 1]
        if token.i in spans.in_name or not (token.text[:1].isupper() or token.lower_ in {"and", "&"}):
            break
        start -= 1
    return start


def _possessor(doc: Doc, index: int) -> tuple[str | None, int]:
    """A person whose title this is: "Trump's special envoy", "Putin's spokesman". Their
    country becomes the titled person's when nothing else gives one."""
    if index < 2 or doc[index - 1].tag_ != "POS" or doc[index - 2].pos_ != "PROPN":
        return None, index
    start = index - 2
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    return doc[start:index - 1].text, start


def _former_before(doc: Doc, index: int, lexicon: Lexicon) -> tuple[bool, int]:
    """"former", "ex-" or "then-" just before `index` (spaCy splits "ex-President" at the hyphen)."""
    if index > 0 and doc[index - 1].lower_ in lexicon.former_words:
        return True, index - 1
    if index > 1 and doc[index - 1].text == "-" and f"{doc[index - 2].lower_}-" in lexicon.former_words:
        return True, index - 2
    return False, index


def _country_before(doc: Doc, index: int, lexicon: Lexicon, spans: Matches):
    """The country, organisation or body just before `index` ("Italian", "China's", "NATO",
    "Kremlin"), across a qualifying group noun ("Russian military", "Chinese Foreign Ministry"):
    (code, sector the body or qualifier gives, first token), or (None, None, index)."""
    end = index
    sector = None
    qualifier = spans.group_ending_at.get(end)
    if qualifier is not None:
        sector = lexicon.group_words[qualifier.text.lower()].sector
        end = qualifier.start
    if end > 0 and doc[end - 1].tag_ == "POS":
        end -= 1
    span = spans.name_ending_at.get(end) or _place_before(doc, end)
    if span is None:
        return None, None, index
    label, key = span.label_.split(":", 1)
    if label == "BODY":
        body = lexicon.bodies[key]
        if body.code is None:
            return None, None, index
        return body.code, sector or body.sector, span.start
    return key, sector, span.start


def _place_before(doc: Doc, end: int) -> Span | None:
    """A city or region of the gazetteer just before a title ("Kharkiv Governor"), as a span
    labelled with its country."""
    if end == 0 or doc[end - 1].pos_ != "PROPN" or not doc[end - 1].text[:1].isupper() \
            or doc[end - 1].ent_type_ == "PERSON":
        return None
    return city(doc[end - 1:end])


def _body_at(spans: Matches, first: int) -> str | None:
    """The name of the body whose match starts at `first`, if one does ("the Kremlin")."""
    span = spans.name_starting_at.get(first)
    return span.label_.split(":", 1)[1] if span is not None and span.label_.startswith("BODY:") else None


def _title_after(doc: Doc, end: int, lexicon: Lexicon, spans: Matches) -> _Described | None:
    """An appositive title: "Andrzej Duda, the Polish president", "Wang Yi, China's top diplomat"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    window_end = min(len(doc), end + 7)
    title = next((span for span in spans.titles if end < span.start and span.end <= window_end), None)
    if title is None:
        return None
    between = doc[end + 1:title.start]
    if any(token.is_punct or token.pos_ in {"VERB", "AUX"} for token in between):
        return None
    former = any(token.lower_ in lexicon.former_words for token in between)
    code, sector, _ = _country_before(doc, title.start, lexicon, spans)
    if code is None:
        code = next((span.label_.split(":", 1)[1] for span in spans.names
                     if end < span.start and span.end <= title.start
                     and not span.label_.startswith("BODY:")), None)
    return _Described(lexicon.titles[title.text.lower()], code, sector, former, end, title.end)


def _person_mention(doc: Doc, name: Span, described: _Described | None, first: int) -> Mention:
    title = described.title if described else None
    gender = GENDER_OF_HONORIFIC.get(doc[name.start - 1].text) if name.start > 0 else None
    return Mention(
        start=name.start_char, end=name.end_char, token_start=name.start, token_end=name.end,
        head=name.root.i, kind="person", key="person:" + name_key(name.text), name=name.text,
        code=described.code if described else None, sector=described.sector if described else None,
        title=title.words if title else None, former=described.former if described else False,
        extent_start=first, gender=gender, subject=name.root.dep_ in SUBJECT_DEPS,
        owner=described.owner if described else None, body=described.body if described else None,
    )


def name_parts(name: str) -> list[str]:
    """The words of a full name that may stand alone for the person later: first name, surname, and
    the capitalised parts between ("Lula" of "Luiz Inácio Lula da Silva", "al-Sisi"), without
    suffixes."""
    words = [w for w in name.split() if w.strip(".,") not in NAME_SUFFIXES]
    if len(words) < 2:
        return []
    return [w for w in words if (w[:1].isupper() or w.lower().startswith(NAME_PARTICLES))
            and len(w.strip(".")) > 1]


def _scan_tokens(doc: Doc, people: list[Mention], taken: set[int]) -> list[Mention]:
    """One pass over the tokens for what needs no matcher: later mentions by surname or first name
    alone ("Meloni", "Giorgia") that NER missed, third-person pronouns, "the two leaders"."""
    parts: dict[str, Mention] = {}
    for person in people:
        for word in name_parts(person.name):
            parts.setdefault(name_key(word), person)
    covered = {i for person in people for i in range(person.token_start, person.token_end)}
    found = []
    for token in doc:
        text = token.text
        lower = token.lower_
        if lower in PRONOUN_GENDER:
            found.append(Mention(token.idx, token.idx + len(text), token.i, token.i + 1, token.i,
                                 "pronoun", "pronoun", text, gender=PRONOUN_GENDER[lower],
                                 subject=token.dep_ in SUBJECT_DEPS))
        elif lower in PAIR_WORDS:
            pair = _pair_at(doc, token, taken)
            if pair is not None:
                found.append(pair)
        elif text[:1].isupper() and parts and token.i not in covered and token.i not in taken:
            person = parts.get(name_key(text))
            if person is not None:
                taken.add(token.i)
                found.append(Mention(token.idx, token.idx + len(text), token.i, token.i + 1,
                                     token.i, "person", person.key, text,
                                     subject=token.dep_ in SUBJECT_DEPS))
    return found


def _pair_at(doc: Doc, token: Token, taken: set[int]) -> Mention | None:
    """"the two leaders", "both men": a reference to the last two people named."""
    end = token.i + 1
    if end >= len(doc) or doc[end].lower_ not in PAIR_NOUNS:
        return None
    first = token.i - 1 if token.i > 0 and doc[token.i - 1].lower_ == "the" else token.i
    if not free(range(first, end + 1), taken):
        return None
    taken.update(range(first, end + 1))
    span = doc[first:end + 1]
    return Mention(span.start_char, span.end_char, first, end + 1, end, "pair", "pair", span.text)


def _titles_alone(doc: Doc, lexicon: Lexicon, spans: Matches, taken: set[int]) -> list[Mention]:
    """Titles that stand for a person: "the President", "the Italian leader", "Poland's president",
    "the President of Ukraine". A lower-case "the president", and a title that names a person
    only next to a name ("an Indian official", "a Downing Street spokesperson"), only join a
    person of the article who bears the title (`vague`): an unnamed source is no actor."""
    found = []
    for span in spans.titles:
        if not free(span, taken) or (span.end < len(doc) and doc[span.end].ent_type_ == "PERSON"):
            continue
        if span.start >= 2 and doc[span.start - 2].lower_ == "of":
            continue  # "the Office of the President": part of an institution's name
        title = lexicon.titles[span.text.lower()]
        code, sector, first = _country_before(doc, span.start, lexicon, spans)
        body = _body_at(spans, first) if code is not None else None
        end = span.end
        if code is None:
            code, end = _country_after(doc, span.end, spans)
        former, first = _former_before(doc, first, lexicon)
        definite = first > 0 and doc[first - 1].lower_ == "the"
        if title.alone and code is None and (title.words in VAGUE_TITLES or not definite):
            continue
        if not title.alone and not any(i in spans.in_body for i in range(first, span.start)):
            # "expelled a senior Indian diplomat": the unnamed diplomat is no actor, India is
            first, code = span.start, None
        taken.update(range(first, end))
        found.append(Mention(
            start=doc[first].idx, end=doc[end - 1].idx + len(doc[end - 1].text),
            token_start=first, token_end=end, head=span.root.i, kind="title",
            key=f"title:{title.words}:{code or ''}:{'former' if former else ''}",
            name=doc[first:end].text, code=code, sector=sector, title=title.words, former=former,
            vague=not title.alone or (code is None and not span[0].text[:1].isupper()),
            subject=span.root.dep_ in SUBJECT_DEPS, body=body,
        ))
    return found


def _country_after(doc: Doc, end: int, spans: Matches) -> tuple[str | None, int]:
    """"the President of Ukraine": a country or organisation named right after "of"."""
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        start = end + 2 if doc[end + 1].lower_ == "the" else end + 1
        span = next((s for s in spans.names if s.start in (end + 1, start)), None)
        if span is not None and span.label_.split(":", 1)[0] in {"COUNTRY", "ORG"}:
            return span.label_.split(":", 1)[1], span.end
    return None, end
