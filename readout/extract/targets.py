"""Where an act is aimed when its clause names no one: the country of a place.

"Travelled to Kyiv", "strikes on the city of Kharkiv", "fired shells at targets in Jericho": a place
named as the destination or target of an act stands for its country. PLOVER codes an attack, aid or
a protest aimed at no one named as aimed at the country where it happened; readout does the same
when the place lies in the act's own phrase, and leaves a place at home to the event's location.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from readout.extract.patterns import Frame
from readout.resolve.places import lookup_place

if TYPE_CHECKING:
    from readout.extract.events import Context

# Types whose act, done in a place, is aimed at the place's country when no one else is named.
PLACED_TYPES = frozenset({"AID", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
                          "AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT"})
VERBAL_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT"})
PLACE_PREPS = frozenset({"in", "into", "to", "at", "near", "inside", "across", "throughout", "on"})


def place_country(token: Token, context: Context) -> list[str]:
    """A place named as a destination or target ("travelled to Kyiv", "strikes on Lviv") stands for
    its country, when the article names that country as an actor."""
    if token.pos_ == "NOUN":  # "the city of Kharkiv", "the town of Gorazde"
        return next((ids for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for pobj in prep.children if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN"
                     if (ids := place_country(pobj, context))), [])
    capital = context.lexicon.capitals.get(token.text)  # "Kyiv", however the parser tagged it
    if token.pos_ != "PROPN" or (token.ent_type_ == "PERSON" and capital is None):
        return []
    name = token.doc[token.left_edge.i:token.i + 1].text if token.left_edge.pos_ == "PROPN" else token.text
    place = lookup_place(name) or lookup_place(token.text)
    code = capital or (place.code if place else None)
    if code is None:
        return []
    return [a.id for a in context.actors.actors if a.kind == "country" and a.code == code][:1]


def place_recipient(trigger: Token, frame: Frame, context: Context, actors: list[str]) -> list[str]:
    """"fired shells at targets IN JERICHO", "will provide food aid to refugees IN LIBERIA",
    "arrived IN AMMAN": a material act (or a visit) aimed at no one named is aimed at the country
    where it is done. A place where the act itself happened ("reimposed blockades in the West
    Bank", and for a verbal act where it was said) is the event's location, from which the PLOVER
    export infers the target; so is a place in the actor's own country ("Georgians demonstrated in
    Tbilisi"). A verbal act counts a place inside what it is about ("rejected a call for troops to
    be deployed IN EAST TIMOR")."""
    subjects = {t.i for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass", "agent"} for t in c.subtree}
    own = {context.actors.get(a).code for a in actors}
    for token in trigger.subtree:
        if token.i in subjects or token.dep_ != "pobj" or token.head.lower_ not in PLACE_PREPS:
            continue
        if token.head.head.i == trigger.i and (frame.type in VERBAL_TYPES or token.head.lower_ == "in"):
            continue  # "agreed IN GENEVA", "reimposed blockades IN THE WEST BANK": the location
        found = place_code(token, context)
        if found is None or found in own:
            continue  # at home: the event's location says so already
        return [context.actors.country(found, context.lexicon.countries[found].name)]
    return []


def place_code(token: Token, context: Context) -> str | None:
    """The country of a place name ending at `token`: "the West Bank", "Tokyo"."""
    if token.pos_ != "PROPN":
        return None
    first = token.i
    while first > token.sent.start and token.doc[first - 1].pos_ == "PROPN":
        first -= 1
    lexicon = context.lexicon
    for words in (token.doc[first:token.i + 1], token.doc[token.i:token.i + 1]):
        code = lexicon.country_names.get(words.text) or lexicon.capitals.get(words.text)
        if code is None:
            place = lookup_place(words.text)
            code = place.code if place else None
        if code in lexicon.countries:
            return code
    return None
