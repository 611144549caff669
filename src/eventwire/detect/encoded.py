"""What the sentence encoder adds to detection: PLOVER types for sentences the trigger lexicon misses or
mistypes, and each sentence's vector for the sub-event type model.

The lexicon finds violence and protest well, but much of what PLOVER codes is talk and diplomacy told by
verbs the lexicon cannot list ("Moscow signalled it would free the crew", "the envoy shuttled between the
capitals"). Sentences with a verbal candidate or a verb from the event-verb list (`data/event_verbs.yaml`)
are encoded in one batch per document; the PLOVER head then
- gives a sentence with no candidate a PLOVER event when it is sure the sentence reports one, and
- retypes a candidate whose trigger word the head reads differently with confidence ("launched a fierce
  attack on the government's budget" is an accusation, not an assault).
Events the encoder alone finds are PLOVER events outside ACLED's scope: ACLED's types stay with the
lexicon's triggers, whose precision on violence the encoder does not improve.

Encoding a sentence costs about as much as spaCy's whole parse of it, so a document gets a budget of
`1 + sentences / 12` encoded sentences: first the sentences of in-scope events whose sub-event type the
word model is unsure of (encoded when typed, see `weigh.model_probabilities`), then verbal candidates, then
event-verb sentences, in document order. A short text (an ACLED note, a news snippet, one sentence) is
read whole; a long article is read where its events are told most, at its start.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Span

from eventwire.detect.encoder import get_encoder
from eventwire.detect.heads import NO_EVENT, EncoderHeads
from eventwire.detect.lexicon import Trigger, TriggerType
from eventwire.nlp import load_yaml

VECTORS_KEY = "eventwire.vectors"
BUDGET_KEY = "eventwire.encoder_budget"
# Encoded sentences per document: BASE_BUDGET + sentences // SENTENCES_PER_EXTRA.
BASE_BUDGET = 1
SENTENCES_PER_EXTRA = 12
# How sure the PLOVER head must be to add an event the lexicon did not see.
NEW_EVENT_PROBABILITY = 0.5
# How sure it must be to replace the PLOVER type of a lexicon candidate outside ACLED's scope.
RETYPE_PROBABILITY = 0.4
# How sure it must be that a sentence tells no event to drop a candidate outside ACLED's scope.
DROP_PROBABILITY = 0.7
# A candidate in ACLED's scope (violence, a demonstration, an arrest) loses its ACLED type when retyped:
# the head must be surer still.
RETYPE_IN_SCOPE_PROBABILITY = 0.9


@lru_cache(maxsize=1)
def event_verbs() -> frozenset[str]:
    """Lemmas of verbs that often tell a PLOVER event."""
    entries = load_yaml("event_verbs.yaml")["verbs"]
    return frozenset(lemma for group in entries.values() for lemma in group)


def reads_event_verb(sent: Span) -> bool:
    """Whether a verb of the sentence is one that often tells an event (a cheap filter before encoding)."""
    verbs = event_verbs()
    return any(t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in verbs for t in sent)


def document_budget(sentences: int) -> int:
    return BASE_BUDGET + sentences // SENTENCES_PER_EXTRA


def encode_sentences(doc: Doc, sentences: list[Span]) -> None:
    """Vectors of the sentences not yet encoded, in one batch, kept with the document."""
    vectors = doc.user_data.setdefault(VECTORS_KEY, {})
    todo = [s for s in sentences if (s.start, s.end) not in vectors]
    if todo:
        encoded = get_encoder().encode([s.text for s in todo])
        for sent, vector in zip(todo, encoded, strict=True):
            vectors[(sent.start, sent.end)] = vector


def sentence_vector(sent: Span) -> np.ndarray | None:
    """The sentence's vector: the one the document pass made, else encoded now if the document's budget
    allows (None when it is spent)."""
    key = (sent.start, sent.end)
    doc = sent.doc
    vectors = doc.user_data.get(VECTORS_KEY, {})
    if key in vectors:
        return vectors[key]
    left = doc.user_data.get(BUDGET_KEY)
    if left is None:  # a sentence read outside the document pass
        left = document_budget(1)
    if left <= 0:
        return None
    doc.user_data[BUDGET_KEY] = left - 1
    encode_sentences(doc, [sent])
    return doc.user_data[VECTORS_KEY][key]


def plan_encoding(doc: Doc, lexical: list[tuple[Span, list]]) -> list[Span]:
    """The sentences the document pass encodes for the PLOVER head (verbal candidates, then event-verb
    sentences), within what the budget leaves after reserving a place for each in-scope event sentence;
    the reserve is kept with the document for the sub-event typing."""
    budget = document_budget(len(lexical))
    in_scope = sum(1 for _, found in lexical if found and found[0].in_scope)
    reserve = min(in_scope, budget)
    verbal = [s for s, found in lexical if found and not found[0].in_scope and found[0].plover]
    verbs = [s for s, found in lexical if not found and reads_event_verb(s)]
    chosen = (verbal + verbs)[: budget - reserve]
    doc.user_data[BUDGET_KEY] = reserve
    return chosen


def encoder_candidate(sent: Span, heads: EncoderHeads, vector: np.ndarray):
    """A PLOVER event for a sentence the lexicon found nothing in, or None when the head is not sure."""
    from eventwire.detect import Candidate

    ranked = heads.plover.ranked(vector)
    plover = max(ranked, key=ranked.get)
    if plover == NO_EVENT or ranked[plover] < NEW_EVENT_PROBABILITY:
        return None
    token = sent.root
    mode = heads.mode_of(plover, vector)
    kind = TriggerType(plover, mode, None, in_scope=False)
    trigger = Trigger(token.i, token.i + 1, kind, token.text, token.i)
    return Candidate(plover, mode, None, [trigger], trigger, False)


def retyped(candidates: list, heads: EncoderHeads, vector: np.ndarray) -> list:
    """The sentence's candidates as the PLOVER head reads them. A candidate outside ACLED's scope (talk,
    diplomacy: the lexicon's weakest guesses) takes the head's type when the head is fairly sure, and is
    dropped when the head is sure the sentence tells no event; one in scope (violence, a demonstration, an
    arrest) changes only when the head is very sure, and is never dropped (the lexicon's filters judged it)."""
    if not candidates or candidates[0].plover is None:
        return candidates
    first = candidates[0]
    ranked = heads.plover.ranked(vector)
    best = max(ranked, key=ranked.get)
    if best == NO_EVENT:
        drop = not first.in_scope and ranked[best] >= DROP_PROBABILITY
        return candidates[1:] if drop else candidates
    needed = RETYPE_IN_SCOPE_PROBABILITY if first.in_scope else RETYPE_PROBABILITY
    if best == first.plover or ranked[best] < needed or any(c.plover == best for c in candidates):
        return candidates
    mode = heads.mode_of(best, vector)
    kind = TriggerType(best, mode, None, in_scope=False)
    main = replace(first.main, type=kind)
    new = replace(
        first, plover=best, mode=mode, sub_event_type=None, in_scope=False, main=main, triggers=[main]
    )
    return [new, *candidates[1:]]
