"""The HTML pages: each renders the model its JSON twin (api.py) returns, with the same query.

    /                      overview          /api/overview
    /events                event timeline    /api/events
    /actors, /actors/{id}  actors            /api/actors, /api/actors/{id}
    /countries/{code}      a country         /api/countries/{code}
    /dyads/{A-B}           a country pair    /api/dyads/{A-B}
    /network               who engaged whom  /api/network
    /quotes                quote search      /api/quotes
    /articles/{id}         an article        /api/articles/{id}
    /try                   try it            POST /api/try
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from readout.serve import views
from readout.serve.api import ArticleId, Code, Dyad, paged
from readout.serve.models import (
    ActorQuery,
    DyadQuery,
    EventQuery,
    NetworkQuery,
    PageQuery,
    QuoteQuery,
    TryRequest,
)
from readout.serve.render import page
from readout.store import EventFilter

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/")
def overview(request: Request):
    db = request.app.state.db
    view = db.cached(("overview",), lambda store: views.overview(store, db.scores.current()))
    return page(request, "overview.html", view=view)


@router.get("/events")
def events(request: Request, query: Annotated[EventQuery, Query()]):
    view = request.app.state.db.read(lambda store: views.timeline(store, query))
    paged(request, view.page)
    return page(request, "events.html", view=view, query=query)


@router.get("/actors")
def actors(request: Request, query: Annotated[ActorQuery, Query()]):
    view = request.app.state.db.read(lambda store: views.actors(store, query))
    return page(request, "actors.html", view=view, query=query)


@router.get("/actors/{entity}")
def actor(request: Request, entity: Annotated[int, Path(ge=1)],
          query: Annotated[PageQuery, Query()]):
    view = request.app.state.db.read(lambda store: views.actor_view(store, entity, query))
    paged(request, view.page)
    return page(request, "actor.html", view=view)


@router.get("/countries/{code}")
def country(request: Request, code: Code, query: Annotated[PageQuery, Query()]):
    view = request.app.state.db.read(lambda store: views.country_view(store, code, query))
    paged(request, view.page)
    return page(request, "actor.html", view=view)


@router.get("/dyads")
def choose_dyad(pair: Annotated[str, Query(max_length=20)]):
    """The overview's country-pair form: send it to the pair's page."""
    dyad = EventFilter(dyad=pair).checked().dyad
    return RedirectResponse(views.dyad_url(dyad), status_code=303)


@router.get("/dyads/{dyad}")
def dyad(request: Request, dyad: Dyad, query: Annotated[DyadQuery, Query()]):
    db = request.app.state.db
    view = db.read(lambda store: views.dyad_view(store, dyad, query, db.scores.current()))
    paged(request, view.page)
    chart = {"series": [point.model_dump() for point in view.series], "names": view.names}
    return page(request, "dyad.html", view=view, query=query, chart=chart)


@router.get("/network")
def network(request: Request, query: Annotated[NetworkQuery, Query()]):
    db = request.app.state.db
    key = ("network", query.since, query.until, query.country)
    view = db.cached(key, lambda store: views.network_view(store, query, db.scores.current()))
    return page(request, "network.html", view=view, query=query, graph=view.model_dump())


@router.get("/quotes")
def quotes(request: Request, query: Annotated[QuoteQuery, Query()]):
    view = request.app.state.db.read(lambda store: views.quote_list(store, query))
    paged(request, view.page)
    return page(request, "quotes.html", view=view, query=query)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: ArticleId):
    view = request.app.state.db.read(lambda store: views.article_view(store, article_id))
    return page(request, "article.html", view=view)


@router.get("/try")
def try_form(request: Request):
    return page(request, "try.html", text="", published="", problem=None)


@router.post("/try")
async def try_text(request: Request):
    """A pasted article (a form post) and its readout, not stored."""
    try:
        form = parse_qs((await request.body()).decode("utf-8", "replace"), max_num_fields=8)
    except ValueError:  # more fields than the form has
        form = {}
    text = (form.get("text") or [""])[0]
    published = (form.get("published") or [""])[0].strip() or None
    problem, pasted = None, None
    if not text.strip():
        problem = "Paste the text of an article first."
    else:
        try:
            pasted = TryRequest(text=text, published=published)
        except ValidationError as error:
            problem = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
    if pasted is None:
        return page(request, "try.html", status=422, text=text, published=published or "",
                    problem=problem)
    readout = await run_in_threadpool(request.app.state.extractor.extract, pasted.text,
                                      published=pasted.published)
    return page(request, "article.html", view=views.readout_view(readout, pasted.text))
