"""The trigger lexicon: lemma sequences (optionally with a part of speech) that announce an event."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from eventwire.lang import lexicon
from eventwire.nlp import doc_text, load_yaml

# Endings of regular inflections, longest first ("raped" -> "rap", "rape").
REGULAR_ENDINGS = lexicon("en").entries("regular_endings")


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


# Month names that are also trigger words ("march"), told apart by a number beside them.
MONTHS = frozenset({"march", "may"})

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
            phrase = tuple(_word(w) for w in split_words(str(raw)))
            index.setdefault(phrase[0][0], []).append((phrase, kind))
    for options in index.values():
        options.sort(key=lambda item: -len(item[0]))
    return index


def split_words(raw: str) -> list[str]:
    """The words of a phrase as spaCy splits them: "sit-in" is "sit", "-", "in"."""
    return [part for word in raw.split() for part in re.split(r"(-)", word) if part]


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
        match = None if is_date_word(tokens[i]) else _match_at(tokens, i, index)
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


def is_date_word(token: Token) -> bool:
    """A capitalised word of a date ("On 8 March 2022", "March 8"): the month, not the verb or noun."""
    if not token.text[:1].isupper():
        return False
    if token.ent_type_ in ("DATE", "TIME"):
        return True
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return token.lower_ in MONTHS and any(n.like_num for n in neighbours)


def _match_at(tokens, i: int, index) -> tuple[int, TriggerType] | None:
    """The longest phrase starting here, keyed by the word's lemma or its form (lemma first on a tie),
    the same in every process whatever its hash seed."""
    best: tuple[int, TriggerType] | None = None
    for key in dict.fromkeys((tokens[i].lemma_.lower(), tokens[i].lower_, *stems(tokens[i].lower_))):
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
        if lemma not in (token.lemma_.lower(), token.lower_) and token.lower_ not in inflections(lemma):
            return False
        if pos is not None and token.pos_ != pos:
            return False
    return True


@lru_cache(maxsize=4096)
def inflections(lemma: str) -> frozenset[str]:
    """Regular forms of a lexicon word, for the words the lemmatiser gets wrong ("raped" -> "rap")."""
    if " " in lemma or not lemma.isalpha():
        return frozenset()
    base = lemma[:-1] if lemma.endswith("e") else lemma
    return frozenset({lemma + "s", lemma + "es", base + "ed", base + "ing"})


@lru_cache(maxsize=65536)
def stems(form: str) -> tuple[str, ...]:
    """The lexicon words a regular form may come from ("raped" -> "rap", "rape")."""
    found = []
    for ending in REGULAR_ENDINGS:
        if form.endswith(ending) and len(form) > len(ending) + 2:
            base = form[: -len(ending)]
            found += [base, base + "e"]
    return tuple(found)
