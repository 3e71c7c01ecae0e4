"""Score readouts against gold, as docs/gold-format.md defines it.

- events: a predicted event matches a gold one when type, status and the actor and recipient code
  sets agree (an unordered pair for CONSULT); one-to-one; precision, recall, F1 over all articles.
- primary: the predicted primary event against the gold one: type, pair, mode and date.
- quotes: a predicted quote matches when it covers half or more of a gold span; its speaker is right
  when the speaker's name matches the gold name.
- negatives: events predicted on articles of kind `other`, which should have none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from readout.evaluate.gold import GoldArticle
from readout.records import Event, Readout
from readout.resolve.lexicon import fold


@dataclass
class Scores:
    """Counts over a gold set, and the figures derived from them."""

    articles: int = 0
    events_gold: int = 0
    events_predicted: int = 0
    events_matched: int = 0
    primary_gold: int = 0
    primary_right: int = 0
    quotes_gold: int = 0
    quotes_predicted: int = 0
    quotes_matched: int = 0
    speakers_right: int = 0
    negative_articles: int = 0
    negative_events: int = 0
    by_type: Counter = field(default_factory=Counter)  # (type, "tp"|"fp"|"fn") -> count
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        p = _ratio(self.events_matched, self.events_predicted)
        r = _ratio(self.events_matched, self.events_gold)
        qp = _ratio(self.quotes_matched, self.quotes_predicted)
        qr = _ratio(self.quotes_matched, self.quotes_gold)
        return {
            "event_precision": p, "event_recall": r, "event_f1": _f1(p, r),
            "primary_accuracy": _ratio(self.primary_right, self.primary_gold),
            "quote_precision": qp, "quote_recall": qr, "quote_f1": _f1(qp, qr),
            "speaker_accuracy": _ratio(self.speakers_right, self.quotes_matched),
            "negative_events": float(self.negative_events),
        }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_article(gold: GoldArticle, readout: Readout, scores: Scores) -> None:
    """Add one article's counts to `scores`."""
    scores.articles += 1
    names = {actor.id: actor for actor in readout.actors}
    if gold.kind == "other":
        scores.negative_articles += 1
        scores.negative_events += len(readout.events)
    _score_events(gold, readout, names, scores)
    _score_primary(gold, readout, names, scores)
    _score_quotes(gold, readout, names, scores)


def _codes(ids: list[str], names: dict) -> frozenset[str]:
    return frozenset(names[i].code for i in ids if names[i].code)


def _event_key(event_type: str, actors: frozenset, recipients: frozenset):
    if event_type == "CONSULT":
        return (frozenset(actors | recipients),)
    return (actors, recipients)


def _predicted_key(event: Event, names: dict) -> tuple:
    return (event.type, event.status) + _event_key(event.type, _codes(event.actors, names),
                                                   _codes(event.recipients, names))


def _gold_key(event: dict) -> tuple:
    return (event["type"], event["status"]) + _event_key(
        event["type"], frozenset(event.get("actor") or []), frozenset(event.get("recipient") or []))


def _score_events(gold: GoldArticle, readout: Readout, names: dict, scores: Scores) -> None:
    remaining = [_gold_key(event) for event in gold.events]
    scores.events_gold += len(remaining)
    scores.events_predicted += len(readout.events)
    for event in readout.events:
        key = _predicted_key(event, names)
        if key in remaining:
            remaining.remove(key)
            scores.events_matched += 1
            scores.by_type[(event.type, "tp")] += 1
        else:
            scores.by_type[(event.type, "fp")] += 1
            scores.misses.append(f"{gold.id}: extra {_describe(key)} ({event.trigger.text if event.trigger else ''})")
    for key in remaining:
        scores.by_type[(key[0], "fn")] += 1
        scores.misses.append(f"{gold.id}: missed {_describe(key)}")


def _describe(key: tuple) -> str:
    parts = [sorted(part) if isinstance(part, frozenset) else part for part in key]
    return " ".join(str(part) for part in parts)


def _score_primary(gold: GoldArticle, readout: Readout, names: dict, scores: Scores) -> None:
    expected = next((event for event in gold.events if event.get("primary")), None)
    if expected is None:
        return
    scores.primary_gold += 1
    predicted = next((event for event in readout.events if event.primary), None)
    if predicted is None:
        scores.misses.append(f"{gold.id}: no primary event")
        return
    same_type = predicted.type == expected["type"]
    pair = _codes(predicted.actors, names) | _codes(predicted.recipients, names)
    same_pair = pair == frozenset((expected.get("actor") or []) + (expected.get("recipient") or []))
    same_mode = predicted.mode == expected.get("mode")
    same_date = _date_agrees(expected.get("date"), predicted)
    if same_type and same_pair and same_mode and same_date:
        scores.primary_right += 1
    else:
        scores.misses.append(
            f"{gold.id}: primary is {predicted.type}/{predicted.mode} {sorted(pair)} "
            f"{predicted.date.start}..{predicted.date.end}, gold {expected['type']}/{expected.get('mode')} "
            f"{sorted((expected.get('actor') or []) + (expected.get('recipient') or []))} {expected.get('date')}")


def _date_agrees(expected: str | None, event: Event) -> bool:
    """A gold day must fall in the predicted range; a gold month must contain its start."""
    if expected is None:
        return True
    start, end = event.date.start, event.date.end or event.date.start
    if start is None:
        return False
    if len(expected) == 7:
        return start[:7] == expected
    return start[:10] <= expected <= end[:10]


def _score_quotes(gold: GoldArticle, readout: Readout, names: dict, scores: Scores) -> None:
    scores.quotes_gold += len(gold.quotes)
    scores.quotes_predicted += len(readout.quotes)
    unmatched = list(readout.quotes)
    for expected in gold.quotes:
        start, end = expected["starts"], expected["ends"]
        match = next((q for q in unmatched if min(end, q.end) - max(start, q.start) >= (end - start) / 2), None)
        if match is None:
            scores.misses.append(f"{gold.id}: missed quote {start}-{end}")
            continue
        unmatched.remove(match)
        scores.quotes_matched += 1
        speaker = names[match.speaker].name if match.speaker else None
        if _same_person(speaker, expected.get("speaker")):
            scores.speakers_right += 1
        else:
            scores.misses.append(f"{gold.id}: quote {start}-{end} speaker {speaker!r}, gold {expected.get('speaker')!r}")


def _same_person(predicted: str | None, expected: str | None) -> bool:
    if predicted is None or expected is None:
        return predicted is expected
    return fold(predicted) == fold(expected) or fold(predicted).split()[-1:] == fold(expected).split()[-1:]
