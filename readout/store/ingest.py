"""Ingest: read articles, extract their readouts, store them, in batches that survive a crash.

Articles already stored (same text hash) are skipped before extraction, so a re-run after a crash
or an interruption only extracts what is missing. Results are written in transactions of
`commit_every` articles, and at least every `commit_seconds`: a killed process loses at most the
batch in flight, never a committed one. Inputs that fail (unreadable, not extractable) are kept in
the `failures` table with their reason; the run goes on.

`ingest_parquet` stores what `readout spark-extract` wrote instead (its `articles` and `failures`
Parquet tables, read with pyarrow), through the same writes: idempotent, merged across outlets.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from readout.errors import ReadoutError
from readout.records import ArticleInput, Failure, Readout
from readout.store.store import Store
from readout.store.write import text_sha256

COMMIT_EVERY = 32
COMMIT_SECONDS = 2.0
PARQUET_BATCH_ROWS = 256
PARQUET_ARTICLE_COLUMNS = ("id", "sha256", "source", "article_text", "readout")
PARQUET_FAILURE_COLUMNS = ("input", "reason", "article_id")


@dataclass
class IngestReport:
    """What a run did: articles added, replaced by a new version, already there, failed."""

    added: int = 0
    versions: int = 0
    unchanged: int = 0
    failed: int = 0

    def summary(self) -> str:
        return (
            f"{self.added} article(s) added, {self.versions} new version(s), "
            f"{self.unchanged} already stored, {self.failed} failed"
        )


def ingest(
    store: Store,
    paths: Sequence[str],
    pipeline,
    *,
    published: str | None = None,
    max_chars: int = 1_000_000,
    batch_size: int | None = None,
    workers: int | None = None,
    progress: bool = False,
    commit_every: int = COMMIT_EVERY,
    commit_seconds: float = COMMIT_SECONDS,
) -> IngestReport:
    """Extract and store every article under `paths` with `pipeline` (readout.pipeline.Pipeline)."""
    from readout.read.sources import iter_articles

    report = IngestReport()
    inputs: dict[str, ArticleInput] = {}
    articles = _new_only(store, iter_articles(paths, published, max_chars), inputs, report)
    results = pipeline.extract_many(articles, batch_size=batch_size, workers=workers,
                                    progress=progress)
    store_results(store, results, inputs, report, commit_every, commit_seconds)
    return report


def ingest_parquet(
    store: Store,
    folder: str | Path,
    *,
    commit_every: int = COMMIT_EVERY,
    commit_seconds: float = COMMIT_SECONDS,
) -> IngestReport:
    """Store the readouts and failures of a `readout spark-extract` OUTPUT folder.

    Failures are recorded first, so that an article stored afterwards clears an earlier failure of
    the same input. Articles already stored (same text hash) are skipped before their readout is
    parsed, so a second run over the same folder only counts them.
    """
    report = IngestReport()
    failures = (Failure(**row) for row in _parquet_rows(folder, "failures",
                                                        PARQUET_FAILURE_COLUMNS))
    store_results(store, failures, {}, report, commit_every, commit_seconds)
    inputs: dict[str, ArticleInput] = {}
    rows = _parquet_rows(folder, "articles", PARQUET_ARTICLE_COLUMNS)
    fresh = _new_only_rows(store, rows, inputs, report)
    readouts = (Readout.from_dict(json.loads(row["readout"])) for row in fresh)
    store_results(store, readouts, inputs, report, commit_every, commit_seconds)
    return report


def _new_only_rows(
    store: Store, rows: Iterable[dict], inputs: dict[str, ArticleInput], report: IngestReport
) -> Iterator[dict]:
    """Rows of articles not stored yet; remembers each one's text and source by its text hash."""
    for row in rows:
        sha = row["sha256"]
        if store.has(sha) or sha in inputs:
            report.unchanged += 1
            continue
        inputs[sha] = ArticleInput(id=row["id"], text=row["article_text"],
                                   source=row["source"] or row["id"])
        yield row


def check_parquet_table(folder: str | Path, table: str = "articles") -> Path:
    """The folder of one table of a spark-extract output; raises if it is not there."""
    path = Path(folder) / table
    if not path.is_dir():
        raise ReadoutError(f"{folder}: no {table} table ({path} is missing); give the OUTPUT folder "
                           f"of `readout spark-extract`.")
    return path


def _parquet_rows(folder: str | Path, table: str, columns: Sequence[str]) -> Iterator[dict]:
    """The rows of one table of a spark-extract output (Parquet partitioned by month), in batches."""
    try:
        import pyarrow.dataset as ds
    except ImportError:
        raise ReadoutError("--from-parquet reads Parquet with pyarrow, an optional dependency: "
                           "install readout[parquet] (pip install 'readout[parquet]').") from None
    path = check_parquet_table(folder, table)
    dataset = ds.dataset(path, format="parquet", partitioning="hive")
    if not dataset.files:
        return  # a table with no rows: Spark wrote no file in it
    for batch in dataset.to_batches(columns=list(columns), batch_size=PARQUET_BATCH_ROWS):
        yield from batch.to_pylist()


def _new_only(
    store: Store,
    items: Iterable[ArticleInput | Failure],
    inputs: dict[str, ArticleInput],
    report: IngestReport,
) -> Iterator[ArticleInput | Failure]:
    """Articles not stored yet (and failures); remembers each input by its text hash."""
    for item in items:
        if isinstance(item, ArticleInput):
            sha = text_sha256(item.text)
            if store.has(sha) or sha in inputs:
                report.unchanged += 1
                continue
            inputs[sha] = item
        yield item


def store_results(
    store: Store,
    results: Iterable[Readout | Failure],
    inputs: dict[str, ArticleInput],
    report: IngestReport,
    commit_every: int = COMMIT_EVERY,
    commit_seconds: float = COMMIT_SECONDS,
) -> None:
    """Write results in batches; `inputs` maps text hashes to the inputs (for text and source)."""
    pending: list[Readout | Failure] = []
    started = time.monotonic()
    for result in results:
        pending.append(result)
        if len(pending) >= commit_every or time.monotonic() - started >= commit_seconds:
            _commit(store, pending, inputs, report)
            pending, started = [], time.monotonic()
    if pending:
        _commit(store, pending, inputs, report)


def _commit(
    store: Store,
    pending: list[Readout | Failure],
    inputs: dict[str, ArticleInput],
    report: IngestReport,
) -> None:
    with store.batch():
        for result in pending:
            if isinstance(result, Failure):
                store.record_failure(result)
                report.failed += 1
                continue
            article = inputs.pop(result.article.sha256, None)
            outcome = store.add(
                result,
                text=article.text if article else None,
                source=article.source if article else None,
            )
            if outcome == "added":
                report.added += 1
            elif outcome == "version":
                report.versions += 1
            else:
                report.unchanged += 1
