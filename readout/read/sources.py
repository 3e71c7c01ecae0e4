"""Read articles from where they are: files, folders, standard input, JSON Lines, HTML.

`iter_articles` yields each article as an `ArticleInput`, or a `Failure` that names the input
(a path, `path:line` for JSON Lines, `<stdin>`) and the reason, and goes on: one bad file or line
never stops a batch. Inputs are read lazily, one file or line at a time, and never past the size
limit, so a huge file fails at once instead of filling memory.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from readout.errors import InputError
from readout.read.text import check_binary, check_text, decode, max_bytes, too_large
from readout.records import ArticleInput, Failure

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIX = ".jsonl"
STDIN = "-"
STDIN_NAME = "<stdin>"
JSONL_FIELDS = ("title", "url", "outlet", "published")
# A JSON line may escape every character (\u00e9 is 6 bytes): its limit is looser than a file's.
JSONL_BYTES_PER_CHAR = 8
SKIP_CHUNK_BYTES = 1 << 20

Item = ArticleInput | Failure


def iter_articles(paths: Sequence[str], published: str | None = None,
                  max_chars: int = 1_000_000) -> Iterator[Item]:
    """Every article in `paths`, in order ("-" is standard input; folders are read recursively).

    `published` (YYYY-MM-DD) is given to every article that does not state its own date: it is
    meant for a single text file or standard input.
    """
    for item in _read_paths(paths, max_chars):
        if published and isinstance(item, ArticleInput) and not item.published:
            item.published = published
        yield item


def _read_paths(paths: Sequence[str], max_chars: int) -> Iterator[Item]:
    for path in paths:
        if path == STDIN:
            yield from _guard(STDIN_NAME, lambda: _read_stream(sys.stdin.buffer, max_chars))
            continue
        target = Path(path)
        if target.is_dir():
            yield from _read_folder(target, max_chars)
        elif target.exists():
            yield from _read_file(target, max_chars)
        else:
            yield Failure(path, "no such file or folder; check the path.")


def _guard(source: str, read: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """The items `read` yields; an error reading them becomes one Failure for `source`."""
    try:
        yield from read()
    except InputError as error:
        yield Failure(error.source, error.reason)
    except OSError as error:
        yield Failure(source, f"cannot be read ({error.strerror or error}); check that it is a "
                              f"readable file.")


def _read_folder(folder: Path, max_chars: int) -> Iterator[Item]:
    files = sorted(path for path in folder.rglob("*")
                   if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file()
                   and not _hidden(path.relative_to(folder)))
    if not files:
        yield Failure(str(folder), "has no articles: no .txt, .html or .jsonl files in it or "
                                   "below it.")
        return
    for file in files:
        yield from _read_file(file, max_chars)


def _hidden(relative: Path) -> bool:
    """True for files under a hidden folder (.git, .cache) or hidden themselves."""
    return any(part.startswith(".") for part in relative.parts)


def _read_file(path: Path, max_chars: int) -> Iterator[Item]:
    source = str(path)
    if path.suffix.lower() == JSONL_SUFFIX:
        yield from _guard(source, lambda: _read_jsonl_file(path, max_chars))
    else:
        yield from _guard(source, lambda: [_read_single_file(path, max_chars)])


def _read_single_file(path: Path, max_chars: int) -> ArticleInput:
    """A text or HTML file as one article; its size is checked before anything is read."""
    source, limit = str(path), max_bytes(max_chars)
    size = path.stat().st_size
    if size > limit:
        raise InputError(source, too_large(size, max_chars))
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:  # a special file, or one that grew since stat
        raise InputError(source, too_large(limit, max_chars, exact=False))
    return _article(data, source, path.stem, max_chars, html=path.suffix.lower() in HTML_SUFFIXES)


def _read_jsonl_file(path: Path, max_chars: int) -> Iterator[Item]:
    with path.open("rb") as stream:
        yield from _read_jsonl(stream, str(path), max_chars)


def _read_stream(stream: BinaryIO, max_chars: int) -> Iterator[Item]:
    """Standard input: JSON Lines if it starts with `{` (streamed), else one text or HTML page."""
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    start = stream.peek(1).lstrip()[:1]
    if start == b"{":
        yield from _read_jsonl(stream, STDIN_NAME, max_chars)
        return
    limit = max_bytes(max_chars)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(STDIN_NAME, too_large(limit, max_chars, exact=False))
    yield _article(data, STDIN_NAME, None, max_chars, html=data.lstrip()[:1] == b"<")


def _article(data: bytes, source: str, stem: str | None, max_chars: int,
             html: bool) -> ArticleInput:
    text = decode(data, source)
    article_id = stem or content_id(text)
    if html:
        return _from_html(text, source, article_id, max_chars)
    return ArticleInput(id=article_id, text=check_text(text, source, max_chars), source=source)


def _from_html(html: str, source: str, article_id: str, max_chars: int) -> ArticleInput:
    from readout.read.html import article_from_html  # imported only when there is HTML to read

    try:
        article = article_from_html(html, source, article_id)
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - a page the HTML reader chokes on fails alone
        detail = " ".join(f"{type(error).__name__}: {error}".split())
        raise InputError(source, f"cannot be read as HTML ({detail}); give its text as a .txt "
                                 f"file, and please report this page.") from None
    check_text(article.text, source, max_chars)
    return article


def content_id(text: str) -> str:
    """The id of an article that has none of its own: the start of its text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- JSON Lines -------------------------------------------------------------------------------


def _read_jsonl(stream: BinaryIO, name: str, max_chars: int) -> Iterator[Item]:
    """One article per line; a bad line is a Failure named `name:line` and the next line goes on."""
    check_binary(stream.peek(1), name)  # type: ignore[attr-defined]
    limit = max_chars * JSONL_BYTES_PER_CHAR
    found = False
    for number, raw in _numbered_lines(stream, limit):
        source = f"{name}:{number}"
        if raw is not None and not raw.strip():
            continue
        found = True
        try:
            if raw is None:
                raise InputError(source, too_large(limit, max_chars, exact=False))
            yield _from_json(decode(raw, source).rstrip("\r\n"), source, max_chars)
        except InputError as error:
            yield Failure(error.source, error.reason)
    if not found:
        raise InputError(name, "is empty: there are no JSON lines to read.")


def _numbered_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; a line longer than `limit` bytes is skipped as None."""
    number = 0
    while raw := stream.readline(limit + 1):
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := stream.readline(SKIP_CHUNK_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, raw


def _from_json(line: str, source: str, max_chars: int) -> ArticleInput:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(source, f"is not valid JSON ({error.msg} at column {error.colno}); each "
                                 f"line must be one JSON object with `id` and `text`.") from None
    if not isinstance(record, dict):
        raise InputError(source, "is not a JSON object; each line must be "
                                 "{\"id\": ..., \"text\": ...}.")
    raw_id = record.get("id")
    article_id = "" if raw_id is None else str(raw_id).strip()
    if not article_id:
        raise InputError(source, "has no `id`; give every line a unique id.")
    text, html = record.get("text"), record.get("html")
    if isinstance(html, str) and not (isinstance(text, str) and text.strip()):
        article = _from_html(html, source, article_id, max_chars)
    elif isinstance(text, str):
        text = check_text(text, source, max_chars)
        article = ArticleInput(id=article_id, text=text, source=source)
    else:
        raise InputError(source, "has no `text` string (or `html`); give the article's text.")
    for field_name in JSONL_FIELDS:
        value = record.get(field_name)
        if isinstance(value, str) and value.strip():
            setattr(article, field_name, value.strip())
    return article
