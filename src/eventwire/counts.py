"""Fatalities and injuries from a sentence, by ACLED's rules.

A number only counts when the words around it say people were killed or hurt: "3 bombs" and "in 2020" never
become a toll. Numbers joined in one list ("killing 3 soldiers and 2 civilians") add up; separate figures for
the same toll ("25 ... officials said 30") are rival reports, so the lowest is `best` and the highest `high`.
A running total ("bringing the death toll to 56", "since November 27") is marked cumulative rather than
counted as a new incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from eventwire.model import Toll
from eventwire.quantity import Quantity, lexicon, parse_quantity, quantity_from_match, quantity_pattern

__all__ = ["Quantity", "TollFigure", "Tolls", "extract_tolls", "parse_quantity"]

Role = Literal["killed", "injured"]
MAX_INCIDENT_TOLL = 1_000_000  # more dead than this in one incident is a misread number, not a toll

_KILLED_WORDS = (
    r"killed|dead|died|die|slain|murdered|executed|beheaded|massacred|perished|fatalities|deaths|bodies|corpses"
    r"|lost\s+(?:their|his|her)\s+lives?|shot\s+dead|shot\s+and\s+killed|burned\s+to\s+death"
)
_INJURED_WORDS = r"wounded|injured|hurt|maimed|injuries|(?:sustained|suffered)\s+injuries"
_AUX = (
    r"were|was|have|has|had|are|is|been|being|be|got|reportedly|also|allegedly|reported|confirmed|later|all"
    r"|both|subsequently|believed|feared|to|now|already|initially|apparently|mostly|who|each|presumed|found"
)
_FUNCTION = (
    r"and|or|but|which|that|in|on|at|near|during|after|before|by|as|with|when|while|from|for|since|into"
)
_STOP = rf"(?:{_KILLED_WORDS}|{_INJURED_WORDS}|{_AUX}|{_FUNCTION}|killing|wounding|injuring|including)\b"
_NP = rf"(?:\s+(?:of\s+)?(?!{_STOP})(?:[A-Za-z]|\d+-[A-Za-z])[\w'’-]*){{0,6}}"
_PLACE = r"(?:\s+(?:in|at|near|from)\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})?"
_ASIDE = r"(?:\s*,[^,;.]{1,60},)?"  # "25 people, including 10 children, were killed"
_FLAGS = re.IGNORECASE

_NOUN_PHRASE = re.compile(_NP, _FLAGS)
_PASSIVE = re.compile(
    rf"(?P<np>{_NP}){_PLACE}{_ASIDE}(?P<aux>(?:\s+(?:{_AUX})\b)*)"
    rf"\s+(?:(?P<killed>{_KILLED_WORDS})|(?P<injured>{_INJURED_WORDS}))\b",
    _FLAGS,
)
_TRANSITIVE = frozenset({"killed", "murdered", "executed", "beheaded", "massacred", "wounded", "injured"})
_OBJECT_FOLLOWS = re.compile(
    r"\s+(?:a|an|the|his|her|their|its|\d|at\s+least|more\s+than|dozens|scores)\b", _FLAGS
)
_KILL_BEFORE = re.compile(
    r"\b(?:killing|killed|kills|kill|murdering|murdered|executing|executed|beheading|beheaded|massacring"
    r"|massacred|slaughtering|slaughtered|shot\s+dead|shooting\s+dead|shot\s+and\s+killed"
    r"|(?:claimed|claiming|took|taking)\s+the\s+lives\s+of|bodies\s+of|remains\s+of"
    r"|toll\s+(?:\w+\s+){0,4}?(?:of|at|to|was|is|reaching|reached|hit|hitting|topping|topped|passing|passed))"
    r"\s+\Z",
    _FLAGS,
)
_INJURE_BEFORE = re.compile(r"\b(?:wounding|wounded|injuring|injured|hurting|maiming|maimed)\s+\Z", _FLAGS)
_SUBSET_BEFORE = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|among\s+the\s+dead|among\s+those\s+killed|of\s+whom|of\s+them)"
    r"\s+\Z",
    _FLAGS,
)
_SUBSET_AFTER = re.compile(r"\s+of\s+(?:them|whom)(?:\s+were)?(?=\s)", _FLAGS)
_RIVAL_BEFORE = re.compile(
    r"\b(?:said|says|say|reported|estimated|put\s+(?:the\s+(?:death\s+)?toll|the\s+number|the\s+figure|it)\s+at"
    r"|gave\s+a\s+(?:death\s+)?toll\s+of)\s+\Z",
    _FLAGS,
)
_RIVAL_AFTER = re.compile(r"\s*(?:[.,;)]|\Z)")
_LINK = re.compile(rf"{_NP}\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)", _FLAGS)
_ARTICLE = re.compile(r"\b(?:a|an)(?=\s+\w)", _FLAGS)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE_BEFORE = re.compile(rf"\b{_MONTH}\.?\s+\Z")
_DATE_AFTER = re.compile(rf"\s+(?:of\s+)?{_MONTH}\b")
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|of|by|until|from|year|during)\s+\Z", _FLAGS)
_ZERO = re.compile(
    r"\b(?:no|zero)\s+(?:(?:immediate|reported|known|further|other|human|civilian|serious)\s+)*"
    r"(?:(?P<noun>fatalities|deaths|casualties|injuries|loss\s+of\s+life|lives\s+(?:were\s+)?lost)\b"
    r"|(?:one|body|people|person|persons)\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?P<verb>killed|hurt|harmed|injured|wounded|died)\b)"
    r"|\bnobody\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?P<verb2>killed|hurt|harmed|injured|wounded)\b"
    r"|\bwithout\s+(?:any\s+)?(?P<noun2>casualties|injuries|fatalities|loss\s+of\s+life)\b",
    _FLAGS,
)
_ZERO_ROLES: dict[str, tuple[Role, ...]] = {
    **dict.fromkeys(("fatalities", "deaths", "loss", "lives", "killed", "died"), ("killed",)),
    **dict.fromkeys(("injuries", "injured", "wounded"), ("injured",)),
    **dict.fromkeys(("casualties", "hurt", "harmed"), ("killed", "injured")),  # "no one was hurt": neither
}
_CLAUSE_BREAK = re.compile(
    r"[;:]|\.(?=\s|\Z)|,\s+(?=(?:bringing|raising|taking|pushing|lifting|while|but)\b)", _FLAGS
)
_CUMULATIVE_CUE = re.compile(
    r"\b(?:since|so\s+far|to\s+date|in\s+total|this\s+year|(?:over|in)\s+the\s+(?:past|last)"
    r"|(?:which|that)\s+(?:has|have|had)\s+(?:\w+\s+)?killed"
    r"|toll\s+(?:\w+\s+){0,4}?(?:rose|risen|climbed|reached|reaching|rising|increased|jumped|hit|surpassed|to))\b",
    _FLAGS,
)
_PERFECT_KILLED = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?killed\b", _FLAGS)
_ANY_CUE = re.compile(
    r"kill|dead|die|death|fatal|casualt|wound|injur|hurt|harm|slain|murder|execut|behead|massacr|perish|lives"
    r"|bodies|corpse|toll",
    _FLAGS,
)


@dataclass(frozen=True, slots=True)
class TollFigure:
    """A toll as the `Toll` record holds it, plus where its words are in the text (for evidence)."""

    best: int
    low: int | None
    high: int | None
    civilians: int | None
    children: int | None
    mention: str
    start: int
    end: int
    cumulative: bool = False

    def to_toll(self) -> Toll:
        return Toll(**{name: getattr(self, name) for name in Toll.model_fields})


@dataclass(frozen=True, slots=True)
class Tolls:
    """Killed and injured for one span; None means the text did not say (0 means it said none)."""

    killed: TollFigure | None = None
    injured: TollFigure | None = None


@dataclass(slots=True)
class _Hit:
    """One number in the span and what the words around it make of it."""

    start: int
    end: int
    quantity: Quantity
    noun: str = ""
    role: Role | None = None
    subset: bool = False
    rival: bool = False
    mention_start: int = 0
    mention_end: int = 0


@dataclass(slots=True)
class _Group:
    """People counted together: one number, or a list joined by "and"."""

    role: Role
    hits: list[_Hit] = field(default_factory=list)
    civilians: int | None = None
    children: int | None = None
    cumulative: bool = False


def _sum(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]


def _add(total: int | None, value: int) -> int:
    return value if total is None else total + value


def _words(noun: str) -> set[str]:
    return {w.lower().strip("'’") for w in noun.split()}


def _head(noun: str) -> str:
    """The noun a number counts: "suspected cattle thief" -> thief, "members of the army" -> members."""
    words = noun.lower().split()
    if words[:1] == ["of"]:
        words = words[1:]
    if "of" in words:
        words = words[: words.index("of")]
    return words[-1].strip("'’") if words else ""


def _is_people(hit: _Hit, text: str) -> bool:
    """False for things ("3 bombs"), years ("in 2020") and the like."""
    if _head(hit.noun) in lexicon().nouns["not_people"]:
        return False
    digits = text[hit.start : hit.end]
    if digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2100:
        return bool(hit.noun) and not _YEAR_CONTEXT.search(text, max(0, hit.start - 12), hit.start)
    return True


def _classify(hit: _Hit, text: str, start: int, end: int) -> None:
    """Set the hit's role from the words before it (active voice) or after it (passive, headline)."""
    window = max(start, hit.start - 60)
    hit.mention_start = hit.start
    noun = _NOUN_PHRASE.match(text, hit.end, end)
    hit.noun = noun.group() if noun else ""
    hit.mention_end = noun.end() if noun else hit.end
    if _SUBSET_BEFORE.search(text, window, hit.start) or _SUBSET_AFTER.match(text, hit.end, end):
        after = _SUBSET_AFTER.match(text, hit.end, end)
        if after:
            noun = _NOUN_PHRASE.match(text, after.end(), end)
            hit.noun = noun.group() if noun else ""
        hit.subset = True
        return
    for pattern, role in ((_KILL_BEFORE, "killed"), (_INJURE_BEFORE, "injured")):
        before = pattern.search(text, window, hit.start)
        if before:
            hit.role, hit.mention_start = role, before.start()
            return
    passive = _PASSIVE.match(text, hit.end, end)
    if passive and not _active_subject(passive, text, end):
        hit.noun = passive["np"]
        hit.role = "killed" if passive["killed"] else "injured"
        hit.mention_end = passive.end()
        return
    if _RIVAL_BEFORE.search(text, window, hit.start) and _RIVAL_AFTER.match(text, hit.end, end):
        hit.rival, hit.mention_end = True, hit.end


