"""Dates and places of events, end to end through the real model (issue: when and where)."""

from __future__ import annotations

from readout.records import ArticleInput


def only_event(readout, event_type):
    events = [e for e in readout.events if e.type == event_type]
    assert len(events) == 1, [(e.type, e.trigger) for e in readout.events]
    return events[0]


def test_seed_planned_meeting_is_in_davos_a_few_weeks_after_publication(pipeline, repo_root):
    seed = repo_root.parent / "shared" / "seed" / "zelensky-meloni.txt"
    if not seed.exists():
        import pytest
        pytest.skip("../shared/seed is not beside the repository")
    text = seed.read_text(encoding="utf-8")
    readout = pipeline.extract(ArticleInput(id="seed", text=text, source="seed", published="2024-01-03"))
    planned = [e for e in readout.events if e.status == "planned"][0]
    assert (planned.location.name, planned.location.code) == ("Davos", "CHE")
    assert planned.date.basis == "text" and planned.date.text == "in a few weeks"
    assert "2024-01-03" < planned.date.start <= planned.date.end
    assert planned.date.precision == "week"
    assert text[planned.location.span[0]:planned.location.span[1]] == "Davos"


def test_headline_without_a_date_of_its_own_takes_the_published_date(pipeline):
    readout = pipeline.extract_text(
        "Polish President Andrzej Duda met Lithuanian President Gitanas Nauseda in Vilnius.",
        published="2024-05-02")
    event = only_event(readout, "CONSULT")
    assert (event.date.start, event.date.basis, event.date.precision) == ("2024-05-02", "published", "day")


def test_weekday_in_a_past_clause_is_the_one_before_publication(pipeline):
    readout = pipeline.extract_text(
        "Polish President Andrzej Duda met Lithuanian President Gitanas Nauseda on Friday.",
        published="2024-05-08")  # a Wednesday
    assert only_event(readout, "CONSULT").date.start == "2024-05-03"


def test_weekday_in_a_future_clause_is_the_one_after_publication(pipeline):
    readout = pipeline.extract_text(
        "Polish President Andrzej Duda will meet Lithuanian President Gitanas Nauseda on Friday.",
        published="2024-05-08")
    event = only_event(readout, "CONSULT")
    assert (event.status, event.date.start) == ("planned", "2024-05-10")


def test_no_date_anywhere_gives_unknown_precision_and_a_warning(pipeline):
    readout = pipeline.extract_text(
        "Polish President Andrzej Duda met Lithuanian President Gitanas Nauseda in Vilnius.")
    event = only_event(readout, "CONSULT")
    assert (event.date.precision, event.date.basis) == ("unknown", "none")
    assert readout.warnings == ["no publication date: event dates are only those the text states"]


def test_a_dateline_gives_the_publication_date(pipeline):
    readout = pipeline.extract_text(
        "VILNIUS, May 2, 2024 (Reuters) - Polish President Andrzej Duda met Lithuanian President "
        "Gitanas Nauseda on Thursday.")
    assert readout.article.published == "2024-05-02"
    assert only_event(readout, "CONSULT").date.start == "2024-05-02"


def test_a_visit_is_located_where_the_visitor_arrived(pipeline):
    readout = pipeline.extract_text(
        "Dutch Prime Minister Mark Rutte arrived in Kyiv on Tuesday for talks with Ukrainian President "
        "Volodymyr Zelensky.", published="2024-03-05")
    located = [e.location for e in readout.events if e.location]
    assert [(place.name, place.code) for place in located][:1] == [("Kyiv", "UKR")]


def test_a_person_named_georgia_is_not_a_place(pipeline):
    readout = pipeline.extract_text(
        "Italian Prime Minister Giorgia Meloni met Georgia's president in Rome on Monday.",
        published="2024-03-04")
    names = {e.location.name for e in readout.events if e.location}
    assert "Georgia" not in names
