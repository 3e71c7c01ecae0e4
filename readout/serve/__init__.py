"""The web app over a readout database: pages and a JSON API, read-only by default.

    readout serve --db news.db            # http://127.0.0.1:8000

Modules: `config` (options), `database` (read connections per thread, one writer, a cache),
`queries` (SQL the store has no method for), `scale` (the PLOVER cooperation-conflict scale),
`highlight` (an article cut into annotated segments), `network` (the who-engaged-whom graph),
`views` (what each page shows, as data), `models` (requests and answers), `api` (JSON routes),
`pages` and `render` (HTML routes and templates), `errors` (one error shape), `security`
(body limits, headers, the write token), `extractor` (the model for "try it"), `app` (all of it).
See docs/api.md.
"""

from readout.serve.config import ServeConfig

__all__ = ["ServeConfig", "create_app"]


def __getattr__(name: str):
    """`create_app` imports FastAPI, an optional extra (readout[serve]): only when asked for, so
    that `readout --help` and `readout extract` work on an install without it."""
    if name == "create_app":
        from readout.serve.app import create_app

        return create_app
    raise AttributeError(f"module 'readout.serve' has no attribute {name!r}")
