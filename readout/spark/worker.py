"""What runs on Spark's executors: raw inputs in, extraction rows out.

The spaCy model loads once per Python worker process, not per task or batch: the pipeline is kept
at module level (`_pipeline`), and Spark reuses its Python workers across tasks
(`spark.python.worker.reuse`, which the job sets), so every partition after a worker's first finds
it loaded. A partition streams through `Pipeline.extract_many`, that is spaCy's `nlp.pipe` in
batches, and each result becomes one row (readout/spark/tables.py). An input that cannot be read or
extracted becomes a failure row, never an exception: one bad article never fails a task.

Everything Spark ships to executors lives in importable modules (this one, tables.py), so that it
is pickled by reference and the module-level pipeline survives from one task to the next.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from readout.errors import InputError
from readout.pipeline import Pipeline
from readout.read.sources import HTML_SUFFIXES, JSONL_BYTES_PER_CHAR
from readout.read.sources import _article as article_from_bytes  # the one-machine checks
from readout.read.sources import _from_json as article_from_json
from readout.read.text import too_large
from readout.records import ArticleInput, Failure, Readout
from readout.settings import Settings
from readout.spark.tables import failure_row, readout_row

_pipeline: Pipeline | None = None

Item = ArticleInput | Failure


def worker_pipeline(settings: Settings, loads: Any = None) -> Pipeline:
    """This process's pipeline, loaded on first use (`loads`: a Spark accumulator counting loads)."""
    global _pipeline
    if _pipeline is None or _pipeline.settings != settings:
        _pipeline = Pipeline.load(settings=settings)
        if loads is not None:
            loads.add(1)
    return _pipeline


def extract_partition(settings: Settings, loads: Any, rows: Iterable[Any]) -> Iterator[tuple]:
    """The extraction rows of one partition of raw inputs (see readout/spark/inputs.py)."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return  # an empty partition loads no model
    pipeline = worker_pipeline(settings, loads)
    pending: deque[Item] = deque()  # the inputs whose results have not come back yet

    def items() -> Iterator[Item]:
        for row in chain([first], rows):
            item = to_item(row, settings.max_chars)
            pending.append(item)
            yield item

    for result in pipeline.extract_many(items(), batch_size=settings.batch_size, workers=1):
        yield result_row(result, pending.popleft())


def result_row(result: Readout | Failure, item: Item) -> tuple:
    published = item.published if isinstance(item, ArticleInput) else None
    if isinstance(result, Failure):
        return failure_row(result, published)
    try:
        return readout_row(result, item)  # type: ignore[arg-type]
    except Exception as error:  # noqa: BLE001 - a readout that cannot be written fails alone
        detail = " ".join(f"{type(error).__name__}: {error}".split())
        return failure_row(Failure(item.source, f"its readout cannot be written ({detail}); please "
                                                f"report this article.", result.article.id),
                           published)


def to_item(row: Any, max_chars: int) -> Item:
    """An input row as the article it holds, or a Failure that says why it is not one."""
    path = local_name(row.path)
    try:
        if row.kind == "line":
            return _from_line(row.line, path, max_chars)
        if row.kind == "large":
            return Failure(path, too_large(row.length, max_chars))
        suffix = PurePosixPath(path).suffix.lower()
        return article_from_bytes(bytes(row.content), path, PurePosixPath(path).stem, max_chars,
                                  html=suffix in HTML_SUFFIXES)
    except InputError as error:
        return Failure(error.source, error.reason)
    except Exception as error:  # noqa: BLE001 - whatever an input does, it fails alone
        detail = " ".join(f"{type(error).__name__}: {error}".split())
        return Failure(path, f"cannot be read ({detail}); please report this input.")


def _from_line(line: str, path: str, max_chars: int) -> ArticleInput:
    line = line.removeprefix("\ufeff")  # a byte-order mark that Spark's text reader kept
    source = line_source(path, line)
    limit = max_chars * JSONL_BYTES_PER_CHAR
    size = len(line.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputError(source, too_large(size, max_chars))
    return article_from_json(line, source, max_chars)


def line_source(path: str, line: str) -> str:
    """How a JSON line is named in messages and in the store: `PATH#ID`, or `PATH#line-HASH`.

    Spark reads a file in pieces, so line numbers are not known; the id is, and is stable across
    runs (a later success of the same input clears its failure in the store).
    """
    try:
        record = json.loads(line)
    except ValueError:
        record = None
    found = record.get("id") if isinstance(record, dict) else None
    article_id = "" if found is None else str(found).strip()
    if not article_id:
        digest = hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        return f"{path}#line-{digest}"
    return f"{path}#{article_id}"


def local_name(uri: str) -> str:
    """`/data/a.txt` for `file:/data/a.txt` (Spark's name for a local file); others unchanged."""
    parts = urlsplit(uri)
    return unquote(parts.path) if parts.scheme == "file" else uri
