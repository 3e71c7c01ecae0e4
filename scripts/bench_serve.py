"""Benchmark of `readout serve` (a measurement, not a test): prints the figures.

1. a database of --events merged events (1,000,000 by default), generated with the store
   benchmark's generator (scripts/bench_store.py: five years of Zipf-distributed news), plus the
   seed article read by the real model when ../shared/seed is there (for the article page);
2. the real server (`python -m readout.cli serve`) on a loopback port, in its own process;
3. latency: --requests sequential requests of each page and API call, each with parameters drawn
   at random from the database (a country, a pair, a person, a topic, quote words), so caches
   of a single answer do not flatter the figures -> p50 / p95 / max in ms;
4. load: --clients concurrent clients on loopback, each sending a random mix of API calls for
   --seconds -> requests/s, p50 / p95 / p99, errors.

    python scripts/bench_serve.py                          # about 6 minutes on 2 cores
    python scripts/bench_serve.py --db /tmp/big.db         # reuse (or create) that database
    python scripts/bench_serve.py --events 100000 --requests 50 --seconds 10   # a quick look

Target (issue 7): p95 < 100 ms for API calls at 1,000,000 events.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "zelensky-meloni.txt"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the database")
    parser.add_argument("--db", help="database to use; generated there when it does not exist")
    parser.add_argument("--requests", type=int, default=200, help="requests of each kind (latency)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (load)")
    parser.add_argument("--seconds", type=float, default=20, help="length of the load test")
    parser.add_argument("--threads", type=int, default=8, help="the server's --threads")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="readout-serve-")) / "big.db"
    if not path.exists():
        build(path, args.events, args.seed)
    add_seed(path)
    sample = Sample(path, random.Random(args.seed))
    print(f"readout serve benchmark ({os.cpu_count()} CPUs, SQLite {sqlite3.sqlite_version}): "
          f"{sample.events:,} events, {sample.quotes:,} quotes in {path} "
          f"({path.stat().st_size / 1e9:.2f} GB); load average {os.getloadavg()[0]:.1f}")
    with Server(path, args.threads) as base:
        with httpx.Client(base_url=base, timeout=30) as client:
            latency(client, sample, args.requests)
        load(base, sample, args.clients, args.seconds)


# --- the database -----------------------------------------------------------------------------------

def build(path: Path, events: int, seed: int) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_store import World, build_large  # the store benchmark's generator

    started = time.perf_counter()
    facts = build_large(path, events, World(random.Random(seed)))
    print(f"built {path}: {facts['events']:,} events, {facts['articles']:,} articles, "
          f"{facts['quotes']:,} quotes in {time.perf_counter() - started:.0f} s")


def add_seed(path: Path) -> None:
    """The seed article, read by the real model, so the article page has a text to show."""
    from readout.store import Store

    with Store(path) as store:
        if not SEED.exists() or store.readout("zelensky-meloni") is not None:
            return
        from readout.pipeline import Pipeline
        from readout.store.ingest import ingest

        ingest(store, [str(SEED)], Pipeline.load(), published="2024-01-03")


class Sample:
    """Request parameters drawn from the database itself: events picked at random give codes,
    pairs, people and topics with their real frequencies; quotes give words to search."""

    def __init__(self, path: Path, rng: random.Random):
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.rng = rng
        self.lock = threading.Lock()
        self.events = self.one("SELECT max(event_pk) FROM events")
        self.quotes = self.one("SELECT max(quote_pk) FROM quotes") or 0
        self.first, self.last = self.conn.execute(
            "SELECT min(date_start), max(date_start) FROM events").fetchone()
        self.article = self.one("SELECT id FROM articles WHERE text IS NOT NULL LIMIT 1")

    def one(self, sql: str, *params):
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def _of_event(self, sql: str) -> str:
        with self.lock:
            for _ in range(100):
                found = self.one(sql, self.rng.randrange(1, self.events + 1))
                if found is not None:
                    return found
        raise RuntimeError(f"nothing found by {sql}")

    def code(self) -> str:
        return self._of_event("SELECT code FROM event_codes WHERE event_pk = ?")

    def dyad(self) -> str:
        return self._of_event("SELECT dyad FROM event_dyads WHERE event_pk = ?")

    def entity(self) -> int:
        return self._of_event("SELECT entity_pk FROM event_entities WHERE event_pk = ?")

    def surname(self) -> str:
        return self.one("SELECT name FROM entities WHERE entity_pk = ?", self.entity()).split()[-1]

    def topic(self) -> str:
        return self._of_event("SELECT label FROM event_topics WHERE event_pk = ?")

    def words(self) -> str:
        with self.lock:
            text = self.one("SELECT text FROM quotes WHERE quote_pk = ?",
                            self.rng.randrange(1, self.quotes + 1)) or "support"
            words = [w for w in text.split() if len(w) > 5] or text.split()
            return " ".join(self.rng.sample(words, min(2, len(words))))

    def period(self, days: int) -> str:
        """A random period of `days` days within the events' dates, as query parameters."""
        first, last = date.fromisoformat(self.first[:10]), date.fromisoformat(self.last[:10])
        with self.lock:
            end = first + timedelta(days=self.rng.randrange(min(days - 1, (last - first).days),
                                                             (last - first).days + 1))
        return f"since={end - timedelta(days=days - 1)}&until={end}"


# --- the server ---------------------------------------------------------------------------------------

