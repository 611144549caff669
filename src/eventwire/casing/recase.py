"""Recasing text written all in capitals before the parser reads it.

Wire copy, radio transcripts (FBIS, BBC Monitoring) and telex-style alerts come in UPPER CASE, which a
parser trained on mixed-case news reads badly: no entities, nouns taken for proper names, "LA" for
Louisiana. A document, or a long stretch of one, whose letters are almost all capitals is given each
word's most frequent casing from a table learned from mixed-case news (`eventwire.casing.learn`), with
sentence starts capitalised. Only the case of letters changes: the recased text has the length of the
original, character for character, so every offset into it is an offset into the user's text.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.errors import InputError

TABLE_NAME = "casing.txt.gz"
#: A stretch of capitals inside a mixed-case document is recased only when it holds this many letters
#: (a paragraph): an all-caps headline or dateline above mixed-case text is left as written.
MIN_STRETCH_LETTERS = 100
#: A whole document in capitals is recased from this many letters on (a one-line alert).
MIN_DOCUMENT_LETTERS = 12
#: A line counts as written in capitals when at least this share of its cased letters are capitals.
CAPS_SHARE = 0.9
# Cheap test first: mixed-case prose has no 40-character run free of lower-case ASCII letters; text that
# has none is returned untouched without looking at its lines.
_CAPS_RUN = re.compile(r"[^a-z]{40,}")
_SHORT_TEXT = 400
# A word: letters with inner apostrophes ("DON'T", "O'BRIEN"), or dotted initials ("U.S.", "U.N.").
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)*")
# What may stand between a sentence's end and its first word: spaces, quotes, opening brackets.
_OPENERS = " \t\"'“‘([«"
_SENTENCE_ENDS = "!?:]"


@dataclass(frozen=True)
class CasingRules:
    """How words the table lacks are read (data/casing.yaml): inflection suffixes to strip, endings after an
    apostrophe that stay lower case, abbreviations whose full stop ends no sentence, and the vowels a
    word without is an acronym."""

    inflections: tuple[tuple[str, str], ...] = ()
    clitics: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    vowels: frozenset[str] = frozenset("aeiouy")


@lru_cache(maxsize=1)
def casing_rules() -> CasingRules:
    from eventwire.nlp import load_yaml

    data = load_yaml("casing.yaml")
    return CasingRules(
        inflections=tuple((suffix, stem) for suffix, stem in data["inflections"]),
        clitics=frozenset(data["clitics"]),
        abbreviations=frozenset(data["abbreviations"]),
        vowels=frozenset(data["vowels"]),
    )


@dataclass(frozen=True)
class CasingTable:
    """Each known word's most frequent casing, keyed by its lower-case form, and the casing some words take
    between neighbours of a given kind (`in_context`, keyed by the lower-case word and a context such as
    "LC": a lower-case word before it, a capitalised one after it; "President" before a name). A word the
    table lacks takes the casing of its stem when the table knows one ("SYRIANS" -> Syrian); else it is
    taken for a name (capitalised) when `unknown` is "title", or left lower case when it is "lower"."""

    forms: dict[str, str]
    rules: CasingRules = field(default_factory=CasingRules)
    unknown: str = "title"
    in_context: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Names of several words cased as a whole ("SHINING PATH" -> "Shining Path", whose words alone are
    #: lower case), keyed by their lower-case words.
    phrases: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_phrase_starts", {key[0] for key in self.phrases})
        object.__setattr__(self, "_longest_phrase", max(map(len, self.phrases), default=0))

    def word(self, upper: str) -> str:
        """The casing of one word written in capitals; the result has the word's length."""
        lower = upper.lower()
        cased = self.forms.get(lower)
        if cased is None:
            cased = self._unknown(lower)
        return cased if len(cased) == len(upper) else upper

    def _unknown(self, lower: str) -> str:
        parts = re.split(r"(['’])", lower)
        if len(parts) == 1:
            return self._guess(lower)
        cased = [self._guess(parts[0])]
        for part in parts[1:]:
            cased.append(part if part in self.rules.clitics or part in "'’" else self._guess(part))
        return "".join(cased)

    def _guess(self, lower: str) -> str:
        known = self.forms.get(lower)
        if known is not None:
            return known
        for suffix, replacement in self.rules.inflections:
            if lower.endswith(suffix) and len(lower) > len(suffix) + 1:
                stem = self.forms.get(lower[: -len(suffix)] + replacement)
                if stem is not None:
                    return _cased_like(lower, stem)
        if not any(ch in self.rules.vowels for ch in lower):
            return lower.upper()  # no vowel: an acronym ("FMLN", "MQM")
        return lower.capitalize() if self.unknown == "title" else lower


