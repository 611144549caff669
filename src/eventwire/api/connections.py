"""What one HTTP connection may take from the server: uvicorn's HTTP/1.1 protocol with a cap on open
connections that answers in JSON, and a deadline for a request's headers.

uvicorn's own `limit_concurrency` counts every open connection and answers past it with a plain-text 503,
so 200 clients at once on a slower database got 503s although the store pool would have queued them. Here
requests queue in the pool (see StorePool) and only connections past `MAX_CONNECTIONS` are turned away,
with JSON and a Retry-After as every other error of the API.

uvicorn has a keep-alive timeout but no deadline for headers, and any byte received cancels its keep-alive
timer: a client sending its headers a byte at a time ("slowloris") held its connection for good, and 200
of them locked everyone else out. Here a request's headers must arrive whole within `HEADER_TIMEOUT_S` of
the connection opening or of the previous response, however they trickle in.
"""

from __future__ import annotations

import asyncio
import json

from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

#: Open connections served at once; past this a new connection's request gets a 503.
MAX_CONNECTIONS = 1000
#: Seconds a client has to send a request's headers (from connecting, or from the previous response).
HEADER_TIMEOUT_S = 10.0
#: Seconds an idle keep-alive connection is kept open for the client's next request.
KEEP_ALIVE_S = 5
#: Seconds a turned-away client is asked to wait before trying again.
RETRY_AFTER_S = 1


def busy_response(detail: str) -> tuple[bytes, dict[str, str]]:
    """The body and headers of a 503 that asks the client to come back: JSON like every API error."""
    body = json.dumps({"detail": detail, "errors": []}).encode()
    return body, {"content-type": "application/json", "retry-after": str(RETRY_AFTER_S)}


async def too_many_connections(scope: Scope, receive: Receive, send: Send) -> None:
    """The ASGI app a connection over the cap is answered by; the connection is then closed."""
    body, headers = busy_response(f"the server has {MAX_CONNECTIONS} connections open; try again shortly")
    raw = [(name.encode(), value.encode()) for name, value in headers.items()]
    raw += [(b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": 503, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, turning away connections over `max_connections` with a JSON 503 and
    closing a connection whose request headers take longer than `header_timeout` seconds."""

    max_connections = MAX_CONNECTIONS
    header_timeout = HEADER_TIMEOUT_S
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self.app = too_many_connections
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_header_timer()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle:  # a request's headers arrived whole
            self._stop_header_timer()

    def on_response_complete(self) -> None:
        # Before uvicorn's own handling, which may already parse a pipelined next request.
        self._await_headers()
        super().on_response_complete()

    def _await_headers(self) -> None:
        self._stop_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _stop_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()
