"""`readout serve`: the web app and JSON API over a database, on this machine, read-only.

Parses the options (declared once in readout.serve.config), builds the app, runs it with uvicorn.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from readout.cli import EXIT_OK
from readout.errors import ReadoutError
from readout.cli.store import DEFAULT_DB

TOKEN_VARIABLE = "READOUT_SERVE_TOKEN"


def register(subparsers: argparse._SubParsersAction) -> None:
    from readout.serve.config import help_for

    parser = subparsers.add_parser(
        "serve", help="browse a database in a web browser, with a JSON API",
        description="Serve a readout database as web pages (overview, event timeline, actors, "
                    "country pairs, network, quote search, articles with their evidence, try it) "
                    "and a JSON API (/api/openapi.json). Read-only, on 127.0.0.1, unless told "
                    "otherwise.",
    )
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=help_for("db"))
    parser.add_argument("--host", default="127.0.0.1", metavar="ADDRESS", help=help_for("host"))
    parser.add_argument("--port", type=int, default=8000, metavar="N", help=help_for("port"))
    parser.add_argument("--allow-writes", action="store_true", help=help_for("allow_writes"))
    parser.add_argument("--max-body-bytes", type=int, default=256_000, metavar="N",
                        help=help_for("max_body_bytes"))
    parser.add_argument("--max-query-ms", type=int, default=3_000, metavar="N",
                        help=help_for("max_query_ms"))
    parser.add_argument("--threads", type=int, default=8, metavar="N", help=help_for("threads"))
    parser.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from readout.serve import ServeConfig, create_app
    except ModuleNotFoundError as error:
        raise ReadoutError(
            f"readout serve needs the web extra ({error.name} is not installed): "
            f"pip install 'readout[serve]'") from None

    token = None
    if args.allow_writes:
        token = os.environ.get(TOKEN_VARIABLE) or secrets.token_urlsafe(24)
    config = ServeConfig(db=Path(args.db), host=args.host, port=args.port,
                         allow_writes=args.allow_writes, token=token,
                         max_body_bytes=args.max_body_bytes, max_query_ms=args.max_query_ms,
                         threads=args.threads)
    app = create_app(config)  # refuses a missing or unreadable database with the store's message
    mode = "read-write (POST /api/articles with the token)" if token else "read-only"
    print(f"readout: serving {config.db} at http://{_host(config.host)}:{config.port}/ ({mode}); "
          "Ctrl-C stops.", file=sys.stderr)
    if token and not os.environ.get(TOKEN_VARIABLE):
        print(f"readout: write token: {token}  (set {TOKEN_VARIABLE} to choose it)", file=sys.stderr)
    if not config.loopback:
        print(f"readout: warning: {config.host} answers other machines too; anyone who can reach "
              "it can read the database.", file=sys.stderr)
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning",
                access_log=False, server_header=False)
    return EXIT_OK


def _host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
