"""The web app: pages and a JSON API over a readout database, read-only unless told otherwise.

    from readout.serve import ServeConfig, create_app
    app = create_app(ServeConfig(db=Path("news.db")))     # any ASGI server runs it
    # or: readout serve --db news.db

Pages (pages.py) and their JSON twins (api.py) call the same view functions (views.py) on a
read-only store per thread (database.py). Charts and the network view are drawn by plotly.js,
served from the installed `plotly` package (not a copy in this repository).
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from readout.errors import ReadoutError
from readout.serve import api, errors, pages, views
from readout.serve.config import ServeConfig
from readout.serve.database import Database
from readout.serve.extractor import Extractor
from readout.serve.render import error_page
from readout.serve.security import BodyLimit, SecurityHeaders
from readout.serve.views import NotFound

logger = logging.getLogger("readout.serve")

DESCRIPTION = """Events, actors, country pairs and quotes of a readout database (PLOVER events
extracted from news, with their evidence). Every page of the web app has a twin here that returns
the data the page shows. Errors always have the shape
`{"error": {"status": 404, "code": "not_found", "message": "..."}}`.
Listings take `limit` (1-200, default 50) and `offset` (up to 10,000) and answer a `page` object
with the `next` page's URL. See docs/api.md for examples."""


def create_app(config: ServeConfig, *, extractor: Extractor | None = None) -> FastAPI:
    """The ASGI app for `config.db` (which must exist: `readout ingest` creates it)."""
    db = Database(config.db, allow_writes=config.allow_writes, max_query_ms=config.max_query_ms)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # each request thread holds a read connection: bound how many there are
        anyio.to_thread.current_default_thread_limiter().total_tokens = config.threads
        threading.Thread(target=_warm, args=(db,), name="readout-warm", daemon=True).start()
        yield
        db.close()

    from readout import __version__

    app = FastAPI(title="readout", version=__version__, description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
                  lifespan=lifespan)
    app.state.db = db
    app.state.config = config
    app.state.extractor = extractor or Extractor()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("readout.serve", "static")]), name="static")
    app.add_api_route("/vendor/plotly.min.js", plotly_js, include_in_schema=False)
    errors.install(app, error_page)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    return app


def _warm(db: Database) -> None:
    """Build the score table and the overview at start, so the first visitors do not wait."""
    try:
        table = db.scores.wait()
        db.cached(("overview",), lambda store: views.overview(store, table))
    except ReadoutError:
        logger.exception("could not prepare the overview")


def plotly_file() -> Path | None:
    """plotly.min.js as the `plotly` package installs it (found without importing plotly)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


def plotly_js() -> FileResponse:
    path = plotly_file()
    if path is None:
        raise NotFound("plotly.js is not installed, so charts cannot be drawn; install it with "
                       "`pip install 'readout[serve]'`.")
    return FileResponse(path, media_type="text/javascript",
                        headers={"cache-control": "public, max-age=86400"})
