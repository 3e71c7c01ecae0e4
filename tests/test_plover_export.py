"""The PLOVER export: PLOVER's conventions applied, every record valid against our JSON Schema."""

from __future__ import annotations

import copy
import json
from importlib import resources

import jsonschema
import pytest

from readout.evaluate.gold import load_gold
from readout.store.export import to_plover


@pytest.fixture(scope="module")
def validator():
    text = resources.files("readout.data").joinpath("schemas/plover-event.schema.json").read_text("utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def gold_records(pipeline, repo_root):
    articles = [gold.article for gold in load_gold(repo_root / "tests" / "gold")]
    return [record for readout in pipeline.extract_many(articles) for record in to_plover(readout)]


def exported(pipeline, text: str) -> list[dict]:
    return to_plover(pipeline.extract_text(text, published="2024-05-02"))


def test_every_event_exported_from_the_gold_articles_fits_the_schema(gold_records, validator):
    assert len(gold_records) > 30
    problems = [f"{record['id']}: {error.message}" for record in gold_records
                for error in validator.iter_errors(record)]
    assert problems == []


@pytest.mark.parametrize("text, kind", [
    ("French President Emmanuel Macron will meet German Chancellor Olaf Scholz next week.", "AGREE"),
    ("Poland will send tanks to Ukraine.", "AGREE"),
    ("Japan pledged 300 million dollars in aid for the Philippines.", "AGREE"),
    ("China threatened to impose sanctions on Lithuania.", "THREATEN"),
    ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin.", "CONSULT"),
    ("Estonia expelled two Russian diplomats on Friday.", "SANCTION"),
])
def test_plover_conventions_set_the_exported_type(pipeline, text, kind):
    assert [record["event"] for record in exported(pipeline, text)] == [[kind]]


@pytest.mark.parametrize("text", [
    "French President Emmanuel Macron did not meet German Chancellor Olaf Scholz.",
    "If Germany agrees, French President Emmanuel Macron will meet Chancellor Olaf Scholz.",
])
def test_negated_and_hypothetical_events_are_not_exported(pipeline, text):
    assert exported(pipeline, text) == []


@pytest.mark.parametrize("text, source", [
    ("The European Union imposed new sanctions on Iran.", "EUR"),
    ("The United Nations condemned Israel's strikes on Gaza.", "UNO"),
    ("NATO condemned Russia's strikes on Ukraine.", "IGO"),
])
def test_international_bodies_take_plover_codes(pipeline, text, source):
    [record] = [r for r in exported(pipeline, text) if r["event"] != ["ASSAULT"]]
    assert [actor["code"] for actor in record["source"]] == [source]


@pytest.mark.parametrize("text, recipient", [
    ("Israel reimposed blockades in the West Bank on Friday.", "PSE"),  # where it happened
    ("Thousands of Georgians demonstrated against the new law.", "GEO"),  # a protest at home
])
def test_a_material_act_without_a_named_recipient_is_aimed_where_plover_says(pipeline, text, recipient):
    [record] = exported(pipeline, text)
    assert [actor["code"] for actor in record["recipient"]] == [recipient]
    assert "recipient" in record["comment"]


def test_a_mode_of_another_type_is_dropped(pipeline):
    [record] = exported(pipeline, "Polish President Andrzej Duda will visit Lithuania next week.")
    assert record["event"] == ["AGREE"] and "mode" not in record


@pytest.mark.parametrize("field, value", [
    ("event", ["MEET"]),
    ("quad_code", 4),
    ("mode", "drone"),
    ("context", ["diplomacy"]),
    ("date", "02/05/2024"),
    ("source", [{"code": "ukr", "sector": None, "actor_text": "Ukraine"}]),
    ("recipient", [{"code": "UKR", "sector": None}]),
    ("colour", "red"),
])
def test_the_schema_rejects_a_record_that_breaks_plover(gold_records, validator, field, value):
    record = copy.deepcopy(next(r for r in gold_records if r["event"] == ["CONSULT"]))
    assert validator.is_valid(record)
    record[field] = value
    assert not validator.is_valid(record)


def test_extract_format_plover_writes_one_valid_event_per_line(cli, repo_root, validator):
    seed = repo_root.parent / "shared" / "seed" / "zelensky-meloni.txt"
    if not seed.exists():
        pytest.skip("../shared/seed is not beside the repository")
    code, out, _ = cli("extract", "--format", "plover", str(seed))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) >= 5
    assert all(validator.is_valid(record) for record in records)
    assert {"CONSULT", "ASSAULT", "AGREE"} <= {record["event"][0] for record in records}
