"""Limits on what a request may carry, and headers that keep the dashboard from loading anything remote.

The API only reads, so a large URL or any sizeable body is a mistake or an attack; both are refused before
routing. The content security policy lets pages fetch and run only what this server itself serves.

The Host header must name this server: a web page elsewhere can make its own name resolve to 127.0.0.1
("DNS rebinding") and then read a local server as if it were its own site; the browser still sends that
name as the Host, so the request is refused. HEAD is answered as GET without the body, for every page.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_URL_BYTES = 4096
MAX_BODY_BYTES = 16 * 1024
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
    " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


# Names every loopback address answers to; accepted from a client that reached a loopback address.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


class RequestGuard:
    """ASGI middleware: refuse oversized requests and foreign Host headers, answer HEAD, add the security
    headers to every response. `allowed_hosts` are names this server is reached by besides its address
    (and, on loopback, `localhost`); "*" accepts any."""

    def __init__(
        self,
        app: ASGIApp,
        max_url: int = MAX_URL_BYTES,
        max_body: int = MAX_BODY_BYTES,
        allowed_hosts: Iterable[str] = (),
    ) -> None:
        self.app = app
        self.max_url = max_url
        self.max_body = max_body
        self.allowed_hosts = frozenset(host.lower().strip("[]") for host in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        refusal = self._refusal(scope)
        if refusal is None:
            await self.app(scope, receive, send_with_headers)
        else:
            await _refuse(send_with_headers, *refusal)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        host = _host_name(dict(scope["headers"]).get(b"host"))
        if host is not None and not self._serves(host, scope.get("server")):
            return 400, f"this server does not answer to the host name {host!r}"
        url_bytes = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
        if url_bytes > self.max_url:
            return 414, f"the URL is {url_bytes} bytes; the limit is {self.max_url}"
        headers = dict(scope["headers"])
        if b"chunked" in headers.get(b"transfer-encoding", b"").lower():
            return 411, "a request body must declare its Content-Length"
        length = headers.get(b"content-length", b"0")
        if not length.isdigit():
            return 400, "Content-Length is not a number"
        if int(length) > self.max_body:
            return 413, f"the request body is {int(length)} bytes; the limit is {self.max_body}"
        return None

    def _serves(self, host: str, server: tuple[str, int | None] | None) -> bool:
        """Whether `host` names this server, reached at the local address `server`."""
        if "*" in self.allowed_hosts or host in self.allowed_hosts:
            return True
        local = server[0].lower() if server else None
        return host == local or (host in LOOPBACK_NAMES and _loopback(local))


def _host_name(raw: bytes | None) -> str | None:
    """The name in a Host header, without port, brackets or trailing dot; None when there is none."""
    if raw is None:
        return None
    host = raw.decode("latin-1").strip().lower()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host[1:]
    elif host.count(":") == 1:
        host = host.split(":")[0]
    return host.rstrip(".")


def _loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message, "errors": []}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
