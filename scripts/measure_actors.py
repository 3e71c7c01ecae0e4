"""Score readout's actor resolution: country code and sector of actor phrases.

Run from the repository root:

    python scripts/measure_actors.py [--min-country 0.9] [--min-sector 0.9]
                                     [--min-gsr-country 0.7] [--min-gsr-sector 0.6]
                                     [--part all|phrases|gsr] [--misses]

Two sets of phrases:

1. tests/cases/actors.yaml: phrases written for readout (titles at a date, names, former officials,
   groups of a country, ministries, institutions, armed groups, companies, capitals), each with the
   expected code, sector, kind and, for people, name. A phrase is resolved alone with
   `resolve_phrase` at its date, or, when the case gives a sentence, in that sentence by the whole
   extractor (the actor whose mentions cover the phrase).
2. The PLOVER gold-standard records (../shared/data/plover-gsr-cameo.json, see its README; never
   copied into the project): every source and target actor, resolved in its sentence by the whole
   extractor, else as a phrase alone, without a date (the records' dates are all 2000-01-01).
   Before comparing: non-ISO codes are fixed (JAP -> JPN, ITL -> ITA, VTN -> VNM), every
   international body counts as IGO (readout's EU, UN, NATO... through the PLOVER export's
   mapping), and sectors with a group suffix are cut to the sector (CVLalb -> CVL, CIV -> CVL).
   Country is scored on every actor with a code; sector on actors whose sector is a PLOVER one.

Prints accuracy of country, sector, kind and name (phrases), lists misses with --misses, and the
time the knowledge base takes to load. Exits 1 when a figure is below its floor.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "actors.yaml"
RECORDS = ROOT.parent / "shared" / "data" / "plover-gsr-cameo.json"
CODE_QUIRKS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
BODIES = frozenset({"IGO", "UNO", "EUR", "NGO"})  # the records code all of them IGO
SECTOR_QUIRKS = {"CIV": "CVL"}


@dataclass
class Tally:
    """Right answers out of cases, per field, with the misses for --misses."""

    cases: int = 0
    right: dict[str, int] = field(default_factory=dict)
    scored: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def score(self, name: str, ok: bool) -> None:
        self.scored[name] = self.scored.get(name, 0) + 1
        self.right[name] = self.right.get(name, 0) + int(ok)

    def accuracy(self, name: str) -> float:
        return self.right.get(name, 0) / self.scored[name] if self.scored.get(name) else 1.0

    def line(self, name: str) -> str:
        return f"{name:>8}: {self.accuracy(name):.3f} ({self.right.get(name, 0)}/{self.scored.get(name, 0)})"


def load_pipeline():
    from readout.pipeline import Pipeline

    return Pipeline.load()


def in_sentence(pipeline, text: str, phrase: str, on: date | None):
    """The actor the extractor finds for `phrase` (its first occurrence) in `text`."""
    start = text.find(phrase)
    if start < 0:
        raise SystemExit(f"the phrase {phrase!r} is not in its sentence: {text}")
    readout = pipeline.extract_text(text, published=on.isoformat() if on else None)
    return best_overlap(readout.actors, start, start + len(phrase))


def best_overlap(actors: list, start: int, end: int):
    best, most = None, 0
    for actor in actors:
        overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in actor.mentions)
        if overlap > most:
            best, most = actor, overlap
    return best


def measure_cases(pipeline, path: Path) -> Tally:
    from readout.resolve.resolver import resolve_phrase

    tally = Tally()
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
        on = case.get("date")
        if case.get("text"):
            actor = in_sentence(pipeline, case["text"], case["phrase"], on)
        else:
            actor = resolve_phrase(case["phrase"], on, pipeline.nlp)
        got = (actor.code, actor.sector, actor.kind, actor.name) if actor else (None, None, None, None)
        tally.cases += 1
        checks = {"country": got[0] == case["code"], "sector": got[1] == case["sector"],
                  "kind": got[2] == case["kind"]}
        if case.get("name"):
            checks["name"] = got[3] is not None and _same_name(got[3], case["name"])
        for name, ok in checks.items():
            tally.score(name, ok)
        if not all(checks.values()):
            tally.misses.append(f"{case['phrase']!r} {on or ''}: got {got}, expected "
                                f"{(case['code'], case['sector'], case['kind'], case.get('name'))}")
    return tally


def _same_name(got: str, expected: str) -> bool:
    """The same name, or two spellings the knowledge base gives one person ("Sergei Lavrov")."""
    from readout.resolve.knowledge import fold_name, load_knowledge_base

    if fold_name(got) == fold_name(expected):
        return True
    kb = load_knowledge_base()
    return bool({p.id for p in kb.people_named(got)[0]} & {p.id for p in kb.people_named(expected)[0]})


# --- the PLOVER gold-standard records ---------------------------------------------------------

def normal_code(code: str | None) -> str | None:
    if not code:
        return None
    code = CODE_QUIRKS.get(code, code)
    return "IGO" if code in BODIES else code


def normal_sector(sector: str | None) -> str | None:
    from readout.resolve.knowledge import PLOVER_SECTORS

    if not sector:
        return None
    sector = SECTOR_QUIRKS.get(sector[:3].upper(), sector[:3].upper())
    return sector if sector in PLOVER_SECTORS else None


def gsr_actors(path: Path) -> list[tuple[str, str, str | None, str | None]]:
    """(sentence, actorText, code, sector) of every source and target actor of the records."""
    found = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        for side in ("source", "target"):
            for actor in record.get(side) or []:
                if isinstance(actor, dict) and actor.get("actorText") and actor.get("code"):
                    found.append((record["text"], actor["actorText"].strip(),
                                  normal_code(actor["code"]), normal_sector(actor.get("sector"))))
    return found


def measure_gsr(pipeline, path: Path) -> Tally:
    from readout.records import ArticleInput
    from readout.resolve.resolver import resolve_phrase
    from readout.store.export import plover_code

    actors = gsr_actors(path)
    texts = sorted({text for text, *_ in actors})
    items = [ArticleInput(id=str(i), text=text, source=f"gsr:{i}") for i, text in enumerate(texts)]
    readouts = {texts[int(r.article.id)]: r for r in pipeline.extract_many(items)}
    tally = Tally()
    for text, phrase, code, sector in actors:
        start = text.find(phrase)
        actor = best_overlap(readouts[text].actors, start, start + len(phrase)) if start >= 0 else None
        actor = actor or resolve_phrase(phrase, None, pipeline.nlp)
        got_code = normal_code(plover_code(actor)) if actor else None
        got_sector = actor.sector if actor else None
        tally.cases += 1
        tally.score("country", got_code == code)
        ok = True
        if sector is not None:
            tally.score("sector", got_sector == sector)
            ok = got_sector == sector
        if got_code != code or not ok:
            tally.misses.append(f"{phrase!r}: got {got_code} {got_sector}, expected {code} {sector}"
                                f" | {text[:90]}")
    return tally


def report_phrases(pipeline, args: argparse.Namespace) -> list[tuple[str, float, float]]:
    """Print the phrase figures; return them with their floors."""
    phrases = measure_cases(pipeline, args.cases)
    print(f"phrases ({args.cases.name}): {phrases.cases}")
    for name in ("country", "sector", "kind", "name"):
        print(phrases.line(name))
    if args.misses:
        print("\n".join(phrases.misses))
    return [("phrase country", phrases.accuracy("country"), args.min_country),
            ("phrase sector", phrases.accuracy("sector"), args.min_sector)]


def report_gsr(pipeline, args: argparse.Namespace) -> list[tuple[str, float, float]]:
    """Print the gold-standard figures (when the records are there); return them with floors."""
    if not args.records.exists():
        print(f"PLOVER gold-standard records not found at {args.records}: skipped")
        return []
    gsr = measure_gsr(pipeline, args.records)
    print(f"PLOVER gold-standard actors: {gsr.cases}")
    for name in ("country", "sector"):
        print(gsr.line(name))
    if args.misses:
        print("\n".join(gsr.misses))
    return [("GSR country", gsr.accuracy("country"), args.min_gsr_country),
            ("GSR sector", gsr.accuracy("sector"), args.min_gsr_sector)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--min-country", type=float, default=0.0)
    parser.add_argument("--min-sector", type=float, default=0.0)
    parser.add_argument("--min-gsr-country", type=float, default=0.0)
    parser.add_argument("--min-gsr-sector", type=float, default=0.0)
    parser.add_argument("--part", choices=("all", "phrases", "gsr"), default="all",
                        help="measure the written phrases, the gold-standard actors, or both")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)

    from readout.resolve.knowledge import KB_DIR, load_knowledge_base

    started = time.perf_counter()
    load_knowledge_base(KB_DIR)
    print(f"knowledge base loaded in {time.perf_counter() - started:.3f} s")
    pipeline = load_pipeline()
    floors = []
    if args.part in ("all", "phrases"):
        floors += report_phrases(pipeline, args)
    if args.part in ("all", "gsr"):
        floors += report_gsr(pipeline, args)
    broken = [f"{name} is {value:.3f}, floor {floor}" for name, value, floor in floors if value < floor]
    for line in broken:
        print(f"measure_actors: below floor: {line}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