def _cased_like(lower: str, stem: str) -> str:
    """`lower` written the way its stem is: lower case, capitalised, or in capitals."""
    if stem.islower():
        return lower
    if stem.isupper() and len(stem) > 1:
        return lower.upper()
    return lower.capitalize()


def read_table(path: Path | None = None) -> CasingTable:
    """The casing table: the shipped one, or the one at `path` (written by scripts/build_casing_table.py).
    Lines starting with '#' are notes; every other line is one word in its usual casing, a name of several
    words ("Shining Path"), or a word, a tab and the contexts ("LC CC") in which it takes that casing."""
    try:
        if path is None:
            data = resources.files("eventwire.data").joinpath(TABLE_NAME).read_bytes()
        else:
            data = Path(path).read_bytes()
        text = gzip.decompress(data).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as err:
        where = path or f"eventwire/data/{TABLE_NAME}"
        raise InputError(
            f"the casing table {where} cannot be read ({err}); rebuild it with scripts/build_casing_table.py"
        ) from None
    forms, in_context, phrases = {}, {}, {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        form, _, contexts = line.partition("\t")
        words = tuple(WORD.findall(form))
        if contexts:
            in_context.update(((form.lower(), context), form) for context in contexts.split())
        elif len(words) > 1:
            phrases[tuple(w.lower() for w in words)] = words
        else:
            forms[form.lower()] = form
    return CasingTable(forms, casing_rules(), in_context=in_context, phrases=phrases)


@lru_cache(maxsize=1)
def shipped_table() -> CasingTable:
    return read_table()


def caps_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of `text` written in capitals: the whole text when almost all its letters
    are capitals, else runs of whole lines in capitals holding at least MIN_STRETCH_LETTERS letters."""
    if len(text) > _SHORT_TEXT and not _CAPS_RUN.search(text):
        return []
    upper, lower = _letter_counts(text)
    if upper >= MIN_DOCUMENT_LETTERS and upper >= CAPS_SHARE * (upper + lower):
        return [(0, len(text))]
    stretches = []
    start = end = letters = 0
    position = 0
    for line in text.splitlines(keepends=True):
        upper, lower = _letter_counts(line)
        if lower and upper < CAPS_SHARE * (upper + lower):
            if letters >= MIN_STRETCH_LETTERS:
                stretches.append((start, end))
            letters = 0
        elif upper:
            if not letters:
                start = position
            letters += upper
            end = position + len(line)
        position += len(line)
    if letters >= MIN_STRETCH_LETTERS:
        stretches.append((start, end))
    return stretches


def _letter_counts(text: str) -> tuple[int, int]:
    """(capitals, lower-case letters) in `text`."""
    lower = sum(1 for ch in text if ch.islower())
    upper = sum(1 for ch in text if ch.isupper())
    return upper, lower


def recase_text(text: str, table: CasingTable | None = None) -> str:
    """`text` with its stretches in capitals recased; mixed-case text comes back as it is (the same
    object). The result always has the length of `text`."""
    stretches = caps_stretches(text)
    if not stretches:
        return text
    table = table or shipped_table()
    pieces, done = [], 0
    for start, end in stretches:
        pieces.append(text[done:start])
        pieces.append(recase_stretch(text[start:end], table))
        done = end
    pieces.append(text[done:])
    recased = "".join(pieces)
    return recased if len(recased) == len(text) else text


def recase_stretch(text: str, table: CasingTable) -> str:
    """Every word of `text` written in capitals in its usual casing, or the casing it takes between the
    neighbours it has; sentence starts capitalised; words holding a lower-case letter kept as written."""
    words = list(WORD.finditer(text))
    usual = [table.word(m.group()) if m.group().isupper() else m.group() for m in words]
    in_names = _cased_names(text, words, usual, table)
    pieces, done, previous = [], 0, "L"
    for index, match in enumerate(words):
        word = match.group()
        if not word.isupper():
            previous = word_class(word)
            continue
        cased = usual[index]
        if index not in in_names:
            after = word_class(usual[index + 1]) if _adjacent(text, words, index + 1) else "L"
            before = previous if _adjacent(text, words, index) else "L"
            cased = table.in_context.get((word.lower(), before + after), cased)
        if len(cased) != len(word):
            cased = usual[index]
        starts = is_sentence_start(text, match.start(), table.rules.abbreviations)
        if starts:
            cased = cased[:1].upper() + cased[1:]
        # A sentence's first capital says nothing of the word: its neighbour sees a lower-case word.
        previous = "L" if starts else word_class(cased)
        pieces.append(text[done : match.start()])
        pieces.append(cased)
        done = match.end()
    pieces.append(text[done:])
    return "".join(pieces)


def _cased_names(text: str, words: list[re.Match], usual: list[str], table: CasingTable) -> set[int]:
    """Give the words of known names of several words their name's casing in `usual` (the longest name
    first, its words in capitals and joined by spaces or hyphens); the indices of the words so cased."""
    if not table.phrases:
        return set()
    lowers = [m.group().lower() for m in words]
    cased: set[int] = set()
    index = 0
    while index < len(words):
        length = (
            _name_length(text, words, lowers, index, table) if lowers[index] in table._phrase_starts else 0
        )
        for offset, form in enumerate(table.phrases[tuple(lowers[index : index + length])] if length else ()):
            if words[index + offset].group().isupper() and len(form) == len(lowers[index + offset]):
                usual[index + offset] = form
                cased.add(index + offset)
        index += max(length, 1)
    return cased


def _name_length(text: str, words: list[re.Match], lowers: list[str], index: int, table: CasingTable) -> int:
    """How many words from `index` on make the longest known name (0: none)."""
    for length in range(min(table._longest_phrase, len(words) - index), 1, -1):
        if tuple(lowers[index : index + length]) in table.phrases and all(
            not text[words[i - 1].end() : words[i].start()].strip(" \t\n-")
            for i in range(index + 1, index + length)
        ):
            return length
    return 0


def word_class(word: str) -> str:
    """ "C" for a word with a capital first letter, "L" for any other."""
    return "C" if word[:1].isupper() else "L"


def _adjacent(text: str, words: list[re.Match], index: int) -> bool:
    """Whether words[index] follows words[index - 1] with only spaces between them."""
    if index <= 0 or index >= len(words):
        return False
    return not text[words[index - 1].end() : words[index].start()].strip()


def is_sentence_start(text: str, start: int, abbreviations: frozenset[str] = frozenset()) -> bool:
    """Whether the word at `start` opens a sentence: the text's first word, a word after a sentence's end
    (". ! ? :" or a closing "]" as in "[TEXT] THE ..."; not the full stop of an initial or of one of
    `abbreviations`), after a blank line, or at the start of a line whose previous line does not run on
    into it (it ends in neither a letter, a comma nor a hyphen)."""
    index = start - 1
    while index >= 0 and text[index] in _OPENERS:
        index -= 1
    if index < 0:
        return True
    if text[index] == ".":
        return not _is_abbreviation(text, index, abbreviations)
    if text[index] in _SENTENCE_ENDS:
        return True
    if text[index] not in "\r\n":
        return False
    index -= 1
    while index >= 0 and text[index] in " \t\r":
        index -= 1
    if index < 0 or text[index] == "\n":
        return True
    return not (text[index].isalpha() or text[index] in ",-;(")


def _is_abbreviation(text: str, stop: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop at `stop` closes an initial ("J.", "U.S.") or an abbreviation ("GEN.")."""
    begin = stop
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    word = text[begin:stop].lower()
    if not word:
        return False
    return len(word) == 1 or word in abbreviations
