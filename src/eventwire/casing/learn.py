"""Learning the casing table: each word's most frequent casing in mixed-case news, plus the casing of the
names the project knows (actors, sources, gazetteer places) for words the news text never shows.

The news text is a CoNLL-2003-style token file (one token a line, its first column the word; blank lines
between sentences, `-DOCSTART-` between documents). Sentences written all in capitals (sports headlines,
datelines) say nothing of casing and are skipped, and so are sentences' first words, capitalised whatever
they are. Documents can be held out by their 0-based index, so a measure on them stays fair.
"""

from __future__ import annotations

import gzip
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.casing.recase import CAPS_SHARE, WORD, CasingTable, _adjacent, _letter_counts, word_class

# Tokens that attach to the word before them when a sentence is rebuilt ("does n't" -> "doesn't").
_CLITIC_TOKENS = frozenset({"'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "'"})


def read_conll_sentences(path: str | Path, held_out: frozenset[int] = frozenset()) -> Iterator[list[str]]:
    """The token lists of the file's sentences, skipping the documents whose index is in `held_out`."""
    document, tokens = -1, []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word = line.split(" ", 1)[0].strip()
            if word == "-DOCSTART-":
                document += 1
                continue
            if word:
                tokens.append(word)
            elif tokens:
                if document not in held_out:
                    yield tokens
                tokens = []
    if tokens and document not in held_out:
        yield tokens


def sentence_text(tokens: list[str]) -> str:
    """A sentence rebuilt from its tokens, clitics joined to their word, so words are cut as at run time."""
    pieces = []
    for token in tokens:
        if pieces and token.lower() in _CLITIC_TOKENS:
            pieces[-1] += token
        else:
            pieces.append(token)
    return " ".join(pieces)


def mixed_case(sentences: Iterable[str]) -> Iterator[str]:
    """The sentences not written all in capitals: only they show how words are cased."""
    for text in sentences:
        upper, lower = _letter_counts(text)
        if lower and upper < CAPS_SHARE * (upper + lower):
            yield text


def count_forms(sentences: Iterable[str]) -> dict[str, Counter]:
    """lower-case word -> Counter of the forms it is written in, first words of sentences left out."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for text in sentences:
        for match in list(WORD.finditer(text))[1:]:
            word = match.group()
            forms[word.lower()][word] += 1
    return forms


def context_forms(
    sentences: Iterable[str], table: CasingTable, min_count: int = 2, min_share: float = 0.5
) -> dict[tuple[str, str], str]:
    """(lower-case word, context) -> the form a word takes in that context when it is not its usual one,
    seen at least `min_count` times and in at least `min_share` of the word's uses there. A context is the
    kind of the neighbours ("C" capitalised, "L" anything else), as the recaser will guess them from the
    table: the word before, then the word after ("LC": "the PRESIDENT CEREZO")."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for text in sentences:
        words = list(WORD.finditer(text))
        usual = [table.word(m.group().upper()) for m in words]
        for index in range(1, len(words)):
            before = word_class(usual[index - 1]) if _adjacent(text, words, index) else "L"
            if index == 1:
                before = "L"
            after = word_class(usual[index + 1]) if _adjacent(text, words, index + 1) else "L"
            word = words[index].group()
            counts[(word.lower(), before + after)][word] += 1
    found = {}
    for (lower, context), forms in counts.items():
        form, count = max(forms.items(), key=lambda item: (item[1], item[0] == lower))
        if form != table.forms.get(lower) and count >= min_count and count >= min_share * forms.total():
            found[(lower, context)] = form
    return found


def usual_forms(forms: dict[str, Counter], min_count: int = 1) -> dict[str, str]:
    """The most frequent form of each word seen at least `min_count` times (ties: the lower-case one)."""
    usual = {}
    for lower, counts in forms.items():
        if sum(counts.values()) >= min_count:
            usual[lower] = max(counts.items(), key=lambda item: (item[1], item[0] == lower))[0]
    return usual


def name_forms(names: Iterable[str]) -> dict[str, str]:
    """Each word of the names in the casing it is most often written with there."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for name in names:
        for match in WORD.finditer(name):
            word = match.group()
            forms[word.lower()][word] += 1
    return usual_forms(forms)


def english_words() -> set[str]:
    """Lower-case English words: WordNet 3.0's lemmas and irregular forms as spaCy's English model ships
    them (its rule lemmatizer's tables), single words only."""
    import spacy

    from eventwire.nlp import MODEL_NAME

    lookups = spacy.load(MODEL_NAME, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
    tables = lookups.get_pipe("lemmatizer").lookups
    words: set[str] = set()
    for name in ("lemma_index", "lemma_exc"):
        for entries in tables.get_table(name).values():
            words.update(entries)
    return {word for word in words if word.islower() and WORD.fullmatch(word)}


def project_names(major_population: int) -> tuple[list[str], list[str]]:
    """(major, minor) names the project knows. Major: actors and their aliases, named sources, the
    gazetteer supplement, countries, regions and first-level divisions, towns of at least
    `major_population` people. Minor: smaller towns and second-level divisions, whose names are often
    English words ("Police", "University") and so count only for words no English list holds."""
    import sqlite3

    from eventwire.geo.gazetteer import ensure_index, index_path
    from eventwire.nlp import load_yaml

    major = []
    for actor in load_yaml("actors.yaml")["actors"]:
        major.extend([actor["name"], *actor.get("aliases", [])])
    for source in load_yaml("sources.yaml")["sources"]:
        major.extend([source["name"], *source.get("aliases", [])])
    for place in load_yaml("gazetteer_supplement.yaml")["places"]:
        major.extend([place["name"], *place.get("aliases", [])])
    db = sqlite3.connect(ensure_index(index_path()))
    try:
        is_major = "kind IN ('country', 'region', 'admin1') OR population >= ?"
        major.extend(
            row[0] for row in db.execute(f"SELECT name FROM place WHERE {is_major}", (major_population,))
        )
        minor = [
            row[0]
            for row in db.execute(f"SELECT name FROM place WHERE NOT ({is_major})", (major_population,))
        ]
    finally:
        db.close()
    return major, minor


def build_forms(
    news: dict[str, str], english: set[str], major: dict[str, str], minor: dict[str, str]
) -> dict[str, str]:
    """One form per word, from the weakest evidence to the strongest: minor place names, English words
    (lower case), major names, then the casing seen in the news text, which wins over the rest."""
    # A minor name's word the recaser would capitalise anyway (an unknown word) needs no line.
    forms = {word: form for word, form in minor.items() if form != word.capitalize()}
    forms.update((word, word) for word in english)
    forms.update(major)
    forms.update(news)
    return forms


def name_phrases(names: Iterable[str], table: CasingTable) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Names of several words whose casing differs from their words' usual casing ("Shining Path"), keyed
    by their lower-case words; a name written several ways keeps its most frequent casing."""
    counts: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for name in names:
        words = tuple(WORD.findall(name))
        if len(words) > 1 and any(word[:1].isupper() for word in words):
            counts[tuple(word.lower() for word in words)][words] += 1
    phrases = {}
    for key, forms in counts.items():
        words = forms.most_common(1)[0][0]
        if any(table.word(word.upper()) != word for word in words):
            phrases[key] = words
    return phrases


def write_table(
    forms: dict[str, str],
    in_context: dict[tuple[str, str], str],
    path: str | Path,
    note: str,
    phrases: dict[tuple[str, ...], tuple[str, ...]] | None = None,
) -> None:
    """The table as gzip'd text: the note as '#' lines, one word a line in its usual casing, the names of
    several words ("Shining Path"), then each word with the contexts that give it another casing
    ("President<TAB>CC LC"); sorted, and gzip'd with a fixed time stamp, so a rebuild from the same
    inputs gives the same bytes."""
    lines = [f"# {line}" for line in note.splitlines()]
    lines.extend(sorted(forms.values()))
    lines.extend(sorted(" ".join(words) for words in (phrases or {}).values()))
    contexts: dict[str, list[str]] = defaultdict(list)
    for (_, context), form in in_context.items():
        contexts[form].append(context)
    lines.extend(f"{form}\t{' '.join(sorted(found))}" for form, found in sorted(contexts.items()))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    Path(path).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
