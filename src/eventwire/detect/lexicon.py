"""The trigger lexicon: lemma sequences (optionally with a part of speech) that announce an event."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from eventwire.nlp import doc_text, load_yaml


@dataclass(frozen=True)
class TriggerType:
    plover: str | None
    mode: str | None
    sub_event_type: str | None
    weak: bool = False  # counts only beside a stronger cue
    in_scope: bool = True  # ACLED codes it (political violence, demonstrations, strategic developments)
    # Words one of which the sentence must hold ("gathered ... to demand", "blocked the highway").
    needs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Trigger:
    """One trigger found in a sentence: token range [start, end) and what it announces."""

    start: int
    end: int
    type: TriggerType
    text: str

    root: int  # the token of the phrase whose syntactic head lies outside it


Phrase = tuple[tuple[str, str | None], ...]  # (lemma, part of speech or None) per word


@lru_cache(maxsize=1)
def trigger_index() -> dict[str, list[tuple[Phrase, TriggerType]]]:
    """First lemma -> phrases starting with it, longest first, so the longest match wins."""
    index: dict[str, list[tuple[Phrase, TriggerType]]] = {}
    for entry in load_yaml("triggers.yaml")["triggers"]:
        kind = TriggerType(
            entry["plover"],
            entry.get("mode"),
            entry.get("sub"),
            entry.get("weak", False),
            entry.get("in_scope", True),
            frozenset(w.lower() for w in entry.get("needs", [])),
        )
        for raw in entry["phrases"]:
            phrase = tuple(_word(w) for w in str(raw).split())
            index.setdefault(phrase[0][0], []).append((phrase, kind))
    for options in index.values():
        options.sort(key=lambda item: -len(item[0]))
    return index


def _word(raw: str) -> tuple[str, str | None]:
    lemma, _, pos = raw.partition("/")
    return lemma.lower(), pos or None


def find_triggers(sent: Span) -> list[Trigger]:
    """Non-overlapping triggers of a sentence, left to right, longest match first."""
    index = trigger_index()
    tokens = list(sent)
    found: list[Trigger] = []
    i = 0
    while i < len(tokens):
        match = _match_at(tokens, i, index)
        if match is None:
            i += 1
            continue
        length, kind = match
        first, last = tokens[i], tokens[i + length - 1]
        root = next((t.i for t in tokens[i : i + length] if not first.i <= t.head.i <= last.i), first.i)
        text = doc_text(sent.doc)[first.idx : last.idx + len(last.text)]
        found.append(Trigger(first.i, last.i + 1, kind, text, root))
        i += length
    return found


def _match_at(tokens, i: int, index) -> tuple[int, TriggerType] | None:
    """The longest phrase starting here, keyed by the word's lemma or its form (lemma first on a tie),
    the same in every process whatever its hash seed."""
    best: tuple[int, TriggerType] | None = None
    for key in dict.fromkeys((tokens[i].lemma_.lower(), tokens[i].lower_)):
        for phrase, kind in index.get(key, ()):
            if _matches(tokens, i, phrase):
                if best is None or len(phrase) > best[0]:
                    best = (len(phrase), kind)
                break  # phrases are sorted longest first
    return best


def _matches(tokens, i: int, phrase: Phrase) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    for token, (lemma, pos) in zip(tokens[i : i + len(phrase)], phrase, strict=False):
        if lemma not in (token.lemma_.lower(), token.lower_):
            return False
        if pos is not None and token.pos_ != pos:
            return False
    return True
