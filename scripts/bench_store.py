"""Benchmark of the readout database (a measurement, not a test): prints the figures.

1. storage alone: synthetic readouts written with `Store.add` in batches -> events/s, articles/s,
   and database bytes per 1,000 articles;
2. ingest with extraction: `readout.store.ingest` over generated articles with the real model
   -> articles/s (skipped with --no-extraction);
3. queries: a database of --events merged events (1,000,000 by default) generated with bulk
   inserts, then p50 / p95 latency of typical calls of the Python API (`Store.events`,
   `Store.quotes`), each returning up to 50 results with their sources.

    python scripts/bench_store.py                       # the full run (about 4 minutes on 2 cores)
    python scripts/bench_store.py --events 100000 --no-extraction   # a quick look

Targets (issue 6): storage alone >= 5,000 events/s; p95 < 50 ms for filtered event queries and
quote search at 1,000,000 events.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import hashlib
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from readout.records import (
    Actor,
    ArticleMeta,
    Cue,
    Event,
    EventDate,
    Quote,
    Readout,
    Topic,
    Trigger,
)
from readout.store import EventFilter, Store

TYPES = ["CONSULT"] * 8 + ["SUPPORT"] * 3 + ["AGREE"] * 2 + ["ACCUSE"] * 3 + [
    "ASSAULT", "ASSAULT", "AID", "AID", "COOPERATE", "REQUEST", "REJECT", "THREATEN", "SANCTION",
    "PROTEST", "MOBILIZE", "COERCE", "CONCEDE", "RETREAT",
]
STATUSES = ["occurred"] * 15 + ["planned", "planned", "intended", "negated", "hypothetical"]
VOCABULARY = (  # of the synthetic quotes, most frequent first
    "support defense security talks peace agreement cooperation air aid sanctions attack missile "
    "drones border ceasefire negotiations reconstruction energy grain exports troops weapons "
    "ammunition summit meeting partners allies sovereignty territory occupation refugees "
    "humanitarian corridor elections parliament government minister president prime foreign trade "
    "investment economy inflation budget loans reform corruption courts justice rights freedom "
    "press protest police arrests military exercises navy ports shipping pipeline gas oil nuclear "
    "plant inspectors climate water food prices farmers workers union strike unity europe "
    "membership accession path together strong steady important historic difficult new next week "
    "month year today people cities villages children families lives future region"
)
WORDS = VOCABULARY.split()
FIRST = [f"{a}{b}" for a in ("An", "Bo", "Ca", "Da", "El", "Fe", "Gi", "Ha", "Ir", "Jo")
         for b in ("dre", "ris", "lo", "na", "vid", "mir", "ta", "ko", "len", "sa")]
LAST = [f"{a}{b}" for a in ("Kov", "Mel", "Tus", "Mac", "Sch", "Bar", "Orb", "Nov", "Pet", "Zel")
        for b in ("alenko", "oni", "kiewicz", "ron", "olz", "anov", "ani", "sky", "ersen", "enko")]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000,
                        help="events in the query database")
    parser.add_argument("--store-articles", type=int, default=3000,
                        help="articles written through Store.add for the storage figures")
    parser.add_argument("--ingest-articles", type=int, default=200,
                        help="articles ingested with extraction")
    parser.add_argument("--queries", type=int, default=100, help="runs of each query")
    parser.add_argument("--no-extraction", action="store_true", help="skip the model benchmark")
    parser.add_argument("--dir", help="where to write the databases (default: a temporary folder)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    folder = Path(args.dir or tempfile.mkdtemp(prefix="readout-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    print(f"readout store benchmark (SQLite {__import__('sqlite3').sqlite_version}, "
          f"{os.cpu_count()} CPUs), databases in {folder}")
    bench_storage(folder / "storage.db", args.store_articles, rng)
    if not args.no_extraction:
        bench_ingest(folder, args.ingest_articles, args.store_articles)
    bench_queries(folder / "large.db", args.events, args.queries, rng)


# --- 1. storage alone ----------------------------------------------------------------------------

def synthetic_readout(
    n: int, rng: random.Random, people: list[tuple[str, str, str | None]]
) -> tuple[Readout, str]:
    """A readout shaped like a real one: 6 actors, 5 events, 4 quotes, 3 topics, ~2,500 chars."""
    when = date(2024, 1, 1) + timedelta(days=rng.randrange(366))
    parts, spans = [], []

    def place(snippet: str) -> tuple[int, int]:
        start = sum(len(p) + 1 for p in parts)
        parts.append(snippet)
        return start, start + len(snippet)

    chosen = rng.sample(people, 6)
    actors = []
    for i, (name, code, wikidata) in enumerate(chosen):
        mentions = [place(name) for _ in range(2)]
        actors.append(
            Actor(f"a{i + 1}", name, "person", code, "GOV", "Minister", wikidata, mentions))
    quotes = []
    for i in range(4):
        text = " ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "."
        start, end = place(text)
        cue = place("said")
        quotes.append(Quote(f"q{i + 1}", f"a{rng.randrange(1, 7)}", "direct", text, start, end,
                            Cue("said", *cue)))
    events = []
    for i in range(5):
        trigger = place("held talks with")
        spans.append(trigger)
        day = (when - timedelta(days=rng.randrange(3))).isoformat()
        events.append(Event(
            f"e{i + 1}", rng.choice(TYPES), None, ["diplomatic"], [f"a{rng.randrange(1, 4)}"],
            [f"a{rng.randrange(4, 7)}"], rng.choice(STATUSES),
            EventDate(day, day, "day", None, "published"), None,
            [rng.choice(WORDS) + " " + rng.choice(WORDS)], Trigger("held talks with", *trigger),
            [trigger], [f"q{i % 4 + 1}"], i == 0, 0.8,
        ))
    while sum(len(p) + 1 for p in parts) < 2500:
        place(" ".join(rng.choice(WORDS) for _ in range(20)) + ".")
    text = " ".join(parts)
    meta = ArticleMeta(f"s{n}", hashlib.sha256(text.encode()).hexdigest(), None, f"Title {n}",
                       rng.choice(["Dnipro Daily", "Adriatic Wire", "Vistula Post"]),
                       when.isoformat(), "en", len(text))
    topics = [Topic(rng.choice(WORDS), [spans[0]]) for _ in range(3)]
    return Readout(meta, actors, events, quotes, topics), text


def bench_storage(path: Path, articles: int, rng: random.Random) -> None:
    people = [(f"{f} {last}", rng.choice(["UKR", "ITA", "POL", "FRA", "DEU", "USA"]), None)
              for f in FIRST[:20] for last in LAST[:10]]
    items = [synthetic_readout(n, rng, people) for n in range(articles)]
    time_storage(path, items, "1. storage alone, synthetic articles (text ~2,500 chars, 5 events, "
                              "4 quotes of 30 words, 6 actors each)")


def time_storage(path: Path, items: list[tuple[Readout, str]], title: str) -> None:
    """Write `items` with Store.add in batches of 32; print events/s and bytes per article."""
    events = sum(len(readout.events) for readout, _ in items)
    gc.freeze()  # the prepared readouts are the benchmark's input: keep the collector off them
    started, cpu = time.perf_counter(), time.process_time()
    with Store(path, create=True) as store:
        for first in range(0, len(items), 32):
            with store.batch():
                for readout, text in items[first:first + 32]:
                    store.add(readout, text=text)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        merged = store.counts()["events"]
    gc.unfreeze()
    size = path.stat().st_size
    print(f"\n{title}\n   {len(items):,} articles, {events:,} events -> {merged:,} merged events")
    # CPU time too: on a shared machine the wall clock also counts other processes' turns
    print(f"   {events / elapsed:,.0f} events/s, {len(items) / elapsed:,.0f} articles/s "
          f"({events / cpu:,.0f} events per CPU second); "
          f"{size / len(items) * 1000 / 1e6:,.2f} MB per 1,000 articles "
          "(readout JSON and text kept)")


# --- 2. ingest with extraction -------------------------------------------------------------------

def bench_ingest(folder: Path, articles: int, stored: int) -> None:
    try:
        from readout.pipeline import Pipeline
        from readout.store.ingest import ingest
    except ImportError as error:
        print(f"\n2. ingest with extraction: skipped ({error})")
        return
    fixtures = Path(__file__).resolve().parents[1] / "tests/fixtures/outlets/articles.jsonl"
    base = [json.loads(line) for line in fixtures.read_text(encoding="utf-8").splitlines()]
    source = folder / "ingest.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for n in range(articles):
            record = dict(base[n % len(base)])
            record["id"] = f"{record['id']}-{n}"
            record["text"] += f"\n\nThis report was updated {n} times."
            out.write(json.dumps(record) + "\n")
    started = time.perf_counter()
    pipeline = Pipeline.load()
    loaded = time.perf_counter()
    with Store(folder / "ingest.db", create=True) as store:
        report = ingest(store, [str(source)], pipeline)
        done = time.perf_counter()
        extracted = [(store.readout(article_id), text) for article_id, text in
                     store.conn.execute("SELECT id, text FROM articles ORDER BY article_pk")]
    print(f"\n2. ingest with extraction ({articles} articles of ~700 chars, 1 worker)")
    print(f"   {articles / (done - loaded):,.1f} articles/s (model load {loaded - started:.1f} s "
          f"not counted); {report.summary()}")
    items = [shifted(readout, text, n) for n, (readout, text) in
             enumerate(itertools.islice(itertools.cycle(extracted), stored))]
    time_storage(folder / "storage-real.db", items,
                 "2b. storage alone, the readouts extracted in 2 (copies moved 3 days apart)")


def shifted(readout: Readout, text: str, n: int) -> tuple[Readout, str]:
    """Copy `n` of a readout: its own id and hash, its dates moved 3 * n days later."""
    def move(value: str | None) -> str | None:
        if not value:
            return None
        return (date.fromisoformat(value[:10]) + timedelta(days=3 * n)).isoformat()

    events = [dataclasses.replace(e, date=dataclasses.replace(e.date, start=move(e.date.start),
                                                               end=move(e.date.end)))
              for e in readout.events]
    meta = dataclasses.replace(readout.article, id=f"{readout.article.id}-copy{n}",
                               sha256=hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
                               published=move(readout.article.published))
    return dataclasses.replace(readout, article=meta, events=events), text


# --- 3. queries on a large database --------------------------------------------------------------

class World:
    """Who and what the generated news is about, with news-like (Zipf) frequencies.

    200 country codes (the most frequent in ~17% of events, as Ukraine is in a Ukraine-heavy
    corpus), 20,000 people (a surname is shared by ~8 of them), 300 topics, and a quote
    vocabulary of 30,000 words whose most frequent word is in ~9% of word slots, as in English.
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.codes = json_codes()
        self.code_weights = _zipf_cumulative(len(self.codes))
        syllables = [c + v for c in "bdgklmnprstvz" for v in "aeiou"]
        self.surnames = sorted({(rng.choice(syllables) + rng.choice(syllables)
                                 + rng.choice(("ko", "ni", "ski", "son", "ez", "ov", "er"))).title()
                                for _ in range(3000)})[:2500]
        self.people = [(f"{rng.choice(FIRST)} {rng.choice(self.surnames)}", self.code())
                       for _ in range(20_000)]
        words = set(WORDS)
        tail = []
        while len(tail) < 30_000 - len(WORDS):
            word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
            if word not in words:
                words.add(word)
                tail.append(word)
        self.vocabulary = WORDS + tail
        self.word_weights = _zipf_cumulative(len(self.vocabulary))
        self.topics = [f"{a} {b}" for a in WORDS[:30] for b in WORDS[30:40]]
        self.common = set(self.vocabulary[:50])
        # samples of what was generated, to ask questions that have answers:
        # (dyad, day) and (words, surname, year)
        self.seen_dyads: list[tuple[str, str]] = []
        self.seen_quotes: list[tuple[list[str], str, str]] = []

    def code(self) -> str:
        return self.rng.choices(self.codes, cum_weights=self.code_weights)[0]

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.word_weights, k=count)

    def search_words(self, count: int) -> str:
        """Words a user searches for: neither the commonest nor the rarest (ranks 50 to 5,000)."""
        return " ".join(self.vocabulary[int(50 * 100 ** self.rng.random())] for _ in range(count))


