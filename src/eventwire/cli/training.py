"""`eventwire train`: fitting the learned components (type models, confidence) on coded data."""

from __future__ import annotations

from pathlib import Path

import click

from eventwire.errors import InputError
from eventwire.formats import check_writable, write_text_atomic


@click.group(name="train")
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
    write_text_atomic(out_path, header + yaml.safe_dump(model, sort_keys=False))
    right = sum(r for _, r, _ in samples)
    click.echo(f"fitted on {len(samples)} events ({right} right) -> {out_path}")
