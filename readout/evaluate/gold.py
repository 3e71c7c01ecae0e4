"""Read a folder of gold files: `<id>.gold.json` with the article text beside it as `<id>.txt`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readout.errors import InputError
from readout.records import ArticleInput


@dataclass(frozen=True)
class GoldArticle:
    id: str
    article: ArticleInput
    kind: str
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    topics: list[str]


def load_gold(folder: Path) -> list[GoldArticle]:
    """Every gold article in `folder`, sorted by id; a gold file without its text is an error."""
    files = sorted(folder.glob("*.gold.json"))
    if not files:
        raise InputError(str(folder), "has no gold files (<id>.gold.json beside <id>.txt).")
    return [_load_one(path) for path in files]


def _load_one(path: Path) -> GoldArticle:
    gold = json.loads(path.read_text(encoding="utf-8"))
    article_id = path.name[: -len(".gold.json")]
    text_path = path.with_name(f"{article_id}.txt")
    if not text_path.exists():
        raise InputError(str(path), f"has no article text beside it: expected {text_path.name}.")
    article = ArticleInput(
        id=gold.get("id") or article_id, text=text_path.read_text(encoding="utf-8"),
        source=str(text_path), url=gold.get("url"), outlet=gold.get("outlet"),
        published=gold.get("published"),
    )
    return GoldArticle(
        id=article.id, article=article, kind=gold.get("kind", "diplomatic"),
        events=gold.get("events", []), quotes=gold.get("quotes", []), topics=gold.get("topics", []),
    )