def _zipf_cumulative(size: int) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, size + 1):
        total += 1 / rank
        cumulative.append(total)
    return cumulative


def bench_queries(path: Path, n_events: int, runs: int, rng: random.Random) -> None:
    started = time.perf_counter()
    world = World(rng)
    facts = build_large(path, n_events, world)
    built = time.perf_counter() - started
    size = path.stat().st_size
    print(f"\n3. queries on {n_events:,} events ({facts['reports']:,} reports, "
          f"{facts['articles']:,} "
          f"articles, {facts['quotes']:,} quotes; built in {built:.0f} s, {size / 1e9:.2f} GB)")
    with Store(path) as store:
        queries: dict[str, Callable[[], list]] = {
            "events by actor code": lambda: store.events(EventFilter(country=world.code())),
            "events by actor name (surname)": lambda: store.events(
                EventFilter(actor=rng.choice(world.people)[0].split()[-1])),
            "events by dyad + 90-day range": lambda: store.events(_dyad_range(world)),
            "events by type + status": lambda: store.events(
                EventFilter(type=rng.choice(TYPES), status=rng.choice(STATUSES))),
            "events by topic": lambda: store.events(EventFilter(topic=rng.choice(world.topics))),
            "events by country + type + year": lambda: store.events(EventFilter(
                country=world.code(), type=rng.choice(TYPES), since=(y := _year(rng)), until=y)),
            "events by country + type + status": lambda: store.events(EventFilter(
                country=world.code(), type=rng.choice(TYPES), status=rng.choice(STATUSES))),
            "quote search (2 words)": lambda: store.quotes(
                " ".join(rng.choice(world.seen_quotes)[0])),
            "quote search (1 word) + speaker": lambda: store.quotes(
                (q := rng.choice(world.seen_quotes))[0][0], speaker=q[1]),
            "quote search + speaker + year": lambda: store.quotes(
                (q := rng.choice(world.seen_quotes))[0][0], speaker=q[1], since=q[2], until=q[2]),
        }
        print(f"   {'query (up to 50 results with sources)':<38}{'p50 ms':>8}{'p95 ms':>8}"
              f"{'max ms':>8}{'hits':>6}")
        for name, run in queries.items():
            for _ in range(5):
                run()
            timings, hits = [], 0
            for _ in range(runs):
                tick = time.perf_counter()
                hits += len(run())
                timings.append((time.perf_counter() - tick) * 1000)
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            print(f"   {name:<38}{statistics.median(timings):>8.1f}{p95:>8.1f}{timings[-1]:>8.1f}"
                  f"{hits / runs:>6.0f}")


