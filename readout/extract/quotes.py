"""Direct quotes and who said them.

Quotation marks are paired on the characters of the text, paragraph by paragraph: straight marks
toggle, curly and angle marks open and close. Apostrophes (possessive "advisors’", "Italy's",
elisions) are never quotation marks: single marks are not used for quotes at all. A quote left open
at the end of a paragraph ends there; the next paragraph continues it when it opens with a mark (wire
style). The speaker comes from the cue next to the quote ("..., Zelensky said", "X said: ...",
"according to X", "X wrote on Telegram"), resolved through the article's actors; no cue, no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from readout.records import Cue, Quote
from readout.resolve.actors import ActorIndex
from readout.resolve.lexicon import Lexicon

OPENING = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", '"': '"'}
CLOSING = {"\u201d", "\u00bb", '"'}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
PRONOUNS = frozenset({"he", "she"})
CUE_WINDOW_TOKENS = 8  # how far after a closing mark (or before an opening one) a cue may stand


@dataclass
class Segment:
    """The text between one pair of marks, or from a mark to the end of its paragraph."""

    start: int  # offsets of the quoted text, marks excluded
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None if the paragraph ended first
    chain: int  # segments of one multi-paragraph quote share a chain number


def find_segments(text: str) -> list[Segment]:
    """Pair quotation marks across the whole text (pure: characters in, segments out)."""
    segments: list[Segment] = []
    chain = -1
    continuing = False
    for paragraph in _paragraphs(text):
        start, end = paragraph
        opened: tuple[int, str] | None = None
        first_mark = True
        for i in range(start, end):
            ch = text[i]
            if opened is None and ch in OPENING and _can_open(text, i):
                if not (continuing and first_mark):
                    chain += 1
                opened, first_mark = (i, OPENING[ch]), False
            elif opened is not None and (ch == opened[1] or ch in CLOSING):
                _add(segments, text, opened[0] + 1, i, opened[0], i, chain)
                opened = None
                continuing = False
        continuing = opened is not None
        if opened is not None:
            _add(segments, text, opened[0] + 1, end, opened[0], None, chain)
    return segments


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [(start, end) for start, end in spans if start < end]


def _can_open(text: str, i: int) -> bool:
    """A straight mark opens only at a word's start (not after a letter: 12" pipes)."""
    if text[i] != '"':
        return True
    return i == 0 or not text[i - 1].isalnum()


