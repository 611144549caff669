"""One interface to a language's word lists, phrase lists, patterns and tables.

A pack is a folder `eventwire/lang/<code>/` of YAML files. Each file starts with a `note` saying where its
words come from and holds any of three sections, whose names are unique across the pack:

- `lists`: name -> list of lower-case words or phrases (read as a set, in order, or as phrases);
- `patterns`: name -> a regular expression, or `{pattern, ignore_case}`; `{list:NAME}` inside a pattern
  stands for the words of that list as alternatives, longest first (`{list:A,B}` for several lists,
  `{titled:NAME}` for the words capitalised, `{forms:NAME}` for the words in their regular inflections as
  the pack's `word_forms` table writes them), and `{pattern:NAME}` for the text of
  another pattern, so a pattern and the list or fragment it shares cannot drift;
- `tables`: name -> mapping (a word and what it means).

The shared data files of the package (`eventwire/data/*.yaml`: triggers, quantities, article cues ...) are
read through the same object (`Lexicon.data`), so every rule finds its English in one place.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SECTIONS = ("lists", "patterns", "tables")
_HYPHEN_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])(-)(?=[^\W\d_])")
_REFERENCE = re.compile(r"\{(list|titled|forms|pattern):([a-z0-9_,]+)\}")


class LexiconError(ValueError):
    """A language pack that cannot be read: a missing name, a name defined twice, a malformed entry."""


@dataclass(frozen=True)
class PhraseList:
    """Words and multi-word phrases of one list, matched only whole and on token boundaries: "small arms"
    matches "small arms fire" but not "a small village". Phrases are split into tokens as spaCy splits
    them ("machine-gun" is "machine", "-", "gun")."""

    phrases: tuple[tuple[str, ...], ...]  # longest first

    @classmethod
    def of(cls, entries: Iterable[str]) -> PhraseList:
        split = {tuple(phrase_tokens(e)) for e in entries}
        return cls(tuple(sorted(split, key=lambda p: (-len(p), p))))

    @cached_property
    def _by_first(self) -> dict[str, list[tuple[str, ...]]]:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            index.setdefault(phrase[0], []).append(phrase)
        return index

    def spans(self, tokens: Sequence[str]) -> list[tuple[int, int]]:
        """Non-overlapping [start, end) token ranges of the phrases in `tokens` (lower-cased words), left
        to right, the longest phrase first at each position."""
        found = []
        i = 0
        while i < len(tokens):
            options = self._by_first.get(tokens[i], ())
            length = next((len(p) for p in options if tuple(tokens[i : i + len(p)]) == p), 0)
            if length:
                found.append((i, i + length))
                i += length
            else:
                i += 1
        return found

    def occurs_in(self, tokens: Sequence[str]) -> bool:
        """Whether any phrase of the list occurs whole in `tokens`."""
        return bool(self.spans(tokens))


def phrase_tokens(phrase: str) -> list[str]:
    """A phrase's tokens: words split at spaces, and at a hyphen between letters as spaCy's tokenizer
    splits them ("sit-in" -> "sit", "-", "in"; "ak-47" stays whole)."""
    return [part for word in phrase.split() for part in _HYPHEN_BETWEEN_LETTERS.split(word) if part]


class Lexicon:
    """The named lists, patterns and tables of one language pack, with compiled forms built once."""

    def __init__(self, language: str, sections: Mapping[str, Mapping[str, Any]], sources: Mapping[str, str]):
        self.language = language
        self._sections = sections
        self._sources = sources  # entry name -> the file that defines it

    def names(self, section: str) -> list[str]:
        """Names of a section's entries ("lists", "patterns" or "tables")."""
        return sorted(self._sections[section])

    def source_of(self, name: str) -> str:
        """The pack file that defines `name`, for error messages and lint reports."""
        return self._sources[name]

    def entries(self, name: str) -> tuple[str, ...]:
        """A list's entries in the order written (order matters where the first match wins)."""
        return self._ordered(name)

    def words(self, name: str) -> frozenset[str]:
        """A list as a set, for membership of one word."""
        return self._word_set(name)

    def phrases(self, name: str) -> PhraseList:
        """A list as whole phrases on token boundaries."""
        return self._phrase_list(name)

    def regex(self, name: str) -> re.Pattern[str]:
        """A compiled pattern, with its `{list:NAME}` references filled from the pack's lists."""
        return self._regex(name)

    def table(self, name: str) -> dict[str, Any]:
        """A mapping (a copy: callers may not change the pack)."""
        return dict(self._entry("tables", name))

    def data(self, filename: str) -> Any:
        """One of the package's shared data files (`eventwire/data/<filename>`), parsed once; a copy, since
        callers build their own tables from it."""
        return data_file(filename)

    def alternation(self, *names: str, titled: bool = False) -> str:
        """The words of one or more lists as a regular-expression alternation, longest first (so that
        "September" is tried before "Sept" and "Sep"); `titled` capitalises each word ("January")."""
        words = {w.title() if titled else w for name in names for w in self._ordered(name)}
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))

    def inflected(self, *names: str) -> str:
        """The words of one or more lists in their regular inflections as an alternation, longest word
        first: the pack's `word_forms` table maps a word's last letters to the endings that replace them
        ("rally" -> rallies, rallied), and "" to the endings any other word takes ("march" -> marches)."""
        forms = self._entry("tables", "word_forms")
        words = sorted({w for name in names for w in self._ordered(name)}, key=lambda w: (-len(w), w))
        return "|".join(_word_forms(word, forms) for word in words)

    @cache  # noqa: B019 - packs live as long as the process
    def _ordered(self, name: str) -> tuple[str, ...]:
        entries = tuple(self._entry("lists", name))
        odd = [e for e in entries if not isinstance(e, str)]
        if odd:  # YAML reads a bare on, off, yes or no as a boolean: quote it
            raise LexiconError(f"list {name!r} in {self._sources[name]} holds non-words {odd}")
        return entries

    @cache  # noqa: B019
    def _word_set(self, name: str) -> frozenset[str]:
        return frozenset(self._ordered(name))

    @cache  # noqa: B019
    def _phrase_list(self, name: str) -> PhraseList:
        return PhraseList.of(self._ordered(name))

    def pattern_text(self, name: str, _seen: tuple[str, ...] = ()) -> str:
        """A pattern's text with its references filled in (a fragment for a larger pattern)."""
        if name in _seen:
            raise LexiconError(f"pattern {name!r} refers to itself through {' -> '.join(_seen)}")
        entry = self._entry("patterns", name)
        pattern = entry if isinstance(entry, str) else entry["pattern"]

        def fill(match: re.Match[str]) -> str:
            kind, other = match.groups()
            if kind == "pattern":
                return self.pattern_text(other, (*_seen, name))
            if kind == "forms":
                return self.inflected(*other.split(","))
            return self.alternation(*other.split(","), titled=kind == "titled")

        return _REFERENCE.sub(fill, pattern)

    @cache  # noqa: B019
    def _regex(self, name: str) -> re.Pattern[str]:
        entry = self._entry("patterns", name)
        ignore_case = isinstance(entry, dict) and entry.get("ignore_case", False)
        return re.compile(self.pattern_text(name), re.IGNORECASE if ignore_case else 0)

    def _entry(self, section: str, name: str) -> Any:
        try:
            return self._sections[section][name]
        except KeyError:
            raise LexiconError(f"the {self.language!r} pack has no {section[:-1]} {name!r}") from None

    @cached_property
    def files(self) -> list[str]:
        return sorted(set(self._sources.values()))


