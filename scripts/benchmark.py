"""How fast `readout extract` is, against a bare spaCy parse of the same texts.

Prints figures, tests nothing. In one run it measures, on the same articles:
  - readout's extraction on 1 process (articles/s, words/s), through `Pipeline.extract_many`;
  - a bare parse: `nlp.pipe` over the same texts with the same model and batch size, nothing else;
  - the ratio readout time / bare parse time (target: <= 1.5), and readout's own ms per article;
  - peak memory (ru_maxrss) of this process and of the largest worker;
  - readout with --workers processes (articles/s).
Both timed runs come after a warm-up on a few articles, so that what loads lazily on first use
(the model's vectors, the gazetteer) is counted once, separately.

The articles are generated (deterministic for a seed, by scripts/corpus.py from the templates of
scripts/corpus.yaml) about leaders, countries, calls, visits, pledges, attacks and quotes, about 300
words each; or read from a JSON Lines file with --jsonl. `--profile` adds a cProfile of the extraction alone (the parse excluded).

    python scripts/benchmark.py                      # 400 articles, batch 32, 2 workers
    python scripts/benchmark.py --articles 100 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from corpus import generate_articles  # scripts/corpus.py: the articles' templates

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
