"""The event patterns of readout/data/events.yaml, loaded once into frames.

A frame says what a trigger word codes (PLOVER type and mode) and where its participants stand in
the dependency parse. The file is the analyst's to extend; this module only reads it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
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


def _frames(section: dict, where: str) -> dict[str, Frame]:
    frames = {}
    for word, spec in (section or {}).items():
        if spec["type"] not in EVENT_TYPES:
            raise DataError(f"events.yaml: {where}.{word} has unknown PLOVER type {spec['type']!r}; "
                            f"use one of {', '.join(EVENT_TYPES)}.")
        frames[word] = Frame(
            type=spec["type"], mode=spec.get("mode"), object=bool(spec.get("object", False)),
            preps=tuple(_word(prep) for prep in spec.get("preps", ())), status=spec.get("status"),
            pair=bool(spec.get("pair", False)), host=bool(spec.get("host", False)),
            dative=bool(spec.get("dative", False)),
        )
    return frames


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
    )
