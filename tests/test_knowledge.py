"""The knowledge base of office holders: shipped data, queries at a date, and the validator."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from readout.errors import DataError
from readout.resolve.knowledge import (
    CONTROL_FILES,
    KB_DIR,
    fold_name,
    load_knowledge_base,
    main,
    validate,
    validate_institutions,
)

COUNTRIES_JSON = Path("/work/shared/data/countries-mledoze.json")


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


# --- the shipped data -----------------------------------------------------------------------

def test_shipped_knowledge_base_has_no_problems():
    assert validate() == []


def test_shipped_institutions_have_no_problems():
    assert validate_institutions() == []


@pytest.mark.skipif(not COUNTRIES_JSON.exists(), reason="shared country table not available")
def test_country_codes_are_exactly_the_un_member_states():
    rows = json.loads(COUNTRIES_JSON.read_text(encoding="utf-8"))
    # The source marks the Holy See as a member; it is an observer.
    members = {row["cca3"] for row in rows if row.get("unMember")} - {"VAT"}
    codes = yaml.safe_load((KB_DIR / "codes.yaml").read_text(encoding="utf-8"))["countries"]
    assert set(codes) == members


def test_every_un_member_has_a_head_of_government_on_record(kb):
    codes = yaml.safe_load((KB_DIR / "codes.yaml").read_text(encoding="utf-8"))["countries"]
    covered = {term.code for term in kb.terms if term.office == "head_of_government"}
    assert set(codes) - covered == set()


def test_meta_names_a_version_and_a_review_date(kb):
    assert kb.version
    assert isinstance(kb.meta["updated"], date)


# --- who held an office on a date ------------------------------------------------------------

@pytest.mark.parametrize(
    ("title", "code", "on", "person_id"),
    [
        ("prime minister", "GBR", date(2019, 6, 1), "theresa-may"),
        ("prime minister", "GBR", date(2023, 6, 1), "rishi-sunak"),
        ("prime minister", "GBR", date(2025, 1, 1), "keir-starmer"),
        ("president", "USA", date(2018, 6, 1), "donald-trump"),
        ("president", "USA", date(2022, 6, 1), "joe-biden"),
        ("president", "USA", date(2025, 6, 1), "donald-trump"),
        ("president", "UKR", date(2018, 6, 1), "petro-poroshenko"),
        ("president", "UKR", date(2020, 6, 1), "volodymyr-zelensky"),
        ("chancellor", "DEU", date(2023, 1, 1), "olaf-scholz"),
        ("premier", "ITA", date(2023, 1, 1), "giorgia-meloni"),
        ("secretary of state", "USA", date(2023, 1, 1), "antony-blinken"),
        ("foreign minister", "USA", date(2019, 6, 1), "mike-pompeo"),
        ("foreign secretary", "GBR", date(2017, 1, 1), "boris-johnson"),
        ("defense minister", "RUS", date(2023, 1, 1), "sergei-shoigu"),
        ("king", "GBR", date(2023, 1, 1), "charles-iii"),
        ("queen", "GBR", date(2020, 1, 1), "elizabeth-ii"),
        ("secretary-general", "NATO", date(2025, 1, 1), "mark-rutte"),
        ("secretary general", "UN", date(2020, 1, 1), "antonio-guterres"),
        ("prime minister", "KOR", date(2023, 1, 1), "han-duck-soo"),
    ],
)
def test_holders_by_title(kb, title, code, on, person_id):
    found = kb.holders_by_title(title, code, on)
    assert [person.id for person, _ in found] == [person_id]


@pytest.mark.parametrize(
    ("office", "code", "on", "person_id"),
    [
        ("head_of_government", "GBR", date(2019, 7, 23), "theresa-may"),
        ("head_of_government", "GBR", date(2019, 7, 24), "boris-johnson"),  # handover day
        ("head_of_state", "USA", date(2021, 1, 20), "joe-biden"),
        ("head_of_government", "USA", date(2021, 1, 19), "donald-trump"),
        ("head_of_government", "TUR", date(2017, 1, 1), "binali-yildirim"),
        ("head_of_government", "TUR", date(2019, 1, 1), "recep-tayyip-erdogan"),
        ("eu_commission_president", "EU", date(2017, 1, 1), "jean-claude-juncker"),
    ],
)
def test_holder(kb, office, code, on, person_id):
    person, term = kb.holder(office, code, on)
    assert person.id == person_id
    assert term.office == office


def test_holder_is_none_during_a_vacancy(kb):
    assert kb.holder("head_of_state", "LBN", date(2015, 6, 1)) is None


def test_us_president_holds_both_offices(kb):
    offices = {term.office for term in kb.terms_of("joe-biden")}
    assert offices == {"head_of_state", "head_of_government"}


def test_one_entry_per_person_even_when_two_offices_match(kb):
    found = kb.holders_by_title("president", "USA", date(2022, 6, 1))
    assert len(found) == 1


# --- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "person_id"),
    [
        ("Zelenskyy", "volodymyr-zelensky"),
        ("Volodymyr Zelenskiy", "volodymyr-zelensky"),
        ("zelensky", "volodymyr-zelensky"),
        ("Erdoğan", "recep-tayyip-erdogan"),
        ("Erdogan", "recep-tayyip-erdogan"),
        ("RECEP TAYYIP ERDOGAN", "recep-tayyip-erdogan"),
        ("Lula", "lula"),
        ("Luiz Inácio Lula da Silva", "lula"),
        ("Xi", "xi-jinping"),
        ("Xi Jinping", "xi-jinping"),
        ("MBS", "mohammed-bin-salman"),
        ("Kim Jong-un", "kim-jong-un"),
        ("von der Leyen", "ursula-von-der-leyen"),
        ("Løkke Rasmussen", "lars-lokke-rasmussen"),
    ],
)
def test_find_name(kb, name, person_id):
    assert [person.id for person, _ in kb.find_name(name)] == [person_id]


def test_erdogan_spellings_are_one_person(kb):
    with_accent = kb.find_name("Erdoğan")[0][0]
    without = kb.find_name("Erdogan")[0][0]
    assert with_accent == without


def test_surname_at_a_date_gives_the_term_in_force(kb):
    [(person, term)] = kb.find_name("Scholz", date(2023, 1, 1))
    assert person.id == "olaf-scholz"
    assert term.role == "Chancellor of Germany"


@pytest.mark.parametrize(
    ("surname", "on", "person_id"),
    [
        ("Sharif", date(2023, 1, 1), "shehbaz-sharif"),
        ("Sharif", date(2015, 1, 1), "nawaz-sharif"),
        ("Déby", date(2019, 1, 1), "idriss-deby"),
        ("Deby", date(2023, 1, 1), "mahamat-deby"),
    ],
)
def test_shared_surname_resolves_to_the_holder_at_that_date(kb, surname, on, person_id):
    assert [person.id for person, _ in kb.find_name(surname, on)] == [person_id]


def test_shared_surname_without_a_date_is_ambiguous(kb):
    assert len(kb.find_name("Sharif")) == 2


def test_two_bearers_of_a_surname_in_office_at_once_are_ambiguous(kb):
    # In 2021 one Rajapaksa was president and his brother prime minister.
    assert len(kb.find_name("Rajapaksa", date(2021, 1, 1))) == 2


def test_unknown_name_finds_nobody(kb):
    assert kb.find_name("Nobody Atall") == []


def test_fold_name_ignores_accents_case_and_hyphens():
    assert fold_name("Jean-Noël Barrot") == fold_name("jean noel BARROT")


# --- former holders -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("person_id", "on", "office", "is_former"),
    [
        ("theresa-may", date(2023, 1, 1), "head_of_government", True),
        ("boris-johnson", date(2017, 1, 1), "foreign_minister", False),
        ("boris-johnson", date(2023, 1, 1), "head_of_government", True),
        ("volodymyr-zelensky", date(2024, 1, 3), "head_of_state", False),
        ("angela-merkel", date(2022, 1, 1), "head_of_government", True),
    ],
)
def test_current_or_last_term(kb, person_id, on, office, is_former):
    term, former = kb.current_or_last_term(person_id, on)
    assert (term.office, former) == (office, is_former)


def test_no_term_before_first_office(kb):
    assert kb.current_or_last_term("keir-starmer", date(2019, 1, 1)) == (None, False)


def test_find_name_returns_a_former_holders_last_term(kb):
    [(_, term)] = kb.find_name("Theresa May", date(2023, 1, 1))
    assert term.end == date(2019, 7, 24)


# --- the validator catches broken files -----------------------------------------------------

PEOPLE = """
  people:
    - {id: ann-one, name: Ann One, gender: female}
    - {id: bob-two, name: Bob Two, gender: male}
