"""What keeps the server safe to open in a browser and to leave running.

- Request bodies are bounded: a body over `max_body_bytes` is refused (413) before the app sees
  it, whether or not it announced its length.
- Every response carries a Content-Security-Policy that runs only the server's own scripts (no
  inline script, no other origin), so text that slipped through escaping still could not run;
  with nosniff, no-referrer and no framing.
- Writes need `--allow-writes` and the bearer token, compared in constant time.

Text is escaped by the templates (Jinja2 with autoescape on) and SQL is parameterised (queries.py,
readout.store); tests/test_serve_security.py checks all of it.
"""

from __future__ import annotations

import hmac
import html
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from readout.serve.errors import Forbidden, body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)  # plotly.js sets style attributes on the SVG it draws, hence styles 'unsafe-inline'
HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413, reading at most that much of them."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            return await self._refuse(scope, send)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client left
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return await self._refuse(scope, send)
            chunks.append(chunk)
            more = message.get("more_body", False)
        replayed = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()  # after the body: wait for the disconnect as usual
            sent = True
            return replayed

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = (f"the request body is larger than {self.max_bytes:,} bytes; send a shorter "
                   "article (or start the server with a larger --max-body-bytes).")
        if scope["path"].startswith("/api"):
            content, kind = json.dumps(body(413, message)).encode(), b"application/json"
        else:
            content = f"<!doctype html><title>413</title><p>{html.escape(message)}</p>".encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(content)).encode()),
                                (b"connection", b"close"), *HEADERS]})
        await send({"type": "http.response.body", "body": content})


class SecurityHeaders:
    """Add the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


def check_token(authorization: str | None, token: str | None, writable: bool) -> None:
    """Raise Forbidden unless writes are allowed and `Authorization: Bearer <token>` matches."""
    if not writable or not token:
        raise Forbidden("this server is read-only: nothing is written to the database. Restart "
                        "it with `readout serve --allow-writes` to accept articles.")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Forbidden("writing needs the server's token: send `Authorization: Bearer TOKEN` "
                        "(printed when the server started, or READOUT_SERVE_TOKEN).", status=401)
