"""How fast `readout extract` is, against a bare spaCy parse of the same texts.

Prints figures, tests nothing. In one run it measures, on the same articles:
  - readout's extraction on 1 process (articles/s, words/s), through `Pipeline.extract_many`;
  - a bare parse: `nlp.pipe` over the same texts with the same model and batch size, nothing else;
  - the ratio readout time / bare parse time (target: <= 1.5), and readout's own ms per article;
  - peak memory (ru_maxrss) of this process and of the largest worker;
  - readout with --workers processes (articles/s).
Both timed runs come after a warm-up on a few articles, so that what loads lazily on first use
(the model's vectors, the gazetteer) is counted once, separately.

The articles are generated (deterministic for a seed) from sentence templates about leaders,
countries, calls, visits, pledges, attacks and quotes, about 300 words each; or read from a JSON
Lines file with --jsonl. `--profile` adds a cProfile of the extraction alone (the parse excluded).

    python scripts/benchmark.py                      # 400 articles, batch 32, 2 workers
    python scripts/benchmark.py --articles 100 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

# --- a generator of realistic articles -----------------------------------------------------------

# (name, surname, role, country adjective, country): facts about real office holders.
LEADERS = [
    ("Emmanuel Macron", "Macron", "President", "French", "France"),
    ("Olaf Scholz", "Scholz", "Chancellor", "German", "Germany"),
    ("Giorgia Meloni", "Meloni", "Prime Minister", "Italian", "Italy"),
    ("Volodymyr Zelensky", "Zelensky", "President", "Ukrainian", "Ukraine"),
    ("Donald Tusk", "Tusk", "Prime Minister", "Polish", "Poland"),
    ("Pedro Sanchez", "Sanchez", "Prime Minister", "Spanish", "Spain"),
    ("Rishi Sunak", "Sunak", "Prime Minister", "British", "Britain"),
    ("Fumio Kishida", "Kishida", "Prime Minister", "Japanese", "Japan"),
    ("Narendra Modi", "Modi", "Prime Minister", "Indian", "India"),
    ("Recep Tayyip Erdogan", "Erdogan", "President", "Turkish", "Turkey"),
    ("Luiz Inacio Lula da Silva", "Lula", "President", "Brazilian", "Brazil"),
    ("Cyril Ramaphosa", "Ramaphosa", "President", "South African", "South Africa"),
    ("Anthony Albanese", "Albanese", "Prime Minister", "Australian", "Australia"),
    ("Justin Trudeau", "Trudeau", "Prime Minister", "Canadian", "Canada"),
    ("Abdel Fattah al-Sisi", "Sisi", "President", "Egyptian", "Egypt"),
    ("Yoon Suk Yeol", "Yoon", "President", "South Korean", "South Korea"),
    ("Mark Rutte", "Rutte", "Prime Minister", "Dutch", "the Netherlands"),
    ("Petr Fiala", "Fiala", "Prime Minister", "Czech", "the Czech Republic"),
    ("Kyriakos Mitsotakis", "Mitsotakis", "Prime Minister", "Greek", "Greece"),
    ("Joe Biden", "Biden", "President", "US", "the United States"),
]
CAPITALS = {
    "France": "Paris", "Germany": "Berlin", "Italy": "Rome", "Ukraine": "Kyiv", "Poland": "Warsaw",
    "Spain": "Madrid", "Britain": "London", "Japan": "Tokyo", "India": "New Delhi",
    "Turkey": "Ankara", "Brazil": "Brasilia", "South Africa": "Pretoria", "Australia": "Canberra",
    "Canada": "Ottawa", "Egypt": "Cairo", "South Korea": "Seoul", "the Netherlands": "The Hague",
    "the Czech Republic": "Prague", "Greece": "Athens", "the United States": "Washington",
}
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
        "on Sunday", "late on Tuesday", "early on Friday"]
SUBJECTS = ["energy security", "trade and investment", "migration", "support for Ukraine",
            "the war in the Middle East", "climate finance", "defence industry cooperation",
            "critical minerals", "food security in Africa", "the reform of the United Nations"]
TARGET_CITIES = ["Kharkiv", "Odesa", "Zaporizhzhia", "Dnipro", "Sumy", "Kherson", "Lviv"]

LEADS = {
    "call": "{A_role} {A} held a phone call with {B_role} {B} {day}, {A_adj} officials said.",
    "visit": "{A_role} {A} arrived in {B_capital} {day} for talks with {B_role} {B}, the first "
             "visit by a {A_adj} leader to {B_country} in several years.",
    "pledge": "{A_role} {A} pledged {money} in new aid to {B_country} {day} during a meeting with "
              "{B_role} {B} in {A_capital}.",
    "attack": "Russian missiles and drones struck {city} {day}, killing at least {n} people and "
              "damaging homes and power lines, Ukrainian officials said.",
}
MIDDLES = {
    "call": [
        ("The two leaders discussed {subject} and {subject2}, according to a statement released "
         "after the conversation."),
        ("{A_surname} told {B_surname} that {A_country} was ready to deepen cooperation on "
         "{subject}, the statement said."),
        "The call lasted about forty minutes and was described by both sides as constructive.",
    ],
    "visit": [
        ("{B_surname} received {A_surname} with military honours before the two sat down for talks "
         "on {subject}."),
        "The delegations signed agreements on {subject} and {subject2} at the end of the meeting.",
        "{A_surname} also laid a wreath at a war memorial and met business leaders in the capital.",
    ],
    "pledge": [
        ("The package includes air defence equipment, ammunition and money for the repair of "
         "power plants, officials said."),
        ("{A_country} has now given more than {money} since the start of the full-scale invasion, "
         "according to government figures."),
        "{B_surname} thanked {A_surname} and said the aid would help protect cities from attacks.",
    ],
    "attack": [
        "Ukraine's air force said it had shot down {n2} of the {n3} drones launched overnight.",
        ("Rescue teams were still searching the rubble of a residential building in the centre of "
         "{city}, the regional governor said."),
        ("Russia's Defence Ministry said its forces had hit military and energy targets and did "
         "not mention civilian casualties."),
        "{B_role} {B} condemned the attack and called on allies to send more air defence systems.",
    ],
}
QUOTES = [
    '"We agreed to work together on {subject}, and we will keep our promises," {A_surname} said.',
    '"This is a moment that calls for unity in Europe and beyond," {B_surname} told reporters.',
    ('"We are grateful to {A_country} for its support, and we will not forget it," '
     '{B_surname} said.'),
    ('"Our countries share the same values and the same concerns," {A_surname} said at a news '
     'conference.'),
]
BACKGROUND = [
    ("Relations between {A_country} and {B_country} have improved over the past year after a "
     "period of tension over {subject}."),
    ("The meeting came a week before a summit of European Union leaders in Brussels, where "
     "{subject} is expected to dominate the agenda."),
    ("Critics at home have accused the government of moving too slowly on {subject2}, a charge "
     "ministers reject."),
    "Officials said the two sides had also touched on {subject2}, without giving details.",
    ("The United Nations has warned that the situation could worsen unless the international "
     "community acts quickly."),
    ("Analysts said the talks showed how much {subject} now shapes relations between the two "
     "countries."),
    ("{A_country} and {B_country} signed a strategic partnership in 2021 that covers {subject2}, "
     "education and research."),
    ("Opposition politicians in {B_capital} said they would watch closely whether the promises "
     "made this week were kept."),
    ("Trade between the two countries reached a record last year, driven by machinery, chemicals "
     "and farm products."),
    ("Diplomats said the preparations had taken several months and involved teams from both "
     "foreign ministries."),
]
ENDINGS = [
    ("{A_surname} invited {B_surname} to visit {A_capital} later this year, and the invitation was "
     "accepted, officials said."),
    "The two leaders agreed to meet again on the sidelines of the G20 summit in the autumn.",
    "Ministers from both countries are due to follow up on the talks next month.",
]


def generate_articles(count: int, seed: int) -> list[tuple[str, str]]:
    """`count` (id, text) pairs of about 300 words, the same ones for the same seed."""
    rng = random.Random(seed)
    return [(f"bench-{number:05d}", _article(rng)) for number in range(count)]


def _article(rng: random.Random) -> str:
    kind = rng.choice(list(LEADS))
    slots = _slots(rng, kind)
    sentences = [LEADS[kind]] + rng.sample(MIDDLES[kind], k=min(3, len(MIDDLES[kind])))
    background = rng.sample(BACKGROUND, k=7)
    sentences += rng.sample(QUOTES, k=2) + background[:4] + [rng.choice(ENDINGS)]
    sentences += rng.sample(MIDDLES[rng.choice(list(MIDDLES))], k=2) + background[4:]
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
    first, second = rng.sample(LEADERS, k=2)
    if kind in ("attack", "pledge"):
        first = first if first[4] != "Ukraine" else LEADERS[0]
        second = next(leader for leader in LEADERS if leader[4] == "Ukraine")
    subject, subject2 = rng.sample(SUBJECTS, k=2)
    slots = {"day": rng.choice(DAYS), "subject": subject, "subject2": subject2,
             "city": rng.choice(TARGET_CITIES), "n": str(rng.randint(2, 14)),
             "n2": str(rng.randint(10, 20)), "n3": str(rng.randint(21, 40)),
             "money": f"{rng.randint(2, 95) * 10} million euros"}
    for key, (name, surname, role, adjective, country) in (("A", first), ("B", second)):
        slots |= {key: name, f"{key}_surname": surname, f"{key}_adj": adjective,
                  f"{key}_role": f"{adjective} {role}", f"{key}_country": country,
                  f"{key}_capital": CAPITALS[country]}
    return slots


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Timing:
    seconds: float  # wall clock
    cpu_seconds: float  # this process only: steadier than wall time on a shared machine
    articles: int
    words: int

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def _timed(run: Callable[[], int], words: int) -> Timing:
    started, cpu_started = time.perf_counter(), time.process_time()
    count = run()
    return Timing(time.perf_counter() - started, time.process_time() - cpu_started, count, words)


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _load_articles(args: argparse.Namespace):
    from readout.read.sources import iter_articles
    from readout.records import ArticleInput

    if args.jsonl:
        items = iter_articles([args.jsonl])
        return [item for item, _ in zip(
            (i for i in items if isinstance(i, ArticleInput)), range(args.articles), strict=False)]
    return [ArticleInput(id=article_id, text=text, source=article_id)
            for article_id, text in generate_articles(args.articles, args.seed)]


def _profile(pipeline, articles, batch_size: int, top: int) -> str:
    """cProfile of readout's extraction alone (the documents are parsed before profiling)."""
    from readout.extract.article import extract_readout

    docs = list(pipeline.nlp.pipe([a.text for a in articles], batch_size=batch_size))
    profiler = cProfile.Profile()
    profiler.enable()
    for doc, article in zip(docs, articles, strict=True):
        extract_readout(doc, article, pipeline.resources)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"readout/", top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="articles to extract (400)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the second run (2)")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per batch (32)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the article generator (7)")
    parser.add_argument("--jsonl", metavar="PATH", help="read articles from this file instead")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of extraction")
    parser.add_argument("--top", type=int, default=25, help="functions shown by --profile (25)")
    args = parser.parse_args(argv)

    from readout.pipeline import Pipeline
    from readout.records import Failure

    articles = _load_articles(args)
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)
    started = time.perf_counter()
    pipeline = Pipeline.load()
    load_s = time.perf_counter() - started
    warm = _timed(lambda: sum(1 for _ in pipeline.extract_many(articles[:3], workers=1)), 0)
    nlp, size = pipeline.nlp, args.batch_size

    bare = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=size)), words)
    results: list = []
    one = _timed(lambda: len(results.extend(pipeline.extract_many(
        articles, batch_size=size, workers=1)) or results), words)
    failed = sum(isinstance(result, Failure) for result in results)
    peak_one = _peak_mb(resource.RUSAGE_SELF)
    many = _timed(lambda: sum(1 for _ in pipeline.extract_many(
        articles, batch_size=size, workers=args.workers)), words)
    peak_worker = _peak_mb(resource.RUSAGE_CHILDREN)

    ratio, cpu_ratio = one.seconds / bare.seconds, one.cpu_seconds / bare.cpu_seconds
    rows = [
        ("bare spaCy parse, 1 process", bare),
        ("readout extract, 1 process", one),
        (f"readout extract, {args.workers} workers", many),
    ]
    print(f"command: {shlex.join(['python', *sys.argv])}")
    print(f"articles: {len(articles)} ({words:,} words, {words / len(articles):.0f} per article), "
          f"model {pipeline.settings.model}, batch size {size}, failed {failed}")
    print(f"model load {load_s:.2f} s, warm-up (3 articles, lazy data) {warm.seconds:.2f} s")
    print(f"{'run':<32} {'seconds':>8} {'cpu s':>7} {'articles/s':>11} {'words/s':>9}")
    for label, timing in rows:
        cpu = f"{timing.cpu_seconds:>7.2f}" if timing is not many else f"{'-':>7}"
        print(f"{label:<32} {timing.seconds:>8.2f} {cpu} {timing.articles_per_s:>11.1f} "
              f"{timing.words_per_s:>9,.0f}")
    extract_ms = (one.cpu_seconds - bare.cpu_seconds) / len(articles) * 1000
    print(f"ratio readout / bare parse: {ratio:.2f} wall, {cpu_ratio:.2f} cpu (target <= 1.5); "
          f"readout's own work {extract_ms:.1f} ms cpu per article")
    print(f"peak memory: this process {peak_one:.0f} MB; largest worker {peak_worker:.0f} MB")
    if args.profile:
        print(_profile(pipeline, articles, size, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