"""


def _kb_with(tmp_path: Path, text: str) -> Path:
    for name in CONTROL_FILES:
        shutil.copy(KB_DIR / name, tmp_path / name)
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_sound_minimal_file_has_no_problems(tmp_path):
    text = "ITA:" + PEOPLE + """
  head_of_government:
    - {person: ann-one, start: 2020-01-01, end: 2021-01-01}
    - {person: bob-two, start: 2021-01-01}
"""
    assert validate(_kb_with(tmp_path, text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ITA:" + PEOPLE + """
  head_of_government:
    - {person: ann-one, start: 2020-01-01, end: 2021-06-01}
    - {person: bob-two, start: 2021-01-01}
""", "terms overlap"),
        ("ITA:" + PEOPLE + """
  head_of_government:
    - {person: ann-one, start: 2020-01-01}
    - {person: bob-two, start: 2021-01-01}
""", "terms overlap"),
        ("ITA:" + PEOPLE + """
  head_of_government:
    - {person: ann-one, start: 2020-01-01, end: 2019-01-01}
    - {person: bob-two, start: 2021-01-01}
""", "is before start"),
        ("XYZ:" + PEOPLE + """
  head_of_government:
    - {person: ann-one, start: 2020-01-01}
""", "unknown country code 'XYZ'"),
        ("ITA:" + PEOPLE + """
  head_of_government:
    - {person: carl-three, start: 2020-01-01}
