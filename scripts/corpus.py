"""Synthetic news articles for benchmarks and scale tests, from the templates of corpus.yaml.

Deterministic for a seed. Two generators share the templates:
  - `generate_articles(count, seed)`: (id, text) pairs of about 300 words on calls, visits, pledges
    and attacks; what scripts/benchmark.py has always measured (keep its output unchanged);
  - `generate_corpus(count, seed)`: JSON Lines records (id, title, outlet, url, published, text) of
    seven kinds (the four above, sanctions, accusations, summit meetings), published between
    January 2023 and June 2024 by invented outlets; about one in 25 has no date, as real feeds do.

Import it from a script in this folder (`from corpus import generate_corpus`) or load the file by
path (tests do).
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

TEMPLATES = Path(__file__).with_name("corpus.yaml")
FIRST_DAY, LAST_DAY = date(2023, 1, 1), date(2024, 6, 30)
UNDATED_SHARE = 0.04
# Kinds whose recipient is Ukraine (B), and whose actor (A) must then be someone else.
UKRAINE_RECEIVES = ("attack", "pledge", "sanction")


@functools.cache
def templates() -> dict[str, Any]:
    """The templates of corpus.yaml, read once."""
    data = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))
    data["leaders"] = [tuple(leader) for leader in data["leaders"]]
    return data


def generate_articles(count: int, seed: int) -> list[tuple[str, str]]:
    """`count` (id, text) pairs of about 300 words, the same ones for the same seed."""
    rng = random.Random(seed)
    leads, middles = templates()["leads"], templates()["middles"]
    articles = []
    for number in range(count):
        slots = _slots(rng, rng.choice(list(leads)))
        articles.append((f"bench-{number:05d}", _article(rng, leads, middles, slots)))
    return articles


def generate_corpus(count: int, seed: int = 1, prefix: str = "art") -> Iterator[dict[str, str]]:
    """`count` article records with metadata, as JSON Lines input wants them (lazily)."""
    rng = random.Random(seed)
    data = templates()
    leads = data["leads"] | data["extra_leads"]
    middles = data["middles"] | data["extra_middles"]
    days = (LAST_DAY - FIRST_DAY).days
    for number in range(count):
        kind = rng.choice(list(leads))
        slots = _slots(rng, kind)
        text = _article(rng, leads, middles, slots, background=rng.randint(3, 8))
        outlet = rng.choice(data["outlets"])
        published = FIRST_DAY + timedelta(days=rng.randint(0, days))
        article_id = f"{prefix}-{number:06d}"
        record = {"id": article_id, "title": data["headlines"][kind].format(**slots),
                  "outlet": outlet, "url": _url(outlet, published, article_id)}
        if rng.random() >= UNDATED_SHARE:
            record["published"] = published.isoformat()
        record["text"] = text
        yield record


def _url(outlet: str, published: date, article_id: str) -> str:
    host = outlet.lower().replace(" ", "-")
    return f"https://{host}.example/{published:%Y/%m/%d}/{article_id}"


def _article(rng: random.Random, leads: dict, middles: dict, slots: dict[str, str],
             background: int = 7) -> str:
    """A lead, middles of its kind, quotes, background, an ending, in paragraphs."""
    data = templates()
    kind = slots["kind"]
    sentences = [leads[kind]] + rng.sample(middles[kind], k=min(3, len(middles[kind])))
    extra = rng.sample(data["background"], k=background)
    sentences += rng.sample(data["quotes"], k=2) + extra[:4] + [rng.choice(data["endings"])]
    sentences += rng.sample(middles[rng.choice(list(middles))], k=2) + extra[4:]
    paragraphs, current = [], []
    for sentence in sentences:
        current.append(sentence.format(**slots))
        if len(current) == 2 or rng.random() < 0.4:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) + "\n"


def _slots(rng: random.Random, kind: str) -> dict[str, str]:
    leaders = templates()["leaders"]
    first, second = rng.sample(leaders, k=2)
    if kind in UKRAINE_RECEIVES:
        first = first if first[4] != "Ukraine" else leaders[0]
        second = next(leader for leader in leaders if leader[4] == "Ukraine")
    data = templates()
    subject, subject2 = rng.sample(data["subjects"], k=2)
    slots = {"kind": kind, "day": rng.choice(data["days"]), "subject": subject,
             "subject2": subject2, "city": rng.choice(data["target_cities"]),
             "n": str(rng.randint(2, 14)), "n2": str(rng.randint(10, 20)),
             "n3": str(rng.randint(21, 40)), "money": f"{rng.randint(2, 95) * 10} million euros"}
    for key, (name, surname, role, adjective, country) in (("A", first), ("B", second)):
        slots |= {key: name, f"{key}_surname": surname, f"{key}_adj": adjective,
                  f"{key}_role": f"{adjective} {role}", f"{key}_country": country,
                  f"{key}_capital": data["capitals"][country]}
    return slots
