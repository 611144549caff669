"""Language packs: the words, phrases and patterns the rules read, kept as data beside the code.

A rule asks `lexicon("en")` for a named list instead of holding its own set of English words, so one idea
("a crowd's violence", "a month beside a number") is written once and a second language is a second
folder of data files, not an edit of every module."""

from eventwire.lang.lexicon import Lexicon, LexiconError, PhraseList, data_file, lexicon

__all__ = ["Lexicon", "LexiconError", "PhraseList", "data_file", "lexicon"]