""", "unknown person id"),
        ("ITA:" + PEOPLE + """
    - {id: ann-one, name: Ann Again, gender: female}
  head_of_government:
    - {person: ann-one, start: 2020-01-01}
""", "duplicate person id 'ann-one'"),
        ("""ITA:
  people:
    - {id: ann-one, name: Ann One, gender: female, wikidata: '12345'}
  head_of_government:
    - {person: ann-one, start: 2020-01-01}
""", "bad Wikidata QID"),
        ("ITA:" + PEOPLE + """
  president:
    - {person: ann-one, start: 2020-01-01}
""", "unknown office 'president'"),
        ("ITA:" + PEOPLE + """
  head_of_government:
    - {person: ann-one, start: 2020-01-01, end: 2021-01-01}
ITA:
  head_of_state:
    - {person: bob-two, start: 2020-01-01}
""", "duplicate key 'ITA'"),
        ("ITA:" + PEOPLE + """
  head_of_government:
    - {person: ann-one, start: 2020-01-01}
""", "'bob-two' holds no office"),
        ("ITA:" + PEOPLE + """
  head_of_government:
    - {person: ann-one, start: 2020-01-01, ending: 2021-01-01}
""", "unknown field(s) ['ending']"),
    ],
    ids=[
        "overlap", "open-term-overlap", "end-before-start", "unknown-code", "unknown-person",
        "duplicate-id", "bad-qid", "unknown-office", "duplicate-key", "unused-person",
        "unknown-field",
    ],
)
def test_validator_reports(tmp_path, text, expected):
    problems = validate(_kb_with(tmp_path, text))
    assert any(expected in problem for problem in problems), problems


def test_loading_a_broken_knowledge_base_says_how_to_list_the_problems(tmp_path):
    text = "XYZ:" + PEOPLE
    with pytest.raises(DataError, match="--validate"):
        load_knowledge_base(_kb_with(tmp_path, text))


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("{name: the Kremlin, kind: organization, code: RUS, sector: XXX}", "not a PLOVER sector"),
        ("{name: the Kremlin, kind: building, code: RUS, sector: GOV}", "kind must be one of"),
        ("{name: the Kremlin, kind: organization, code: QQQ, sector: GOV}", "unknown code 'QQQ'"),
    ],
)
def test_institution_validator_reports(tmp_path, entry, expected):
    path = tmp_path / "institutions.yaml"
    path.write_text(f"version: 1\nupdated: 2026-01-01\nmetonyms:\n  - {entry}\n", encoding="utf-8")
    problems = validate_institutions(path)
    assert any(expected in problem for problem in problems), problems


# --- command line ---------------------------------------------------------------------------

def test_cli_validate_passes_on_shipped_data(capsys):
    assert main(["--validate"]) == 0
    assert "0 problem(s)" in capsys.readouterr().out


def test_cli_validate_fails_on_a_broken_folder(tmp_path, capsys):
    text = "ITA:" + PEOPLE + """
  head_of_government:
    - {person: ann-one, start: 2020-01-01, end: 2019-01-01}
    - {person: bob-two, start: 2021-01-01}
"""
    assert main(["--validate", "--kb-dir", str(_kb_with(tmp_path, text))]) == 1
    assert "is before start" in capsys.readouterr().out
