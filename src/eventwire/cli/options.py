"""Command-line options shared by `extract` and `ingest`: where the extraction runs, the publication date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import click


def where_to_extract(command: Callable) -> Callable:
    """`--workers N`, `--dask-scheduler ADDRESS` and `--dask-local N`, at most one of them."""
    options = [
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=1,
            show_default=True,
            help="Processes to extract with on this machine (each loads the model once).",
        ),
        click.option(
            "--dask-scheduler", metavar="ADDRESS", help="Extract on the Dask cluster of this scheduler."
        ),
        click.option(
            "--dask-local",
            type=click.IntRange(min=1),
            metavar="N",
            help="Extract on a new local Dask cluster of N workers.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def check_one_place(workers: int, dask_scheduler: str | None, dask_local: int | None) -> None:
    """Refuse two places at once: the user meant one of them, and guessing which would surprise."""
    if sum([workers > 1, dask_scheduler is not None, dask_local is not None]) > 1:
        raise click.UsageError("choose one of --workers, --dask-scheduler and --dask-local")


def parse_published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """`--published`, checked as `eventwire.extract` checks its `published` (see `published_date`)."""
    from eventwire.errors import InputError
    from eventwire.ingest.text import published_date

    try:
        return published_date(value)
    except InputError as err:
        raise click.BadParameter(str(err)) from None