def _year(rng: random.Random) -> str:
    return str(rng.randint(2020, 2024))


def _dyad_range(world: World) -> EventFilter:
    """A dyad that occurs, around a day it occurred."""
    dyad, day = world.rng.choice(world.seen_dyads)
    middle = date.fromisoformat(day)
    return EventFilter(dyad=dyad, since=(middle - timedelta(days=45)).isoformat(),
                       until=(middle + timedelta(days=45)).isoformat())


def build_large(path: Path, n_events: int, world: World) -> dict:
    """A database of merged events, written with bulk inserts straight into the schema's tables.

    Five years of news about `world`: 1.44 reports per event, 2.5 reports per article, a quote
    for 80% of reports.
    """
    with Store(path, create=True) as store:
        conn = store.conn
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO entities (entity_pk, key, name, kind, code)"
                         " VALUES (?, ?, ?, ?, ?)",
                         [(i + 1, f"person:{code}:{name.lower()}:{i}", name, "person", code)
                          for i, (name, code) in enumerate(world.people)])
        conn.execute("COMMIT")
        facts = _fill(conn, n_events, world)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
    return facts


def json_codes() -> list[str]:
    from importlib import resources

    data = json.loads(resources.files("readout").joinpath("data/countries.json").read_text("utf-8"))
    codes = [c["code"] for c in data if c.get("independent")]
    lead = ["UKR", "USA", "RUS", "CHN", "ISR", "DEU", "FRA", "GBR", "POL", "ITA", "TUR", "IRN"]
    return lead + [code for code in codes if code not in lead][:188]


