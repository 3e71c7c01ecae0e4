"""One error shape for the whole API, and the same message on an HTML page.

Every failure, whatever raised it, answers `{"error": {"status": 404, "code": "not_found",
"message": "..."}}` under /api/, and an error page with that message elsewhere. The message is the
library's own (it says what to do next); an unexpected exception is logged and answered with a
generic message, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from readout.errors import DataError, InputError, ModelError, ReadoutError, StoreError
from readout.serve.database import QueryTimeout
from readout.serve.views import NotFound

logger = logging.getLogger("readout.serve")

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
    422: "invalid_request", 500: "internal", 503: "unavailable",
}


class Forbidden(ReadoutError):
    """A write without the server's permission or the right token."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.status = status


def body(status: int, message: str) -> dict:
    return {"error": {"status": status, "code": CODES.get(status, "error"), "message": message}}


def status_of(error: ReadoutError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Forbidden):
        return error.status
    if isinstance(error, QueryTimeout):
        return 503
    if isinstance(error, (StoreError, InputError)):
        return 400
    if isinstance(error, (DataError, ModelError)):
        return 500
    return 400


def validation_message(error: RequestValidationError) -> str:
    """Pydantic's complaints as one line: 'limit: Input should be less than or equal to 200'."""
    parts = []
    for problem in error.errors()[:5]:
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where}: {problem.get('msg')}" if where else str(problem.get("msg")))
    return "; ".join(parts) + ". See /api/openapi.json for what each parameter accepts."


HtmlRenderer = Callable[[Request, int, str], Response]


def install(app: FastAPI, render_html: HtmlRenderer) -> None:
    """Answer every error in the one shape (JSON under /api/, an HTML page elsewhere)."""

    def answer(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/api":
            return JSONResponse(body(status, message), status_code=status)
        return render_html(request, status, message)

    @app.exception_handler(ReadoutError)
    async def readout_error(request: Request, error: ReadoutError) -> Response:
        return answer(request, status_of(error), str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        return answer(request, 422, validation_message(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) else "request refused"
        if error.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}; start at / or see /api/openapi.json."
        response = answer(request, error.status_code, message)
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        logger.exception("error answering %s %s", request.method, request.url.path)
        return answer(request, 500, "something went wrong on the server; its log has the details.")
