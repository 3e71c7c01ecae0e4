"""Run the stages over many articles: read -> parse -> resolve -> extract.

The model loads once per process. Articles stream through `nlp.pipe` in batches with their inputs
attached; with several workers each process loads its own model and extracts whole batches, so that
only small readouts cross process boundaries. One article that fails becomes a `Failure` with its
reason; the batch goes on.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from spacy.language import Language

from readout.errors import ReadoutError
from readout.extract.article import Resources, extract_readout
from readout.parse.model import load_model
from readout.read.text import check_text
from readout.records import ArticleInput, Failure, Readout
from readout.settings import Settings

logger = logging.getLogger(__name__)
Result = Readout | Failure


class Pipeline:
    """A loaded spaCy model and readout's lexicons: extract readouts from articles."""

    def __init__(self, nlp: Language, settings: Settings):
        self.nlp = nlp
        self.settings = settings
        self.resources = Resources.load(nlp)

    @classmethod
    def load(cls, model: str | None = None, settings: Settings | None = None) -> Pipeline:
        settings = settings or Settings.from_env(model=model)
        return cls(load_model(settings.model), settings)

    def extract(self, article: ArticleInput) -> Readout:
        """The readout of one article; raises on failure (use `extract_many` for batches)."""
        return extract_readout(self.nlp(article.text), article, self.resources)

    def extract_text(self, text: str, published: str | None = None, article_id: str | None = None,
                     **metadata: str | None) -> Readout:
        """The readout of a text given as a string (the library's simplest entry point)."""
        check_text(text, article_id or "<text>", self.settings.max_chars)
        article_id = article_id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        article = ArticleInput(id=article_id, text=text, source=article_id, published=published,
                               **metadata)
        return self.extract(article)

    def extract_many(self, items: Iterable[ArticleInput | Failure], batch_size: int | None = None,
                     workers: int | None = None, progress: bool = False) -> Iterator[Result]:
        """Readouts of `items` in input order; Failures pass through, failed articles become ones.

        Items are read lazily, `batch_size` at a time. With `workers` > 1, whole batches go to that
        many processes (each with its own model) and come back in input order, so the output is
        the same as with one process. `progress` shows a bar on stderr, advanced once per batch.
        """
        batch_size = max(1, batch_size or self.settings.batch_size)
        workers = max(1, workers or self.settings.workers)
        batches = _batches(items, batch_size)
        results = (self._extract_batch(batch) for batch in batches) if workers == 1 else \
            _in_processes(self, batches, workers)
        bar = _progress_bar() if progress else None
        try:
            for batch_results in results:
                if bar is not None:
                    bar.update(len(batch_results))
                yield from batch_results
        finally:
            if bar is not None:
                bar.close()

    def _extract_batch(self, batch: list[ArticleInput | Failure]) -> list[Result]:
        articles = [item for item in batch if isinstance(item, ArticleInput)]
        try:
            docs = iter(list(self.nlp.pipe(((a.text, a) for a in articles), as_tuples=True,
                                           batch_size=len(articles) or 1)))
        except Exception:  # noqa: BLE001 - one bad text must not lose the batch: parse one by one
            docs = iter(self._parse_alone(articles))
        results: list[Result] = []
        for item in batch:
            if isinstance(item, Failure):
                results.append(item)
                continue
            doc, article = next(docs)
            results.append(self._extract_one(doc, article))
        return results

    def _parse_alone(self, articles: list[ArticleInput]):
        for article in articles:
            try:
                yield self.nlp(article.text), article
            except Exception as error:  # noqa: BLE001
                yield error, article

    def _extract_one(self, doc, article: ArticleInput) -> Result:
        if isinstance(doc, Exception):
            return _failure(article, doc)
        try:
            return extract_readout(doc, article, self.resources)
        except Exception as error:
            # debug, not exception: the user sees the one-line Failure; a traceback needs logging
            logger.debug("extraction failed on %s", article.source, exc_info=True)
            return _failure(article, error)


def _failure(article: ArticleInput, error: Exception) -> Failure:
    detail = " ".join(f"{type(error).__name__}: {error}".split())  # one line, whatever it says
    return Failure(article.source, f"extraction failed ({detail}); please report this article.",
                   article.id)


def _batches(items: Iterable[ArticleInput | Failure], size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _progress_bar():
    """A bar on stderr redrawn at every batch (batches are seconds apart: no need to throttle)."""
    from tqdm import tqdm

    class BatchBar(tqdm):
        monitor_interval = 0  # no monitor thread, so none is running when worker processes fork

    return BatchBar(unit=" articles", desc="readout", leave=False, dynamic_ncols=True,
                    mininterval=0, miniters=1)


# --- several processes ------------------------------------------------------------------------

# The pipeline a worker process extracts with. On Linux workers are forked from the parent and
# inherit the parent's loaded pipeline (no second model load, memory shared); elsewhere they are
# spawned and `_start_worker` loads one.
_worker_pipeline: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_pipeline
    if _worker_pipeline is None or _worker_pipeline.settings != settings:
        _worker_pipeline = Pipeline(load_model(settings.model), settings)


def _run_worker_batch(batch: list[ArticleInput | Failure]) -> list[Result]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return _worker_pipeline._extract_batch(batch)


def _in_processes(pipeline: Pipeline, batches: Iterator[list],
                  workers: int) -> Iterator[list[Result]]:
    """Batches extracted by `workers` processes, in input order, a bounded number in flight."""
    global _worker_pipeline
    _worker_pipeline = pipeline
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(pipeline.settings,))
    pending: deque[Future] = deque()
    try:
        for batch in batches:
            pending.append(pool.submit(_run_worker_batch, batch))
            if len(pending) >= workers * 2:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _worker_pipeline = None


def _result(future: Future) -> list[Result]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise ReadoutError("a worker process died (out of memory, or killed); run again with "
                           "--workers 1, or a smaller --batch-size, to find the article.") from None
