"""`eventwire serve`: the dashboard and the REST API over an event database, read-only."""

from __future__ import annotations

import socket
import tempfile
from contextlib import ExitStack
from pathlib import Path

import click

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WILDCARDS = {"0.0.0.0", "::", ""}


@click.command()
@click.argument("database", required=False, envvar="EVENTWIRE_DB")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    envvar="EVENTWIRE_PORT",
    type=click.IntRange(0, 65535),
    help="0 picks one (also read from EVENTWIRE_PORT).",
)
@click.option(
    "--example",
    is_flag=True,
    help="Serve the built-in example article's events (the default without DATABASE).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Another name clients reach the server by (the Host header is checked); '*' for any.",
)
def serve(database: str | None, host: str, port: int, example: bool, allow_hosts: tuple[str, ...]) -> None:
    """Serve the dashboard and the REST API over an event database, read-only.

    DATABASE is a SQLite file or a postgresql:// URL (also read from EVENTWIRE_DB). Without it, or with
    --example, the built-in example article is first read into a temporary database.
    """
    source = click.get_current_context().get_parameter_source("database")
    if example and database and source is click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("give DATABASE or --example, not both")
    with ExitStack() as stack:
        target = _example(stack) if example or not database else database
        _serve(target, host, port, stack, _host_names(host, allow_hosts))


def _example(stack: ExitStack) -> str:
    from eventwire.api.server import example_database

    click.echo("eventwire: reading the built-in example article into a temporary database", err=True)
    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="eventwire-example-"))
    return str(example_database(Path(folder)))


def _host_names(host: str, allowed: tuple[str, ...]) -> set[str]:
    """Names the server answers to besides its address: `--host` itself and `--allow-host`; listening on
    every interface, also this machine's own names."""
    names = {host, *allowed}
    if host in WILDCARDS:
        names |= {socket.gethostname(), socket.getfqdn()}
    return names


def _serve(target: str, host: str, port: int, stack: ExitStack, host_names: set[str]) -> None:
    from eventwire.api.app import create_app
    from eventwire.api.server import base_url, listen, make_server
    from eventwire.store import open_store

    with open_store(target, readonly=True) as store:
        stats = store.stats()
    app = create_app(target, allowed_hosts=host_names)
    sock = stack.enter_context(listen(host, port))
    url = base_url(sock)
    click.echo(
        f"eventwire: serving {_plural(stats.events, 'event')} from {_plural(stats.documents, 'document')} at {url}"
        f" (API reference at {url}docs); Ctrl+C stops",
        err=True,
    )
    if stats.events == 0:
        click.echo("eventwire: the database is empty; add articles with `eventwire ingest`", err=True)
    if host not in LOOPBACK:
        click.echo(
            f"eventwire: warning: {host} is reachable from other machines; there is no login", err=True
        )
    make_server(app).run(sockets=[sock])


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
