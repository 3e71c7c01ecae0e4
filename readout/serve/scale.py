"""The PLOVER cooperation-conflict scale: a score in -10..+10 for an event's type and mode.

The table is data (readout/data/plover_scale.yaml, with its provenance); this module loads and
checks it, and scores an event the way PLOVER would code it: through the same type conversion as
the PLOVER export (`readout.store.export.plover_type`), so a planned meeting scores as AGREE, an
intended attack as THREATEN, and a negated or hypothetical event not at all.

    scale = load_scale()
    scale.score("CONSULT", "phone", "occurred")   # 1.5
    scale.score("ASSAULT", "aerial", "negated")   # None
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from readout.errors import DataError
from readout.records import EVENT_TYPES
from readout.store.export import plover_type

SCALE_FILE = "plover_scale.yaml"


@dataclass(frozen=True)
class Scale:
    """Scores by PLOVER type, with the type + mode pairs that differ from their type."""

    types: dict[str, float]
    modes: dict[tuple[str, str], float] = field(default_factory=dict)
    from_manual: frozenset[str] = frozenset()

    def score(self, event_type: str, mode: str | None, status: str) -> float | None:
        """The event's score, or None when PLOVER would not code it (negated, hypothetical)."""
        coded = plover_type(event_type, status)
        if coded is None or coded not in self.types:
            return None
        if coded != event_type:
            mode = None  # converted (CONSULT planned -> AGREE): the mode was the other type's
        return self.modes.get((coded, mode or ""), self.types[coded])

    def table(self) -> list[dict[str, Any]]:
        """Every row of the scale, for the API and the docs: type, mode, score, source."""
        rows = []
        for kind, value in self.types.items():
            rows.append({"type": kind, "mode": None, "score": value,
                         "source": "manual" if kind in self.from_manual else "readout"})
            for (of, mode), score in self.modes.items():
                if of == kind:
                    source = "manual" if f"{kind} {mode}" in self.from_manual else "readout"
                    rows.append({"type": kind, "mode": mode, "score": score, "source": source})
        return rows


def parse_scale(data: Any, name: str = SCALE_FILE) -> Scale:
    """A Scale from the YAML's data, or a DataError naming what is wrong with it."""
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise DataError(f"{name}: expected a mapping with a `types` table; see the file's header.")
    low, high = data.get("range", [-10, 10])
    missing = [kind for kind in EVENT_TYPES if kind not in data["types"]]
    if missing:
        raise DataError(f"{name}: no score for {', '.join(missing)}; give every PLOVER type one.")
    types: dict[str, float] = {}
    modes: dict[tuple[str, str], float] = {}
    for kind, spec in data["types"].items():
        if kind not in EVENT_TYPES:
            raise DataError(f"{name}: {kind!r} is not a PLOVER type; use one of {', '.join(EVENT_TYPES)}.")
        types[kind] = _checked(spec.get("score") if isinstance(spec, dict) else None,
                               f"{kind}", low, high, name)
        for mode, value in (spec.get("modes") or {}).items():
            modes[(kind, mode)] = _checked(value, f"{kind} {mode}", low, high, name)
    return Scale(types, modes, frozenset(data.get("from_manual") or ()))


def _checked(value: Any, what: str, low: float, high: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise DataError(f"{name}: the score of {what} is {value!r}; give a number from {low} to {high}.")
    return float(value)


@functools.lru_cache(maxsize=1)
def load_scale() -> Scale:
    """readout/data/plover_scale.yaml, loaded and checked once per process."""
    try:
        raw = resources.files("readout.data").joinpath(SCALE_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataError(f"readout's data file {SCALE_FILE} is missing; reinstall readout.") from error
    return parse_scale(yaml.safe_load(raw))
