"""Who held which office when: readout's knowledge base of office holders.

The facts are hand-edited YAML in readout/data/kb/ (format: docs/knowledge-base.md): heads of state
and government of every UN member state, foreign and defence ministers of the larger powers, and
heads of international organisations, since 2014. The resolver asks it who "the British prime
minister" was on an article's date, which office "Scholz" held then, and whether a person named in
an article was still in office (PLOVER codes former officials as ELI).

Nothing is read at import time: `load_knowledge_base()` parses the files on first use and keeps the
result for the life of the process. `validate()` reports every problem in the files as a sentence
an analyst can act on; `python -m readout.resolve.knowledge --validate` prints them.

Terms are half-open: a term is in force from its `start` day up to, not including, its `end` day,
so a successor's start can equal the predecessor's end.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from readout.errors import DataError

__all__ = [
    "INSTITUTIONS_FILE",
    "KB_DIR",
    "KnowledgeBase",
    "Person",
    "Term",
    "coverage_gaps",
    "fold_name",
    "load_knowledge_base",
    "validate",
    "validate_institutions",
]

KB_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"
INSTITUTIONS_FILE = KB_DIR.parent / "institutions.yaml"

# Files of the kb folder that describe the data rather than hold office holders.
CONTROL_FILES = ("meta.yaml", "codes.yaml", "offices.yaml")
# Shorthand office for an executive president: expands to one term of each office.
BOTH_OFFICES = "head_of_state_and_government"
GENDERS = ("male", "female")
PLOVER_SECTORS = frozenset({
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "PTY", "OPP", "REB", "PRM", "UAF", "ELI", "BUS",
    "JRN", "CVL", "LAB", "EDU", "MED", "REF", "REL", "SOC", "CRM", "AGR", "PRE", "UNK",
})
ACTOR_KINDS = ("person", "country", "organization", "group")
_QID = re.compile(r"Q[1-9][0-9]*")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_PERSON_FIELDS = frozenset({"id", "name", "aliases", "gender", "wikidata", "surname", "note"})
_TERM_FIELDS = frozenset({"person", "start", "end", "approx", "title", "role", "titles", "note"})
_ACTING_PREFIXES = ("acting ", "interim ", "caretaker ")


@dataclass(frozen=True)
class Person:
    """Someone who held an office: `name` is the usual English news spelling."""

    id: str
    name: str
    aliases: tuple[str, ...]
    gender: str | None
    wikidata: str | None
    home: str | None = None  # the code the person is listed under (where a monarch of many realms is from)


@dataclass(frozen=True)
class Term:
    """One person in one office of one country or organisation, from `start` to `end` (exclusive).

    `end` is None while the holder is (as far as the data knows) still in office; `approx` marks
    dates that are a best estimate. `titles` are the generic words news uses for the office,
    lower-case and accent-free ("prime minister", "premier", "head of government").
    """

    person_id: str
    office: str
    code: str
    role: str
    titles: tuple[str, ...]
    start: date
    end: date | None
    approx: bool

    def in_force(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)

    def ended_by(self, on: date) -> bool:
        """True when the term was over on `on`: its holder was then a former holder."""
        return self.end is not None and self.end <= on


# ---------------------------------------------------------------------------------------------
# Names

_FOLD = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ð": "d", "đ": "d", "Đ": "d", "ł": "l",
    "Ł": "l", "þ": "th", "œ": "oe", "ß": "ss", "-": " ", "‐": " ", "‑": " ", "–": " ", ".": " ",
    ",": " ", "'": "", "’": "", "‘": "", "ʼ": "", "`": "",
})


def fold_name(text: str) -> str:
    """The form names are compared in: lower-case, accent-free, hyphens as spaces.

    >>> fold_name("Recep Tayyip Erdoğan") == fold_name("recep tayyip erdogan")
    True
    >>> fold_name("Kim Jong-un")
    'kim jong un'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(plain.split())


