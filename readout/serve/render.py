"""HTML pages from Jinja2 templates, with autoescape always on.

Every value a template prints is escaped (article text, names, quotes, titles), so markup in the
data shows as text. Data for the page's scripts goes through `tojson`, which escapes `<`, `>`, `&`
and `'`, inside `<script type="application/json">`, a block the browser never runs.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from readout.records import EVENT_TYPES
from readout.store.query import STATUSES


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("readout.serve", "templates"),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = when
    env.filters["score_class"] = score_class
    env.filters["event_label"] = event_label
    env.globals.update(EVENT_TYPES=EVENT_TYPES, STATUSES=STATUSES)
    return env


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render `template` with `context`, plus the JSON twin's URL and the current path."""
    path = request.url.path
    api = "/api/overview" if path == "/" else f"/api{path}"
    if request.url.query:
        api += f"?{request.url.query}"
    html = environment().get_template(template).render(
        path=path, api_url=None if request.method != "GET" else api, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return page(request, "error.html", status=status, status_code=status, message=message)


def when(date: dict[str, Any] | None) -> str:
    """An event's date as people read it: "2024-03-12", "2024-03-11..2024-03-15" or "undated"."""
    if not date or not date.get("start"):
        return "undated"
    start, end = date["start"], date.get("end")
    return start if not end or end == start else f"{start}..{end}"


def event_label(kind: str, mode: str | None) -> str:
    return f"{kind} ({mode})" if mode else kind


def score_class(score: float | None) -> str:
    """A CSS class for a cooperation-conflict score: coop, conflict, neutral or none."""
    if score is None:
        return "none"
    return "coop" if score > 0 else "conflict" if score < 0 else "neutral"