def _fill(conn, n_events: int, world: World) -> dict:
    counters = {"reports": 0, "articles": 0, "quotes": 0, "actors": 0}
    first_day = date(2020, 1, 1)
    chunk = 20_000
    for start in range(0, n_events, chunk):
        rows = _chunk(range(start + 1, min(n_events, start + chunk) + 1), world, first_day,
                      counters)
        conn.execute("BEGIN")
        for sql, values in rows:
            conn.executemany(sql, values)
        conn.execute("COMMIT")
    counters["events"] = n_events
    return counters


def _chunk(event_pks, world: World, first_day: date, counters: dict) -> list[tuple[str, list]]:
    rng, people, topics = world.rng, world.people, world.topics
    events, codes, entities, dyads, event_topics = [], [], [], [], []
    articles, actors, reports, report_actors, quotes = [], [], [], [], []
    for pk in event_pks:
        day = (first_day + timedelta(days=rng.randrange(5 * 365))).isoformat()
        kind, status = rng.choice(TYPES), rng.choice(STATUSES)
        a, b = rng.randrange(len(people)), rng.randrange(len(people))
        (a_name, a_code), (b_name, b_code) = people[a], people[b]
        sources = rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 3))
        first_report = counters["reports"] + 1
        events.append((pk, f"{kind}|{a_code},{b_code}|x", kind, status, None, day, day, "day",
                       "published", a_code, b_code, sources, sources, sources, day, day,
                       first_report))
        codes += [(pk, code, day) for code in {a_code, b_code}]
        entities += [(pk, e + 1, day) for e in {a, b}]
        if a_code != b_code:
            dyads.append((pk, "-".join(sorted((a_code, b_code))), day))
            if rng.random() < 0.002:
                world.seen_dyads.append((dyads[-1][1], day))
        event_topics += [(pk, t, day) for t in set(rng.sample(topics, rng.choice((0, 1, 1, 2))))]
        for _ in range(sources):
            if not articles or counters["reports"] % 5 in (0, 2):  # 2.5 reports per article
                counters["articles"] += 1
                articles.append((counters["articles"], f"art{counters['articles']}",
                                 f"{counters['articles']:064x}", rng.choice(("A", "B", "C")), day))
            article = counters["articles"]
            counters["reports"] += 1
            report = counters["reports"]
            reports.append((report, article, f"e{report}", kind, status, day, day, pk))
            for side, (entity, name, code) in (("actor", (a, a_name, a_code)),
                                               ("recipient", (b, b_name, b_code))):
                counters["actors"] += 1
                actors.append((counters["actors"], article, f"a{counters['actors']}", name, code,
                               entity + 1))
                report_actors.append((report, side, 0, counters["actors"]))
            if rng.random() < 0.8:
                counters["quotes"] += 1
                words = world.words(rng.randint(10, 30))
                text = " ".join(words)
                rarer = [w for w in words if w not in world.common]
                if len(rarer) >= 2 and rng.random() < 0.002:
                    world.seen_quotes.append((rng.sample(rarer, 2), a_name.split()[-1], day[:4]))
                quotes.append((counters["quotes"], article, f"q{counters['quotes']}",
                               counters["actors"] - 1, a_name, text, day))
    return [
        (("INSERT INTO articles (article_pk, id, version, current, sha256, outlet, published,"
         " readout, ingested_at) VALUES (?, ?, 1, 1, ?, ?, ?, '{}', '')"), articles),
        (("INSERT INTO actors (actor_pk, article_pk, id, name, kind, code, entity_pk)"
         " VALUES (?, ?, ?, ?, 'person', ?, ?)"), actors),
        (("INSERT INTO reports (report_pk, article_pk, id, type, status, date_start, date_end,"
         " evidence, is_primary, confidence, event_pk) VALUES (?, ?, ?, ?, ?, ?, ?, '[[0,10]]', 1,"
         " 0.8, ?)"), reports),
        ("INSERT INTO report_actors (report_pk, side, position, actor_pk) VALUES (?, ?, ?, ?)",
         report_actors),
        (("INSERT INTO quotes (quote_pk, article_pk, id, speaker_actor_pk, speaker_name, kind,"
          " text,"
         " start_char, end_char, published) VALUES (?, ?, ?, ?, ?, 'direct', ?, 0, 0, ?)"), quotes),
        (("INSERT INTO events (event_pk, merge_key, type, status, mode, date_start, date_end,"
         " date_precision, date_basis, actor_codes, recipient_codes, reports, articles, outlets,"
         " first_published, last_published, lead_report_pk)"
         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), events),
        ("INSERT INTO event_codes (event_pk, code, date_start) VALUES (?, ?, ?)", codes),
        ("INSERT INTO event_entities (event_pk, entity_pk, date_start) VALUES (?, ?, ?)", entities),
        ("INSERT INTO event_dyads (event_pk, dyad, date_start) VALUES (?, ?, ?)", dyads),
        ("INSERT INTO event_topics (event_pk, label, date_start) VALUES (?, ?, ?)", event_topics),
    ]


if __name__ == "__main__":
    sys.exit(main())
