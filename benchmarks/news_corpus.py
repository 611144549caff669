"""Real news articles for the speed benchmark, read at run time from the development data (never copied).

The articles: the GeoWebNews and Reuters 1996 development sets (`news/gwn_dev`, `news/reuters96_dev`), then
Reuters stories of the CoNLL-2003 training split (`ner/conll2003/train.txt`), rebuilt from its tokens the way
`news/reuters96_dev/README.md` describes (one sentence a line), in file order, until there are enough.
Stories eventwire refuses as input (results tables that read as no English) are left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest.text import check_text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NEWS_SETS = ("news/gwn_dev/docs.jsonl", "news/reuters96_dev/docs.jsonl")
CONLL_TRAIN = "ner/conll2003/train.txt"
NO_SPACE_BEFORE = {",", ".", ";", ":", "'", ")", "?", "!", "%", "'s", "n't"}
NO_SPACE_AFTER = {"(", "$"}
_DATELINE = re.compile(r"^\S.* (\d{4}-\d{2}-\d{2})$")


def news_articles(count: int, data: Path = DATA) -> list[dict]:
    """Up to `count` articles `{id, text, published}`; fewer when the data folder holds fewer."""
    articles: list[dict] = []
    seen: set[str] = set()
    for name in NEWS_SETS:
        path = data / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                doc = json.loads(line)
                seen.add(doc["id"])
                articles.append({"id": doc["id"], "text": doc["text"], "published": doc.get("published")})
    conll = data / CONLL_TRAIN
    if conll.exists():
        for number, sentences in enumerate(conll_stories(conll)):
            if f"conll-train-{number:04d}" not in seen and len(sentences) > 3:
                story = _story(number, sentences)
                if _accepted(story):
                    articles.append(story)
            if len(articles) >= count:
                break
    return articles[:count]


def _accepted(article: dict) -> bool:
    try:
        check_text(article["text"], article["id"])
    except InputError:
        return False
    return True


def conll_stories(path: Path) -> Iterator[list[list[str]]]:
    """The token sentences of each story of a CoNLL-2003 file, split at -DOCSTART-."""
    story: list[list[str]] = []
    sentence: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if parts and parts[0] == "-DOCSTART-":
                if story:
                    yield story
                story = []
            elif parts:
                sentence.append(parts[0])
            elif sentence:
                story.append(sentence)
                sentence = []
    if sentence:
        story.append(sentence)
    if story:
        yield story


def detokenize(tokens: list[str]) -> str:
    """Tokens joined with spaces, none before closing punctuation and clitics, none after an opener."""
    out: list[str] = []
    glue = False
    for token in tokens:
        space = bool(out) and not glue and token not in NO_SPACE_BEFORE
        glue = token in NO_SPACE_AFTER
        out.append((" " if space else "") + token)
    return "".join(out)


def _story(number: int, sentences: list[list[str]]) -> dict:
    lines = [detokenize(s) for s in sentences]
    published = next((m.group(1) for line in lines[1:3] if (m := _DATELINE.match(line))), None)
    try:
        dt.date.fromisoformat(published or "")
    except ValueError:
        published = None
    return {"id": f"conll-train-{number:04d}", "text": "\n".join(lines), "published": published}
