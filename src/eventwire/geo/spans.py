"""Finding place names in text: the model's place entities, and capitalised names the gazetteer knows.

The small spaCy model misses or mislabels most towns outside the big cities ("in Barranquilla
(Atlantico" comes out as one ORG), so names are also read straight off the text: runs of capitalised
words ("Velyka Dymerka", "Amago-Ebenebe", "Deir ez Zor") looked up in the gazetteer. A run counts as a
place only with evidence that it is one: a locative before it ("in", "near", "outskirts of"), a unit
word after it ("Zur Maghar town", "Dholpur district"), or a place it qualifies or is qualified by
("X (Y, Z)", "X, Y"). Runs that are partly unknown words ("Kongo Trading Center") are not places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from eventwire.actors.generic import TITLES, group_noun
from eventwire.casing.recase import shipped_table
from eventwire.geo.gazetteer import Candidate, Gazetteer
from eventwire.geo.linking import PART_SEPARATOR, UNIT_PHRASE, link_phrases
from eventwire.geo.names import name_key
from eventwire.geo.words import (
    AREA_WORDS,
    CALENDAR_WORDS,
    DATELINE,
    DESCRIPTIVE,
    DIRECTION,
    FACILITIES,
    FIRMS,
    LOCATIVES,
    NAME_PREFIXES,
    NOT_PLACE_KEYS,
    PARTICLES,
    PLACE_AFTER,
    PLACE_LABELS,
    PLACE_NOUNS,
    SKIP_LABELS,
    TARGET_VERBS,
    UNIT_HINTS,
    WEAK_LOCATIVES,
)
from eventwire.nlp import doc_text, load_yaml

MAX_NAME_TOKENS = 8
# The tagger's tags of common nouns, singular and plural ("Police", "Troops").
COMMON_NOUN_TAGS = {"NN", "NNS"}
# A city whose quarters the press writes as "City-Quarter".
CITY_POPULATION = 100_000
# A known name as a verb's object is a place when some place of that name is a town this big.
TARGET_POPULATION = 20_000
# A known name before a noun of its people or institutions ("Fargo police") is a place when some place of
# that name is a unit or a town this big.
MODIFIER_POPULATION = 1_000


@lru_cache(maxsize=1)
def place_words() -> dict:
    """`modifier_nouns` and `plural_units` of data/place_words.yaml."""
    table = load_yaml("place_words.yaml")
    return {"modifier_nouns": frozenset(table["modifier_nouns"]), "plural_units": dict(table["plural_units"])}


@dataclass(slots=True, eq=False)
class Mention:
    """A place name being resolved: its candidates, the words around it and the places it qualifies.

    `cue` is the locative before the phrase the mention heads ("in", "near", "coded as") or None; a
    container ("Y" in "X (Y)") shares its head's phrase. `unit` is the kind of unit the text names.
    `part` marks a name that is a part of the name before it, not its container ("Yongsan" in "Seoul -
    Yongsan"); `target` a name that is the object of a verb ("struck Idlib"); `firm` a name before a
    business noun ("the Solvay factory"), `area` one before an area word ("the Idlib front"), `people`
    one before a noun of its people ("Eldoret farmers"), `village` one the text calls a village,
    `modifier` one before a noun of its people or institutions ("Fargo police", "an Alexandria woman"),
    `listed` one of a list of units ("Clay and Wilkin counties"), which do not qualify each other;
    `owner` a country named as the owner of a noun it qualifies ("the U.S. embassy", "U.S. officials").
    """

    start: int
    end: int
    text: str
    candidates: list[Candidate]
    unit: str | None = None
    direction: str | None = None
    label: str = ""
    cue: str | None = None
    container: Mention | None = None
    contents: list[Mention] = field(default_factory=list)
    choice: Candidate | None = None
    part: bool = False
    target: bool = False
    firm: bool = False
    area: bool = False
    people: bool = False
    village: bool = False
    modifier: bool = False
    listed: bool = False
    owner: bool = False

    @property
    def head(self) -> Mention:
        """The first name of the phrase ("X" in "X (Y, Z)")."""
        mention = self
        while mention.contents:
            mention = mention.contents[0]
        return mention


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Every place name in `doc` with evidence that it is one, linked into phrases ("X (Y, Z)").

    Unknown names in a place's position ("in Kinyamahura (Rutshuru)") are kept without candidates, so
    the phrase still knows where it starts; resolution skips them."""
    found = [m for run in name_runs(doc) for m in run_mentions(doc, run, gazetteer)]
    found += province_acronyms(doc, gazetteer)
    found = dateline_mention(doc, found, gazetteer) + found
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        inside = [m for m in found if m.start < ent.end_char and ent.start_char < m.end]
        known = [m for m in inside if m.candidates]
        if known and not is_longer_name(ent, known):
            continue
        if any(is_longer_unknown(m, ent) for m in inside):
            continue  # "Choro" tagged inside the unknown "Choro del Mono sector": no town of its own
        mention = entity_mention(doc, ent, gazetteer)
        if mention is not None or known:
            found = [m for m in found if m not in inside]
            found += [mention] if mention is not None else []
    found.sort(key=lambda m: m.start)
    found = [m for m in found if not is_common_opener(doc, m, found)]
    mark_listed_units(doc_text(doc), found)
    link_phrases(doc_text(doc), found)
    surnames = person_surnames(doc, gazetteer)
    kept = [
        m
        for m in found
        if (m.candidates or m.container)
        and in_place_phrase(m, doc_text(doc))
        and not names_a_person_or_people(m, surnames, gazetteer)
    ]
    for mention in kept:
        mention.owner = names_an_owner(doc, mention)
    return kept


def is_common_opener(doc: Doc, mention: Mention, mentions: list[Mention]) -> bool:
    """A common word capitalised only because it opens a sentence ("Police in Kabul said", "Mine
    clearance resumed") is no place (Police in Poland, Mine in Japan) unless the text places it as
    surely as it places a name mid-sentence: a unit or area word after it ("Mine district") or a place
    qualifying it ("Reading, Pennsylvania"), or the article placing it elsewhere. Common is what the
    article writes in lower case elsewhere, or what the model reads as a common noun there and English
    usually writes in lower case (the casing table, whose English words also hold some towns:
    "watertown"), unless the model tags it a place."""
    span = doc.char_span(mention.start, mention.end)
    if span is None or len(span) != 1 or not span[0].is_title or not opens_sentence(span[0]):
        return False
    token = span[0]
    common = lower_case_elsewhere(doc, token) or (
        token.tag_ in COMMON_NOUN_TAGS
        and usually_lower_case(token.text)
        and token.ent_type_ not in PLACE_LABELS
    )
    placed = mention.unit or mention.area or is_qualified_next(doc, mention, mentions)
    return common and not (placed or placed_elsewhere(doc, token))


def opens_sentence(token: Token) -> bool:
    """The first word of a sentence or line, after any quotes or dashes ("- Police said")."""
    if not token.doc.has_annotation("SENT_START"):
        return token.i == 0
    sentence_start = token.sent.start
    return all(t.is_punct or t.is_space for t in token.doc[sentence_start : token.i])


def lower_case_elsewhere(doc: Doc, token: Token) -> bool:
    lower = token.text.lower()
    return any(t.text == lower for t in doc if t.i != token.i)


def placed_elsewhere(doc: Doc, token: Token) -> bool:
    """Whether the article writes the word as a place mid-sentence elsewhere: tagged a place, or after a
    locative ("Sycamore family serves as ambassador ... the March in Sycamore")."""
    return any(
        t.text == token.text
        and t.i != token.i
        and not opens_sentence(t)
        and (t.ent_type_ in PLACE_LABELS or (t.i > 0 and doc[t.i - 1].lower_ in LOCATIVES))
        for t in doc
    )


def usually_lower_case(word: str) -> bool:
    """Whether English writes the word in lower case as a rule ("police", "mine", "reading")."""
    form = shipped_table().forms.get(word.lower())
    return form is not None and form.islower()


def is_qualified_next(doc: Doc, mention: Mention, mentions: list[Mention]) -> bool:
    """A known place right after the name, set off by a comma or bracket, that it can lie in
    ("Reading, Pennsylvania", "Police (West Pomerania)")."""
    after = [m for m in mentions if m.start >= mention.end]
    if not after or not after[0].candidates:
        return False
    between = doc_text(doc)[mention.end : after[0].start]
    return between.strip() in {",", "("} and can_lie_in(mention, after[0])


def names_an_owner(doc: Doc, mention: Mention) -> bool:
    """A country's name before a noun it qualifies ("the U.S. embassy", "U.S. officials said"): it says
    whose the thing is, not where the article is. Not a country with its unit word ("Kosovo province")."""
    if mention.unit is not None or not any(c.kind == "country" for c in mention.candidates):
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and qualifies_noun(span)


def qualifies_noun(span: Span) -> bool:
    """Whether a name modifies a noun after it ("U.S." in "the U.S. consulate", "a U.S.-brokered truce")
    or an official's title ("U.S. Assistant Secretary Robert Pelletreau": whose official, not where)."""
    root = span.root
    if root.dep_ not in {"compound", "amod", "nmod", "npadvmod"} or root.head.i <= root.i:
        return False
    head = root.head
    if head.pos_ == "NOUN":
        return True
    return head.pos_ == "PROPN" and any(t.lower_ in TITLES for t in span.doc[root.i + 1 : head.i + 1])


LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")
PLURAL_UNIT = re.compile(r"\s+(\w+)")


def mark_listed_units(text: str, mentions: list[Mention]) -> None:
    """ "Becker, Clay and Wilkin counties", "Idlib and Hama provinces": a plural unit word after a list
    of names makes each of them a unit of its kind."""
    units = place_words()["plural_units"]
    for i, last in enumerate(mentions):
        word = PLURAL_UNIT.match(text, last.end)
        if word is None or word.group(1).lower() not in units:
            continue
        kind = units[word.group(1).lower()]
        listed = [last]
        for previous in reversed(mentions[:i]):
            if not LIST_SEPARATOR.fullmatch(text[previous.end : listed[-1].start]):
                break
            listed.append(previous)
        if len(listed) > 1:
            for mention in listed:
                mention.unit = mention.unit or kind
                mention.listed = True


def person_surnames(doc: Doc, gazetteer: Gazetteer) -> set[str]:
    """The last names of the people an article names in full ("Pablo Escobar" -> "escobar"): a person
    entity of two or more words, or a two-word name the small model calls an organisation whose first
    word is no place ("Pablo Escobar" as ORG, not "Kenya Airways" or "Bank Kenya")."""
    surnames = set()
    for ent in doc.ents:
        words = [t for t in ent if t.is_alpha]
        if len(words) < 2 or len(words) != len(ent) or not all(t.text[:1].isupper() for t in words):
            continue
        person = ent.label_ == "PERSON" or (
            ent.label_ == "ORG" and len(words) == 2 and not gazetteer.lookup(words[0].text)
        )
        if person:
            surnames.add(name_key(words[-1].text))
    return surnames


def names_a_person_or_people(mention: Mention, surnames: set[str], gazetteer: Gazetteer) -> bool:
    """A name the article uses for a person it names in full ("Escobar" after "Pablo Escobar"), or a
    demonym ("Kurdish"), is a place only where the text places it: a unit word, a locative, a qualifier."""
    key = name_key(mention.text)
    demonym = gazetteer.demonym_country(mention.text) is not None and not any(
        c.kind == "country" for c in mention.candidates
    )  # "Djibouti" is a people's name and their country's
    if key not in surnames and not demonym:
        return False
    return not (is_placed(mention) or mention.container or mention.contents)


def is_placed(mention: Mention) -> bool:
    """Whether the words around a name place it: a unit or area word after it, or a locative before it
    ("in", "near", "the coast of", "coded as"), not a weak one ("from", "to", "and")."""
    return bool(mention.unit or mention.area or (mention.cue and mention.cue not in WEAK_LOCATIVES))


def dateline_mention(doc: Doc, found: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """The town a wire story is filed from ("BEIRUT (AP) -", "KABUL, May 8 (Reuters) -") as a place,
    unless already read; it places the story, weakly (no locative)."""
    match = DATELINE.match(doc_text(doc))
    if match is None:
        return []
    read = [m for m in found if m.start < match.end("place") and match.start("place") < m.end]
    for mention in read:
        mention.label = "GPE"
    if read:
        return []
    span = doc.char_span(match.start("place"), match.end("place"))
    if span is None:
        return []
    mention = new_mention(doc, span.start, span.end, gazetteer, "GPE")
    name = mention.text.title() if mention.text.isupper() else mention.text
    mention.candidates = [c for c in gazetteer.lookup(name) if c.kind in ("city", "admin1", "admin2")]
    return [mention] if mention.candidates else []


def province_acronyms(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Province abbreviations closing a qualifier ("Samba (J&K)", "Idak (NW, KPK)"): acronyms are not read
    as names elsewhere, but there only a province's abbreviation fits."""
    found = []
    for token in doc[1 : len(doc) - 1]:
        if (
            not is_acronym(token)
            or doc[token.i - 1].text not in {"(", ","}
            or doc[token.i + 1].text not in {")", ","}
        ):
            continue
        mention = new_mention(doc, token.i, token.i + 1, gazetteer, token.ent_type_)
        mention.candidates = [c for c in mention.candidates if c.kind == "admin1"]
        if mention.candidates:
            found.append(mention)
    return found


def is_longer_unknown(mention: Mention, ent: Span) -> bool:
    """Whether an unknown name run goes on past the entity with a particle ("Choro" in "Choro del Mono"):
    the entity is the start of a longer name, not a place of its own."""
    if mention.candidates or not (mention.start == ent.start_char and ent.end_char < mention.end):
        return False
    rest = mention.text[ent.end_char - mention.start :].split()
    return bool(rest) and rest[0] in PARTICLES


def is_longer_name(ent: Span, known: list[Mention]) -> bool:
    """Whether a place entity is one name longer than the known name read inside it ("Republic of
    Armenia", "Trinidad and Tobago"), not a list or phrase of names ("Zapopan, Jalisco")."""
    if len(known) > 1 or any(ch in ent.text for ch in ",()") or PART_SEPARATOR.search(ent.text):
        return False
    if ent.text[known[0].end - ent.start_char : known[0].end - ent.start_char + 1] == "-":
        return False  # "Sarajevo-Stari Grad": the town and its quarter (see `hyphen_head`)
    return ent.start_char < known[0].start or known[0].end < ent.end_char


def in_place_phrase(mention: Mention, text: str) -> bool:
    """Whether a name of the mention's phrase is evidently a place, or the phrase is a name qualified by
    known places, closed by punctuation ("shelled Kochubeivka, Kherson, killing") or nested in them."""
    phrase = [mention.head]
    while phrase[-1].container:
        phrase.append(phrase[-1].container)
    if any(is_evident(m) for m in phrase):
        return True
    if len(phrase) < 2 or not any(m.candidates for m in phrase[1:]):
        return False
    return ends_clause(text, phrase[-1].end) or nests(phrase)


def nests(phrase: list[Mention]) -> bool:
    """Whether each name has a place inside a place of the next ("shelled Derhachi, Kharkiv as ..."):
    two unrelated names rarely line up that way. Not for "X - Y", a dateline as often as a part."""
    return not any(m.part for m in phrase) and all(
        can_lie_in(inner, outer) for inner, outer in zip(phrase, phrase[1:], strict=False)
    )


def can_lie_in(inner: Mention, outer: Mention) -> bool:
    """Whether some place of the inner name lies in some place of the outer one."""
    return any(inside(a, b) for a in inner.candidates[:50] for b in outer.candidates[:50])


def inside(a: Candidate, b: Candidate) -> bool:
    """A town or district within a province, a district or a country (not the place itself)."""
    if a.country != b.country or a == b or a.kind in ("admin1", "country"):
        return False
    return (
        b.kind == "country"
        or (b.kind == "admin1" and a.admin1 == b.admin1)
        or (b.kind == "admin2" and a.admin2 == b.admin2)
    )


def is_evident(mention: Mention) -> bool:
    """A model place entity, a name with a unit word, a name after a locative, or a town of some size
    that a verb acts on ("warplanes struck Idlib")."""
    if mention.unit or mention.area or (mention.people and mention.label != "PERSON"):
        return True
    if mention.candidates and name_key(mention.text) in NOT_PLACE_KEYS or mention.firm and is_brand(mention):
        return False
    if mention.label in PLACE_LABELS or is_unit_name(mention):
        return True
    if mention.modifier and any(
        c.kind != "city" or c.population >= MODIFIER_POPULATION for c in mention.candidates
    ):
        return True
    if mention.target and any(c.population >= TARGET_POPULATION for c in mention.candidates):
        return True
    if mention.cue is None:
        return False
    return mention.cue not in WEAK_LOCATIVES or mention.label not in {"PERSON", "ORG", "NORP"}


def is_unit_name(mention: Mention) -> bool:
    """A name of two or more words that is exactly a country's or a province's ("Tamil Nadu said",
    "South Waziristan"): people are rarely called so, whatever the small model says."""
    key = name_key(mention.text)
    return len(key.split()) > 1 and any(
        c.kind in ("admin1", "country") and name_key(c.name) == key for c in mention.candidates
    )


def is_people(token: Token) -> bool:
    """A plural noun of ordinary people after a name: "Eldoret farmers", "Mombasa demonstrators" are
    people of a place, as "Trump supporters" (no such noun) are not."""
    noun = group_noun(token.lemma_) if token.is_lower and token.tag_ == "NNS" else None
    return noun is not None and noun.kind in {"civilians", "protesters", "rioters"}


def is_brand(mention: Mention) -> bool:
    """A name before a business noun that no sizeable place has: "the Solvay factory" is a company's,
    "a Gainesville restaurant" is in Gainesville."""
    return not any(c.kind != "city" or c.population >= TARGET_POPULATION for c in mention.candidates)


def ends_clause(text: str, end: int) -> bool:
    rest = UNIT_PHRASE.sub("", text[end : end + 40]).lstrip()
    return rest[:1] in {"", ")", ",", ".", ";", ":"}


def entity_mention(doc: Doc, span: Span, gazetteer: Gazetteer) -> Mention | None:
    """A model entity the gazetteer knows, without "the" and possessives, with its unit word."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in {"the", "'s", "’s"}:
        tokens.pop(0)
    while tokens and tokens[-1].lower_ in {"'s", "’s", "'", "’"}:
        tokens.pop()
    unit = None
    if len(tokens) > 1 and tokens[-1].lower_ in UNIT_HINTS:
        unit = UNIT_HINTS[tokens.pop().lower_]
    acronym = len(tokens) == 1 and is_acronym(tokens[0])
    if not tokens or (acronym and not any(c.kind == "country" for c in gazetteer.lookup(span.text))):
        return None
    mention = new_mention(doc, tokens[0].i, tokens[-1].i + 1, gazetteer, span.label_)
    if mention.candidates or (mention := new_mention(doc, span.start, span.end, gazetteer, span.label_)):
        mention.unit = unit or mention.unit
    return mention if mention.candidates else None


def new_mention(doc: Doc, start: int, end: int, gazetteer: Gazetteer, label: str) -> Mention:
    """The name doc[start:end] with its candidates, unit word after and compass word before."""
    first, last = doc[start], doc[end - 1]
    text = doc_text(doc)[first.idx : last.idx + len(last)]
    after = doc[end].lower_ if end < len(doc) else ""
    before = doc[start - 1].lower_ if start > 0 else ""
    cue = cue_before(doc, start)
    return Mention(
        first.idx,
        last.idx + len(last),
        text,
        gazetteer.lookup(text),
        unit=UNIT_HINTS.get(after),
        direction=before if DIRECTION.match(before) else None,
        label=label,
        cue=cue,
        target=(last.dep_ == "dobj" and last.head.pos_ == "VERB") or before in TARGET_VERBS,
        firm=after in FIRMS,
        area=after in PLACE_AFTER,
        people=end < len(doc) and is_people(doc[end]),
        village=after in {"village", "villages"} or cue == "village of",
        modifier=after in place_words()["modifier_nouns"] | FACILITIES,
    )


def cue_before(doc: Doc, start: int) -> str | None:
    """The locative word governing the name at `start` ("in", "near", "outskirts of"), or None."""
    i = start - 1
    while i >= 0 and (doc[i].lower_ in {"the", "a"} | DESCRIPTIVE or DIRECTION.match(doc[i].lower_)):
        i -= 1
    if i < 0:
        return None
    word = doc[i].lower_
    if word == "of" and i > 0:
        noun = doc[i - 1].lower_
        facility = noun in FACILITIES and doc[i - 1].is_lower  # "the university of Thessaloniki"
        return f"{noun} of" if noun in PLACE_NOUNS or noun in UNIT_HINTS or facility else None
    if word in {"as", "to"} and i > 0 and doc[i - 1].lower_ == "coded":
        return "coded as"
    if word == "to" and i > 0 and doc[i - 1].lower_ == "close":
        return "close to"
    if word == "(" and i > 0 and doc[i - 1].lower_ in {"here", "there"}:
        return "in"  # "organised a human chain here (Rangpur)"
    return word if word in LOCATIVES | WEAK_LOCATIVES else None


def is_name_token(token: Token) -> bool:
    """A capitalised word that may be (part of) a name, also "eThekwini"; acronyms ("LoC", "PAS") and
    sentence-initial function words ("On", "In") are not."""
    text = token.text
    return (
        (text[:1].isupper() or (text[:1].islower() and text[1:2].isupper()))
        and any(ch.isalpha() for ch in text)
        and not is_acronym(token)
        and not skipped_entity(token)
        and not (token.is_sent_start and token.is_stop)
    )


def skipped_entity(token: Token) -> bool:
    """A word of a date, time or number entity; the small model also tags unfamiliar town names as dates
    ("In Gaibandha, a bus was torched"), so a capitalised word that is no calendar word stays a name."""
    if token.ent_type_ not in SKIP_LABELS:
        return is_dated_month(token)
    return token.ent_type_ not in {"DATE", "TIME"} or not token.is_alpha or token.lower_ in CALENDAR_WORDS


def is_dated_month(token: Token) -> bool:
    """A month beside a number ("Jul 24th", "24 Sept") that the model did not tag as a date."""
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    month = token.lower_.rstrip(".")  # "09 Sep. Muranga residents": "Sep." is no part of the name
    return month in CALENDAR_WORDS and any(any(ch.isdigit() for ch in n.text) for n in neighbours)


def is_acronym(token: Token) -> bool:
    """A short all-capitals word ("PAS", "LoC") outside a line of capitals ("LOS ANGELES")."""
    text = token.text
    if len(text) > 5 or sum(ch.isupper() for ch in text) < 2:
        return False
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return not any(n.is_alpha and n.is_upper and len(n) > 1 for n in neighbours)


def name_runs(doc: Doc) -> list[list[Token]]:
    """Maximal runs of capitalised words, with lower-case particles between them ("Deir ez Zor") and
    hyphenated compounds ("Ti-n-Agadel", "Sincheon-ri") kept whole."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for token in doc:
        if is_name_token(token) or (run and (in_compound(token) or is_particle(token))):
            run = run or article_before(token)
            run.append(token)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    return [trimmed for r in runs if (trimmed := trim(r))]


def article_before(token: Token) -> list[Token]:
    """The article joined by a hyphen before a name ("al-" in "al-Hasakeh", "el-" in "el-Fasher")."""
    doc = token.doc
    if (
        token.i < 2
        or doc[token.i - 1].text != "-"
        or doc[token.i - 1].whitespace_
        or doc[token.i - 2].whitespace_
    ):
        return []
    article = doc[token.i - 2]
    return [article, doc[token.i - 1]] if article.lower_ in PARTICLES else []


def in_compound(token: Token) -> bool:
    """A hyphen, or a word after one, written without spaces."""
    previous = token.doc[token.i - 1]
    if previous.whitespace_:
        return False
    return token.text in {"-", "'", "’"} or (previous.text == "-" and token.is_alpha)


def is_particle(token: Token) -> bool:
    """A lower-case particle followed by more of the name."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.lower_ in PARTICLES and nxt is not None and (is_name_token(nxt) or nxt.lower_ in PARTICLES)


def trim(run: list[Token]) -> list[Token]:
    while run and not is_name_token(run[-1]) and not in_compound(run[-1]):
        run = run[:-1]
    while run and run[-1].text in {"-", "'", "’"}:
        run = run[:-1]
    return run


def run_mentions(doc: Doc, run: list[Token], gazetteer: Gazetteer) -> list[Mention]:
    """The known name a run is, or the known name it starts or ends with beside unit and compass words
    ("North Mitrovica", "Seoul City"); a run of unknown words or of two known names is unknown."""
    start, end = run[0].i, run[-1].i + 1
    while (
        start < end - 1 and DIRECTION.match(doc[start].lower_) and not lookup_span(doc, start, end, gazetteer)
    ):
        start += 1
    while end > start + 1 and doc[end - 1].lower_ in UNIT_HINTS.keys() | AREA_WORDS | FACILITIES:
        if lookup_span(doc, start, end, gazetteer):
            break
        end -= 1
    mention = new_mention(doc, start, end, gazetteer, doc[start].ent_type_)
    if mention.candidates:
        return [mention]
    if end - start > MAX_NAME_TOKENS:
        return []
    return (
        split_run(doc, start, end, gazetteer)
        or hyphen_head(doc, run, gazetteer)
        or modifier_head(doc, start, end, gazetteer)
        or [unknown_mention(doc, run)]
    )


def modifier_head(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> list[Mention]:
    """The known name before a capitalised noun of its institutions in an unknown run ("Mansfield" of
    "Mansfield Police Department", "Fargo" of "Fargo Mayor Dennis Walaker", "Embu" of "Embu University
    Students")."""
    nouns = place_words()["modifier_nouns"] | FACILITIES
    for cut in range(start + 1, end):
        if doc[cut].lower_ in nouns and lookup_span(doc, start, cut, gazetteer):
            return [new_mention(doc, start, cut, gazetteer, doc[start].ent_type_)]
    return []


def hyphen_head(doc: Doc, run: list[Token], gazetteer: Gazetteer) -> list[Mention]:
    """The city before a hyphen in an unknown compound: "Sarajevo-Stari Grad", "Mogadishu-Hodan", a city
    and its quarter written as one word. Only a city, and only before a capital: "Orta-Karvend" and
    "Saudi-led" are no towns of their first word."""
    hyphen = next((t.i for t in run[1:-1] if t.text == "-" and not doc[t.i - 1].whitespace_), None)
    if hyphen is None or not doc[hyphen + 1].text[:1].isupper():
        return []
    mention = new_mention(doc, run[0].i, hyphen, gazetteer, run[0].ent_type_)
    big = any(c.kind == "city" and c.population >= CITY_POPULATION for c in mention.candidates)
    return [mention] if big else []


def split_run(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> list[Mention]:
    """A town and its province written without a comma ("Tijuana Baja California"), linked when one can
    lie in the other; two names side by side are left apart ("Hodeidah Red Sea port city": Sudan has a
    Red Sea state, which must not pull Hodeidah out of Yemen)."""
    for middle in range(start + 1, end):
        if not is_name_token(doc[middle]) or (middle == start + 1 and doc[start].lower_ in NAME_PREFIXES):
            continue
        outer = new_mention(doc, middle, end, gazetteer, doc[middle].ent_type_)
        if not any(c.kind in ("admin1", "country") for c in outer.candidates):
            continue
        inner = new_mention(doc, start, middle, gazetteer, doc[start].ent_type_)
        if inner.candidates:
            outer.cue = None
            if can_lie_in(inner, outer):
                inner.container, outer.contents = outer, [inner]
            return [inner, outer]
    return []


def lookup_span(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    first, last = doc[start], doc[end - 1]
    return bool(gazetteer.lookup(doc_text(doc)[first.idx : last.idx + len(last)]))


def unknown_mention(doc: Doc, run: list[Token]) -> Mention:
    """A name the gazetteer lacks, kept only as the start of a phrase ("in Kinyamahura (Rutshuru)")."""
    first, last = run[0], run[-1]
    return Mention(
        first.idx,
        last.idx + len(last),
        doc_text(doc)[first.idx : last.idx + len(last)],
        [],
        label=first.ent_type_,
        cue=cue_before(doc, first.i),
    )
