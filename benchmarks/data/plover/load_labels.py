"""Load the hand-labelled PLOVER sentence set and rebuild each sentence's text.

The labels file holds only references (corpus, document, sentence index), a sha1 of the
sentence text and the labels. The texts are third-party news and are rebuilt here from the
development data directory, then checked against the stored sha1.

Usage: python load_labels.py [DATA_DIR] [LABELS_YAML]
DATA_DIR defaults to ../shared/data relative to this file.
Standard library only (the labels file uses a small, fixed YAML subset parsed below).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONLL_TRAIN = "ner/conll2003/train.txt"
NEWS_DOCS = {"gwn_dev": "news/gwn_dev/docs.jsonl", "reuters96_dev": "news/reuters96_dev/docs.jsonl"}

# Detokenisation of CoNLL tokens as in news/reuters96_dev (README there; "$" also takes no space after).
NO_SPACE_BEFORE = {",", ".", ";", ":", "'", ")", "?", "!", "%", "'s", "n't"}
NO_SPACE_AFTER = {"(", "$"}

# Sentence splitting of whole articles (gwn_dev): a boundary is . ! or ? (optionally followed by
# a closing quote or bracket), then whitespace, then an upper-case letter, digit or opening quote,
# unless the word before the stop is a known abbreviation or a single capital letter.
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "maj",
    "cmdr",
    "adm",
    "gov",
    "sen",
    "rep",
    "rev",
    "prof",
    "jr",
    "sr",
    "no",
    "vs",
    "inc",
    "corp",
    "ltd",
    "co",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "u.k",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "ft",
    "mt",
    "fig",
    "approx",
    "dept",
    "est",
    "pres",
}
BOUNDARY = re.compile(r"([.!?][\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def detokenize(tokens: list[str]) -> str:
    """Join CoNLL tokens into running text; double quotes alternate opening/closing per sentence."""
    out: list[str] = []
    quote_open = False
    glue_next = False
    for tok in tokens:
        space = bool(out) and not glue_next
        glue_next = False
        if tok in NO_SPACE_BEFORE:
            space = False
        elif tok == '"':
            if quote_open:
                space = False
            else:
                glue_next = True
            quote_open = not quote_open
        if tok in NO_SPACE_AFTER:
            glue_next = True
        out.append((" " if space else "") + tok)
    return "".join(out)


def conll_documents(path: Path) -> list[list[str]]:
    """Sentences (as text) of each story of a CoNLL-2003 file, in file order (0-based index)."""
    docs: list[list[str]] = []
    tokens: list[str] = []

    def flush() -> None:
        if tokens and docs:
            docs[-1].append(detokenize(tokens))
        tokens.clear()

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                flush()
                docs.append([])
            elif not line.strip():
                flush()
            else:
                tokens.append(line.split(" ")[0])
    flush()
    return docs


def split_sentences(text: str) -> list[str]:
    """Split an article into sentences: paragraphs (lines) first, then sentence stops."""
    sentences: list[str] = []
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        start = 0
        for match in BOUNDARY.finditer(para):
            head = para[start : match.start()]
            last_word = head.split()[-1].lower().rstrip(".") if head.split() else ""
            if last_word in ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word):
                continue
            sentences.append(para[start : match.end(1)].strip())
            start = match.end()
        tail = para[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def news_documents(path: Path, one_per_line: bool) -> dict[str, list[str]]:
    """Sentences of each article of a docs.jsonl file, keyed by article id."""
    docs: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if one_per_line:
                docs[doc["id"]] = [s for s in doc["text"].split("\n") if s.strip()]
            else:
                docs[doc["id"]] = split_sentences(doc["text"])
    return docs


def corpora(data_dir: Path) -> dict[str, dict]:
    """All three development corpora as {corpus: {doc key: [sentence, ...]}}."""
    conll = conll_documents(data_dir / CONLL_TRAIN)
    return {
        "conll2003-train": dict(enumerate(conll)),
        "gwn_dev": news_documents(data_dir / NEWS_DOCS["gwn_dev"], one_per_line=False),
        "reuters96_dev": news_documents(data_dir / NEWS_DOCS["reuters96_dev"], one_per_line=True),
    }


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# --- a reader for the flat YAML written for the labels file -------------------------------


def _scalar(raw: str):
    raw = raw.strip()
    if raw in ("null", "~", ""):
        return None
    if raw.startswith('"'):
        return json.loads(raw)
    if raw.startswith("'"):
        return raw[1:-1].replace("''", "'")
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    return raw


def _split_flow(body: str) -> list[str]:
    """Split 'a: 1, b: "x, y"' on commas outside quotes."""
    parts, buf, quote = [], [], None
    for ch in body:
        if quote:
            buf.append(ch)
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            buf.append(ch)
        elif ch == ",":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    if "".join(buf).strip():
        parts.append("".join(buf))
    return parts


def _value(raw: str):
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}"):
        out = {}
        for part in _split_flow(raw[1:-1]):
            key, _, val = part.partition(":")
            out[key.strip()] = _scalar(val)
        return out
    return _scalar(raw)


def read_labels(path: Path) -> list[dict]:
    """Parse the labels file: a list of mappings, one key per line, flow mapping for `ref`."""
    items: list[dict] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("- "):
                items.append({})
                line = "  " + line[2:]
            key, _, val = line.strip().partition(":")
            items[-1][key.strip()] = _value(val)
    return items


FIELDS = ("sha1", "plover", "mode", "source", "recipient", "split", "note")


PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*|[0-9a-f]{40}")
RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def _yaml_value(value) -> str:
    """A YAML scalar: plain for identifiers, double-quoted (JSON escaping) otherwise."""
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if PLAIN.fullmatch(value) and value.lower() not in RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def write_labels(items: list[dict], path) -> None:
    """Write items back in the flat YAML form read_labels() parses (no sentence text)."""
    lines = [
        "# PLOVER event labels for sentences of development news (texts are not stored here;",
        "# load_labels.py rebuilds them from the references and checks the sha1).",
    ]
    for item in items:
        ref = item["ref"]
        doc = ref["doc"] if isinstance(ref["doc"], int) else _yaml_value(ref["doc"])
        lines.append(f"- ref: {{corpus: {ref['corpus']}, doc: {doc}, sent: {ref['sent']}}}")
        for field in FIELDS:
            if field == "note" and not item.get("note"):
                continue
            lines.append(f"  {field}: {_yaml_value(item.get(field))}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def load(data_dir, labels_path=None) -> list[dict]:
    """Labelled items with their sentence `text` rebuilt from data_dir; raises on a sha1 mismatch."""
    data_dir = Path(data_dir)
    labels_path = Path(labels_path) if labels_path else HERE / "plover_labels.yaml"
    texts = corpora(data_dir)
    items = read_labels(labels_path)
    bad = []
    for item in items:
        ref = item["ref"]
        text = texts[ref["corpus"]][ref["doc"]][ref["sent"]]
        if sha1(text) != item["sha1"]:
            bad.append(ref)
        item["text"] = text
    if bad:
        raise ValueError(f"{len(bad)} sentence(s) do not match their sha1, first: {bad[0]}")
    return items


def _print_counts(items: list[dict]) -> None:
    counts = Counter((i["plover"], i["split"]) for i in items)
    types = sorted({i["plover"] for i in items}, key=lambda t: (t == "NONE", t))
    print(f"{'type':<10} {'train':>6} {'test':>6} {'all':>6}")
    for t in types:
        tr, te = counts[(t, "train")], counts[(t, "test")]
        print(f"{t:<10} {tr:>6} {te:>6} {tr + te:>6}")
    tr = sum(v for (_, s), v in counts.items() if s == "train")
    te = sum(v for (_, s), v in counts.items() if s == "test")
    print(f"{'total':<10} {tr:>6} {te:>6} {tr + te:>6}")


if __name__ == "__main__":
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "shared" / "data"
    labels = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    loaded = load(data, labels)
    print(f"{len(loaded)} items, all sha1 checked")
    _print_counts(loaded)
