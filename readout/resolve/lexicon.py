"""The lexicons readout resolves actors with: countries, organisations, titles, quote cues.

They are data files in readout/data (an analyst extends them without touching Python); this module
loads them once into lookup tables. Nothing is read at import time.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from readout.errors import DataError


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Organization:
    code: str
    name: str
    names: tuple[str, ...]
    sector: str
    plover: str


@dataclass(frozen=True)
class Title:
    words: str  # lower-case title as matched ("prime minister")
    role: str  # role template with {country} / {org}
    sector: str
    office: str | None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per process
class Lexicon:
    """Every lookup table the resolver needs, keyed by the forms text uses."""

    countries: dict[str, Country]  # by code
    country_names: dict[str, str]  # surface form -> code ("Britain" -> GBR)
    demonyms: dict[str, str]  # "Italian" -> ITA
    capitals: dict[str, str]  # "Kyiv" -> UKR
    organizations: dict[str, Organization]  # by code
    organization_names: dict[str, str]  # surface form -> code
    titles: dict[str, Title]  # lower-case words -> title
    former_words: frozenset[str]
    acting_words: frozenset[str]
    cue_verbs: frozenset[str]
    cue_phrases: tuple[str, ...]

    @property
    def max_title_words(self) -> int:
        return max(len(words.split()) for words in self.titles)


def fold(text: str) -> str:
    """Lower-case, accent-free form of a name, for comparisons ("Erdoğan" == "erdogan")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_key(word: str) -> str:
    """A name part folded for matching across transliterations (Zelenskyy, Zelenskiy -> zelensky;
    al-Sisi -> sisi)."""
    word = re.sub(r"^(al|el|ad|as|ash|at|ar)-", "", fold(word).strip(".'’"))
    return re.sub(r"(iy|yy|yi|ij)$", "y", word)


def _read(name: str) -> Any:
    try:
        raw = resources.files("readout.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise DataError(f"readout's data file {name} is missing; reinstall readout.") from error
    return json.loads(raw) if name.endswith(".json") else yaml.safe_load(raw)


def _with_the(forms: list[str]) -> list[str]:
    """Names as text writes them, with and without a leading "the"."""
    out = []
    for form in forms:
        out.append(form)
        if form.startswith("the "):
            out.append("The " + form[4:])
    return out


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load readout/data's lexicons once per process."""
    countries: dict[str, Country] = {}
    country_names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    # Sovereign states first: "French" is France's demonym before the French Southern Territories'.
    rows = sorted(_read("countries.json"), key=lambda row: (not row["un_member"], not row["independent"]))
    for row in rows:
        country = Country(
            code=row["code"], name=row["name"], aliases=tuple(row["aliases"]),
            demonyms=tuple(row["demonyms"]), capitals=tuple(row["capitals"]),
            lat=row["lat"], lon=row["lon"],
        )
        countries[country.code] = country
        for form in _with_the([country.name, *country.aliases]):
            country_names.setdefault(form, country.code)
        for form in country.demonyms:
            demonyms.setdefault(form, country.code)
        for form in country.capitals:
            capitals.setdefault(form, country.code)
    organizations: dict[str, Organization] = {}
    organization_names: dict[str, str] = {}
    for row in _read("organizations.yaml"):
        org = Organization(row["code"], row["name"], tuple(row["names"]), row["sector"], row["plover"])
        organizations[org.code] = org
        for form in _with_the(list(org.names)):
            organization_names.setdefault(form, org.code)
    title_data = _read("titles.yaml")
    titles = {
        words.lower(): Title(words.lower(), spec["role"], spec["sector"], spec.get("office"))
        for words, spec in title_data["titles"].items()
    }
    cues = _read("cues.yaml")
    return Lexicon(
        countries=countries, country_names=country_names, demonyms=demonyms, capitals=capitals,
        organizations=organizations, organization_names=organization_names, titles=titles,
        former_words=frozenset(title_data["former"]), acting_words=frozenset(title_data["acting"]),
        cue_verbs=frozenset(cues["verbs"]), cue_phrases=tuple(cues["phrases"]),
    )
