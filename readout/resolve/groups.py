"""Mentions of states, organisations, institutions and groups.

"Italy", "the G7", "Kyiv said" (a capital standing for its government), "Russian strikes" (a
demonym standing for its state); named institutions, armed groups and companies ("the Kremlin",
"Hezbollah", "Gazprom", from institutions.yaml); and groups a country is written with ("Ukrainian
soldiers", "protesters in Nairobi", "Russia's foreign ministry"), whose PLOVER sector comes from
the group noun. Unnamed people who speak for a state ("Russian officials") are no actor of their
own, but mark the state they speak for as its government (GOV).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from readout.resolve.lexicon import Body, Lexicon
from readout.resolve.places import lookup_place
from readout.resolve.spans import Matches, Mention, bare, city, free, in_longer_person

# Dependency labels under which a capital city stands for its government ("Kyiv said").
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "dobj", "dative"})
# Prepositions after a group noun that place it: "protesters in Nairobi", "the army of Sudan".
PLACING_PREPS = frozenset({"in", "of", "from"})


def find_groups(doc: Doc, lexicon: Lexicon, spans: Matches, taken: set[int]) -> list[Mention]:
    """Ministries and sector nouns placed by a country, organisation or body: "Ukrainian soldiers"
    (UKR MIL), "Russia's foreign ministry" (RUS GOV), "protesters in Nairobi" (KEN CVL), "NATO
    troops" (NATO MIL). A government is its state ("the German government" is Germany, sector
    GOV); the leaders or fighters of a body are that body ("Kremlin leadership", "Hezbollah
    fighters"). A group noun with no country is left out."""
    found = []
    for span in spans.groups:
        root = span.root
        if not free(span, taken) or root.pos_ not in {"NOUN", "PROPN"} \
                or root.dep_ in {"compound", "amod"} or _in_body(span, spans):
            continue
        word = lexicon.group_words[span.text.lower()]
        owner = _owner_before(doc, span, spans, taken)
        first, end = (owner.start, span.end) if owner is not None else (span.start, span.end)
        if owner is None:
            # "an embassy in Damascus" is no Syrian embassy: ministries are placed by "of" only
            preps = {"of"} if word.section == "ministries" else PLACING_PREPS
            owner, end = _owner_after(doc, span, spans, taken, preps)
        if owner is None:
            continue
        mention = _group_mention(doc, lexicon, word, owner, first, end, root)
        if mention is not None:
            taken.update(range(first, end))
            found.append(mention)
    return found


def _owner_before(doc: Doc, span: Span, spans: Matches, taken: set[int]) -> Span | None:
    """The nearest name among the group noun's own modifiers: "the Russian foreign ministry",
    "Ukraine's defence ministry", "Hezbollah fighters"."""
    left = span.root.left_edge.i
    for end in range(span.start, left, -1):
        name = spans.name_ending_at.get(end)
        if name is None or name.start < left or not free(name, taken):
            continue
        if span.start <= name.root.head.i < span.end or name.end <= name.root.head.i < span.end:
            return name
    return None


def _in_body(span: Span, spans: Matches) -> bool:
    """Whether a group noun is part of a body's name ("Houthi rebels", "Rapid Support Forces")."""
    return any(i in spans.in_body for i in range(span.start, span.end))


def _owner_after(doc: Doc, span: Span, spans: Matches, taken: set[int],
                 preps: frozenset[str] | set[str]) -> tuple[Span | None, int]:
    """A place after the group noun: "protesters in Nairobi", "the army of Sudan", "troops from
    Chad" (a country, capital or organisation; else a city of the gazetteer)."""
    for token in span:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps or prep.i < span.end:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                name = next((s for s in spans.names if s.start <= pobj.i < s.end), None)
                if name is not None and free(name, taken) and not name.label_.startswith("DEMONYM"):
                    return name, name.end
                if name is None and pobj.pos_ in {"PROPN", "NOUN"} and pobj.text[:1].isupper():
                    place = city(doc[pobj.left_edge.i:pobj.i + 1])
                    if place is not None:
                        return place, pobj.i + 1
    return None, span.end


def _group_mention(doc: Doc, lexicon: Lexicon, word: Body, owner: Span, first: int, end: int,
                   root: Token) -> Mention | None:
    label, key = owner.label_.split(":", 1)
    start = first + 1 if doc[first].lower_ == "the" else first
    text = doc[start:end]
    if label == "BODY":
        body = lexicon.bodies[key]
        if word.sector == "GOV" or body.kind == "group":  # "Kremlin officials", "Hamas fighters"
            return Mention(text.start_char, text.end_char, start, end, root.i, body.kind,
                           f"body:{body.name}", bare(body.name), code=body.code, sector=body.sector)
        if body.code is None:
            return None
        key = body.code
    elif word.sector == "GOV" and word.section == "sector_nouns":
        # "the German government", "the EU leadership": the state or organisation itself
        if label == "ORG":
            org = lexicon.organizations[key]
            return Mention(text.start_char, text.end_char, start, end, root.i, "organization",
                           f"org:{key}", org.name, code=key, sector=org.sector)
        return Mention(text.start_char, text.end_char, start, end, root.i, "country",
                       f"country:{key}", lexicon.countries[key].name, code=key, sector="GOV")
    return Mention(text.start_char, text.end_char, start, end, root.i, word.kind,
                   f"group:{key}:{word.name}", text.text, code=key, sector=word.sector)


def find_bodies(doc: Doc, lexicon: Lexicon, spans: Matches, taken: set[int]) -> list[Mention]:
    """Named institutions, armed groups, companies and media: "the Kremlin" (RUS GOV), "the
    Pentagon" (USA MIL), "Hezbollah" (LBN REB), "Gazprom" (RUS BUS)."""
    found = []
    for span in spans.names:
        label, key = span.label_.split(":", 1)
        if label != "BODY" or not free(span, taken) or in_longer_person(span):
            continue
        body = lexicon.bodies[key]
        start = span.start + 1 if span[0].lower_ == "the" else span.start
        end = span.end
        if end < len(doc) and doc[end].lower_ in lexicon.spokespeople and doc[end].pos_ == "NOUN":
            end += 1  # "Kremlin officials": the body itself
        taken.update(range(span.start, end))
        found.append(Mention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), start, end,
                             span.root.i, body.kind, f"body:{body.name}", bare(body.name),
                             code=body.code, sector=body.sector))
    return found