def _active_subject(passive: re.Match[str], text: str, end: int) -> bool:
    """ "3 gunmen killed 5 people": the number before a bare transitive verb is the killers, not the dead."""
    verb = (passive["killed"] or passive["injured"]).lower()
    if passive["aux"].strip() or verb not in _TRANSITIVE:
        return False
    follows = _OBJECT_FOLLOWS.match(text, passive.end(), end)
    nxt = _NOUN_PHRASE.match(text, passive.end(), end)
    nouns = lexicon().nouns
    return bool(follows) or bool(nxt and _words(nxt.group()) & (nouns["children"] | nouns["civilians"]))


def _is_date_part(text: str, start: int, end: int) -> bool:
    """ "November 27" and "27 November" are dates, not counts."""
    return bool(_DATE_BEFORE.search(text, max(0, start - 12), start) or _DATE_AFTER.match(text, end))


def _hits(text: str, start: int, end: int) -> tuple[list[_Hit], list[tuple[Role, int, int]]]:
    """Every number (and "a"/"an" before a noun) in the span, and the explicit zeros."""
    zeros: list[tuple[Role, int, int]] = []
    taken: list[tuple[int, int]] = []
    for match in _ZERO.finditer(text, start, end):
        key = (match["noun"] or match["noun2"] or match["verb"] or match["verb2"]).split()[0].lower()
        zeros.extend((role, match.start(), match.end()) for role in _ZERO_ROLES[key])
        taken.append(match.span())
    hits = []
    for match in quantity_pattern().finditer(text, start, end):
        quantity = quantity_from_match(match)
        if quantity is None or any(a <= match.start() < b for a, b in taken):
            continue
        if not _is_date_part(text, match.start(), match.end()):
            hits.append(_Hit(match.start(), match.end(), quantity))
            taken.append(match.span())
    one = Quantity(best=1, low=1, high=1)
    hits.extend(
        _Hit(m.start(), m.end(), one)
        for m in _ARTICLE.finditer(text, start, end)
        if not any(a <= m.start() < b for a, b in taken)
    )
    hits.sort(key=lambda h: h.start)
    return hits, zeros


