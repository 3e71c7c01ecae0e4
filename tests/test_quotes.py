"""Quotation marks, quote spans and speakers."""

from __future__ import annotations

import pytest

from readout.extract.quotes import find_segments


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_segments(text)]


@pytest.mark.parametrize("text, expected", [
    ('"We will win," he said.', ["We will win,"]),
    ("\u201cWe will win,\u201d he said.", ["We will win,"]),
    ("He said: \u00abWe will win.\u00bb", ["We will win."]),
    ("The advisors\u2019 meeting was useful, \u201cvery useful\u201d, he said.", ["very useful"]),
    ("Italy's support matters. \"Italy's help is key,\" he said.", ["Italy's help is key,"]),
    ("\u201cWe don\u2019t accept it,\u201d she said.", ["We don\u2019t accept it,"]),
    ('a 12" pipe and "a quote" here', ["a quote"]),
    ("No quotes at all, only Italy's and the partners' words.", []),
])
def test_apostrophes_never_open_or_close_a_quote(text, expected):
    assert quoted(text) == expected


def test_unclosed_quote_continues_into_the_next_paragraph():
    text = '"First paragraph of the quote.\n\n"Second paragraph," the minister said.'
    segments = find_segments(text)
    assert [text[s.start:s.end] for s in segments] == ["First paragraph of the quote.", "Second paragraph,"]
    assert segments[0].chain == segments[1].chain


def test_unclosed_quote_without_continuation_ends_at_its_paragraph():
    text = '"A quote nobody closes.\n\nThen plain prose follows.'
    assert quoted(text) == ["A quote nobody closes."]


def speakers(pipeline, text: str) -> list[str | None]:
    readout = pipeline.extract_text(text)
    names = {actor.id: actor.name for actor in readout.actors}
    return [names.get(q.speaker) if q.speaker else None for q in readout.quotes]


@pytest.mark.parametrize("text, expected", [
    ('Polish President Andrzej Duda met troops on Monday. "We stand ready," Duda said.', ["Andrzej Duda"]),
    ('Polish President Andrzej Duda spoke on Monday. "We stand ready," said Duda.', ["Andrzej Duda"]),
    ('Polish President Andrzej Duda spoke on Monday. Duda said: "We stand ready."', ["Andrzej Duda"]),
    ('French President Emmanuel Macron spoke to reporters. "Europe must act," he said.', ["Emmanuel Macron"]),
    ('Ukrainian President Volodymyr Zelensky reacted overnight. "The drones came again," '
     'Zelensky wrote on Telegram.', ["Volodymyr Zelensky"]),
    ('The talks were "constructive and frank", according to German Chancellor Olaf Scholz.',
     ["Olaf Scholz"]),
    ('"Nobody expected this," a voice in the crowd shouted.', [None]),
    ('Italian Prime Minister Giorgia Meloni arrived. "We are here," Meloni said. "And we stay."',
     ["Giorgia Meloni", "Giorgia Meloni"]),
])
def test_speaker_comes_from_the_cue_next_to_the_quote(pipeline, text, expected):
    assert speakers(pipeline, text) == expected


def test_quote_over_two_paragraphs_keeps_one_speaker(pipeline):
    text = ('Dutch Prime Minister Mark Rutte spoke after the summit.\n\n'
            '"We agreed on the package. It took long.\n\n'
            '"Now the work starts," Rutte said.')
    assert speakers(pipeline, text) == ["Mark Rutte", "Mark Rutte"]
