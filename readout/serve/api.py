"""The JSON API: one endpoint behind every page, returning the model the page renders.

Routes are thin: check the query (pydantic), call the view function on this thread's read-only
store, fill in the page links. Errors have one shape (readout.serve.errors). The OpenAPI
description is served at /api/openapi.json; docs/api.md has examples.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request

from readout.serve import views
from readout.serve.models import (
    ActorList,
    ActorQuery,
    ActorView,
    ArticleView,
    DyadQuery,
    DyadView,
    ErrorResponse,
    EventList,
    EventQuery,
    NetworkQuery,
    NetworkView,
    Overview,
    PageInfo,
    PageQuery,
    QuoteList,
    QuoteQuery,
    ScaleRow,
    StoreRequest,
    StoreResult,
    TryRequest,
)
from readout.serve.scale import load_scale
from readout.serve.security import check_token
from readout.store import MergedEvent

ERRORS = {status: {"model": ErrorResponse} for status in (400, 404, 422, 503)}
router = APIRouter(prefix="/api", responses=ERRORS)

ArticleId = Annotated[str, Path(max_length=200, description="the article's id")]
Dyad = Annotated[str, Path(max_length=20, description="two codes, either order: UKR-ITA")]
Code = Annotated[str, Path(pattern=r"^[A-Za-z][A-Za-z0-9]{1,7}$", description="UKR, EU, NATO")]


def paged(request: Request, info: PageInfo) -> PageInfo:
    """The page's links: this path with the offset moved by one page either way."""
    if info.more:
        info.next = _at_offset(request, info.offset + info.limit)
    if info.offset:
        info.previous = _at_offset(request, max(0, info.offset - info.limit))
    return info


def _at_offset(request: Request, offset: int) -> str:
    moved = request.url.include_query_params(offset=offset)
    return f"{moved.path}?{moved.query}"


@router.get("/overview", response_model=Overview, summary="counts, latest events, busiest dyads")
def overview(request: Request) -> Overview:
    db = request.app.state.db
    return db.cached(("overview",), lambda store: views.overview(store, db.scores.current()))


@router.get("/events", response_model=EventList, summary="the event timeline, filtered")
def events(request: Request, query: Annotated[EventQuery, Query()]) -> EventList:
    found = request.app.state.db.read(lambda store: views.timeline(store, query))
    paged(request, found.page)
    return found


@router.get("/events/{event}", response_model=MergedEvent, summary="one merged event")
def event(request: Request, event: Annotated[int, Path(ge=1)]) -> MergedEvent:
    found = request.app.state.db.read(lambda store: store.event(event))
    if found is None:
        raise views.NotFound(f"no event {event} in this database; the timeline lists them.")
    return found


@router.get("/actors", response_model=ActorList, summary="actors, most events first")
def actors(request: Request, query: Annotated[ActorQuery, Query()]) -> ActorList:
    return request.app.state.db.read(lambda store: views.actors(store, query))


@router.get("/actors/{entity}", response_model=ActorView, summary="an actor's events, "
            "counterparts and quotes")
def actor(request: Request, entity: Annotated[int, Path(ge=1)],
          page: Annotated[PageQuery, Query()]) -> ActorView:
    found = request.app.state.db.read(lambda store: views.actor_view(store, entity, page))
    paged(request, found.page)
    return found


@router.get("/countries/{code}", response_model=ActorView, summary="a country's events, "
            "counterparts and quotes")
def country(request: Request, code: Code, page: Annotated[PageQuery, Query()]) -> ActorView:
    found = request.app.state.db.read(lambda store: views.country_view(store, code, page))
    paged(request, found.page)
    return found


@router.get("/dyads/{dyad}", response_model=DyadView, summary="a country pair's score over "
            "time and its events")
def dyad(request: Request, dyad: Dyad, query: Annotated[DyadQuery, Query()]) -> DyadView:
    db = request.app.state.db
    found = db.read(lambda store: views.dyad_view(store, dyad, query, db.scores.current()))
    paged(request, found.page)
    return found


@router.get("/network", response_model=NetworkView, summary="who engaged whom in a period")
def network(request: Request, query: Annotated[NetworkQuery, Query()]) -> NetworkView:
    db = request.app.state.db
    key = ("network", query.since, query.until, query.country)
    return db.cached(key, lambda store: views.network_view(store, query, db.scores.current()))


@router.get("/quotes", response_model=QuoteList, summary="full-text search of quotes")
def quotes(request: Request, query: Annotated[QuoteQuery, Query()]) -> QuoteList:
    found = request.app.state.db.read(lambda store: views.quote_list(store, query))
    paged(request, found.page)
    return found


@router.get("/articles/{article_id}", response_model=ArticleView, summary="an article with "
            "everything its readout found")
def article(request: Request, article_id: ArticleId) -> ArticleView:
    return request.app.state.db.read(lambda store: views.article_view(store, article_id))


@router.post("/try", response_model=ArticleView, summary="the readout of a pasted article "
             "(not stored)")
def try_text(request: Request, pasted: TryRequest) -> ArticleView:
    readout = request.app.state.extractor.extract(pasted.text, published=pasted.published)
    return views.readout_view(readout, pasted.text)


@router.post("/articles", response_model=StoreResult, status_code=201,
             responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
             summary="extract and store an article (--allow-writes and the token)")
def store_article(request: Request, sent: StoreRequest,
                  authorization: Annotated[str | None, Header()] = None) -> StoreResult:
    state = request.app.state
    check_token(authorization, state.config.token, state.db.writable)
    readout = state.extractor.extract(sent.text, published=sent.published, article_id=sent.id,
                                      title=sent.title, outlet=sent.outlet, url=sent.url)
    outcome = state.db.write(lambda store: store.add(readout, text=sent.text,
                                                     source=f"api:{readout.article.id}"))
    return StoreResult(outcome=outcome, article=readout.article.id, events=len(readout.events),
                       url=views.article_url(readout.article.id))


@router.get("/scale", response_model=list[ScaleRow], summary="the PLOVER cooperation-conflict "
            "scale the charts use")
def scale() -> list[ScaleRow]:
    return [ScaleRow(**row) for row in load_scale().table()]
