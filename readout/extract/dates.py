"""When an event happened: the date expression of its clause, read in the clause's tense.

`event_date` looks at the date expressions of the event's sentence (our own grammar from
date_expressions.py and spaCy's DATE entities), keeps those that belong to the trigger's own
clause, and resolves the best one with `clause_tense`: "on Friday" in "will meet on Friday" is the
Friday after publication. A date that only bounds the event ("since January"), modifies a noun
("priorities for 2024") or belongs to another clause ("said on Tuesday that they had met") is not
the event's date. With no date of its own, an event takes the publication date.

`find_dateline` reads the date a wire story opens with ("KYIV, Jan 3 (Reuters) -").
"""

from __future__ import annotations

import re
from datetime import date
from typing import cast

from spacy.tokens import Span, Token

from readout.extract.date_expressions import (
    DateRange,
    Found,
    Tense,
    Vocabulary,
    calendar_day,
    find_expressions,
    resolve_expression,
    strip_preposition,
    vocabulary,
)
from readout.records import DatePrecision, EventDate

__all__ = ["DateRange", "Tense", "clause_tense", "event_date", "find_dateline",
           "resolve_expression"]

VERBAL = ("VERB", "AUX")
NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "acl", "csubj", "csubjpass",
                         "parataxis", "conj", "pcomp"})
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss", "nummod", "appos"})
PERFECT_MARKERS = frozenset({"will", "shall", "'ll", "wo"})  # "will have met" stays future
DATELINE_WINDOW = 600  # a dateline stands in the first few lines
STAMP = re.compile(r"(?:first\s+|last\s+)?(?:published|updated|posted|date|dated)(?:\s+on)?"
                   r"\s*:?\s*", re.IGNORECASE)
DATELINE_END = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[-\u2013\u2014:|]")
PLACE = re.compile(r"[A-Z][^\d\n,()]{0,40}(?:,\s*[A-Z][^\d\n,()]{0,40}){0,2}")


# --- tense ------------------------------------------------------------------------------------


def clause_tense(verb: Token) -> Tense:
    """Past, present or future: the tense of the clause `verb` heads, from its dependency parse.

    "will meet", "is to meet", "to be held", "plans to meet", "is scheduled", "agreed to meet"
    are future; "met", "has met", "had a call" are past; anything else is present. A noun is
    read through the verb that governs it.
    """
    node = verb
    while node.pos_ not in VERBAL and node.head.i != node.i:
        node = node.head
    return _tense(node, vocabulary())


def _tense(verb: Token, vocab: Vocabulary) -> Tense:
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxiliaries}
    if words & PERFECT_MARKERS:
        return "future"
    if verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxiliaries):
        return "past"  # "has met", "had been held", "would have met"
    if any(aux.lower_ in vocab.future_auxiliaries and aux.tag_ == "MD" for aux in auxiliaries):
        return "future"
    if verb.lemma_ in vocab.future_lemmas:
        return "future"  # "is scheduled", "plans", "is expected"
    head = verb.head
    if any(aux.tag_ == "TO" or aux.lower_ == "to" for aux in auxiliaries):
        if verb.dep_ == "xcomp" and head.i != verb.i and head.lemma_ in vocab.same_time_lemmas:
            return _tense(head, vocab)  # "managed to reach", "had to cancel"
        return "future"  # "agreed to meet", "is to meet", "to be held"
    if verb.dep_ == "xcomp" and head.i != verb.i:
        return _tense(head, vocab)  # "began shelling", "kept fighting"
    if verb.dep_ == "conj" and not auxiliaries and verb.tag_ != "VBD" and head.pos_ in VERBAL:
        return _tense(head, vocab)  # "will meet and discuss"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and not auxiliaries:
        return "past"  # "the accord signed on Friday"
    return "present"


# --- which expression is the event's date ---------------------------------------------------


