"""Score readout's events on the PLOVER gold-standard records (one sentence each).

Run from the repository root:

    python scripts/measure_plover_gsr.py [--min-macro-f1 0.75] [--min-codes 0.7] [--misses]

The records (../shared/data/plover-gsr-cameo.json, see its README; never copied into the project)
are coded to PLOVER 0.5b1. Before comparing, their old types are renamed (DEMAND -> REQUEST,
DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT) and their non-ISO codes fixed (JAP -> JPN,
ITL -> ITA, VTN -> VNM).

What is compared. Each sentence goes through `Pipeline.extract_many` as an article of its own, and
its events are read as readout's PLOVER export writes them (`store.export.to_plover`: a planned
meeting or a promise of aid is AGREE, a stated intention to sanction or strike is THREATEN, negated
and hypothetical events are left out; EU -> EUR, UN -> UNO, other bodies IGO; a material act with
no named recipient is aimed at the country where it happened).

- Event type. A sentence's gold event is *found* when any predicted event has the gold type (true
  positive of that type); else it is a false negative of the gold type. Each other type predicted
  for the sentence is one false positive of that type. Per type: precision, recall, F1; macro-F1 is
  the mean F1 over the types the records hold (all 16).
- Codes, over found events. The codes are *right* when some predicted event of the gold type has a
  gold source code among its actors' codes and, when the record names a target, a gold target code
  among its recipients' codes. A record with no target is judged on its source alone. For CONSULT,
  which has no direction, the codes need only stand on either side. The records code every
  intergovernmental or non-governmental body IGO (the UN, the European Community, the Red Cross),
  so IGO, UNO, EUR and NGO count as one code on both sides.

Exits 1 when macro-F1 is below --min-macro-f1 or the codes-right rate below --min-codes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readout.records import EVENT_TYPES, ArticleInput, Readout
from readout.store.export import to_plover

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT.parent / "shared" / "data" / "plover-gsr-cameo.json"
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CODE_QUIRKS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
BODIES = frozenset({"IGO", "UNO", "EUR", "NGO"})  # the records code all of them IGO


@dataclass(frozen=True)
class Record:
    """One gold sentence: its event type and the codes of its sources and targets."""

    id: str
    text: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass
class Tally:
    """Counts over the records, and what went wrong where (for --misses)."""

    types: Counter = field(default_factory=Counter)  # (type, "tp" | "fp" | "fn") -> count
    found: int = 0
    codes_right: int = 0
    misses: list[str] = field(default_factory=list)


def normal_code(code: str | None) -> str | None:
    """A code as compared: quirks fixed, every international body one code."""
    if not code:
        return None
    code = CODE_QUIRKS.get(code, code)
    return "IGO" if code in BODIES else code


def load_records(path: Path) -> list[Record]:
    """The gold sentences, old types renamed; the documentation record is skipped."""
    records = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        if raw.get("event") == "DOCUMENT":
            continue
        records.append(Record(
            id=raw["id"], text=raw["text"], type=OLD_TYPES.get(raw["event"], raw["event"]),
            sources=_codes(raw.get("source")), targets=_codes(raw.get("target")),
        ))
    return records


def _codes(actors: Any) -> frozenset[str]:
    """Codes of a source or target list; some records hold an empty string there instead."""
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(c for actor in actors if (c := normal_code(actor.get("code"))))


def predicted(readout: Readout) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    """(PLOVER type, source codes, recipient codes) of each record `to_plover` exports."""
    events = []
    for record in to_plover(readout):
        sides = [frozenset(c for actor in record[side] if (c := normal_code(actor["code"])))
                 for side in ("source", "recipient")]
        events.append((record["event"][0], sides[0], sides[1]))
    return events


def codes_agree(record: Record, kind: str, actors: frozenset[str], recipients: frozenset[str]) -> bool:
    if kind == "CONSULT":
        both = actors | recipients
        return bool(record.sources & both) and (not record.targets or bool(record.targets & both))
    return bool(record.sources & actors) and (not record.targets or bool(record.targets & recipients))


def score(record: Record, events: list[tuple[str, frozenset[str], frozenset[str]]], tally: Tally) -> None:
    """Add one sentence's counts to `tally`."""
    kinds = {kind for kind, _, _ in events}
    for kind in kinds - {record.type}:
        tally.types[(kind, "fp")] += 1
    if record.type not in kinds:
        tally.types[(record.type, "fn")] += 1
        tally.misses.append(f"{record.id}: missed {record.type}, got {sorted(kinds) or 'nothing'}"
                            f" | {record.text}")
        return
    tally.types[(record.type, "tp")] += 1
    tally.found += 1
    if any(codes_agree(record, *event) for event in events if event[0] == record.type):
        tally.codes_right += 1
        return
    got = [(sorted(a), sorted(r)) for kind, a, r in events if kind == record.type]
    tally.misses.append(f"{record.id}: codes {sorted(record.sources)}->{sorted(record.targets)}, "
                        f"got {got} | {record.text}")


def figures(tally: Tally, kinds: list[str]) -> dict[str, tuple[float, float, float, int]]:
    """type -> (precision, recall, F1, gold count)."""
    table = {}
    for kind in kinds:
        tp, fp, fn = (tally.types[(kind, part)] for part in ("tp", "fp", "fn"))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        table[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, tp + fn)
    return table


def measure(records: list[Record]) -> Tally:
    from readout.pipeline import Pipeline

    pipeline = Pipeline.load()
    articles = [ArticleInput(id=record.id, text=record.text, source=record.id) for record in records]
    tally = Tally()
    for record, readout in zip(records, pipeline.extract_many(articles, batch_size=64), strict=True):
        if not isinstance(readout, Readout):
            raise SystemExit(f"{record.id}: {readout.reason}")
        score(record, predicted(readout), tally)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--min-macro-f1", type=float, default=0.0, help="exit 1 below this (0..1)")
    parser.add_argument("--min-codes", type=float, default=0.0,
                        help="exit 1 when the share of found events with right codes is below this")
    parser.add_argument("--misses", action="store_true", help="list the sentences coded wrong")
    args = parser.parse_args(argv)
    if not args.records.exists():
        raise SystemExit(f"{args.records} not found: the PLOVER records live in ../shared/data/.")
    records = load_records(args.records)
    tally = measure(records)
    kinds = [kind for kind in EVENT_TYPES if any(r.type == kind for r in records)]
    table = figures(tally, kinds)
    print(f"{'type':<10} {'gold':>5} {'prec':>6} {'rec':>6} {'F1':>6}")
    for kind, (p, r, f1, gold) in table.items():
        print(f"{kind:<10} {gold:>5} {p:6.3f} {r:6.3f} {f1:6.3f}")
    macro = sum(f1 for _, _, f1, _ in table.values()) / len(table)
    codes = tally.codes_right / tally.found if tally.found else 0.0
    print(f"records: {len(records)}, events found: {tally.found}")
    print(f"macro-F1: {macro:.3f}")
    print(f"codes right: {codes:.3f} ({tally.codes_right}/{tally.found})")
    if args.misses:
        print("\n".join(tally.misses))
    failed = []
    if macro < args.min_macro_f1:
        failed.append(f"macro-F1 {macro:.3f} is below the floor {args.min_macro_f1}")
    if codes < args.min_codes:
        failed.append(f"codes right {codes:.3f} is below the floor {args.min_codes}")
    for message in failed:
        print(f"measure_plover_gsr: {message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
