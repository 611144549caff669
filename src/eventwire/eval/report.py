"""Printing scores as a table and saving them as JSON."""

from __future__ import annotations

import json

import click

from eventwire.formats import write_text_atomic


def print_scores(title: str, scores: dict, json_path: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in scores.items():
        table.add_row(name, _format(value))
    Console().print(table)
    if json_path:
        write_scores(json_path, scores)


def write_scores(json_path: str, scores: dict) -> None:
    write_text_atomic(json_path, json.dumps(scores, indent=2, default=str) + "\n")
    click.echo(f"scores written to {json_path}", err=True)


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "-" if value is None else str(value)
