"""`eventwire ingest` (articles into an event database) and `eventwire export` (merged events out of it)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator

import click

from eventwire.cli.options import check_one_place, parse_published, where_to_extract
from eventwire.errors import EventwireError, InputError
from eventwire.formats import EXPORT_FORMATS, FORMATS, check_writable
from eventwire.model import Document
from eventwire.parallel import Outcome
from eventwire.store import DEFAULT_DATABASE, EventFilter, open_store
from eventwire.store.loader import BatchExtractor, IngestCounts, ingest_documents

DATABASE_HELP = (
    f"SQLite file, or a postgresql:// URL (also read from EVENTWIRE_DB; default {DEFAULT_DATABASE});"
    " may also be given as the first argument."
)
# What names a database rather than a document: a file of these suffixes or a database URL.
DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _database_option(function):
    return click.option("--db", "database", envvar="EVENTWIRE_DB", help=DATABASE_HELP)(function)


def names_a_database(argument: str) -> bool:
    """Whether a command-line argument is a database: a URL, a file ending .db/.sqlite/.sqlite3 or an
    existing SQLite file. No document is any of these, so `ingest events.db FILES` cannot be ambiguous."""
    if "://" in argument:
        return True
    if argument.lower().endswith(DATABASE_SUFFIXES):
        return True
    try:
        with open(argument, "rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def choose_database(option: str | None, positional: str | None) -> str:
    """The database from `--db` (or EVENTWIRE_DB) or the first argument; both given must agree."""
    if option and positional and option != positional:
        raise click.UsageError(f"two databases given: {positional} and --db {option}; give one")
    return positional or option or DEFAULT_DATABASE


def _extractor(workers: int, dask_scheduler: str | None, dask_local: int | None) -> BatchExtractor:
    """Extraction here, on `workers` processes or on Dask; a failed document is an `Outcome` with an error."""
    from eventwire.parallel import extract_outcomes
    from eventwire.settings import DEFAULT_SETTINGS

    def extract(documents: Iterable[Document]) -> Iterator[Outcome]:
        return extract_outcomes(documents, DEFAULT_SETTINGS, workers, dask_scheduler, dask_local)

    return extract


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="[DATABASE] INPUTS...")
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

    The database is --db or the first argument when it names one (events.db, x.sqlite, a
    postgresql:// URL, an existing SQLite file): `ingest events.db a.txt` = `ingest a.txt --db events.db`.

    Documents already stored (same URL or same text) are skipped; a document whose text changed replaces
    its events. Events reported by several articles are merged into one. Safe to interrupt and re-run.
    """
    from eventwire.ingest import count_documents, distinct_ids, iter_documents
    from eventwire.progress import progress_bar

    check_one_place(workers, dask_scheduler, dask_local)
    first = inputs[0] if names_a_database(inputs[0]) else None
    if first and len(inputs) == 1:
        raise click.UsageError(f"no files to read into {first}: give them after it")
    database = choose_database(database, first)
    inputs = inputs[1:] if first else inputs
    problems: list[str] = []

    def report_problem(message: str) -> None:
        problems.append(message)
        click.echo(f"eventwire: skipped {message}", err=True)

    def report_failure(doc: Document, reason: str) -> None:
        click.echo(f"eventwire: failed: {doc.id}: {reason}", err=True)

    with open_store(database) as store:
        documents = distinct_ids(
            iter_documents(list(inputs), published=published, on_error=report_problem),
            lambda warning: click.echo(f"eventwire: warning: {warning}", err=True),
        )
        show = sys.stderr.isatty() if progress is None else progress
        with progress_bar(count_documents(list(inputs)) if show else None, show) as advance:
            counts = ingest_documents(
                store,
                documents,
                _extractor(workers, dask_scheduler, dask_local),
                on_document=lambda _doc, _status: advance(),
                on_failure=report_failure,
            )
        merged = store.stats().events
    click.echo(_summary(counts, len(problems), merged), err=True)
    if problems:
        raise InputError(f"{len(problems)} input(s) could not be read")
    if counts.failed:
        raise EventwireError(f"{counts.failed} document(s) failed extraction; run again to retry them")


def _summary(counts: IngestCounts, unreadable: int, total: int) -> str:
    return (
        f"{counts.documents} documents: {counts.added} added, {counts.replaced} replaced, "
        f"{counts.skipped} already stored, {counts.failed} failed, {unreadable} unreadable; "
        f"{counts.events} events read, {total} merged events in the database"
    )


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
@click.argument("positional_database", metavar="[DATABASE]", required=False)
@_database_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="acled-csv",
    show_default=True,
    help="; ".join(f"{name}: {FORMATS[name].description}" for name in EXPORT_FORMATS) + ".",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.option("--since", callback=_date, help="First event date, YYYY-MM-DD.")
@click.option("--until", callback=_date, help="Last event date, YYYY-MM-DD.")
@click.option("--country", help="ISO2 code or country name.")
@click.option("--event-type", help='ACLED event type, e.g. "Battles".')
@click.option("--bbox", callback=_bbox, help="minlon,minlat,maxlon,maxlat")
@click.option(
    "--min-geo-precision",
    type=click.IntRange(1, 3),
    help="Keep only events located at least this precisely: 1 the town itself, 2 also near a town or a"
    " district, 3 everything (regions and country centroids too).",
)
@click.option(
    "--typology",
    type=click.Choice(["all", "acled", "plover"]),
    default="all",
    show_default=True,
    help="Which events: with an ACLED type, typed in PLOVER only, or all (acled-csv holds ACLED's only).",
)
def export(
    positional_database: str | None,
    database: str | None,
    fmt: str,
    output: str | None,
    since: dt.date | None,
    until: dt.date | None,
    country: str | None,
    event_type: str | None,
    bbox: tuple[float, float, float, float] | None,
    min_geo_precision: int | None,
    typology: str,
) -> None:
    """Write merged events as ACLED-compatible CSV, GeoJSON, Parquet or JSON Lines.

    DATABASE (or --db) is a SQLite file or a postgresql:// URL."""
    from eventwire.export import AcledGaps, export_events

    database = choose_database(database, positional_database)
    if output is None and FORMATS[fmt].binary and sys.stdout.isatty():
        raise InputError(f"{fmt} is binary: give --output FILE or redirect stdout")
    if output is not None:
        check_writable(output)
    precisions = tuple(range(1, min_geo_precision + 1)) if min_geo_precision else None
    filters = EventFilter(
        since=since, until=until, country=country, event_type=event_type, bbox=bbox, geo_precisions=precisions
    )
    left_out = AcledGaps()
    with open_store(database, readonly=True) as store:
        count = export_events(store.iter_events(filters), fmt, output, left_out)
    if left_out:
        click.echo(
            f"eventwire: warning: {sum(left_out.values())} event(s) left out of the ACLED CSV, which codes"
            f" only dated events with a first actor: {left_out.summary()}",
            err=True,
        )
    if output is not None:
        click.echo(f"{count} events written to {output}", err=True)
