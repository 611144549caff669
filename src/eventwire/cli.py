"""The `eventwire` command. It only parses arguments and calls library functions; user errors become one
line on stderr and a non-zero exit code, never a traceback."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
from importlib import resources
from pathlib import Path

import click

from eventwire.cli_options import check_one_place, parse_published, where_to_extract
from eventwire.errors import EventwireError, InputError
from eventwire.output import FORMATS, TYPOLOGIES, check_writable, in_typology, write_atomic, write_events
from eventwire.progress import progress_bar

# sysexits.h EX_SOFTWARE: eventwire itself failed, not the user's input.
INTERNAL_ERROR = 70

# Commands living in other modules, imported only when named: `eventwire extract` then never loads the web
# server's or the databases' dependencies, which would cost more than a second of start-up.
LAZY_COMMANDS = {
    "ingest": "eventwire.store.commands:ingest",
    "export": "eventwire.store.commands:export",
    "serve": "eventwire.api.commands:serve",
}


class Group(click.Group):
    """Turns the project's own errors into one line and an exit code; loads `LAZY_COMMANDS` on use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, name = LAZY_COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EventwireError as err:
            click.echo(f"eventwire: error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("eventwire: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `eventwire extract ... | head`: the reader left, which is not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:  # a bug: still one line, and the traceback when asked for
            if os.environ.get("EVENTWIRE_DEBUG"):
                raise
            reason = (str(err).strip().splitlines() or [""])[0]
            click.echo(
                f"eventwire: internal error: {type(err).__name__}: {reason}"
                " (set EVENTWIRE_DEBUG=1 to see the traceback)",
                err=True,
            )
            sys.exit(INTERNAL_ERROR)


@click.group(cls=Group)
@click.version_option(package_name="eventwire")
def main() -> None:
    """Turn conflict news into structured, geocoded, de-duplicated event data."""


def example_path() -> Path:
    """The built-in example article shipped with the package."""
    return Path(str(resources.files("eventwire.examples").joinpath("northwest-offensive.txt")))


@main.command()
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
    type=click.Choice(FORMATS),
    default=None,
    help="table (default on a terminal), json, jsonl (default otherwise) or csv.",
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
        published = published or dt.date(2024, 12, 2)
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


@main.command()
def schema() -> None:
    """Print the JSON Schema of the event record."""
    import json

    from eventwire.model import Event

    click.echo(json.dumps(Event.model_json_schema(), indent=2))


@main.group(name="eval")
def eval_group() -> None:
    """Score the extractor against gold data (ACLED exports, whole articles, MUC-4, geoparsing corpora)."""


@eval_group.command(name="acled")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N rows.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the scores as JSON.")
@click.option(
    "--type-model",
    type=click.Path(exists=True, file_okay=False),
    help="Folder of a type model from `eventwire train types` (default: the shipped model).",
)
def eval_acled(path: str, limit: int | None, json_path: str | None, type_model: str | None) -> None:
    """Score on an ACLED CSV export (any schema version): text = notes."""
    from eventwire.eval.acled import score_acled
    from eventwire.eval.report import print_scores
    from eventwire.settings import Settings

    if json_path:
        check_writable(json_path)
    settings = Settings(type_model=type_model)
    print_scores(f"ACLED {Path(path).name}", score_acled(path, limit=limit, settings=settings), json_path)


@eval_group.command(name="articles")
@click.argument("gold_path", metavar="GOLD.yaml", type=click.Path(exists=True, dir_okay=False))
@click.argument("docs_path", metavar="DOCS.jsonl", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--set",
    "more_sets",
    nargs=2,
    multiple=True,
    metavar="GOLD.yaml DOCS.jsonl",
    type=click.Path(exists=True, dir_okay=False),
    help="Another set to score; the scores are then given per set and pooled over all.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N documents of each set.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the scores as JSON.")
@click.option("--details", is_flag=True, help="Print each article's predicted and gold events side by side.")
@click.option(
    "--part",
    type=click.Choice(["held", "fit"]),
    help="Score only the held-out third of each set's documents (split by id), or the other two thirds.",
)
def eval_articles(
    gold_path: str,
    docs_path: str,
    more_sets: tuple[tuple[str, str], ...],
    limit: int | None,
    json_path: str | None,
    details: bool,
    part: str | None,
) -> None:
    """Score on whole news articles against hand-coded ACLED events (gold YAML + documents JSONL).

    With several sets the JSON holds the pooled scores at the top and each set's under "sets"."""
    from eventwire.eval.articles import combined_scores, evaluate_set, scores, set_name
    from eventwire.eval.details import format_article
    from eventwire.eval.report import print_scores, write_scores

    if json_path:
        check_writable(json_path)
    results, names = [], set()
    for gold, docs in [(gold_path, docs_path), *more_sets]:
        name = set_name(gold)
        while name in names:
            name += "+"
        names.add(name)
        results.append(evaluate_set(gold, docs, limit=limit, name=name, part=part))
    if details:
        for result in results:
            for article in result.articles:
                click.echo(format_article(article) + "\n")
    for result in results:
        print_scores(f"articles {result.name}", scores(result.tally))
    combined = combined_scores(results)
    if len(results) > 1:
        print_scores("articles pooled", {k: v for k, v in combined.items() if k != "sets"})
    if json_path:
        write_scores(json_path, combined)


@eval_group.command(name="muc4")
@click.argument("key_path", metavar="KEYFILE", type=click.Path(exists=True))
@click.argument("text_path", metavar="TEXTFILE", type=click.Path(exists=True))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N messages.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the scores as JSON.")
@click.option(
    "--details", is_flag=True, help="Print each message's predicted events and templates side by side."
)
def eval_muc4(key_path: str, text_path: str, limit: int | None, json_path: str | None, details: bool) -> None:
    """Score on MUC-4 messages against their answer keys (upper-case text: report apart from news).

    KEYFILE and TEXTFILE may be folders: every key file, or every message file, in it is read."""
    from eventwire.eval.details import format_message
    from eventwire.eval.muc4 import MucTally, evaluate_muc4, muc_scores
    from eventwire.eval.report import print_scores

    if json_path:
        check_writable(json_path)
    results = evaluate_muc4([key_path], [text_path], limit=limit)
    if details:
        for result in results:
            click.echo(format_message(result) + "\n")
    tally = sum((r.tally for r in results), MucTally())
    print_scores(f"MUC-4 {Path(text_path).name}", muc_scores(tally), json_path)


@main.group(name="train")
def train_group() -> None:
    """Train the learned components from coded data given on the command line."""


@train_group.command(name="types")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the models into (the package's data folder to ship them).",
)
@click.option("--min-df", default=2, show_default=True, help="Keep features seen in at least this many rows.")
@click.option("--strength", default=16.0, show_default=True, help="Inverse L2 penalty of the regression.")
@click.option(
    "--plover-labels",
    type=click.Path(exists=True, dir_okay=False),
    help="Hand-labelled PLOVER sentences (references); their train split joins the PLOVER head's data.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Development data folder the labelled sentences are rebuilt from (with --plover-labels).",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to keep the encoder's vectors of the training texts in, for the next training.",
)
@click.option("--words-only", is_flag=True, help="Train the word model only, not the encoder heads.")
def train_types(
    paths: tuple[str, ...],
    out_dir: Path,
    min_df: int,
    strength: float,
    plover_labels: str | None,
    data_dir: str | None,
    cache: Path | None,
    words_only: bool,
) -> None:
    """Train the type models on ACLED exports: the word model and the encoder heads (sub-event type,
    PLOVER type and mode). Old-typology rows are skipped, except those naming a rare type outright."""
    from dataclasses import replace

    from eventwire.train import coded_rows, train_encoder_heads, train_type_model, training_examples

    if plover_labels and not data_dir:
        raise click.UsageError("--plover-labels needs --data, the folder its sentences are rebuilt from")
    rows = coded_rows(paths)
    model = train_type_model([r.text for r in rows], [r.sub_event_type for r in rows], min_df, strength)
    if not words_only:
        examples = training_examples(plover_labels, data_dir)
        model = replace(model, heads=train_encoder_heads(rows, examples, cache=cache))
    model.save(out_dir)
    heads = "" if words_only else ", encoder heads"
    click.echo(
        f"trained on {len(rows)} rows, {len(model.vocabulary)} features, {len(model.labels)} types{heads} -> {out_dir}"
    )


@train_group.command(name="confidence")
@click.option(
    "--articles",
    "article_sets",
    nargs=2,
    multiple=True,
    metavar="GOLD.yaml DOCS.jsonl",
    type=click.Path(exists=True, dir_okay=False),
    help="A set of coded whole articles (eval articles format); repeat for more.",
)
@click.option(
    "--acled",
    "acled_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="An ACLED export whose notes and rows give more examples; repeat for more.",
)
@click.option(
    "--muc4",
    "muc_sets",
    nargs=2,
    multiple=True,
    metavar="KEYFILE TEXTFILE",
    type=click.Path(exists=True),
    help="MUC-4 answer keys and messages (files or folders); repeat for more.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Use only the first N rows of each ACLED export.")
@click.option(
    "--part",
    type=click.Choice(["held", "fit"]),
    help="Use only this part of each article set (see eval articles --part); fit on 'fit', check on 'held'.",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML file to write (src/eventwire/data/confidence.yaml to ship it).",
)
def train_confidence(
    article_sets: tuple[tuple[str, str], ...],
    acled_paths: tuple[str, ...],
    muc_sets: tuple[tuple[str, str], ...],
    limit: int | None,
    part: str | None,
    out_path: Path,
) -> None:
    """Fit the events' confidence to how often events like them are right on coded data."""
    import yaml

    from eventwire.train import (
        confidence_samples_acled,
        confidence_samples_articles,
        confidence_samples_muc4,
        fit_confidence,
    )

    if not (article_sets or acled_paths or muc_sets):
        raise InputError("give --articles GOLD DOCS, --muc4 KEYS TEXTS and/or --acled FILE")
    samples = [s for gold, docs in article_sets for s in confidence_samples_articles(gold, docs, part)]
    samples += [s for keys, texts in muc_sets for s in confidence_samples_muc4(keys, texts)]
    samples += [s for path in acled_paths for s in confidence_samples_acled(path, limit)]
    model = fit_confidence(samples)
    sources = [f"{Path(g).parent.name}/{Path(g).name}" for g, _ in article_sets]
    sources += [f"MUC-4 {Path(t).name}" for _, t in muc_sets] + [Path(p).name for p in acled_paths]
    header = (
        "# Weights of eventwire.article.confidence: a logistic regression of whether an extracted event is\n"
        "# right (pairs with a coded event of the same type, place and day) on its named features.\n"
        f"# Fitted by `eventwire train confidence` on {len(samples)} events from: {', '.join(sources)}"
        f"{f' (first {limit} rows of each export)' if limit else ''}.\n"
    )
    check_writable(out_path)
    write_atomic(out_path, header + yaml.safe_dump(model, sort_keys=False))
    right = sum(r for _, r, _ in samples)
    click.echo(f"fitted on {len(samples)} events ({right} right) -> {out_path}")


@eval_group.command(name="plover")
@click.argument("labels", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--data",
    "data_dir",
    default="../shared/data",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Development data folder the labelled sentences are rebuilt from.",
)
@click.option("--split", default="test", show_default=True, type=click.Choice(["train", "test", "all"]))
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the scores as JSON.")
def eval_plover(labels: str, data_dir: str, split: str, json_path: str | None) -> None:
    """Score PLOVER types on hand-labelled news sentences (each read alone)."""
    from eventwire.eval.plover import labelled_sentences, score_plover
    from eventwire.eval.report import print_scores

    if json_path:
        check_writable(json_path)
    sentences = labelled_sentences(labels, data_dir, None if split == "all" else split)
    print_scores(f"PLOVER {Path(labels).name} ({split})", score_plover(sentences), json_path)


@eval_group.command(name="geoparse")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N articles.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the scores as JSON.")
def eval_geoparse(path: str, limit: int | None, json_path: str | None) -> None:
    """Score toponym recognition and resolution on an LGL or GeoWebNews XML file."""
    from eventwire.eval.geoparse import run_geoparse_eval
    from eventwire.eval.report import print_scores

    if json_path:
        check_writable(json_path)
    print_scores(f"geoparsing {Path(path).name}", run_geoparse_eval(path, limit=limit), json_path)
