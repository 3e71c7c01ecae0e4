"""Events from the clause structure: type, sides, status and mode, one sentence at a time."""

from __future__ import annotations

import pytest


def coded(pipeline, text: str, published: str = "2024-03-04"):
    readout = pipeline.extract_text(text, published=published)
    codes = {actor.id: actor.code for actor in readout.actors}
    return [(e.type, sorted(codes[a] for a in e.actors), sorted(codes[r] for r in e.recipients), e.status)
            for e in readout.events]


@pytest.mark.parametrize("text, expected", [
    ("Italy condemned Russia's strikes on Ukrainian cities.", ("ACCUSE", ["ITA"], ["RUS"], "occurred")),
    ("Russia launched massive drone strikes on Ukraine overnight.", ("ASSAULT", ["RUS"], ["UKR"], "occurred")),
    ("The EU imposed new sanctions on Iran on Monday.", ("SANCTION", ["EU"], ["IRN"], "occurred")),
    ("Poland will send tanks to Ukraine.", ("AID", ["POL"], ["UKR"], "intended")),
    ("Seoul summoned the Japanese ambassador on Tuesday.", ("ACCUSE", ["KOR"], ["JPN"], "occurred")),
    ("Germany pledged 500 million euros in aid for Sudan.", ("AID", ["DEU"], ["SDN"], "intended")),
    ("Japan thanked India for its support.", ("SUPPORT", ["JPN"], ["IND"], "occurred")),
    ("Hungary vetoed the proposal.", ("REJECT", ["HUN"], [], "occurred")),
    ("Turkey urged Sweden to crack down on militants.", ("REQUEST", ["TUR"], ["SWE"], "occurred")),
    ("China accused the United States of provoking tensions.", ("ACCUSE", ["CHN"], ["USA"], "occurred")),
    ("Kenya expelled two Somali diplomats on Friday.", ("SANCTION", ["KEN"], ["SOM"], "occurred")),
])
def test_clause_gives_type_actor_recipient_and_status(pipeline, text, expected):
    assert expected in coded(pipeline, text)


@pytest.mark.parametrize("text, status", [
    ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin.", "occurred"),
    ("French President Emmanuel Macron will meet German Chancellor Olaf Scholz next week.", "planned"),
    ("French President Emmanuel Macron plans to visit Germany in May.", "planned"),
    ("French President Emmanuel Macron did not meet German Chancellor Olaf Scholz.", "negated"),
    ("French President Emmanuel Macron refused to meet German Chancellor Olaf Scholz.", "negated"),
    ("If Germany agrees, French President Emmanuel Macron will meet Chancellor Olaf Scholz.", "hypothetical"),
])
def test_status_of_a_meeting(pipeline, text, status):
    events = [e for e in coded(pipeline, text) if e[0] == "CONSULT"]
    assert [e[3] for e in events] == [status]


def test_compound_actors_are_all_actors(pipeline):
    events = coded(pipeline, "Ukraine and Italy agreed to expand defence co-production.")
    assert ("AGREE", ["UKR"], ["ITA"], "occurred") in events


@pytest.mark.parametrize("text", [
    "Macron hopes to meet Scholz soon.",
    "Italy should help Ukraine more, analysts said.",
])
def test_wishes_and_opinions_are_no_events(pipeline, text):
    assert coded(pipeline, text) == []


def test_a_football_report_yields_no_event(pipeline):
    text = ("Arsenal beat Chelsea 2-1 at the Emirates Stadium on Saturday, with a late header from the "
            "captain sealing the win. \"We showed character,\" the manager said after the match. "
            "The result lifts Arsenal to second place in the table.")
    assert coded(pipeline, text) == []


@pytest.mark.parametrize("text, mode", [
    ("Polish President Andrzej Duda spoke by phone with Lithuanian President Gitanas Nauseda.", "phone"),
    ("Polish President Andrzej Duda had a phone call with Lithuanian President Gitanas Nauseda.", "phone"),
    ("Russia launched drone strikes on Ukraine.", "drone"),
    ("NATO leaders met at a summit in Vilnius.", "multilateral"),
])
def test_mode(pipeline, text, mode):
    readout = pipeline.extract_text(text)
    assert [e.mode for e in readout.events if e.primary] == [mode]


def test_events_inside_quotes_take_the_speakers_side(pipeline):
    text = ('Ukrainian President Volodymyr Zelensky spoke after the call. "We thanked Italy for its help," '
            'Zelensky said.')
    assert ("SUPPORT", ["UKR"], ["ITA"], "occurred") in coded(pipeline, text)


def test_one_call_told_three_times_is_one_event(pipeline):
    text = ("Polish President Andrzej Duda and Lithuanian President Gitanas Nauseda discussed security. "
            "\"I had a call with Gitanas Nauseda,\" Duda said. Both leaders also discussed energy.")
    readout = pipeline.extract_text(text)
    consults = [e for e in readout.events if e.type == "CONSULT"]
    assert len(consults) == 1 and len(consults[0].evidence) == 3
    assert sum(e.primary for e in readout.events) == 1
