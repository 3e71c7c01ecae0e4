"""The showcase article, read end to end through the real model, against its gold readout."""

from __future__ import annotations

import json

import pytest

from readout.records import ArticleInput


@pytest.fixture(scope="module")
def seed(repo_root):
    folder = repo_root.parent / "shared" / "seed"
    if not folder.exists():
        pytest.skip("../shared/seed is not beside the repository")
    text = (folder / "zelensky-meloni.txt").read_text(encoding="utf-8")
    gold = json.loads((folder / "zelensky-meloni.gold.json").read_text(encoding="utf-8"))
    return text, gold


@pytest.fixture(scope="module")
def readout(pipeline, seed):
    text, _ = seed
    return pipeline.extract(ArticleInput(id="zelensky-meloni", text=text, source="seed"))


def actor_named(readout, name):
    return next(actor for actor in readout.actors if actor.name == name)


def test_primary_event_is_the_phone_call_between_the_two_leaders(readout):
    primary = [event for event in readout.events if event.primary]
    assert len(primary) == 1
    event = primary[0]
    people = {readout_actor.name for readout_actor in readout.actors
              if readout_actor.id in event.actors + event.recipients}
    assert (event.type, event.mode, event.status) == ("CONSULT", "phone", "occurred")
    assert people == {"Volodymyr Zelensky", "Giorgia Meloni"}


@pytest.mark.parametrize("name, code, sector, role", [
    ("Volodymyr Zelensky", "UKR", "GOV", "President of Ukraine"),
    ("Giorgia Meloni", "ITA", "GOV", "Prime Minister of Italy"),
])
def test_leaders_carry_role_country_and_sector(readout, name, code, sector, role):
    actor = actor_named(readout, name)
    assert (actor.kind, actor.code, actor.sector, actor.role) == ("person", code, sector, role)


def test_all_five_quotes_cover_the_gold_spans_and_are_zelenskys(readout, seed):
    _, gold = seed
    zelensky = actor_named(readout, "Volodymyr Zelensky").id
    for expected in gold["quotes"]:
        match = [q for q in readout.quotes if q.start <= expected["starts"] and expected["ends"] <= q.end]
        assert len(match) == 1, expected
        assert match[0].speaker == zelensky
    assert len(readout.quotes) == len(gold["quotes"])


@pytest.mark.parametrize("code, kind", [
    ("UKR", "country"), ("ITA", "country"), ("RUS", "country"), ("G7", "organization"),
    ("EU", "organization"),
])
def test_countries_and_organisations_are_actors(readout, code, kind):
    assert any(actor.code == code and actor.kind == kind for actor in readout.actors)


def test_first_name_giorgia_is_a_mention_of_meloni(readout, seed):
    text, _ = seed
    meloni = actor_named(readout, "Giorgia Meloni")
    giorgia = [start for start, end in meloni.mentions if text[start:end] == "Giorgia"]
    assert len(giorgia) == 2


@pytest.mark.parametrize("words", ["Peace Formula", "Formula", "Shahed"])
def test_names_of_things_are_neither_actors_nor_places(readout, words):
    assert not [actor.name for actor in readout.actors if words in actor.name]
    assert not [e.location.name for e in readout.events if e.location and words in e.location.name]


def test_giorgia_is_not_an_actor_of_her_own(readout):
    assert [actor.name for actor in readout.actors if "Giorgia" in actor.name] == ["Giorgia Meloni"]


def test_at_least_six_of_seven_gold_events_with_at_most_two_extra(readout, seed):
    _, gold = seed
    codes = {actor.id: actor.code for actor in readout.actors}

    def key(event_type, status, actors, recipients):
        if event_type == "CONSULT":
            return (event_type, status, frozenset(actors) | frozenset(recipients))
        return (event_type, status, frozenset(actors), frozenset(recipients))

    expected = [key(e["type"], e["status"], e["actor"], e["recipient"]) for e in gold["events"]]
    found = [key(e.type, e.status, [codes[a] for a in e.actors], [codes[r] for r in e.recipients])
             for e in readout.events]
    matched = [k for k in found if k in expected]
    assert len(set(matched)) >= 6
    assert len(found) - len(matched) <= 2


def test_the_davos_meeting_is_planned(readout):
    planned = [e for e in readout.events if e.type == "CONSULT" and e.status == "planned"]
    assert len(planned) == 1
    assert planned[0].trigger.text == "meeting"


def test_every_offset_points_at_its_text(readout, seed):
    text, _ = seed
    for event in readout.events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
    for quote in readout.quotes:
        assert text[quote.start:quote.end] == quote.text
        assert text[quote.cue.start:quote.cue.end] == quote.cue.text