def _link(hits: list[_Hit], text: str) -> list[list[_Hit]]:
    """Join "3 soldiers and 2 civilians" into one list; each list is counted as one group."""
    lists: list[list[_Hit]] = []
    for hit in hits:
        previous = lists[-1][-1] if lists else None
        joined = (
            previous is not None
            and not hit.subset
            and (previous.role is None) != (hit.role is None)
            and _LINK.fullmatch(text, previous.end, hit.start) is not None
        )
        if joined:
            lists[-1].append(hit)
        else:
            lists.append([hit])
    for members in lists:
        role = next((h.role for h in members if h.role), None)
        for member in members:
            member.role = member.role or role
    return lists


def _category_count(group: _Group, hit: _Hit) -> None:
    words, nouns = _words(hit.noun), lexicon().nouns
    if words & nouns["children"]:
        group.children = _add(group.children, hit.quantity.best)
    if words & nouns["civilians"]:
        group.civilians = _add(group.civilians, hit.quantity.best)


def _groups(lists: list[list[_Hit]], text: str) -> list[_Group]:
    """Roles, subsets and rival figures into groups; lone rivals take the role of the toll before them."""
    groups: list[_Group] = []
    for members in lists:
        head = members[0]
        if head.subset and groups:
            _category_count(groups[-1], head)
        elif head.rival and groups:
            groups.append(_Group(role=groups[-1].role, hits=[head]))
        elif head.role is not None:
            kept = [h for h in members if _is_people(h, text)]
            if kept:
                group = _Group(role=head.role, hits=kept)
                for hit in kept:
                    _category_count(group, hit)
                groups.append(group)
    return groups


