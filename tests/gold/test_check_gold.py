"""The gold checker catches each kind of annotation mistake, and the gold set passes it."""

from __future__ import annotations

import copy

import check_gold
import pytest

VOCAB = check_gold.load_vocabulary()

TEXT = ('Leader A met Leader B on Monday.\n\n'
        '"We agreed on a lot," A said. B called the talks \u201cuseful\u201d.\n\n'
        '"It was a good day.\n\n'
        '"We will meet again," he said.')


def _offsets(fragment: str) -> tuple[int, int]:
    start = TEXT.find(fragment)
    return start, start + len(fragment)


def _quote(fragment: str, speaker: str | None = "Leader A", kind: str = "direct") -> dict:
    starts, ends = _offsets(fragment)
    return {"speaker": speaker, "kind": kind, "starts": starts, "ends": ends}


VALID = {
    "id": "t01-meeting", "url": None, "outlet": None, "published": "2024-05-06",
    "language": "en", "kind": "diplomatic",
    "events": [{"type": "CONSULT", "mode": None, "actor": ["FRA"], "recipient": ["DEU"],
                "actor_person": "Leader A", "recipient_person": "Leader B",
                "status": "occurred", "date": "2024-05-06", "location": None,
                "primary": True}],
    "quotes": [_quote("We agreed on a lot,"), _quote("useful", "Leader B", "partial"),
               _quote("It was a good day."), _quote("We will meet again,")],
    "topics": ["peace talks"],
}


def _problems(change) -> list[str]:
    gold = copy.deepcopy(VALID)
    change(gold)
    return check_gold.check_gold(gold, TEXT, "t01-meeting", VOCAB)


def test_valid_article_has_no_problems():
    assert check_gold.check_gold(copy.deepcopy(VALID), TEXT, "t01-meeting", VOCAB) == []


def _set_event(key, value):
    return lambda gold: gold["events"][0].__setitem__(key, value)


def _set_quote(index, key, value):
    return lambda gold: gold["quotes"][index].__setitem__(key, value)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda g: g.pop("topics"), "missing keys ['topics']"),
    (lambda g: g.__setitem__("extra", 1), "unknown keys ['extra']"),
    (lambda g: g.__setitem__("id", "other-id"), "must equal the file name"),
    (lambda g: g.__setitem__("published", "2024-05"), "published '2024-05'"),
    (lambda g: g.__setitem__("published", "2024-02-30"), "published '2024-02-30'"),
    (lambda g: g.__setitem__("kind", "politics"), "kind 'politics'"),
    (lambda g: g.__setitem__("kind", "other"), "kind 'other' must have no events"),
    (lambda g: g.__setitem__("events", []), "no events must have kind 'other'"),
    (lambda g: g.__setitem__("topics", ["weather"]), "topic 'weather'"),
    (lambda g: g.__setitem__("topics", ["trade", "trade"]), "without repeats"),
    (_set_event("type", "MEET"), "not one of the 16 PLOVER types"),
    (_set_event("mode", "drone"), "not a CONSULT mode"),
    (_set_event("status", "happened"), "status 'happened'"),
    (_set_event("actor", ["France"]), "actor must be a list of ISO alpha-3"),
    (_set_event("actor", []), "actor is empty"),
    (_set_event("recipient", "DEU"), "recipient must be a list"),
    (_set_event("date", "06/05/2024"), "date '06/05/2024'"),
    (_set_event("date", "2024-13"), "date '2024-13'"),
    (_set_event("location", "EU"), "location 'EU'"),
    (_set_event("primary", False), "0 events are primary"),
    (_set_event("actor_person", " Leader A"), "actor_person must be a full name"),
    (lambda g: g["events"].append(dict(g["events"][0])), "2 events are primary"),
    (lambda g: g["events"][0].pop("mode"), "missing keys ['mode']"),
    (_set_quote(0, "kind", "said"), "kind 'said'"),
    (_set_quote(0, "starts", VALID["quotes"][0]["starts"] - 1), "the quote starts on '\"'"),
    (_set_quote(0, "ends", VALID["quotes"][0]["ends"] + 1), "the quote ends on '\"'"),
    (_set_quote(0, "starts", VALID["quotes"][0]["starts"] + 1), "no opening quotation mark"),
    (_set_quote(0, "ends", VALID["quotes"][0]["ends"] - 1), "not a closing mark"),
    (_set_quote(0, "ends", len(TEXT) + 5), "are not inside the text"),
    (_set_quote(2, "ends", _offsets("It was a good day.\n\n")[1] - 1),
     "the quote ends on '\\n'"),
    (lambda g: g["quotes"].pop(1), "the gold quotes account for"),
    (lambda g: g["quotes"].append(dict(g["quotes"][0])), "overlap"),
    (lambda g: g["quotes"][0].pop("speaker"), "a quote has exactly"),
])
def test_each_mistake_is_reported(change, expected):
    problems = _problems(change)
    assert any(expected in problem for problem in problems), problems


LONG = " ".join(["word"] * 130)


@pytest.mark.parametrize(("text", "expected"), [
    (LONG + " ", "starts or ends with whitespace"),
    (LONG.replace("word word", "word\n\n\nword", 1), "exactly one blank line"),
    (LONG.replace("word word", "word\nword", 1), "exactly one blank line"),
    (LONG.replace("word word", "word \n\nword", 1), "ends with spaces"),
    (LONG.replace("word word", "word\r\n\r\nword", 1), "carriage returns"),
    (" ".join(["word"] * 50), "has 50 words"),
    (" ".join(["word"] * 500), "has 500 words"),
])
def test_text_layout_problems_are_reported(text, expected):
    assert any(expected in problem for problem in check_gold.check_text(text, VOCAB))


def test_well_formed_text_passes():
    assert check_gold.check_text(LONG.replace("word word", "word\n\nword", 1), VOCAB) == []


@pytest.mark.parametrize(("value", "month_allowed", "valid"), [
    (None, True, True), ("2024-05-06", False, True), ("2024-05", True, True),
    ("2024-05", False, False), ("2024-5-6", True, False), ("2023-02-29", True, False),
    ("2024-02-29", True, True), (20240506, True, False),
])
def test_valid_date(value, month_allowed, valid):
    assert check_gold.valid_date(value, month_allowed) is valid


def test_gold_set_in_this_folder_is_valid():
    results = check_gold.check_folder()
    assert len(results) >= 30
    assert {name: found for name, found in results.items() if found} == {}
