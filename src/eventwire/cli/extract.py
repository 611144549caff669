"""`eventwire extract` (articles in, events out, no database) and `eventwire schema`."""

from __future__ import annotations

import sys

import click

from eventwire.cli.options import check_one_place, parse_published, where_to_extract
from eventwire.errors import EventwireError, InputError
from eventwire.examples import EXAMPLE_PUBLISHED, example_path
from eventwire.formats import EXTRACT_FORMATS, FORMATS, check_writable
from eventwire.output import TYPOLOGIES, in_typology, write_events
from eventwire.progress import progress_bar


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--input",
    "input_path",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
    help="JSON Lines or Parquet (.parquet) of documents: {id, text, published?, title?, url?, source?};"
    " - reads standard input.",
)
@click.option(
    "--output", "output_path", type=click.Path(dir_okay=False), help="Write here instead of stdout."
)
@click.option(
    "--published", callback=parse_published, help="Publication date (YYYY-MM-DD) of the files given."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXTRACT_FORMATS),
    default=None,
    help="; ".join(f"{name}: {FORMATS[name].description}" for name in EXTRACT_FORMATS)
    + ". Default: table on a terminal, else jsonl.",
)
@click.option("--example", is_flag=True, help="Run on the built-in example article (published 2024-12-02).")
@click.option("--country", help="ISO2 country to prefer when an article does not make it clear.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Leave out events less likely than this to be right (their confidence).",
)
@click.option(
    "--all",
    "emit_all",
    is_flag=True,
    help="Also emit what is not a new incident (background, cumulative, generic, hypothetical, denied, "
    "out of scope), each marked with its status.",
)
@click.option(
    "--typology",
    type=click.Choice(TYPOLOGIES),
    default="all",
    show_default=True,
    help="Which events: those with an ACLED type (acled), those typed in PLOVER only, outside ACLED's"
    " scope such as talks and statements (plover), or all.",
)
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal)."
)
@where_to_extract
def extract(
    files,
    input_path,
    output_path,
    published,
    fmt,
    example,
    country,
    min_confidence,
    emit_all,
    typology,
    progress,
    workers,
    dask_scheduler,
    dask_local,
) -> None:
    """Extract events from news articles (.txt, .html, or JSON Lines / Parquet with --input).

    A FILE of - is standard input: JSON Lines when it starts with a JSON object, else one article."""
    from eventwire.ingest import distinct_ids, iter_documents
    from eventwire.settings import Settings

    check_one_place(workers, dask_scheduler, dask_local)
    paths = list(files) + ([input_path] if input_path else [])
    if example:
        paths.append(str(example_path()))
        published = published or EXAMPLE_PUBLISHED
    if not paths:
        raise InputError("give FILE(s), --input docs.jsonl or --example")
    if output_path is not None:
        check_writable(output_path)
    problems: list[str] = []
    warnings: list[str] = []
    read = iter_documents(paths, published=published, on_error=problems.append)
    documents = list(distinct_ids(read, warnings.append))
    for problem in problems:
        click.echo(f"eventwire: skipped: {problem}", err=True)
    for warning in warnings:
        click.echo(f"eventwire: warning: {warning}", err=True)
    undated = [d.id for d in documents if d.published is None]
    if undated:
        click.echo(
            f"eventwire: warning: no publication date for {', '.join(undated[:5])}"
            f"{' ...' if len(undated) > 5 else ''}; relative dates are left coarse (use --published)",
            err=True,
        )
    settings = Settings(
        country_hint=country.upper() if country else None, emit_all=emit_all, min_confidence=min_confidence
    )
    with progress_bar(len(documents), progress) as advance:
        events, failed = _extract_all(documents, settings, (workers, dask_scheduler, dask_local), advance)
    events = [event for event in events if in_typology(event, typology)]
    fmt = fmt or ("table" if output_path is None and sys.stdout.isatty() else "jsonl")
    write_events(events, fmt, output_path)
    if problems:
        sys.exit(InputError.exit_code)
    if failed:
        sys.exit(EventwireError.exit_code)


def _extract_all(documents, settings, where: tuple, advance):
    """Every document's events in input order, and how many documents failed (each said on stderr);
    `where` is (workers, dask_scheduler, dask_local), `advance()` is called after each document."""
    from eventwire.parallel import extract_outcomes

    events, failed = [], 0
    for outcome in extract_outcomes(documents, settings, *where):
        advance()
        if outcome.error is not None:
            click.echo(f"eventwire: failed: {outcome.doc_id}: {outcome.error}", err=True)
            failed += 1
        events.extend(outcome.events)
    return events, failed


@click.command()
def schema() -> None:
    """Print the JSON Schema of the event record."""
    import json

    from eventwire.model import Event

    click.echo(json.dumps(Event.model_json_schema(), indent=2))
