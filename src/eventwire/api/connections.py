"""What one HTTP connection may take from the server: uvicorn's HTTP/1.1 protocol with a cap on open
connections that answers in JSON.

uvicorn's own `limit_concurrency` counts every open connection and answers past it with a plain-text 503,
so 200 clients at once on a slower database got 503s although the store pool would have queued them. Here
requests queue in the pool (see StorePool) and only connections past `MAX_CONNECTIONS` are turned away,
with JSON and a Retry-After as every other error of the API.
"""

from __future__ import annotations

import asyncio
import json

from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

#: Open connections served at once; past this a new connection's request gets a 503.
MAX_CONNECTIONS = 1000
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
    """uvicorn's h11 protocol, turning away connections over `MAX_CONNECTIONS` with a JSON 503."""

    max_connections = MAX_CONNECTIONS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self.app = too_many_connections
