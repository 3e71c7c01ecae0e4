"""Storing readouts: every field of the contract, idempotent writes, versions, failures."""

from __future__ import annotations

import json

import pytest
from test_store_builders import article, call_report, country, event, person, quote

from readout.records import Cue, EventDate, Failure, Location, Readout
from readout.store import Store
from readout.store.write import entity_key, readout_json


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", create=True) as opened:
        yield opened


def _rich() -> tuple[Readout, str]:
    readout, text = article(
        "rich", published="2024-01-03", outlet="Adriatic Wire",
        actors=[person("zelensky", "a1"), person("meloni", "a2"), country("ITA", "Italy", "a3")],
        events=[
            event("e1", ["a1"], ["a2"], "2024-01-03", topics=("air defense",), quotes=("q1",)),
            event("e2", ["a3"], ["a1"], "2024-01-10", type="AID", status="intended", mode=None,
                  end="2024-01-31", basis="text", primary=False,
                  location=Location("Davos", "CHE", 46.8, 9.84, (0, 6))),
        ],
        quotes=[quote("q1", "a1", "We appreciate the support."), quote("q2", None, "No comment.")],
        topics=("air defense", "G7 presidency"),
    )
    readout.quotes[0].cue = Cue("said", 1, 5)
    readout.events[1].date = EventDate("2024-01-10", "2024-01-31", "week", "in a few weeks",
                                       "text", (2, 16))
    readout.events[0].contexts = ["diplomatic", "military"]
    readout.warnings = ["no date found in the text"]
    return readout, text


@pytest.mark.parametrize("make", [
    _rich,
    lambda: call_report("plain", "2024-03-12", "Dnipro Daily"),
    lambda: article("empty", published=None, actors=[], events=[]),
])
def test_the_fast_serialiser_writes_exactly_to_json(make):
    readout, _ = make()
    assert readout_json(readout) == readout.to_json()


def test_the_stored_readout_is_the_contract_json(store):
    readout, text = _rich()
    store.add(readout, text=text)
    stored = store.conn.execute("SELECT readout FROM articles").fetchone()[0]
    assert stored == readout.to_json()
    assert store.readout("rich") == readout


@pytest.mark.parametrize("sql, expected", [
    ("SELECT id, sha256 IS NOT NULL, outlet, published, chars > 0, warnings FROM articles",
     [("rich", 1, "Adriatic Wire", "2024-01-03", 1, '["no date found in the text"]')]),
    ("SELECT id, name, kind, code, sector, role, wikidata FROM actors ORDER BY id",
     [("a1", "Volodymyr Zelensky", "person", "UKR", "GOV", "President of Ukraine", "Q3874799"),
      ("a2", "Giorgia Meloni", "person", "ITA", "GOV", "Prime Minister of Italy", "Q3099714"),
      ("a3", "Italy", "country", "ITA", "GOV", None, None)]),
    ("SELECT count(*) FROM mentions", [(3,)]),
    ("SELECT id, speaker_name, kind, text, cue_text, cue_start, cue_end FROM quotes ORDER BY id",
     [("q1", "Volodymyr Zelensky", "direct", "We appreciate the support.", "said", 1, 5),
      ("q2", None, "direct", "No comment.", None, None, None)]),
    ("SELECT position, label FROM topics ORDER BY position",
     [(0, "air defense"), (1, "G7 presidency")]),
    (("SELECT id, type, mode, contexts, status, date_start, date_end, date_precision, date_text,"
     " date_basis, date_span_start, date_span_end, is_primary FROM reports ORDER BY id"),
     [("e1", "CONSULT", "phone", '["diplomatic","military"]', "occurred", "2024-01-03",
       "2024-01-03", "day", None, "published", None, None, 1),
      ("e2", "AID", None, "[]", "intended", "2024-01-10", "2024-01-31", "week",
       "in a few weeks", "text", 2, 16, 0)]),
    (("SELECT location_name, location_code, location_lat, location_lon, location_span_start,"
     " location_span_end FROM reports WHERE id = 'e2'"), [("Davos", "CHE", 46.8, 9.84, 0, 6)]),
    (("SELECT r.id, ra.side, a.id FROM report_actors ra JOIN reports r USING (report_pk)"
     " JOIN actors a USING (actor_pk) ORDER BY r.id, ra.side"),
     [("e1", "actor", "a1"), ("e1", "recipient", "a2"), ("e2", "actor", "a3"),
      ("e2", "recipient", "a1")]),
    (("SELECT r.id, q.id FROM report_quotes x JOIN reports r USING (report_pk)"
     " JOIN quotes q USING (quote_pk)"), [("e1", "q1")]),
    ("SELECT r.id, t.label FROM report_topics t JOIN reports r USING (report_pk)",
     [("e1", "air defense")]),
])
def test_every_field_of_the_contract_is_in_its_table(store, sql, expected):
    readout, text = _rich()
    store.add(readout, text=text)
    assert store.conn.execute(sql).fetchall() == expected


