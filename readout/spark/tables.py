"""The six Parquet tables of a Spark extraction, and the way back from their rows to a Readout.

One row per article (`articles`: the article's metadata and warnings, its whole readout as JSON, and
the text its offsets point into), one row per actor, event, quote and topic of an article (each with
`article_id` and its `position` in the readout's list), and one row per input that failed
(`failures`). Every table is partitioned by `published_month` (`YYYY-MM`, or "unknown").

The columns are derived from the dataclasses of readout/records.py, so the tables hold the same
fields as the contract (docs/output.md), nested where the contract nests (`date.start`,
`location.code`, `trigger.text`), and follow it when a field is added. Nothing here imports Spark:
the schemas are Spark DDL strings, and rows are plain tuples in column order.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import types
import typing
from collections.abc import Callable
from typing import Any

from readout.records import (
    Actor,
    ArticleInput,
    ArticleMeta,
    Event,
    Failure,
    Quote,
    Readout,
    Topic,
)

UNKNOWN_MONTH = "unknown"
MONTH_COLUMN = "published_month"
CHILD_TABLES = {"actors": Actor, "events": Event, "quotes": Quote, "topics": Topic}
TABLES = ("articles", *CHILD_TABLES, "failures")
CHILD_KEYS = (("article_id", "string"), ("position", "int"))
# Article columns besides ArticleMeta's and the readout's own scalars (warnings, schema, text).
ARTICLE_EXTRAS = (("source", "string"), ("article_text", "string"), ("readout", "string"))
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_SCALARS = {str: "string", int: "int", float: "double", bool: "boolean"}

Convert = Callable[[Any], Any]


# --- types: from the records' annotations to Spark DDL and to row values ------------------------

def _optional(hint: Any) -> Any:
    """`X` for `X | None`, else the hint itself."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        kept = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(kept) == 1:
            return kept[0]
    return hint


def _kind(hint: Any) -> tuple[str, Any]:
    """("scalar", ddl) | ("list", item hint) | ("record", dataclass)."""
    hint = _optional(hint)
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return "scalar", "string"
    if hint in _SCALARS:
        return "scalar", _SCALARS[hint]
    if origin in (list, tuple):
        return "list", typing.get_args(hint)[0]
    if dataclasses.is_dataclass(hint):
        return "record", hint
    raise TypeError(f"no Spark column type for {hint!r}; add it to readout/spark/tables.py")


def ddl_type(hint: Any) -> str:
    kind, detail = _kind(hint)
    if kind == "scalar":
        return detail
    if kind == "list":
        return f"array<{ddl_type(detail)}>"
    fields = ",".join(f"`{name}`:{ddl_type(field_hint)}" for name, field_hint in _hints(detail))
    return f"struct<{fields}>"


def converter(hint: Any) -> Convert:
    """A function from the JSON value of a field (`Readout.to_dict()`) to its column value."""
    kind, detail = _kind(hint)
    if kind == "scalar":
        return _to_float if detail == "double" else _same
    if kind == "list":
        item = converter(detail)
        return lambda value: None if value is None else [item(each) for each in value]
    return _record_converter(detail)


def _record_converter(record: type) -> Convert:
    parts = [(name, converter(field_hint)) for name, field_hint in _hints(record)]
    return lambda value: None if value is None else tuple(c(value.get(n)) for n, c in parts)


def _same(value: Any) -> Any:
    return value


def _to_float(value: Any) -> float | None:
    return None if value is None else float(value)  # JSON may hold 1 for 1.0


@functools.cache
def _hints(record: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(record)
    return tuple((spec.name, hints[spec.name]) for spec in dataclasses.fields(record))


# --- the tables --------------------------------------------------------------------------------

def _readout_scalars() -> tuple[tuple[str, Any], ...]:
    """The readout's own fields that are not the article or a list of children: warnings, text..."""
    return tuple((name, hint) for name, hint in _hints(Readout)
                 if name != "article" and name not in CHILD_TABLES)


@functools.cache
def table_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(column, Spark DDL type) of a table, without the partition column."""
    if table == "articles":
        own = _hints(ArticleMeta) + _readout_scalars()
        return tuple((n, ddl_type(h)) for n, h in own) + ARTICLE_EXTRAS
    if table == "failures":
        return tuple((n, ddl_type(h)) for n, h in _hints(Failure))
    return CHILD_KEYS + tuple((n, ddl_type(h)) for n, h in _hints(CHILD_TABLES[table]))


def struct_ddl(columns: tuple[tuple[str, str], ...]) -> str:
    return "struct<" + ",".join(f"`{name}`:{kind}" for name, kind in columns) + ">"


@functools.cache
def extraction_ddl() -> str:
    """The schema of one extraction result: an article's rows in every table, or its failure."""
    parts = [f"`{MONTH_COLUMN}` string", f"`articles` {struct_ddl(table_columns('articles'))}"]
    parts += [f"`{name}` array<{struct_ddl(table_columns(name))}>" for name in CHILD_TABLES]
    parts.append(f"`failures` {struct_ddl(table_columns('failures'))}")
    return ", ".join(parts)


def month_of(published: str | None) -> str:
    """`YYYY-MM` of an ISO date or datetime, else "unknown"."""
    found = _MONTH.match(published or "")
    return f"{found[1]}-{found[2]}" if found else UNKNOWN_MONTH


@functools.cache
def _converters() -> dict[str, Convert]:
    found: dict[str, Convert] = {name: _record_converter(record)
                                 for name, record in CHILD_TABLES.items()}
    found["article"] = _record_converter(ArticleMeta)
    found |= {name: converter(hint) for name, hint in _readout_scalars()}
    return found


def readout_row(readout: Readout, article: ArticleInput) -> tuple:
    """The extraction row of an article: its month, its article row, its children's rows."""
    data = readout.to_dict()
    convert = _converters()
    own = [convert[name](data.get(name)) for name, _ in _readout_scalars()]
    row = (*convert["article"](data["article"]), *own, article.source, article.text,
           json.dumps(data, ensure_ascii=False))
    children = []
    for name in CHILD_TABLES:
        children.append([(readout.article.id, position, *convert[name](item))
                         for position, item in enumerate(data[name])])
    return (month_of(readout.article.published), row, *children, None)


def failure_row(failure: Failure, published: str | None = None) -> tuple:
    """The extraction row of an input that failed (`published`: its date, when it was known)."""
    fields = tuple(getattr(failure, name) for name, _ in _hints(Failure))
    return (month_of(published), None, *([] for _ in CHILD_TABLES), fields)


# --- and back ----------------------------------------------------------------------------------

def readout_from_rows(article: dict[str, Any], children: dict[str, list[dict[str, Any]]]
                      ) -> Readout:
    """Rebuild a readout from its rows in the typed tables (as pyarrow's `to_pylist()` gives them).

    `children` maps "actors", "events", "quotes", "topics" to that article's rows, in any order.
    The `readout` column of the articles table holds the same readout as JSON.
    """
    data: dict[str, Any] = {"article": {name: article[name] for name, _ in _hints(ArticleMeta)}}
    data |= {name: article[name] for name, _ in _readout_scalars()}
    for name, record in CHILD_TABLES.items():
        rows = sorted(children.get(name, []), key=lambda row: row["position"])
        data[name] = [{field: row[field] for field, _ in _hints(record)} for row in rows]
    return Readout.from_dict(data)