def event_date(sentence: Span, trigger: Token, published: date | None) -> EventDate:
    """The date of the event `trigger` expresses in `sentence`, as an `EventDate`.

    Basis "text" when a date expression of the trigger's own clause resolves (its words in
    `text`, its document offsets in `span`); else the publication date (basis "published",
    precision "day"); else unknown (basis "none").
    """
    anchor = _anchor(trigger)
    tense = clause_tense(anchor)
    vocab = vocabulary()
    for placement, found in _candidates(sentence, trigger, anchor, vocab):
        if found.too_vague:
            if placement == 0:
                break  # "recently met": the clause has its date, and it says nothing exact
            continue
        core = strip_preposition(found, published, tense)
        resolved = resolve_expression(core.text, published, tense)
        if resolved is not None:
            return EventDate(start=resolved.start.isoformat(), end=resolved.end.isoformat(),
                             precision=cast(DatePrecision, resolved.precision), text=core.text,
                             basis="text", span=(core.start, core.end))
    if published is not None:
        day = published.isoformat()
        return EventDate(start=day, end=day, precision="day", basis="published")
    return EventDate(precision="unknown", basis="none")


def _anchor(trigger: Token) -> Token:
    """The verb whose tense and clause the event takes: the trigger itself, or for a noun its
    clausal modifier ("the meeting to be held ...") or else the verb that governs it."""
    if trigger.pos_ in VERBAL:
        return trigger
    for child in trigger.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ in VERBAL:
            return child
    following = _following_clause(trigger)
    if following is not None:
        return following
    governor = _governor(trigger)
    if governor.lemma_ == "be":  # "the meeting is to be held": the infinitive carries the time
        for child in governor.children:
            if child.dep_ == "xcomp" and child.pos_ in VERBAL:
                return child
    return governor


def _following_clause(noun: Token) -> Token | None:
    """A subjectless infinitive or participle right after the noun's phrase, which the parser
    sometimes hangs elsewhere ("preparations for the meeting ... to be held in Davos")."""
    after = noun.right_edge.i + 1
    doc = noun.doc
    if after >= len(doc):
        return None
    verb = doc[after]
    while verb.dep_ in ("aux", "auxpass") and verb.head.i > verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    nonfinite = verb.tag_ in ("VBN", "VBG") or any(c.tag_ == "TO" for c in verb.children)
    if verb.pos_ in VERBAL and nonfinite and not subjects and verb.left_edge.i == after:
        return verb
    return None


def _candidates(sentence: Span, trigger: Token, anchor: Token,
                vocab: Vocabulary) -> list[tuple[int, Found]]:
    """The sentence's date expressions that may date the event, best first: attached to the
    trigger (0), elsewhere in its clause (1), in a clause joined to it by "and" (2)."""
    offset = sentence.start_char
    found = [Found(f.start + offset, f.end + offset, f.text, f.too_vague)
             for f in find_expressions(sentence.text)]
    for ent in sentence.ents:
        if ent.label_ == "DATE" and all(ent.end_char <= f.start or ent.start_char >= f.end
                                        for f in found):
            found.append(Found(ent.start_char, ent.end_char, ent.text))
    ranked = []
    for expression in found:
        tokens = sentence.doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if tokens is None or tokens.start <= trigger.i < tokens.end:
            continue
        placement = _placement(_date_root(tokens), trigger, anchor, vocab)
        if placement is not None:
            distance = min(abs(expression.start - trigger.idx), abs(expression.end - trigger.idx))
            ranked.append((placement, distance, expression))
    return [(placement, expression) for placement, _, expression in sorted(
        ranked, key=lambda item: (item[0], item[1]))]


def _date_root(tokens: Span) -> Token:
    """The syntactic head of a date expression, past a leading preposition ("on Friday")."""
    root = tokens.root
    if root.dep_ == "prep":
        objects = [child for child in root.children
                   if child.dep_ == "pobj" and tokens.start <= child.i < tokens.end]
        return objects[0] if objects else root
    return root


