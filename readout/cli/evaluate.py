"""`readout eval`: score the extractor on a folder of gold articles, with optional floors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from readout.cli import EXIT_OK, EXIT_SOME_FAILED


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval", help="score readout on gold articles",
        description="Score readouts of the articles in GOLD_DIR (<id>.txt beside <id>.gold.json) and "
                    "print event P/R/F1, primary accuracy, quote F1, speaker accuracy and events "
                    "found in no-event articles.",
    )
    parser.add_argument("gold_dir", metavar="GOLD_DIR", type=Path)
    parser.add_argument("--floors", type=Path, metavar="FILE",
                        help="YAML of metric: minimum (negative_events: maximum); exit 1 below a floor")
    parser.add_argument("--misses", action="store_true", help="list every miss and extra event")
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readout.evaluate.gold import load_gold
    from readout.evaluate.score import Scores, score_article
    from readout.pipeline import Pipeline

    pipeline = Pipeline.load(model=args.model)
    scores = Scores()
    for gold in load_gold(args.gold_dir):
        score_article(gold, pipeline.extract(gold.article), scores)
    figures = scores.figures()
    print(f"gold articles: {scores.articles} ({scores.negative_articles} with no event expected)")
    print(f"events: gold {scores.events_gold}, predicted {scores.events_predicted}, matched {scores.events_matched}")
    print(f"quotes: gold {scores.quotes_gold}, predicted {scores.quotes_predicted}, matched {scores.quotes_matched}")
    for name, value in figures.items():
        print(f"{name:>18}: {value:.3f}" if name != "negative_events" else f"{name:>18}: {value:.0f}")
    if args.misses:
        print("\n".join(scores.misses))
    return _check_floors(figures, args.floors) if args.floors else EXIT_OK


def _check_floors(figures: dict[str, float], path: Path) -> int:
    floors = yaml.safe_load(path.read_text(encoding="utf-8"))
    broken = []
    for name, limit in floors.items():
        value = figures[name]
        if (name == "negative_events" and value > limit) or (name != "negative_events" and value < limit):
            broken.append(f"{name} is {value:.3f}, floor {limit}")
    for line in broken:
        print(f"readout eval: below floor: {line}", file=sys.stderr)
    return EXIT_SOME_FAILED if broken else EXIT_OK
