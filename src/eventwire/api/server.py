"""Running the app: a listening socket that fails in one line, a server in a thread, the example database."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from eventwire.api.connections import KEEP_ALIVE_S, GuardedH11Protocol
from eventwire.errors import EventwireError
from eventwire.examples import EXAMPLE_PUBLISHED, example_path

EXAMPLE_TITLE = "Built-in example: offensive in northwest Syria"


LISTEN_BACKLOG = 2048


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port (0 picks a free port), or an error a user can act on."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError as err:
        raise EventwireError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        # From here on a connection waits in the queue while the app starts, instead of being refused.
        sock.listen(LISTEN_BACKLOG)
    except OSError as err:
        sock.close()
        raise EventwireError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    return sock


def base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def make_server(app: FastAPI, log_level: str = "warning") -> uvicorn.Server:
    """uvicorn with bounded connections (answered in JSON past the cap), deadlines for headers and idle
    keep-alive connections, and no Server header; requests queue in the store pool, and the app itself
    limits request size."""
    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=False,
        server_header=False,
        http=GuardedH11Protocol,
        timeout_keep_alive=KEEP_ALIVE_S,
    )
    return uvicorn.Server(config)


@contextmanager
def running(app: FastAPI, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `app` on a free port in a background thread; yields its base URL. For tests and scripts."""
    sock = listen(host, 0)
    server = make_server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.01)
        yield base_url(sock)
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


def example_database(folder: Path) -> Path:
    """A SQLite database in `folder` holding the built-in example article and the events read from it."""
    from eventwire.ingest import read_file
    from eventwire.pipeline import extract_documents
    from eventwire.store import open_store
    from eventwire.store.loader import ingest_documents

    path = folder / "example.db"
    document = read_file(example_path(), published=EXAMPLE_PUBLISHED)
    with open_store(str(path)) as store:
        ingest_documents(store, [document.model_copy(update={"title": EXAMPLE_TITLE})], extract_documents)
    return path