# ---------------------------------------------------------------------------------------------
# Countries and international organisations

def find_states_and_organizations(doc: Doc, lexicon: Lexicon, names: list[Span],
                                 taken: set[int]) -> list[Mention]:
    found = []
    named = {i for span in names for i in range(span.start, span.end)}
    by_start = {span.start: span for span in names}
    for span in names:
        label, code = span.label_.split(":", 1)
        if label == "BODY" or not free(span, taken):
            continue
        if in_longer_person(span, named):
            continue  # "Paris Hilton", "Michael Jordan"
        people = _people_of(span, by_start.get(span.end), code)
        if label == "CAPITAL" and not _stands_for_government(span.root):
            continue  # "in Kyiv" is a place; the gazetteer handles it
        if label == "DEMONYM" and not _demonym_as_actor(span) and people is None:
            continue
        end = people.end if people is not None else span.end
        if label == "ORG":
            org = lexicon.organizations[code]
            kind, key, name, sector = "organization", f"org:{code}", org.name, org.sector
        elif people is not None:  # "Bosnian Serbs", "Iraqi Kurds": a people of that country
            kind, key, name, sector = "group", f"group:{code}:{doc[span.start:end].text}", \
                doc[span.start:end].text, None
        elif label == "DEMONYM" and (home := _minority_home(doc, span, code, lexicon)):
            kind, key, name, sector = "group", f"group:{home}:ethnic {span.text}", \
                f"ethnic {span.text}", "CVL"
            code = home
        else:
            kind, key, name = "country", f"country:{code}", lexicon.countries[code].name
            sector = "GOV" if label == "CAPITAL" or _speaks_for(span, lexicon) else None
        taken.update(range(span.start, end))
        start = span.start + 1 if span[0].lower_ == "the" else span.start
        found.append(Mention(
            start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1].text), token_start=start,
            token_end=end, head=doc[end - 1].i, kind=kind, key=key, name=name, code=code, sector=sector,
        ))
    return found


def _people_of(span: Span, following: Span | None, code: str) -> Span | None:
    """The plural people noun right after a country's name or demonym ("Bosnian SERBS", "Iraqi
    KURDS" when the table knows the Kurds): a people living in that country, coded by it."""
    if following is None or not following.label_.startswith("DEMONYM:"):
        return None
    if following.label_.split(":", 1)[1] == code or following.root.tag_ not in {"NNS", "NNPS"}:
        return None
    return following


def _minority_home(doc: Doc, span: Span, code: str, lexicon: Lexicon) -> str | None:
    """"ethnic Albanians in southern Serbia", "ethnic Serb civilians ... in Croatia": "ethnic"
    before a demonym names a minority, which PLOVER codes by the country it lives in, the first
    other country the sentence places anything in; None when the sentence names none."""
    if span.start == 0 or doc[span.start - 1].lower_ != "ethnic":
        return None
    for token in span.sent:
        if token.dep_ != "pobj" or token.head.lower_ not in PLACING_PREPS | {"near", "across"}:
            continue
        words = doc[token.left_edge.i:token.i + 1].text.removeprefix("the ").strip()
        home = lexicon.country_names.get(words) or lexicon.country_names.get(token.text) \
            or lexicon.capitals.get(token.text)
        if home is None and token.pos_ == "PROPN":
            place = lookup_place(token.text)
            home = place.code if place else None
        if home and home != code:
            return home
    return None


def _speaks_for(span: Span, lexicon: Lexicon) -> bool:
    """"Russian officials", "Moroccan diplomats": the state the unnamed people speak for acts as
    a government (PLOVER GOV), though the people are no actor of their own."""
    head = span.root.head
    return head.i >= span.end and head.lower_ in lexicon.spokespeople


def _stands_for_government(token: Token) -> bool:
    """"Kyiv said", "Washington and Beijing agreed", "Moscow's response": a capital as an actor."""
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ in ACTOR_DEPS and token.dep_ not in {"dobj"}


def _demonym_as_actor(span: Span) -> bool:
    """"Russian strikes", "the Italian side": a demonym that modifies a noun stands for its country."""
    root = span.root
    return root.dep_ in {"amod", "compound", "nsubj", "nmod"} or root.pos_ in {"ADJ", "PROPN", "NOUN"}