class Server:
    """`readout serve` in its own process on a free loopback port."""

    def __init__(self, db: Path, threads: int):
        self.db, self.threads = db, threads

    def __enter__(self) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "readout.cli", "serve", "--db", str(self.db), "--port", str(port),
             "--threads", str(self.threads)], cwd=ROOT)
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):  # up to 30 s
            try:
                if httpx.get(f"{base}/api/scale", timeout=1).status_code == 200:
                    time.sleep(3)  # the server builds its score table (~1.5 s a million events)
                    return base
            except httpx.TransportError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("the server did not start in 30 s")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


# --- 3. latency -------------------------------------------------------------------------------------

def calls(s: Sample) -> dict[str, Callable[[], str]]:
    """Name -> a function giving the next URL of that kind."""
    article = quote(s.article, safe="") if s.article else None
    found = {
        "page  /  (overview)": lambda: "/",
        "page  /events?country=": lambda: f"/events?country={s.code()}",
        "page  /actors/{id}": lambda: f"/actors/{s.entity()}",
        "page  /countries/{code}": lambda: f"/countries/{s.code()}",
        "page  /dyads/{pair} (chart)": lambda: f"/dyads/{s.dyad()}",
        "page  /network (random 90 days)": lambda: f"/network?{s.period(90)}",
        "page  /quotes?q=": lambda: f"/quotes?q={quote(s.words())}",
        "api   /api/overview": lambda: "/api/overview",
        "api   /api/events (newest)": lambda: "/api/events",
        "api   /api/events?country=": lambda: f"/api/events?country={s.code()}",
        "api   /api/events?actor= (surname)": lambda: f"/api/events?actor={quote(s.surname())}",
        "api   /api/events?dyad=&since=&until=": lambda: f"/api/events?dyad={s.dyad()}&{s.period(90)}",
        "api   /api/events?type=&status=": lambda: "/api/events?type={}&status={}".format(
            *s.rng.choice([("CONSULT", "occurred"), ("ASSAULT", "occurred"), ("AID", "intended"),
                           ("RETREAT", "negated"), ("SANCTION", "planned")])),
        "api   /api/events?topic=": lambda: f"/api/events?topic={quote(s.topic())}",
        "api   /api/actors?name=": lambda: f"/api/actors?name={quote(s.surname()[:4])}",
        "api   /api/actors/{id}": lambda: f"/api/actors/{s.entity()}",
        "api   /api/countries/{code}": lambda: f"/api/countries/{s.code()}",
        "api   /api/dyads/{pair}": lambda: f"/api/dyads/{s.dyad()}",
        "api   /api/network (random 90 days)": lambda: f"/api/network?{s.period(90)}",
        "api   /api/network?country= (90 days)": lambda: f"/api/network?country={s.code()}&{s.period(90)}",
        "api   /api/quotes?q= (2 words)": lambda: f"/api/quotes?q={quote(s.words())}",
    }
    if article:
        found["page  /articles/{id} (seed)"] = lambda: f"/articles/{article}"
        found["api   /api/articles/{id} (seed)"] = lambda: f"/api/articles/{article}"
    found["heavy /api/network (random 365 days)"] = lambda: f"/api/network?{s.period(365)}"
    return found


def latency(client: httpx.Client, sample: Sample, runs: int) -> None:
    print(f"\n3. latency, sequential, {runs} requests of each (ms)")
    print(f"   {'request':<42}{'p50':>8}{'p95':>8}{'max':>8}{'KB':>7}")
    api_p95 = []
    for name, make in calls(sample).items():
        for _ in range(3):
            client.get(make())  # warm this kind's code path
        timings, size = [], 0
        for _ in range(runs):
            url = make()
            tick = time.perf_counter()
            answer = client.get(url)
            timings.append((time.perf_counter() - tick) * 1000)
            if answer.status_code != 200:
                raise RuntimeError(f"{url}: {answer.status_code} {answer.text[:200]}")
            size += len(answer.content)
        p50, p95 = percentile(timings, 50), percentile(timings, 95)
        if name.startswith("api"):
            api_p95.append(p95)
        print(f"   {name:<42}{p50:>8.1f}{p95:>8.1f}{max(timings):>8.1f}{size / runs / 1000:>7.0f}")
    print(f"   API calls: worst p95 {max(api_p95):.1f} ms (target < 100 ms); "
          f"load average {os.getloadavg()[0]:.1f}")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


# --- 4. load ------------------------------------------------------------------------------------------

def load(base: str, sample: Sample, clients: int, seconds: float) -> None:
    mix = [make for name, make in calls(sample).items() if name.startswith("api")]
    urls = [sample.rng.choice(mix)() for _ in range(5000)]  # drawn before, not while timing
    timings: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(offset: int) -> None:
        mine = []
        with httpx.Client(base_url=base, timeout=30) as http:
            n = offset
            while time.perf_counter() < stop:
                tick = time.perf_counter()
                status = http.get(urls[n % len(urls)]).status_code
                mine.append((time.perf_counter() - tick) * 1000)
                if status != 200:
                    with lock:
                        errors[0] += 1
                n += clients
        with lock:
            timings.extend(mine)

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    print(f"\n4. load: {clients} concurrent clients on loopback for {seconds:.0f} s, a random mix "
          f"of the API calls above")
    print(f"   {len(timings):,} requests, {len(timings) / elapsed:,.0f} requests/s, "
          f"{errors[0]} errors; latency p50 {statistics.median(timings):.1f} ms, "
          f"p95 {percentile(timings, 95):.1f} ms, p99 {percentile(timings, 99):.1f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
