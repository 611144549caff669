"""English word lists live in the language pack (src/eventwire/lang/), not in Python: a scan of the
source for set, list and tuple literals of lower-case words and for regular expressions of alternated
words, with a positive control."""

from __future__ import annotations

import ast
import re
from dataclasses import fields
from pathlib import Path

from spacy.glossary import GLOSSARY

from eventwire.draft import EventDraft
from eventwire.model import Event

SOURCE = Path(__file__).resolve().parents[1] / "src" / "eventwire"
MIN_WORDS = 4
_WORD = re.compile(r"[a-z][a-z'-]*(?: [a-z][a-z'-]*)*")
# Alternatives of a regex that are plain words: "(?:killed|wounded|injured|hurt)", "January|February".
_ALTERNATED = re.compile(r"(?<![\\\w])([A-Za-z][a-z]{2,})(?=\|)|(?<=\|)([A-Za-z][a-z]{2,})(?![\w(])")
# spaCy's own labels (dependency relations such as "nsubj", "dobj"): names of the parser's output, not
# English knowledge.
SPACY_LABELS = frozenset(label for label in GLOSSARY if label.islower())
# Names of the record's fields ("plover", "fatalities"), as steps declare what they read and set.
FIELD_NAMES = frozenset(f.name for f in fields(EventDraft)) | frozenset(Event.model_fields)
# Literals that are names of this program's own things, not English: record fields, file columns, output
# formats, layout kinds. Keyed by module and first string; each says what it is.
OWN_VOCABULARIES = {
    ("export.py", "year"): "ACLED CSV column names",
    ("export.py", "field"): "evidence field names",
    ("flat.py", "country"): "flat column names",
    ("geo/derive.py", "kind"): "place record fields",
    ("geo/gazetteer.py", "city"): "place kinds of the gazetteer index",
    ("geo/ranker.py", "population"): "ranker feature names",
    ("ingest/parquet.py", "published"): "document field names",
    ("model.py", "state forces"): "the record's actor kinds (checked against typology.yaml)",
    ("model.py", "day"): "the record's date precisions",
    ("model.py", "reported"): "the record's claim statuses",
    ("model.py", "new"): "the record's mention statuses",
    ("output.py", "table"): "output formats",
    ("output.py", "doc"): "table column headings",
    ("store/records.py", "day"): "database column names",
    ("article/layout.py", "headline"): "layout part names",
    ("article/layout.py", "byline"): "layout part names",
}
SKIPPED_FOLDERS = ("lang", "web", "api")


def word_literals(source: str) -> list[tuple[int, list[str]]]:
    """(line, words) of each set, list or tuple literal holding MIN_WORDS or more lower-case words that
    are not spaCy labels or field names, and of each compiled or module-level pattern alternating as many words."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            words = [s for s in strings if _WORD.fullmatch(s) and s not in SPACY_LABELS | FIELD_NAMES]
            if len(words) >= MIN_WORDS:
                found.append((node.lineno, words))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = [a or b for a, b in _ALTERNATED.findall(node.value)]
            if len(words) >= MIN_WORDS:
                found.append((node.lineno, words))
    return found


def english_lists_in_code() -> list[str]:
    """Word lists left in the package's Python outside the language pack and the known vocabularies."""
    problems = []
    for path in sorted(SOURCE.rglob("*.py")):
        module = path.relative_to(SOURCE).as_posix()
        if module.startswith(SKIPPED_FOLDERS):
            continue
        for line, words in word_literals(path.read_text(encoding="utf-8")):
            if (module, words[0]) not in OWN_VOCABULARIES:
                problems.append(f"{module}:{line}: {', '.join(words[:6])}")
    return problems


def test_scan_finds_word_lists_in_a_sample_source():
    """Positive control: a set of words, a regex of words, and what the scan leaves alone."""
    sample = (
        'CUES = frozenset({"tear", "gas", "baton", "arrested"})\n'
        'RIOT = re.compile(r"\\b(?:tyres?|stones|pelted|torched|looted|smashed)\\b")\n'
        'DEPS = {"nsubj", "dobj", "pobj", "prep"}\n'
        'FEW = {"on", "at"}\n'
        'FLAGS = (r"\\d{1,2}(?:st|nd)", "ROOT", "PERSON", "GPE")\n'
    )
    found = word_literals(sample)
    assert [line for line, _ in found] == [1, 2]
    assert found[0][1] == ["tear", "gas", "baton", "arrested"]
    assert "pelted" in found[1][1]


def test_no_english_word_lists_outside_the_language_pack():
    assert english_lists_in_code() == []
