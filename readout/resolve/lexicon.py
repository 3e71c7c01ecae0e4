"""The lexicons readout resolves actors with: countries, organisations, titles, institutions,
quote cues.

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
    offices: tuple[str, ...] = ()  # knowledge-base offices the title names
    inherit: bool = False  # takes its sector from a body written before it ("Pentagon spokesman")
    alone: bool = True  # may stand for a person without a name ("the Italian leader")
    country: str | None = None  # whose title it is when the text says no more ("treasury secretary")


@dataclass(frozen=True)
class Body:
    """An institution, armed group or company (fixed code), or a kind of group whose country the
    text gives ("foreign ministry", "troops"): an entry of institutions.yaml."""

    name: str
    kind: str
    code: str | None
    sector: str
    section: str


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
    between_words: frozenset[str]  # may stand between a country and its title ("new", "top")
    cue_verbs: frozenset[str]
    cue_phrases: tuple[str, ...]
    bodies: dict[str, Body]  # name as written -> institution, armed group, company ("the Kremlin")
    group_words: dict[str, Body]  # lower-case ministry or sector noun -> its pattern ("troops")
    spokespeople: dict[str, Body]  # lower-case nouns for people who speak for a state ("officials")
    place_names: dict[str, str]  # code -> name as roles write it ("the United Kingdom")
    leader_is_head_of_government: frozenset[str]  # codes whose "leader" is the head of government

    @property
    def max_title_words(self) -> int:
        return max(len(words.split()) for words in self.titles)

    def place_name(self, code: str | None) -> str | None:
        """How a role names a country or organisation: "the United Kingdom", "NATO"."""
        if code is None:
            return None
        if code in self.place_names:
            return self.place_names[code]
        if code in self.organizations:
            return self.organizations[code].name
        return self.countries[code].name if code in self.countries else None

    def role(self, title: Title, code: str | None, former: bool = False,
             body: str | None = None) -> str:
        """The role as readout writes it: "Prime Minister of Italy", "Former Secretary-General of
        NATO", "Spokesperson of the Kremlin" (a `body` named before the title wins over its
        country); without a known country, the bare title ("President")."""
        place = body or self.place_name(code)
        role = title.role
        if place is None:
            role = role.split(" of {")[0].split(" in {")[0]
        role = role.replace("{country}", place or "").replace("{org}", place or "")
        return f"Former {role}" if former else role


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
    """Names as text writes them, with a leading "the" or "The"."""
    out = []
    for form in forms:
        out.append(form)
        if form.startswith("the "):
            out.append("The " + form[4:])
    return out


def _body_forms(forms: list[str]) -> list[str]:
    """A body's names as text writes them: "the Kremlin", "The Kremlin" and "Kremlin"."""
    out = []
    for form in _with_the(forms):
        out.append(form)
        if form.startswith(("the ", "The ")):
            out.append(form[4:])
    return list(dict.fromkeys(out))


def _titles(data: dict[str, Any]) -> dict[str, Title]:
    titles = {}
    for words, spec in data["titles"].items():
        offices = spec.get("office") or ()
        titles[words.lower()] = Title(
            words.lower(), spec["role"], spec["sector"],
            offices=(offices,) if isinstance(offices, str) else tuple(offices),
            inherit=bool(spec.get("inherit", False)), alone=bool(spec.get("alone", True)),
            country=spec.get("country"),
        )
    return titles


def _institutions() -> tuple[dict[str, Body], dict[str, Body], dict[str, Body]]:
    """institutions.yaml as three tables: named bodies by their forms as written, and lower-case
    the pattern words (ministries, sector nouns) and the words for unnamed spokespeople."""
    bodies: dict[str, Body] = {}
    words: dict[str, Body] = {}
    spokespeople: dict[str, Body] = {}
    for section, entries in _read("institutions.yaml").items():
        if not isinstance(entries, list):
            continue  # version, updated
        for entry in entries:
            body = Body(entry["name"], entry["kind"], entry.get("code"), entry["sector"], section)
            forms = [entry["name"], *(entry.get("aliases") or [])]
            if section in ("ministries", "sector_nouns", "spokespeople"):
                table = spokespeople if section == "spokespeople" else words
                for form in forms:
                    table.setdefault(form.lower(), body)
            else:
                for form in _body_forms(forms):
                    bodies.setdefault(form, body)
    return bodies, words, spokespeople


# Demonyms that are their own plural ("the Chinese", "the Swiss", "the British", "the Dutch").
UNCHANGED_PLURAL = ("ese", "sh", "ch", "ss", "s", "x", "z")


def people_plural(demonym: str) -> str | None:
    """The plural noun for a people, so that every country's "Albanians", "Serbs" or "Nigeriens"
    resolves without being listed: a one-word demonym takes -s unless it is its own plural."""
    if not demonym.isalpha() or demonym.endswith(UNCHANGED_PLURAL) or not demonym[:1].isupper():
        return None
    return demonym + "s"


def _place_names() -> dict[str, str]:
    """Names of countries and organisations as the knowledge base's roles write them."""
    codes = _read("kb/codes.yaml")
    names = {}
    for section in ("countries", "other_codes", "organizations"):
        for code, spec in (codes.get(section) or {}).items():
            names[code] = spec["name"]
    return names


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
    for country in countries.values():
        for form in country.demonyms:
            plural = people_plural(form)
            if plural and plural not in country_names and plural not in capitals:
                demonyms.setdefault(plural, country.code)
    organizations: dict[str, Organization] = {}
    organization_names: dict[str, str] = {}
    for row in _read("organizations.yaml"):
        org = Organization(row["code"], row["name"], tuple(row["names"]), row["sector"], row["plover"])
        organizations[org.code] = org
        for form in _with_the(list(org.names)):
            organization_names.setdefault(form, org.code)
    title_data = _read("titles.yaml")
    cues = _read("cues.yaml")
    bodies, group_words, spokespeople = _institutions()
    return Lexicon(
        countries=countries, country_names=country_names, demonyms=demonyms, capitals=capitals,
        organizations=organizations, organization_names=organization_names,
        titles=_titles(title_data), former_words=frozenset(title_data["former"]),
        acting_words=frozenset(title_data["acting"]),
        between_words=frozenset(title_data.get("between") or ()),
        cue_verbs=frozenset(cues["verbs"]), cue_phrases=tuple(cues["phrases"]),
        bodies=bodies, group_words=group_words, spokespeople=spokespeople,
        place_names=_place_names(),
        leader_is_head_of_government=frozenset(title_data.get("leader_is_head_of_government") or ()),
    )
