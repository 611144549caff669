"""`eventwire eval`: scoring the extractor against gold data."""

from __future__ import annotations

from pathlib import Path

import click

from eventwire.formats import check_writable


@click.group(name="eval")
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