def test_trigger_and_evidence_are_stored_with_their_offsets(store):
    readout, text = _rich()
    store.add(readout, text=text)
    trigger_text, start, end, evidence = store.conn.execute(
        "SELECT trigger_text, trigger_start, trigger_end, evidence FROM reports WHERE id = 'e1'"
    ).fetchone()
    assert text[start:end] == trigger_text == "held talks"
    assert json.loads(evidence) == [[start, end]]


def test_the_same_article_twice_is_stored_once(store):
    readout, text = call_report("n1", "2024-03-12", "Dnipro Daily")
    assert [store.add(readout, text=text) for _ in range(3)] == ["added", "unchanged", "unchanged"]
    assert store.counts() == {"articles": 1, "versions": 1, "events": 1, "reports": 1,
                              "quotes": 0, "failures": 0}


def test_the_same_text_under_another_id_is_the_same_article(store):
    readout, text = call_report("n1", "2024-03-12", "Dnipro Daily")
    store.add(readout, text=text)
    readout.article.id = "renamed"
    assert store.add(readout, text=text) == "unchanged"


def test_a_changed_text_is_a_new_version_that_replaces_the_records(store):
    first, text = call_report("n1", "2024-03-12", "Dnipro Daily")
    store.add(first, text=text)
    second, text2 = article("n1", published="2024-03-12", outlet="Dnipro Daily",
                            actors=[person("zelensky", "a1"), person("tusk", "a2")],
                            events=[event("e1", ["a1"], ["a2"], "2024-03-12")],
                            body="Corrected: the call was with Donald Tusk.")
    assert store.add(second, text=text2) == "version"
    versions = store.conn.execute("SELECT version, current FROM articles ORDER BY version")
    assert versions.fetchall() == [(1, 0), (2, 1)]
    assert store.conn.execute("SELECT actor_codes, recipient_codes FROM events").fetchall() == [
        ("UKR", "POL")
    ]
    assert store.readout("n1") == second


def test_failures_are_recorded_counted_and_cleared_by_a_later_success(store):
    failure = Failure("news/bad.txt", "is empty; give a file with the article's text")
    store.record_failure(failure)
    store.record_failure(failure)
    [recorded] = store.failures()
    assert (recorded.input, recorded.reason, recorded.attempts) == (
        failure.input, failure.reason, 2)
    readout, text = call_report("bad", "2024-03-12", "Dnipro Daily")
    store.add(readout, text=text, source="news/bad.txt")
    assert store.failures() == []


def test_a_batch_that_fails_commits_nothing(store):
    readout, text = call_report("n1", "2024-03-12", "Dnipro Daily")
    with pytest.raises(RuntimeError), store.batch():
        store.add(readout, text=text)
        raise RuntimeError("crash in the middle of a batch")
    assert store.counts()["articles"] == 0
    assert store.add(readout, text=text) == "added"


@pytest.mark.parametrize("actor, key", [
    (person("zelensky"), "wd:Q3874799"),
    (country("UKR", "Ukraine", "a1"), "country:UKR"),
    (country("UKR", "Kyiv", "a1"), "country:UKR"),
])
def test_entity_keys_identify_actors_across_articles(actor, key):
    assert entity_key(actor) == key


def test_organisations_without_wikidata_are_known_by_normalised_name():
    from readout.records import Actor

    one = Actor("a1", "the European  Union", "organization", "EU")
    two = Actor("a9", "European Union", "organization", "EU")
    assert entity_key(one) == entity_key(two) == "organization:EU:european union"
