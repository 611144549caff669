"""The `ingest` and `export` commands (registered into the `eventwire` group by eventwire.cli)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext

import click

from eventwire.cli_options import check_one_place, parse_published, where_to_extract
from eventwire.errors import EventwireError, InputError
from eventwire.model import Document
from eventwire.parallel import Outcome
from eventwire.store import DEFAULT_DATABASE, EventFilter, open_store
from eventwire.store.loader import BatchExtractor, IngestCounts, ingest_documents

DATABASE_HELP = "SQLite file, or a postgresql:// URL (also read from EVENTWIRE_DB)."


def _database_option(function):
    return click.option(
        "--db",
        "database",
        default=DEFAULT_DATABASE,
        show_default=True,
        envvar="EVENTWIRE_DB",
        help=DATABASE_HELP,
    )(function)


def _fail(err: EventwireError) -> None:
    """One line and the error's exit code, whether or not the group around us does the same."""
    click.echo(f"eventwire: error: {err}", err=True)
    sys.exit(err.exit_code)


def _extractor(workers: int, dask_scheduler: str | None, dask_local: int | None) -> BatchExtractor:
    """Extraction here, on `workers` processes or on Dask; a failed document is an `Outcome` with an error."""
    from eventwire.parallel import extract_outcomes
    from eventwire.settings import DEFAULT_SETTINGS

    def extract(documents: Iterable[Document]) -> Iterator[Outcome]:
        return extract_outcomes(documents, DEFAULT_SETTINGS, workers, dask_scheduler, dask_local)

    return extract


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@_database_option
@click.option(
    "--published",
    callback=parse_published,
    help="Publication date (YYYY-MM-DD) of the text and HTML files given (JSON Lines carry their own).",
)
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal)."
)
@where_to_extract
def ingest(
    inputs: tuple[str, ...],
    database: str,
    published: dt.date | None,
    progress: bool | None,
    workers: int,
    dask_scheduler: str | None,
    dask_local: int | None,
) -> None:
    """Read files, folders, JSONL, Parquet and RSS/Atom feeds into the event database; - is standard
    input (JSON Lines, or one article).

    Documents already stored (same URL or same text) are skipped; a document whose text changed replaces
    its events. Events reported by several articles are merged into one. Safe to interrupt and re-run.
    """
    from eventwire.ingest import distinct_ids, iter_documents

    check_one_place(workers, dask_scheduler, dask_local)
    problems: list[str] = []

    def report_problem(message: str) -> None:
        problems.append(message)
        click.echo(f"eventwire: skipped {message}", err=True)

    def report_failure(doc: Document, reason: str) -> None:
        click.echo(f"eventwire: failed: {doc.id}: {reason}", err=True)

    try:
        with open_store(database) as store:
            documents = distinct_ids(
                iter_documents(list(inputs), published=published, on_error=report_problem),
                lambda warning: click.echo(f"eventwire: warning: {warning}", err=True),
            )
            show = sys.stderr.isatty() if progress is None else progress
            with _progress(show) as advance:
                counts = ingest_documents(
                    store,
                    documents,
                    _extractor(workers, dask_scheduler, dask_local),
                    on_document=lambda _doc, _status: advance(),
                    on_failure=report_failure,
                )
            total = store.stats().events
    except EventwireError as err:
        _fail(err)
    click.echo(_summary(counts, len(problems), total), err=True)
    if problems:
        _fail(InputError(f"{len(problems)} input(s) could not be read"))
    if counts.failed:
        _fail(EventwireError(f"{counts.failed} document(s) failed extraction; run again to retry them"))


def _summary(counts: IngestCounts, unreadable: int, total: int) -> str:
    return (
        f"{counts.documents} documents: {counts.added} added, {counts.replaced} replaced, "
        f"{counts.skipped} already stored, {counts.failed} failed, {unreadable} unreadable; "
        f"{counts.events} events read, {total} merged events in the database"
    )


def _progress(show: bool):
    """A context giving an `advance()` callable: a rich progress bar on stderr, or nothing."""
    if not show:
        return nullcontext(lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    return _RichProgress(
        Progress(
            SpinnerColumn(),
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
        )
    )


class _RichProgress:
    def __init__(self, progress) -> None:
        self.progress = progress

    def __enter__(self):
        self.progress.start()
        task = self.progress.add_task("documents", total=None)
        return lambda: self.progress.advance(task)

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _bbox(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(part) for part in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise click.BadParameter(f"{value!r} is not minlon,minlat,maxlon,maxlat")
    return parts


@click.command()
@_database_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["acled-csv", "geojson", "parquet", "jsonl"]),
    default="acled-csv",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.option("--since", callback=_date, help="First event date, YYYY-MM-DD.")
@click.option("--until", callback=_date, help="Last event date, YYYY-MM-DD.")
@click.option("--country", help="ISO2 code or country name.")
@click.option("--event-type", help='ACLED event type, e.g. "Battles".')
@click.option("--bbox", callback=_bbox, help="minlon,minlat,maxlon,maxlat")
def export(
    database: str,
    fmt: str,
    output: str | None,
    since: dt.date | None,
    until: dt.date | None,
    country: str | None,
    event_type: str | None,
    bbox: tuple[float, float, float, float] | None,
) -> None:
    """Write merged events as ACLED-compatible CSV, GeoJSON, Parquet or JSON Lines."""
    from eventwire.export import export_events

    if output is None and fmt == "parquet" and sys.stdout.isatty():
        _fail(InputError("parquet is binary: give --output FILE or redirect stdout"))
    try:
        filters = EventFilter(since=since, until=until, country=country, event_type=event_type, bbox=bbox)
        with open_store(database, readonly=True) as store:
            count = export_events(store.iter_events(filters), fmt, output, sys.stdout.buffer)
    except EventwireError as err:
        _fail(err)
    if output is not None:
        click.echo(f"{count} events written to {output}", err=True)
