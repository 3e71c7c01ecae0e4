"""The event patterns of readout/data/events.yaml, loaded once into frames.

A frame says what a trigger word codes (PLOVER type and mode) and where its participants stand in
the dependency parse. The file is the analyst's to extend; this module only reads it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

import yaml

from readout.errors import DataError
from readout.records import EVENT_TYPES


@dataclass(frozen=True)
class Frame:
    """How one trigger word codes an event."""

    type: str
    mode: str | None = None
    object: bool = False  # the direct object is the recipient
    preps: tuple[str, ...] = ()  # prepositions whose object is the recipient
    status: str | None = None
    pair: bool = False  # no direction: the participants form an unordered pair
    host: bool = False  # the subject hosts: the object is the visitor, so the roles swap
    dative: bool = False  # an indirect object is the recipient ("gave Ukraine tanks")
    bare: bool = False  # the event stands without a recipient even when `object` names none
    undergoer: bool = False  # the passive subject acts ("guerrillas were demobilized")
    crowd: str | None = None  # "TYPE/mode" when a crowd does it ("students protested": PROTEST/demo)
    # Switches, each "TYPE" or "TYPE/mode": the verb a noun hangs on ("LIFTED the curfew": CONCEDE);
    # with verbs_only, the noun is an event only under one of those verbs ("broke off relations").
    verbs: dict[str, str] = field(default_factory=dict, compare=False)
    verbs_only: bool = False
    objects: dict[str, str] = field(default_factory=dict, compare=False)  # "blocked ROADS": PROTEST
    objects_only: bool = False  # a verb that is an event only with one of `objects` ("accepted")
    clauses: dict[str, str] = field(default_factory=dict, compare=False)  # "ordered X to LEAVE"
    thing: str | None = None  # when the object is a thing, not an actor ("welcomed the decision")
    purpose: str | None = None  # when a noun says what for ("calls FOR a ceasefire": REQUEST)


@dataclass(frozen=True, eq=False)
class Patterns:
    verbs: dict[str, Frame]
    nouns: dict[str, Frame]
    adjectives: dict[str, Frame]
    modifier_modes: dict[str, dict[str, str]]
    light_verbs: frozenset[str]
    future_heads: frozenset[str]
    intent_heads: frozenset[str]
    wish_heads: frozenset[str]
    refusal_heads: frozenset[str]
    gratitude_words: frozenset[str]
    non_events: frozenset[str]  # phrasal verbs that are no event though their verb is ("shoot down")
    embedded_modes: dict[str, dict[str, str]]  # THREATEN -> {type of what is threatened -> mode}
    complement_types: frozenset[str]  # types whose recipient may stand in the embedded clause
    demand_modals: frozenset[str]  # "X said Y must Z" is X's demand on Y
    official_nouns: frozenset[str]  # heads that make a plural subject officials, not a crowd
    group_nouns: frozenset[str]  # "rebels in Sudan", "police in Jericho": a group of that country
    answers: dict[str, str] = field(default_factory=dict)  # "allegation" -> ACCUSE: what a reply answers


def _frames(section: dict, where: str) -> dict[str, Frame]:
    frames = {}
    for word, spec in (section or {}).items():
        _check_type(spec["type"], f"{where}.{word}")
        switches = {key: {k: _check_type(v, f"{where}.{word}.{key}") for k, v in spec.get(key, {}).items()}
                    for key in ("verbs", "objects", "clauses")}
        for key in ("crowd", "thing", "purpose"):
            if spec.get(key):
                _check_type(spec[key], f"{where}.{word}.{key}")
        frames[word] = Frame(
            type=spec["type"], mode=spec.get("mode"), object=bool(spec.get("object", False)),
            preps=tuple(_word(prep) for prep in spec.get("preps", ())), status=spec.get("status"),
            pair=bool(spec.get("pair", False)), host=bool(spec.get("host", False)),
            dative=bool(spec.get("dative", False)), bare=bool(spec.get("bare", False)),
            undergoer=bool(spec.get("undergoer", False)),
            crowd=spec.get("crowd"), verbs=switches["verbs"], verbs_only=bool(spec.get("verbs_only")),
            objects=switches["objects"], thing=spec.get("thing"), purpose=spec.get("purpose"),
            objects_only=bool(spec.get("objects_only")), clauses=switches["clauses"],
        )
    return frames


def _check_type(value: str, where: str) -> str:
    """A "TYPE" or "TYPE/mode" value whose type is PLOVER's; else a message saying which entry."""
    if value.partition("/")[0] not in EVENT_TYPES:
        raise DataError(f"events.yaml: {where} has unknown PLOVER type {value!r}; "
                        f"use one of {', '.join(EVENT_TYPES)}.")
    return value


def _word(value: object) -> str:
    """YAML 1.1 reads an unquoted `on` or `off` as a boolean; in a list of prepositions it is the word."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


@functools.lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    """Read readout/data/events.yaml once per process."""
    try:
        raw = resources.files("readout.data").joinpath("events.yaml").read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataError("readout's data file events.yaml is missing; reinstall readout.") from error
    data = yaml.safe_load(raw)
    return Patterns(
        verbs=_frames(data["verbs"], "verbs"),
        nouns=_frames(data["nouns"], "nouns"),
        adjectives=_frames(data["adjectives"], "adjectives"),
        modifier_modes=data.get("modifier_modes", {}),
        light_verbs=frozenset(data["light_verbs"]),
        future_heads=frozenset(data["future_heads"]),
        intent_heads=frozenset(data["intent_heads"]),
        wish_heads=frozenset(data["wish_heads"]),
        refusal_heads=frozenset(data["refusal_heads"]),
        gratitude_words=frozenset(data["gratitude_words"]),
        non_events=frozenset(data.get("non_events", ())),
        embedded_modes=data.get("embedded_modes", {}),
        complement_types=frozenset(data.get("complement_types", ())),
        demand_modals=frozenset(data.get("demand_modals", ())),
        official_nouns=frozenset(data.get("official_nouns", ())),
        group_nouns=frozenset(data.get("group_nouns", ())),
        answers={word: _check_type(kind, f"answers.{word}") for word, kind in data.get("answers", {}).items()},
    )
