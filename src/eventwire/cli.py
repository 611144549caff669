"""The `eventwire` command. It only parses arguments and calls library functions; user errors become one
line on stderr and a non-zero exit code, never a traceback."""

from __future__ import annotations

import datetime as dt
import sys
from importlib import resources
from pathlib import Path

import click

from eventwire.errors import EventwireError, InputError
from eventwire.output import FORMATS, write_events


class Group(click.Group):
    """Turns the project's own errors into one line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EventwireError as err:
            click.echo(f"eventwire: error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("eventwire: interrupted", err=True)
            sys.exit(130)


@click.group(cls=Group)
@click.version_option(package_name="eventwire")
def main() -> None:
    """Turn conflict news into structured, geocoded, de-duplicated event data."""


def _parse_date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def example_path() -> Path:
    """The built-in example article shipped with the package."""
    return Path(str(resources.files("eventwire.examples").joinpath("northwest-offensive.txt")))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--input",
    "input_path",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON Lines of documents: {id, text, published?, title?, url?, source?}.",
)
@click.option(
    "--output", "output_path", type=click.Path(dir_okay=False), help="Write here instead of stdout."
)
@click.option("--published", callback=_parse_date, help="Publication date (YYYY-MM-DD) of the files given.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="table (default on a terminal), json, jsonl (default otherwise) or csv.",
)
@click.option("--example", is_flag=True, help="Run on the built-in example article (published 2024-12-02).")
@click.option("--country", help="ISO2 country to prefer when an article does not make it clear.")
def extract(files, input_path, output_path, published, fmt, example, country) -> None:
    """Extract events from news articles (.txt, .html, or JSON Lines with --input)."""
    from eventwire.ingest import iter_documents
    from eventwire.pipeline import extract_documents
    from eventwire.settings import Settings

    paths = list(files) + ([input_path] if input_path else [])
    if example:
        paths.append(str(example_path()))
        published = published or dt.date(2024, 12, 2)
    if not paths:
        raise InputError("give FILE(s), --input docs.jsonl or --example")
    problems: list[str] = []
    documents = list(iter_documents(paths, published=published, on_error=problems.append))
    for problem in problems:
        click.echo(f"eventwire: skipped: {problem}", err=True)
    undated = [d.id for d in documents if d.published is None]
    if undated:
        click.echo(
            f"eventwire: warning: no publication date for {', '.join(undated[:5])}"
            f"{' ...' if len(undated) > 5 else ''}; relative dates are left coarse (use --published)",
            err=True,
        )
    settings = Settings(country_hint=country.upper() if country else None)
    events = [event for doc_events in extract_documents(documents, settings) for event in doc_events]
    fmt = fmt or ("table" if output_path is None and sys.stdout.isatty() else "jsonl")
    write_events(events, fmt, output_path)
    if problems and not documents:
        sys.exit(InputError.exit_code)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the event record."""
    import json

    from eventwire.model import Event

    click.echo(json.dumps(Event.model_json_schema(), indent=2))


@main.group(name="eval")
def eval_group() -> None:
    """Score the extractor against gold data (ACLED exports, geoparsing corpora)."""


@eval_group.command(name="acled")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N rows.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the scores as JSON.")
def eval_acled(path: str, limit: int | None, json_path: str | None) -> None:
    """Score on an ACLED CSV export (any schema version): text = notes."""
    from eventwire.eval.acled import score_acled
    from eventwire.eval.report import print_scores

    print_scores(f"ACLED {Path(path).name}", score_acled(path, limit=limit), json_path)


@eval_group.command(name="geoparse")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the scores as JSON.")
def eval_geoparse(path: str, limit: int | None, json_path: str | None) -> None:
    """Score toponym recognition and resolution on an LGL or GeoWebNews XML file."""
    from eventwire.eval.geoparse import run_geoparse_eval
    from eventwire.eval.report import print_scores

    print_scores(f"geoparsing {Path(path).name}", run_geoparse_eval(path, limit=limit), json_path)


def _register_store_commands() -> None:
    from eventwire.store.commands import export, ingest

    main.add_command(ingest)
    main.add_command(export)


_register_store_commands()
