"""An article's text cut into segments, each knowing which mentions, quotes, triggers and evidence
cover it: what the article page needs to highlight everything at once without nesting markup.

Spans overlap freely (a mention inside a quote inside an event's evidence), so the text is cut at
every span boundary; a segment is a run of text with one set of covering annotations. The page
renders each annotated segment as one escaped <span> whose data attributes name its annotations,
and choosing an event or a quote lights up the segments that carry its id.

    segments(text, readout)   # [Segment(start=0, end=20, text="...", mentions=(), ...), ...]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from readout.records import Readout

# The kinds of annotation, as Segment fields (and data-* attributes on the page).
KINDS = ("mentions", "quotes", "cues", "triggers", "evidence")


@dataclass(frozen=True)
class Annotation:
    """One span of one kind, belonging to an actor (mentions), quote (quotes, cues) or event."""

    kind: str
    owner: str
    start: int
    end: int


@dataclass
class Segment:
    """A run of text covered by the same annotations; each field lists owner ids, sorted."""

    start: int
    end: int
    text: str
    mentions: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def plain(self) -> bool:
        return not any(getattr(self, kind) for kind in KINDS)


def annotations(readout: Readout) -> list[Annotation]:
    """Every span the readout points at: actor mentions, quotes and cues, triggers, evidence."""
    found = [Annotation("mentions", actor.id, start, end)
             for actor in readout.actors for start, end in actor.mentions]
    for quote in readout.quotes:
        found.append(Annotation("quotes", quote.id, quote.start, quote.end))
        if quote.cue is not None:
            found.append(Annotation("cues", quote.id, quote.cue.start, quote.cue.end))
    for event in readout.events:
        if event.trigger is not None:
            found.append(Annotation("triggers", event.id, event.trigger.start, event.trigger.end))
        found += [Annotation("evidence", event.id, start, end) for start, end in event.evidence]
    return found


def segments(text: str, readout: Readout) -> list[Segment]:
    """The text cut at every annotation boundary, in order; together they are the whole text.

    Spans outside the text or empty are ignored (a readout of another version of the text must
    not break the page); a span reaching past the end is cut at the end.
    """
    spans = [a for a in annotations(readout) if 0 <= a.start < a.end and a.start < len(text)]
    changes: dict[int, list[tuple[int, Annotation]]] = {}
    for span in spans:
        changes.setdefault(span.start, []).append((+1, span))
        changes.setdefault(min(span.end, len(text)), []).append((-1, span))
    cuts = sorted({0, len(text), *changes})
    active: Counter[tuple[str, str]] = Counter()
    out = []
    for start, end in pairwise(cuts):
        for step, span in changes.get(start, ()):
            active[(span.kind, span.owner)] += step
        active = +active  # drop what ended
        owners: dict[str, set[str]] = {kind: set() for kind in KINDS}
        for kind, owner in active:
            owners[kind].add(owner)
        out.append(Segment(start, end, text[start:end],
                           **{kind: tuple(sorted(ids, key=_natural)) for kind, ids in owners.items()}))
    return out


def _natural(identifier: str) -> tuple[str, int]:
    """Sort "e2" before "e10"."""
    head = identifier.rstrip("0123456789")
    tail = identifier[len(head):]
    return head, int(tail) if tail else -1
