"""Read articles from where they are: files, folders, standard input, JSON Lines, HTML.

`iter_articles` yields each article as an `ArticleInput`, or a `Failure` that names the input and
the reason, and goes on: one bad file or line never stops a batch.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from readout.errors import InputError
from readout.read.html import article_from_html
from readout.read.text import check_text, decode
from readout.records import ArticleInput, Failure

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
STDIN = "-"
JSONL_FIELDS = ("title", "url", "outlet", "published")


def iter_articles(paths: Sequence[str], published: str | None = None,
                  max_chars: int = 1_000_000) -> Iterator[ArticleInput | Failure]:
    """Every article in `paths` ("-" is standard input; folders are read recursively).

    `published` applies to single-article inputs (a text or HTML file) that do not state their own date.
    """
    for path in paths:
        if path == STDIN:
            yield from _guard(STDIN, lambda: _read_stream(sys.stdin.buffer, "<stdin>", published, max_chars))
            continue
        target = Path(path)
        if target.is_dir():
            yield from _read_folder(target, published, max_chars)
        elif not target.exists():
            yield Failure(path, "no such file or folder")
        else:
            yield from _read_file(target, published, max_chars)


def _guard(source: str, read) -> Iterator[ArticleInput | Failure]:
    try:
        yield from read()
    except InputError as error:
        yield Failure(error.source, error.reason)
    except OSError as error:
        yield Failure(source, f"cannot be read: {error.strerror or error}")


def _read_folder(folder: Path, published: str | None, max_chars: int) -> Iterator[ArticleInput | Failure]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if not files:
        yield Failure(str(folder), "has no articles: no .txt, .html or .jsonl files in it or below it")
        return
    for file in files:
        yield from _read_file(file, published, max_chars)


def _read_file(path: Path, published: str | None, max_chars: int) -> Iterator[ArticleInput | Failure]:
    source = str(path)
    if path.suffix.lower() == ".jsonl":
        yield from _guard(source, lambda: _read_jsonl(path, max_chars))
        return

    def read() -> Iterator[ArticleInput]:
        with path.open("rb") as stream:
            data = stream.read(max_chars * 4 + 1)
        if len(data) > max_chars * 4:
            raise InputError(source, f"is larger than {max_chars * 4:,} bytes, more than readout accepts "
                                     f"for one article; split it into articles (JSON Lines) or raise "
                                     f"READOUT_MAX_CHARS.")
        yield _single(data, source, path.stem, published, max_chars,
                      html=path.suffix.lower() in {".html", ".htm"})

    yield from _guard(source, read)


def _read_stream(stream: BinaryIO, source: str, published: str | None,
                 max_chars: int) -> Iterator[ArticleInput]:
    data = stream.read(max_chars * 4 + 1)
    if data.lstrip()[:1] == b"{":
        yield from _jsonl_lines(data.decode("utf-8", errors="strict").splitlines(), source, max_chars)
        return
    html = data.lstrip()[:1] == b"<"
    yield _single(data, source, None, published, max_chars, html=html)


def _single(data: bytes, source: str, stem: str | None, published: str | None, max_chars: int,
            html: bool) -> ArticleInput:
    text = decode(data, source, max_chars)
    article_id = stem or hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    if html:
        article = article_from_html(text, source, article_id)
        check_text(article.text, source, max_chars)
    else:
        article = ArticleInput(id=article_id, text=text, source=source)
    if article.published is None:
        article.published = published
    return article


def _read_jsonl(path: Path, max_chars: int) -> Iterator[ArticleInput | Failure]:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            source = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield Failure(source, "is not valid UTF-8; convert the file to UTF-8 first.")
                continue
            yield from _jsonl_lines([line], source, max_chars, first_line=number, path=str(path))


def _jsonl_lines(lines: list[str], source: str, max_chars: int, first_line: int = 1,
                 path: str | None = None) -> Iterator[ArticleInput | Failure]:
    for offset, line in enumerate(lines):
        where = f"{path or source}:{first_line + offset}" if path or len(lines) > 1 else source
        if not line.strip():
            continue
        try:
            yield _from_json(line, where, max_chars)
        except InputError as error:
            yield Failure(error.source, error.reason)


def _from_json(line: str, source: str, max_chars: int) -> ArticleInput:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(source, f"is not valid JSON ({error.msg} at column {error.colno}); "
                                 f"each line must be one JSON object with `id` and `text`.") from None
    if not isinstance(record, dict):
        raise InputError(source, "is not a JSON object; each line must be {\"id\": ..., \"text\": ...}.")
    article_id = str(record.get("id") or "").strip()
    if not article_id:
        raise InputError(source, "has no `id`; give every line a unique id.")
    if isinstance(record.get("html"), str) and not record.get("text"):
        article = article_from_html(record["html"], source, article_id)
        check_text(article.text, source, max_chars)
    else:
        text = record.get("text")
        if not isinstance(text, str):
            raise InputError(source, "has no `text` string (or `html`); give the article's text.")
        article = ArticleInput(id=article_id, text=check_text(text, source, max_chars), source=source)
    for field_name in JSONL_FIELDS:
        value = record.get(field_name)
        if isinstance(value, str) and value.strip():
            setattr(article, field_name, value.strip())
    return article