def _title_case(words: str) -> str:
    small = {"of", "the", "and", "for"}
    return " ".join(
        word if word in small else "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
        for word in words.split()
    )


# ---------------------------------------------------------------------------------------------
# Reading the files

class _Loader(yaml.CSafeLoader):
    """The fast C loader, recording duplicate keys instead of silently keeping the last one."""

    duplicates: list[str]

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                self.duplicates.append(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        problems.append(f"{path.name}: cannot be read ({error.strerror}); check the file exists.")
        return None
    loader = _Loader(text)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        problems.append(f"{path.name}: is not valid YAML: {error}")
        return None
    finally:
        loader.dispose()
    problems.extend(f"{path.name}: {message}" for message in loader.duplicates)
    return data


@dataclass
class _Codes:
    """What codes.yaml and offices.yaml say: known codes and how each office is titled."""

    countries: dict[str, dict[str, Any]]
    organizations: dict[str, dict[str, Any]]
    state_offices: dict[str, dict[str, Any]]
    org_offices: dict[str, dict[str, Any]]
    synonyms: dict[str, list[str]]
    extra_codes: frozenset[str] = frozenset()

    def state_code(self, code: str) -> bool:
        return code in self.countries or code in self.extra_codes

    def name_of(self, code: str) -> str:
        spec = self.countries.get(code) or self.organizations.get(code) or {}
        return str(spec.get("name", code))


@dataclass
class _Parsed:
    """Everything read from a kb folder, and every problem found on the way."""

    meta: dict[str, Any]
    people: dict[str, Person] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    term_files: list[str] = field(default_factory=list)  # file of each term, for messages
    problems: list[str] = field(default_factory=list)


def _read_codes(kb_dir: Path, problems: list[str]) -> _Codes:
    codes = _read_yaml(kb_dir / "codes.yaml", problems) or {}
    offices = _read_yaml(kb_dir / "offices.yaml", problems) or {}
    extra = set(codes.get("other_codes") or {}) | set(codes.get("plover_codes") or {})
    return _Codes(
        countries=codes.get("countries") or {},
        organizations=codes.get("organizations") or {},
        state_offices=offices.get("state_offices") or {},
        org_offices=offices.get("organization_offices") or {},
        synonyms=offices.get("synonyms") or {},
        extra_codes=frozenset(extra),
    )


def _parse(kb_dir: Path) -> _Parsed:
    problems: list[str] = []
    meta = _read_yaml(kb_dir / "meta.yaml", problems) or {}
    for key in ("version", "updated"):
        if key not in meta:
            problems.append(f"meta.yaml: `{key}` is missing; add it (see docs/knowledge-base.md).")
    codes = _read_codes(kb_dir, problems)
    parsed = _Parsed(meta=meta, problems=problems)
    raw_terms: list[tuple[str, str, str, dict[str, Any]]] = []
    for path in sorted(kb_dir.glob("*.yaml")):
        if path.name in CONTROL_FILES:
            continue
        data = _read_yaml(path, problems)
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(f"{path.name}: must map country or organisation codes to blocks.")
            continue
        _parse_holder_file(path.name, data, codes, parsed, raw_terms)
    for file, code, office, entry in raw_terms:
        _add_terms(file, code, office, entry, codes, parsed)
    _check_people(parsed)
    _check_overlaps(parsed)
    return parsed


def _parse_holder_file(
    file: str, data: dict[str, Any], codes: _Codes, parsed: _Parsed,
    raw_terms: list[tuple[str, str, str, dict[str, Any]]],
) -> None:
    for code, block in data.items():
        if code == "people":
            _add_people(file, block, parsed, None)
            continue
        code = str(code)
        if not (codes.state_code(code) or code in codes.organizations):
            parsed.problems.append(
                f"{file}: unknown country code {code!r}; use an ISO 3166-1 alpha-3 code listed in "
                "codes.yaml (or an organisation code)."
            )
            continue
        if not isinstance(block, dict):
            parsed.problems.append(f"{file}: {code}: must map offices to lists of terms.")
            continue
        for office, entries in block.items():
            if office == "people":
                _add_people(file, entries, parsed, code)
                continue
            if not _office_allowed(code, office, codes):
                parsed.problems.append(
                    f"{file}: {code}: unknown office {office!r}; offices are "
                    f"{', '.join(sorted(codes.state_offices))}, {BOTH_OFFICES}, or an "
                    "organisation office of offices.yaml under its own code."
                )
                continue
            for entry in entries or []:
                if not isinstance(entry, dict):
                    parsed.problems.append(f"{file}: {code} {office}: a term must be a mapping.")
                    continue
                raw_terms.append((file, code, office, entry))


def _office_allowed(code: str, office: str, codes: _Codes) -> bool:
    if code in codes.organizations:
        return codes.org_offices.get(office, {}).get("code") == code
    return office in codes.state_offices or office == BOTH_OFFICES


def _add_people(file: str, entries: Any, parsed: _Parsed, home: str | None) -> None:
    for entry in entries or []:
        problem = _person_problem(entry)
        if problem:
            parsed.problems.append(f"{file}: {problem}")
            continue
        pid = entry["id"]
        if pid in parsed.people:
            parsed.problems.append(f"{file}: duplicate person id {pid!r}; ids must be unique.")
            continue
        parsed.people[pid] = Person(
            id=pid,
            name=entry["name"],
            aliases=tuple(entry.get("aliases") or ()),
            gender=entry.get("gender"),
            wikidata=entry.get("wikidata"),
            home=home,
        )
        if entry.get("surname"):
            parsed.surnames[pid] = entry["surname"]


def _person_problem(entry: Any) -> str | None:
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
        return f"a person needs at least `id` and `name`: {entry!r}"
    pid = entry["id"]
    unknown = set(entry) - _PERSON_FIELDS
    if unknown:
        return f"person {pid!r}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_PERSON_FIELDS)}"
    if not _SLUG.fullmatch(str(pid)):
        return f"person id {pid!r} must be a lower-case slug like 'keir-starmer'."
    if entry.get("gender") not in (*GENDERS, None):
        return f"person {pid!r}: gender must be one of {GENDERS} or null."
    qid = entry.get("wikidata")
    if qid is not None and not _QID.fullmatch(str(qid)):
        return f"person {pid!r}: bad Wikidata QID {qid!r}; write Q followed by digits, or null."
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
        return f"person {pid!r}: aliases must be a list of names (quote words like 'No')."
    return None


def _add_terms(
    file: str, code: str, office: str, entry: dict[str, Any], codes: _Codes, parsed: _Parsed
) -> None:
    where = f"{file}: {code} {office}: {entry.get('person')!r}"
    unknown = set(entry) - _TERM_FIELDS
    if unknown:
        parsed.problems.append(f"{where}: unknown field(s) {sorted(unknown)}.")
    if entry.get("person") not in parsed.people:
        parsed.problems.append(f"{where}: unknown person id; define it in a `people:` list.")
        return
    start, end = entry.get("start"), entry.get("end")
    if not isinstance(start, date) or not (end is None or isinstance(end, date)):
        parsed.problems.append(f"{where}: start and end must be dates written YYYY-MM-DD.")
        return
    if end is not None and end < start:
        parsed.problems.append(f"{where}: end {end} is before start {start}.")
        return
    both = office == BOTH_OFFICES
    offices = ("head_of_state", "head_of_government") if both else (office,)
    # An executive president is titled as head of state in both terms ("President of ...").
    title, role = _title_and_role(code, "head_of_state" if both else office, entry, codes)
    for one in offices:
        parsed.terms.append(Term(
            person_id=entry["person"], office=one, code=code, role=role,
            titles=_titles(title, code, one, entry, codes), start=start, end=end,
            approx=bool(entry.get("approx", False)),
        ))
        parsed.term_files.append(file)


def _office_spec(code: str, office: str, codes: _Codes) -> dict[str, Any]:
    """How an office is titled: the organisation's, else the country's override of the default."""
    if code in codes.organizations:
        return dict(codes.org_offices[office])
    spec = dict(codes.state_offices[office])
    override = codes.countries.get(code, {}).get(office)
    if isinstance(override, str):
        spec["title"] = override
    elif isinstance(override, dict):
        words = [*(spec.get("words") or []), *(override.get("words") or [])]
        spec.update(override)
        spec["words"] = words
    return spec


def _title_and_role(code: str, office: str, entry: dict[str, Any], codes: _Codes) -> tuple[str, str]:
    """The title word and role: the term's own, else the country's, else the office default."""
    spec = _office_spec(code, office, codes)
    title = str(entry.get("title") or spec["title"]).lower()
    if entry.get("role"):
        return title, str(entry["role"])
    if spec.get("role") and not entry.get("title"):
        return title, str(spec["role"])
    return title, f"{_title_case(title)} of {codes.name_of(code)}"


def _titles(
    title: str, code: str, office: str, entry: dict[str, Any], codes: _Codes
) -> tuple[str, ...]:
    """Generic words for the term: its title, their synonyms, the office's own words."""
    spec = _office_spec(code, office, codes)
    words = [title, *codes.synonyms.get(title, [])]
    for prefix in _ACTING_PREFIXES:
        if title.startswith(prefix):
            bare = title[len(prefix):]
            words += [bare, *codes.synonyms.get(bare, [])]
    words += [*(spec.get("words") or []), *(entry.get("titles") or [])]
    return tuple(dict.fromkeys(fold_name(word) for word in words))


def _check_people(parsed: _Parsed) -> None:
    holders = {term.person_id for term in parsed.terms}
    owners: dict[str, str] = {}
    for person in parsed.people.values():
        if person.id not in holders:
            parsed.problems.append(
                f"person {person.id!r} holds no office; add a term or remove the person."
            )
        if person.wikidata:
            if person.wikidata in owners:
                parsed.problems.append(
                    f"QID {person.wikidata} is given to both {owners[person.wikidata]!r} and "
                    f"{person.id!r}; one of them is wrong."
                )
            owners[person.wikidata] = person.id


def _check_overlaps(parsed: _Parsed) -> None:
    by_office: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, term in enumerate(parsed.terms):
        by_office[(term.office, term.code)].append(index)
    for (office, code), indexes in by_office.items():
        ordered = sorted(indexes, key=lambda i: parsed.terms[i].start)
        for before, after in itertools.pairwise(ordered):
            first, second = parsed.terms[before], parsed.terms[after]
            if first.end is None or second.start < first.end:
                parsed.problems.append(
                    f"{parsed.term_files[after]}: {code} {office}: terms overlap: "
                    f"{first.person_id} ({first.start} to {first.end or 'now'}) and "
                    f"{second.person_id} ({second.start} to {second.end or 'now'}); "
                    "end the earlier term on the day the later one starts."
                )


# ---------------------------------------------------------------------------------------------
# Queries

_OFFICE_RANK = {
    "head_of_state": 0, "head_of_government": 1, "prime_minister": 2, "foreign_minister": 3,
    "defence_minister": 4,
}


def _rank(term: Term) -> tuple[int, date]:
    """Which of a person's simultaneous terms describes them best: the highest office."""
    return _OFFICE_RANK.get(term.office, 5), date.max - (term.start - date.min)


class KnowledgeBase:
    """Office holders, indexed for the questions the resolver asks. Build with
    `load_knowledge_base()`; every query takes the article's date."""

    def __init__(
        self, people: dict[str, Person], terms: Sequence[Term], meta: dict[str, Any],
        surnames: dict[str, str] | None = None,
    ):
        self.meta = meta
        self.people = people
        self.terms = tuple(terms)
        self._by_person: dict[str, list[Term]] = defaultdict(list)
        self._by_office: dict[tuple[str, str], list[Term]] = defaultdict(list)
        self._by_title: dict[str, list[Term]] = defaultdict(list)
        for term in sorted(self.terms, key=lambda t: t.start):
            self._by_person[term.person_id].append(term)
            self._by_office[(term.office, term.code)].append(term)
            for title in term.titles:
                self._by_title[title].append(term)
        self._by_name: dict[str, set[str]] = defaultdict(set)
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        self.surnames: dict[str, str] = {}  # person id -> surname as written ("von der Leyen")
        for person in people.values():
            for form in (person.name, *person.aliases):
                self._by_name[fold_name(form)].add(person.id)
            surname = (surnames or {}).get(person.id) or person.name.split()[-1]
            self.surnames[person.id] = surname
            self._by_surname[fold_name(surname)].add(person.id)

    @property
    def version(self) -> str:
        return str(self.meta.get("version", ""))

    def person(self, person_id: str) -> Person:
        """The person with this id; KeyError names the id when there is none."""
        try:
            return self.people[person_id]
        except KeyError:
            raise KeyError(f"no person {person_id!r} in the knowledge base") from None

    def terms_of(self, person_id: str) -> list[Term]:
        """Every term of one person, earliest first."""
        return list(self._by_person.get(person_id, ()))

    def terms_in(self, office: str, code: str) -> list[Term]:
        """Every term of one office of one country or organisation, earliest first."""
        return list(self._by_office.get((office, code), ()))

    def holder(self, office: str, code: str, on: date) -> tuple[Person, Term] | None:
        """Who held `office` of `code` on a date: holder("head_of_government", "GBR", d)."""
        for term in self._by_office.get((office, code), ()):
            if term.in_force(on):
                return self.people[term.person_id], term
        return None

    def holders_by_title(
        self, title: str, code: str | None, on: date
    ) -> list[tuple[Person, Term]]:
        """Who bore a generic title on a date: ("prime minister", "GBR", 2019-06-01) gives
        Theresa May. Without a code, every country's holder; one entry per person."""
        found: dict[str, tuple[Person, Term]] = {}
        for term in self._by_title.get(fold_name(title), ()):
            if (code is None or term.code == code) and term.in_force(on):
                current = found.get(term.person_id)
                if current is None or _rank(term) < _rank(current[1]):
                    found[term.person_id] = (self.people[term.person_id], term)
        return list(found.values())

    def current_or_last_term(self, person_id: str, on: date | None) -> tuple[Term | None, bool]:
        """The term in force on `on` (is_former False), else the last one that ended before it
        (is_former True), else (None, False): not yet in office. Without a date, the open term,
        else the last one."""
        terms = self._by_person.get(person_id, [])
        if on is None:
            open_terms = [term for term in terms if term.end is None]
            if open_terms:
                return min(open_terms, key=_rank), False
            if not terms:
                return None, False
            return max(terms, key=lambda t: (t.end or date.max, -_rank(t)[0])), True
        active = [term for term in terms if term.in_force(on)]
        if active:
            return min(active, key=_rank), False
        past = [term for term in terms if term.end is not None and term.end <= on]
        if past:
            return max(past, key=lambda t: (t.end or date.max, -_rank(t)[0])), True
        return None, False

    def name_forms(self) -> list[tuple[str, bool]]:
        """Every way the files write a person's name, as (form, is_surname): full names and
        aliases, then surnames ("Scholz", "von der Leyen"). For matchers that find names in text."""
        forms = {form: False for person in self.people.values() for form in (person.name, *person.aliases)}
        for surname in self.surnames.values():
            forms.setdefault(surname, True)
        return sorted(forms.items())

    def people_named(self, name: str) -> tuple[list[Person], bool]:
        """Everyone a name can mean, whatever the date, and whether only a surname matched.

        A full name or alias wins ("Zelenskyy"); else the bearers of a surname ("Scholz",
        "von der Leyen"); else, for a full name the files spell otherwise ("Joseph R. Biden"), the
        bearers of its last word whose name or an alias starts with its first word. When the flag
        is True the caller must make the surname unambiguous (the article's date or countries).
        """
        key = fold_name(name)
        ids = self._by_name.get(key)
        if ids:
            return [self.people[pid] for pid in sorted(ids)], False
        ids = self._by_surname.get(key)
        if ids:
            return [self.people[pid] for pid in sorted(ids)], True
        words = key.split()
        if len(words) < 2:
            return [], False
        same_first = [
            self.people[pid] for pid in sorted(self._by_surname.get(words[-1], ()))
            if any(fold_name(form).split()[:1] == words[:1]
                   for form in (self.people[pid].name, *self.people[pid].aliases))
        ]
        return same_first, False

    def find_name(self, name: str, on: date | None = None) -> list[tuple[Person, Term | None]]:
        """People a name can mean, best first, each with the term in force on `on` (else their
        last term). Full names and aliases match first; a surname alone is tried only when they
        fail, and when a date is given and one bearer was in office then, only that one is
        returned. More than one result means the name is ambiguous."""
        key = fold_name(name)
        ids = self._by_name.get(key)
        by_surname = not ids
        if by_surname:
            ids = self._by_surname.get(key)
        if not ids:
            return []
        found = []
        for pid in ids:
            term, former = self.current_or_last_term(pid, on)
            found.append((self.people[pid], term, former))
        found.sort(key=lambda item: _match_order(item[1], item[2], item[0].id))
        serving = [item for item in found if item[1] is not None and not item[2]]
        if by_surname and on is not None and len(serving) == 1:
            found = serving
        return [(person, term) for person, term, _ in found]


def _match_order(term: Term | None, former: bool, pid: str) -> tuple[int, int, str]:
    if term is None:
        return (2, 0, pid)
    recency = -(term.end or date.max).toordinal()
    return (1 if former else 0, recency, pid)


# ---------------------------------------------------------------------------------------------
# Loading and validation

def validate(kb_dir: Path | None = None) -> list[str]:
    """Every problem in a kb folder, one sentence each; an empty list means the data is sound.

    Checks: YAML syntax and duplicate keys, unknown country or organisation codes, unknown
    offices and fields, people referenced but not defined (or defined twice, or holding no
    office), QID and gender format, end before start, and overlapping terms of one office.
    """
    return _parse(Path(kb_dir) if kb_dir else KB_DIR).problems


@functools.lru_cache(maxsize=4)
def load_knowledge_base(kb_dir: Path | None = None) -> KnowledgeBase:
    """Read the knowledge base once per process (later calls return the same object).

    Raises DataError when the files have problems; the message says how to list them.
    """
    folder = Path(kb_dir) if kb_dir else KB_DIR
    parsed = _parse(folder)
    if parsed.problems:
        shown = "\n  ".join(parsed.problems[:5])
        raise DataError(
            f"the knowledge base in {folder} has {len(parsed.problems)} problem(s), e.g.:\n  "
            f"{shown}\nRun `python -m readout.resolve.knowledge --validate` to list them all."
        )
    return KnowledgeBase(parsed.people, parsed.terms, parsed.meta, parsed.surnames)


def coverage_gaps(kb: KnowledgeBase, codes: Iterable[str], start: date, end: date) -> list[str]:
    """Countries whose head of state or government is unknown on some day of [start, end]:
    a to-do list for analysts, not an error (vacancies and collective heads are real)."""
    gaps = []
    for code in codes:
        for office in ("head_of_state", "head_of_government"):
            day = start
            for term in kb.terms_in(office, code):
                if term.start > day and day < end:
                    gaps.append(f"{code} {office}: no holder from {day} to {min(term.start, end)}")
                if term.end is None:
                    day = end
                    break
                day = max(day, term.end)
            if day < end:
                gaps.append(f"{code} {office}: no holder from {day} to {end}")
    return gaps


def validate_institutions(path: Path | None = None, kb_dir: Path | None = None) -> list[str]:
    """Problems in institutions.yaml: missing fields, unknown kinds, codes or PLOVER sectors."""
    problems: list[str] = []
    target = Path(path) if path else INSTITUTIONS_FILE
    data = _read_yaml(target, problems)
    codes = _read_codes(Path(kb_dir) if kb_dir else KB_DIR, problems)
    if not isinstance(data, dict):
        return problems or [f"{target.name}: must be a mapping of sections to lists of entries."]
    for key in ("version", "updated"):
        if key not in data:
            problems.append(f"{target.name}: `{key}` is missing.")
    for section, entries in data.items():
        if section in ("version", "updated"):
            continue
        for entry in entries or []:
            problem = _institution_problem(entry, codes)
            if problem:
                problems.append(f"{target.name}: {section}: {problem}")
    return problems


def _institution_problem(entry: Any, codes: _Codes) -> str | None:
    if not isinstance(entry, dict) or not entry.get("name"):
        return f"an entry needs a `name`: {entry!r}"
    name = entry["name"]
    if entry.get("kind") not in ACTOR_KINDS:
        return f"{name!r}: kind must be one of {ACTOR_KINDS}."
    code = entry.get("code")
    if code is not None and not (codes.state_code(code) or code in codes.organizations):
        return f"{name!r}: unknown code {code!r}."
    if entry.get("sector") not in PLOVER_SECTORS:
        return f"{name!r}: sector {entry.get('sector')!r} is not a PLOVER sector."
    if not isinstance(entry.get("aliases", []), list):
        return f"{name!r}: aliases must be a list."
    return None


# ---------------------------------------------------------------------------------------------
# Command line: python -m readout.resolve.knowledge --validate

def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m readout.resolve.knowledge",
        description="Check or query readout's knowledge base of office holders.",
    )
    parser.add_argument("--validate", action="store_true", help="list problems; exit 1 if any")
    parser.add_argument("--gaps", action="store_true",
                        help="list UN members whose head of state or government is unknown "
                             "on some day since 2014-01-01")
    parser.add_argument("--find", metavar="NAME", help="who a name can mean")
    parser.add_argument("--on", metavar="YYYY-MM-DD", type=date.fromisoformat,
                        help="date for --find (default: no date)")
    parser.add_argument("--kb-dir", type=Path, default=None, help="kb folder (default: shipped)")
    args = parser.parse_args(argv)
    if args.validate:
        return _cli_validate(args.kb_dir)
    kb = load_knowledge_base(args.kb_dir)
    if args.gaps:
        codes = _read_codes(args.kb_dir or KB_DIR, []).countries
        window_end = kb.meta.get("updated") or date.today()
        for line in coverage_gaps(kb, sorted(codes), date(2014, 1, 1), window_end):
            print(line)
    if args.find:
        for person, term in kb.find_name(args.find, args.on):
            print(f"{person.id}\t{person.name}\t{term.role if term else '-'}\t"
                  f"{term.start if term else ''}\t{(term.end if term else '') or ''}")
    return 0


def _cli_validate(kb_dir: Path | None) -> int:
    started = time.perf_counter()
    parsed = _parse(kb_dir or KB_DIR)
    elapsed_ms = (time.perf_counter() - started) * 1000
    problems = parsed.problems + (validate_institutions() if kb_dir is None else [])
    for problem in problems:
        print(problem)
    codes = {term.code for term in parsed.terms}
    print(f"{len(parsed.people)} people, {len(parsed.terms)} terms, {len(codes)} codes; "
          f"{len(problems)} problem(s); parsed in {elapsed_ms:.0f} ms")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