def _add(segments: list[Segment], text: str, start: int, end: int, open_mark: int,
         close_mark: int | None, chain: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        segments.append(Segment(start, end, open_mark, close_mark, chain))


def extract_quotes(doc: Doc, actors: ActorIndex, lexicon: Lexicon) -> list[Quote]:
    """Every quote in `doc` with its speaker (an actor id or None) and cue."""
    text = doc.text  # spaCy rebuilds doc.text on every access: read it once
    segments = find_segments(text)
    cues = [_cue_for(doc, text, segment, segments, actors, lexicon) for segment in segments]
    by_chain: dict[int, tuple[str | None, Cue | None]] = {}
    for segment, found in zip(segments, cues):
        if found[1] is not None and segment.chain not in by_chain:
            by_chain[segment.chain] = found
    for index, segment in enumerate(segments):
        if segment.chain not in by_chain:
            found = _continued(text, segments, index, by_chain) or _governing_cue(
                doc, segment, actors, lexicon)
            if found is not None:
                by_chain[segment.chain] = found
    quotes = []
    for number, segment in enumerate(segments, start=1):
        speaker, cue = by_chain.get(segment.chain, (None, None))
        quoted = text[segment.start:segment.end]
        quotes.append(Quote(
            id=f"q{number}", speaker=speaker, kind=_kind(quoted, segment), text=quoted,
            start=segment.start, end=segment.end, cue=cue,
        ))
    return quotes


def _continued(text: str, segments: list[Segment], index: int,
               by_chain: dict[int, tuple[str | None, Cue | None]]) -> tuple[str | None, Cue | None] | None:
    """`"A," Yoon said. "B."`: a quote right after an attributed one in its paragraph continues it."""
    if index == 0:
        return None
    previous, segment = segments[index - 1], segments[index]
    found = by_chain.get(previous.chain)
    if found is None or found[1] is None or previous.close_mark is None:
        return None
    between = text[previous.close_mark + 1:segment.open_mark]
    if PARAGRAPH_BREAK.search(between) or not (previous.close_mark < found[1].start < segment.open_mark):
        return None
    return found


def _governing_cue(doc: Doc, segment: Segment, actors: ActorIndex,
                   lexicon: Lexicon) -> tuple[str | None, Cue | None] | None:
    """A fragment inside reported speech: `Cameron said the sanctions sent "a clear signal"`."""
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    if span is None:
        return None
    for ancestor in span.root.ancestors:
        if ancestor.lemma_ in lexicon.cue_verbs and ancestor.pos_ in {"VERB", "AUX"} and not (
                segment.start <= ancestor.idx < segment.end):
            subject = next((c for c in ancestor.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            cue = Cue(ancestor.text, ancestor.idx, ancestor.idx + len(ancestor.text))
            return _speaker(subject, actors), cue
    return None


def _kind(text: str, segment: Segment) -> str:
    """A short fragment inside a sentence is `partial`; a quoted sentence or more is `direct`."""
    words = len(text.split())
    ends_sentence = text.rstrip()[-1:] in {".", "!", "?", ",", "\u2026", ":", ";"}
    if words < 8 and not ends_sentence and segment.close_mark is not None:
        return "partial"
    return "direct"


def _cue_for(doc: Doc, text: str, segment: Segment, segments: list[Segment], actors: ActorIndex,
             lexicon: Lexicon) -> tuple[str | None, Cue | None]:
    """The speaker and cue next to one segment: after it first, then before it."""
    after = _cue_in(_tokens_after(doc, text, segment, segments), actors, lexicon)
    before = _cue_in(_tokens_before(doc, text, segment, segments), actors, lexicon)
    # A quote that ends its own sentence ("...clear.") was more likely introduced before it.
    closes_sentence = text[segment.start:segment.end].rstrip()[-1:] in {".", "!", "?"}
    order = (before, after) if closes_sentence else (after, before)
    return next((found for found in order if found[1] is not None), (None, None))


def _tokens_after(doc: Doc, text: str, segment: Segment, segments: list[Segment]) -> Span | None:
    if segment.close_mark is None:
        return None
    start = segment.close_mark + 1
    end = _paragraph_end(text, start)
    following = [s.open_mark for s in segments if s.open_mark > segment.close_mark]
    if following:
        end = min(end, following[0])
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    if span is None:
        return None
    span = span[:CUE_WINDOW_TOKENS]
    stop = next((t.i for t in span if t.text in {".", "!", "?"}), None)
    return span.doc[span.start:stop] if stop is not None else span


def _tokens_before(doc: Doc, text: str, segment: Segment, segments: list[Segment]) -> Span | None:
    start = _paragraph_start(text, segment.open_mark)
    previous = [s.close_mark for s in segments if s.close_mark is not None and s.close_mark < segment.open_mark]
    if previous:
        start = max(start, previous[-1] + 1)
    span = doc.char_span(start, segment.open_mark, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    last = span[-1]
    if last.text not in {":", ","} and not (last.is_space and len(span) > 1 and span[-2].text in {":", ","}):
        return None  # "X said: "..." or X said, "..." only; a bare mention before a quote is no cue
    return span[-CUE_WINDOW_TOKENS - 4:]


def _paragraph_end(text: str, position: int) -> int:
    match = PARAGRAPH_BREAK.search(text, position)
    return match.start() if match else len(text)


def _paragraph_start(text: str, position: int) -> int:
    starts = [m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, position)]
    return starts[-1] if starts else 0


def _cue_in(span: Span | None, actors: ActorIndex, lexicon: Lexicon) -> tuple[str | None, Cue | None]:
    if span is None:
        return None, None
    for token in span:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            cue = Cue("according to", token.idx, token.nbor().idx + 2)
            target = next((t for t in span if t.i > token.i + 1 and t.dep_ == "pobj"), None)
            return _speaker(target, actors), cue
        if token.lemma_ in lexicon.cue_verbs and token.pos_ in {"VERB", "AUX"}:
            subject = next((child for child in token.children if child.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None:
                continue  # "... and warned against protectionism": no one says it here
            cue = Cue(token.text, token.idx, token.idx + len(token.text))
            return _speaker(subject, actors), cue
    return None, None


def _speaker(token: Token | None, actors: ActorIndex) -> str | None:
    """The actor a cue's subject refers to; a pronoun takes the last person named before it."""
    if token is None:
        return None
    if token.lower_ in PRONOUNS:
        actor_id = actors.antecedent(token.idx)
        if actor_id is not None:
            actors.add_mention(actor_id, token.idx, token.idx + len(token.text), range(token.i, token.i + 1))
        return actor_id
    for candidate in [token, *token.subtree]:
        actor_id = actors.actor_at(candidate.i)
        if actor_id is not None:
            return actor_id
    return None
