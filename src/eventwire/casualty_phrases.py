"""How news words casualty counts: the phrasing `eventwire.counts` reads numbers against.

The words and patterns live in the language pack (`eventwire/lang/en/casualties.yaml`), apart from the
counting rules, so the phrasing can grow without touching them: verbs and nouns that say someone died or
was hurt, where the number sits relative to them (after the verb: "killing 3"; before it: "3 people were
killed"), the words that make a number a subset, a rival report, an addition, a zero or a running total.
"""

from __future__ import annotations

import re
from typing import Literal

from eventwire.lang import lexicon

Role = Literal["killed", "injured"]

_EN = lexicon("en")

NOUN_PHRASE = _EN.regex("noun_phrase")
PASSIVE = _EN.regex("passive_casualty")
TRANSITIVE = _EN.words("transitive_casualty_verbs")
# The victims after a bare verb ("3 gunmen killed 5 people"); a number with its own verb
# ("1 killed 3 injured") is not one.
OBJECT_FOLLOWS = _EN.regex("object_follows")
# A count with its own casualty verb ("1 killed 3 injured"): not the object of the verb before it.
OWN_VERB = _EN.regex("own_verb")
KILL_BEFORE = _EN.regex("kill_before")
INJURE_BEFORE = _EN.regex("injure_before")
SUBSET_BEFORE = _EN.regex("subset_before")
SUBSET_AFTER = _EN.regex("subset_after")
RIVAL_BEFORE = _EN.regex("rival_before")
ADDITIVE_BEFORE = _EN.regex("additive_before")
ADDITIVE_NOUNS = _EN.words("additive_nouns")
GENERIC_NOUNS = _EN.words("generic_victim_nouns") | {""}  # "" : a count with no noun ("killing 3")
RIVAL_AFTER = re.compile(r"\s*(?:[.,;)]|\Z)")
LINK = _EN.regex("link_to_next_victims")
ARTICLE = _EN.regex("indefinite_article")
# "The police commander was killed": one victim named by his post.
THE_DEAD = _EN.regex("the_dead")
# "killing the driver", "shot and killed the head of the council": one named victim.
THE_VICTIM = _EN.regex("the_victim")
DATE_BEFORE = _EN.regex("date_before")
DATE_AFTER = _EN.regex("date_after")
YEAR_CONTEXT = _EN.regex("year_context")
ZERO = _EN.regex("zero_casualties")
ZERO_ROLES: dict[str, tuple[Role, ...]] = {
    word: tuple(roles) for word, roles in _EN.table("zero_casualty_roles").items()
}
CLAUSE_BREAK = _EN.regex("clause_break")
CUMULATIVE_CUE = _EN.regex("cumulative_cue")
PERFECT_KILLED = _EN.regex("perfect_killed")
ANY_CUE = _EN.regex("any_casualty_cue")