def _word_forms(word: str, forms: Mapping[str, Sequence[str]]) -> str:
    """One word and its inflections as a regular expression: its stem, then one of the endings."""
    last = next((k for k in sorted(forms, key=len, reverse=True) if k and word.endswith(k)), "")
    stem = word[: len(word) - len(last)]
    endings = sorted(forms[last], key=lambda e: (-len(e), e))
    return re.escape(stem) + "(?:" + "|".join(re.escape(e) for e in endings) + ")"


@cache
def lexicon(language: str = "en") -> Lexicon:
    """The language pack `eventwire/lang/<language>/`, read once per process."""
    folder = resources.files("eventwire.lang").joinpath(language)
    if not folder.is_dir():
        raise LexiconError(f"no language pack {language!r}")
    return read_pack(language, folder)


def read_pack(language: str, folder: Traversable) -> Lexicon:
    """A pack from a folder of YAML files (the package's, or a user's own for another language)."""
    sections: dict[str, dict[str, Any]] = {s: {} for s in SECTIONS}
    sources: dict[str, str] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".yaml"):
            _merge(sections, sources, path.name, yaml.load(path.read_text("utf-8"), Loader=_YAML_LOADER))
    return Lexicon(language, sections, sources)


def _merge(sections: dict, sources: dict[str, str], filename: str, content: Any) -> None:
    """Add one file's entries, refusing a file without a note, an unknown section or a name already used."""
    if not isinstance(content, dict) or not isinstance(content.get("note"), str):
        raise LexiconError(f"{filename}: a pack file is a mapping with a `note` on where its words come from")
    unknown = set(content) - {"note", *SECTIONS}
    if unknown:
        raise LexiconError(f"{filename}: unknown sections {sorted(unknown)}")
    for section in SECTIONS:
        for name, entry in (content.get(section) or {}).items():
            if name in sources:
                raise LexiconError(f"{filename}: {name!r} is already defined in {sources[name]}")
            sections[section][name] = entry
            sources[name] = filename


def data_file(filename: str) -> Any:
    """One of the package's shared data files (`eventwire/data/<filename>`), parsed once per process;
    each caller gets its own copy."""
    return copy.deepcopy(_parsed_data_file(filename))


@cache
def _parsed_data_file(filename: str) -> Any:
    with resources.files("eventwire.data").joinpath(filename).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_YAML_LOADER)