def _mark_cumulative(groups: list[_Group], text: str, start: int, end: int) -> None:
    """A group is cumulative when its clause says so ("since", "so far", "toll rose to")."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, start, end)]
    for group in groups:
        first, last = group.hits[0].mention_start, group.hits[-1].mention_end
        clause_start = max((b for b in breaks if b < first), default=start)
        clause_end = min((b for b in breaks if b >= last), default=end)
        total = sum(h.quantity.best for h in group.hits)
        group.cumulative = bool(
            _CUMULATIVE_CUE.search(text, clause_start, clause_end)
            or (total >= 1000 and _PERFECT_KILLED.search(text, clause_start, clause_end))
        )


def _figure(group: _Group, text: str) -> TollFigure:
    quantities = [h.quantity for h in group.hits]
    best = sum(q.best for q in quantities)
    start, end = group.hits[0].mention_start, group.hits[-1].mention_end
    return TollFigure(
        best=best,
        low=_sum([q.low for q in quantities]),
        high=_sum([q.high for q in quantities]),
        civilians=None if group.civilians is None else min(group.civilians, best),
        children=None if group.children is None else min(group.children, best),
        mention=text[start:end],
        start=start,
        end=end,
        cumulative=group.cumulative,
    )


def _combine(figures: list[TollFigure]) -> TollFigure | None:
    """Rival reports of one toll: the lowest is `best` (ACLED: most conservative), the widest bounds kept."""
    figures = [f for f in figures if f.best <= MAX_INCIDENT_TOLL]
    incident = [f for f in figures if not f.cumulative]
    figures = incident or figures
    if not figures:
        return None
    chosen = min(figures, key=lambda f: f.best)
    lows = [f.low if f.low is not None else f.best for f in figures]
    highs = [f.high if f.high is not None else f.best for f in figures]
    spread = len(figures) > 1
    return TollFigure(
        best=chosen.best,
        low=min(lows) if spread else chosen.low,
        high=max(highs) if spread else chosen.high,
        civilians=chosen.civilians,
        children=chosen.children,
        mention=chosen.mention,
        start=chosen.start,
        end=chosen.end,
        cumulative=chosen.cumulative,
    )


def extract_tolls(text: str, start: int = 0, end: int | None = None) -> Tolls:
    """Killed and injured counts stated in text[start:end] (offsets stay relative to `text`)."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, end))
    if not _ANY_CUE.search(text, start, end):
        return Tolls()
    hits, zeros = _hits(text, start, end)
    for hit in hits:
        _classify(hit, text, start, end)
    groups = _groups(_link(hits, text), text)
    _mark_cumulative(groups, text, start, end)
    figures: list[tuple[Role, TollFigure]] = [(g.role, _figure(g, text)) for g in groups]
    figures += [(role, TollFigure(0, 0, 0, None, None, text[a:b], a, b)) for role, a, b in zeros]
    return Tolls(
        killed=_combine([f for role, f in figures if role == "killed"]),
        injured=_combine([f for role, f in figures if role == "injured"]),
    )