def _placement(root: Token, trigger: Token, anchor: Token, vocab: Vocabulary) -> int | None:
    if root.dep_ == "pobj":
        preposition = root.head
        if preposition.lower_ in vocab.not_the_date_after:
            return None  # "since January", "until March": bounds, not the date
        if preposition.lower_ == "for" and preposition.head.lemma_ not in vocab.for_after_lemmas:
            return None  # "priorities for 2024", "for two years"
    if (root.dep_ in MODIFIER_DEPS and root.head.pos_ in NOMINAL and root.head.i != trigger.i):
        return None  # "the 2024 budget"
    node = root
    while node.i != trigger.i and node.pos_ not in VERBAL and node.head.i != node.i:
        node = node.head
    if node.i in (trigger.i, anchor.i, _governor(trigger).i):
        return 0
    if _clause_head(node).i == _clause_head(anchor).i:
        return 1
    if _conjoined(node, anchor):
        return 2
    return None


def _governor(token: Token) -> Token:
    node = token
    while node.pos_ not in VERBAL and node.head.i != node.i:
        node = node.head
    return node


def _clause_head(token: Token) -> Token:
    """The verb that heads `token`'s clause; xcomp chains ("plans to meet") stay one clause."""
    node = token
    while node.dep_ not in CLAUSE_DEPS and node.head.i != node.i:
        node = node.head
    return node


def _conjoined(verb: Token, anchor: Token) -> bool:
    """Whether two clauses are joined by "and" ("met on Friday and discussed sanctions")."""
    first, second = _clause_head(verb), _clause_head(anchor)
    return ((first.dep_ == "conj" and first.head.i == second.i)
            or (second.dep_ == "conj" and second.head.i == first.i)
            or (first.dep_ == second.dep_ == "conj" and first.head.i == second.head.i))


# --- datelines --------------------------------------------------------------------------------


def find_dateline(text: str, *, year: int | None = None) -> tuple[date, tuple[int, int]] | None:
    """The date of the dateline or date stamp an article opens with, and its offsets.

    Reads "KYIV, Jan 3 (Reuters) -", "WASHINGTON, March 14, 2024 —", "Brussels, 3 March 2023
    (AFP) –" and stamp lines such as "Published: 2024-01-03", in the first lines of `text`. A
    dateline without a year ("Jan 3") needs `year` (say, from the article's metadata); without
    it such a dateline is skipped rather than guessed.
    """
    position = 0
    for line in text[:DATELINE_WINDOW].splitlines(keepends=True):
        found = _line_date(line.rstrip("\r\n"), year)
        if found is not None:
            day, (start, end) = found
            return day, (position + start, position + end)
        position += len(line)
    return None


def _line_date(line: str, year: int | None) -> tuple[date, tuple[int, int]] | None:
    stripped = len(line) - len(line.lstrip())
    stamp = STAMP.match(line, stripped)
    if stamp:
        return _date_at(line, stamp.end(), year, needs_end=False)
    place = PLACE.match(line, stripped)
    if not place:
        return None
    for comma in (m.start() for m in re.finditer(",", line[:place.end() + 1])):
        start = comma + 1 + len(line[comma + 1:]) - len(line[comma + 1:].lstrip())
        found = _date_at(line, start, year, needs_end=True)
        if found is not None:
            return found
    return None


def _date_at(line: str, start: int, year: int | None,
             needs_end: bool) -> tuple[date, tuple[int, int]] | None:
    """A calendar day starting exactly at `start`, followed by the dateline's dash if needed."""
    expressions = find_expressions(line[start:])
    if not expressions or expressions[0].start != 0:
        return None
    first = expressions[0]
    day = calendar_day(first.text, year)
    if day is None:
        return None
    end = start + first.end
    if needs_end and not DATELINE_END.match(line, end):
        return None
    return day, (start, end)
