"""Fatalities and injuries from a sentence, by ACLED's rules.

A number only counts when the words around it say people were killed or hurt: "3 bombs" and "in 2020" never
become a toll. Numbers joined in one list ("killing 3 soldiers and 2 civilians") add up; separate figures for
the same toll ("25 ... officials said 30") are rival reports, so the lowest is `best` and the highest `high`.
A running total ("bringing the death toll to 56", "since November 27") is marked cumulative rather than
counted as a new incident.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from eventwire.casualty_phrases import (
    ADDITIVE_BEFORE,
    ADDITIVE_NOUNS,
    ANY_CUE,
    ARTICLE,
    CLAUSE_BREAK,
    CUMULATIVE_CUE,
    DATE_AFTER,
    DATE_BEFORE,
    GENERIC_NOUNS,
    INJURE_BEFORE,
    KILL_BEFORE,
    LINK,
    NOUN_PHRASE,
    OBJECT_FOLLOWS,
    OWN_VERB,
    PASSIVE,
    PERFECT_KILLED,
    RIVAL_AFTER,
    RIVAL_BEFORE,
    SUBSET_AFTER,
    SUBSET_BEFORE,
    THE_DEAD,
    THE_VICTIM,
    TRANSITIVE,
    YEAR_CONTEXT,
    ZERO,
    ZERO_ROLES,
    Role,
)
from eventwire.model import Toll
from eventwire.quantity import Quantity, lexicon, parse_quantity, quantity_from_match, quantity_pattern

__all__ = ["Quantity", "TollFigure", "Tolls", "extract_tolls", "parse_quantity"]

# Plausibility caps: a figure above them is a misread number (an id, a sum of money, "a billion"), and is
# dropped rather than coded. ACLED's largest single events count dead in the thousands, so one incident is
# capped at 100,000; a running total over a whole war ("has killed more than 500,000") at 1,000,000.
MAX_INCIDENT_TOLL = 100_000
MAX_RUNNING_TOLL = 1_000_000


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
    article: bool = False
    additive: bool = False
    mention_start: int = 0
    mention_end: int = 0


@dataclass(slots=True)
class _Group:
    """People counted together: one number, or a list joined by "and"."""

    role: Role
    hits: list[_Hit] = field(default_factory=list)
    head: str = ""
    additive: bool = False
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


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _is_people(hit: _Hit, text: str) -> bool:
    """False for things ("3 bombs"), years ("in 2020") and the like."""
    described = hit.noun.lower().split(" of ")[0]  # "a local leader of the ruling party" is one leader
    if _head(hit.noun) in lexicon().nouns["not_people"] or (hit.article and len(described.split()) > 4):
        return False
    digits = text[hit.start : hit.end]
    if digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2100:
        return bool(hit.noun) and not YEAR_CONTEXT.search(text, max(0, hit.start - 12), hit.start)
    return True


def _classify(hit: _Hit, text: str, start: int, end: int) -> None:
    """Set the hit's role from the words before it (active voice) or after it (passive, headline)."""
    window = max(start, hit.start - 60)
    hit.mention_start = hit.start
    noun = NOUN_PHRASE.match(text, hit.end, end)
    hit.noun = noun.group() if noun else ""
    hit.mention_end = noun.end() if noun else hit.end
    if SUBSET_BEFORE.search(text, window, hit.start) or SUBSET_AFTER.match(text, hit.end, end):
        after = SUBSET_AFTER.match(text, hit.end, end)
        if after:
            noun = NOUN_PHRASE.match(text, after.end(), end)
            hit.noun = noun.group() if noun else ""
        hit.subset = True
        return
    hit.additive = (
        bool(ADDITIVE_BEFORE.search(text, window, hit.start)) or _first_word(hit.noun) in ADDITIVE_NOUNS
    )
    passive = PASSIVE.match(text, hit.end, end)
    if passive and not _active_subject(passive, text, end):
        if not (passive["np"] + passive["aux"]).strip() or not _active_before(hit, text, window):
            hit.noun, hit.mention_end = passive["np"], passive.end()
            hit.role = "killed" if passive["killed"] else "injured"
            hit.additive = hit.additive or "also" in passive["aux"].lower()
        return
    if (
        not _active_before(hit, text, window)
        and RIVAL_BEFORE.search(text, window, hit.start)
        and RIVAL_AFTER.match(text, hit.end, end)
    ):
        hit.rival, hit.mention_end = True, hit.end


def _active_before(hit: _Hit, text: str, window: int) -> bool:
    """ "killing 3", "wounding 5": set the role from the verb before the number."""
    for pattern, role in ((KILL_BEFORE, "killed"), (INJURE_BEFORE, "injured")):
        before = pattern.search(text, window, hit.start)
        if before:
            hit.role, hit.mention_start = role, before.start()
            return True
    return False


def _first_word(noun: str) -> str:
    words = noun.lower().split()
    return words[0] if words else ""


def _active_subject(passive: re.Match[str], text: str, end: int) -> bool:
    """ "3 gunmen killed 5 people": the number before a bare transitive verb is the killers, not the dead."""
    verb = (passive["killed"] or passive["injured"]).lower()
    if passive["aux"].strip() or not set(verb.split()) & TRANSITIVE:  # "killed", "shot and killed"
        return False
    follows = OBJECT_FOLLOWS.match(text, passive.end(), end) or _count_follows(text, passive.end(), end)
    nxt = NOUN_PHRASE.match(text, passive.end(), end)
    nouns = lexicon().nouns
    return bool(follows) or bool(nxt and _words(nxt.group()) & (nouns["children"] | nouns["civilians"]))


def _count_follows(text: str, start: int, end: int) -> bool:
    """A count in words right after the verb ("lynched two men"): the verb's victims."""
    rest = text[start:end]
    stripped = rest.lstrip()
    match = quantity_pattern().match(text, start + len(rest) - len(stripped), end)
    return match is not None and not OWN_VERB.match(text, match.end(), end)


def _is_date_part(text: str, start: int, end: int) -> bool:
    """ "November 27" and "27 November" are dates, not counts."""
    return bool(DATE_BEFORE.search(text, max(0, start - 12), start) or DATE_AFTER.match(text, end))


def _hits(text: str, start: int, end: int) -> tuple[list[_Hit], list[tuple[Role, int, int]]]:
    """Every number (and "a"/"an" before a noun) in the span, and the explicit zeros."""
    zeros: list[tuple[Role, int, int]] = []
    taken: list[tuple[int, int]] = []
    for match in ZERO.finditer(text, start, end):
        key = (match["noun"] or match["noun2"] or match["verb"] or match["verb2"]).split()[0].lower()
        zeros.extend((role, match.start(), match.end()) for role in ZERO_ROLES[key])
        taken.append(match.span())
    hits = []
    for match in quantity_pattern().finditer(text, start, end):
        quantity = quantity_from_match(match)
        if any(a <= match.start() < b for a, b in taken):
            continue
        if quantity is None:  # an absurd figure ("a trillion") is not read again as its "a"
            taken.append(match.span())
            continue
        if not _is_date_part(text, match.start(), match.end()):
            hits.append(_Hit(match.start(), match.end(), quantity))
            taken.append(match.span())
    one = Quantity(best=1, low=1, high=1)
    hits.extend(
        _Hit(first, last, one, article=True)
        for first, last in _single_victims(text, start, end)
        if not any(a <= first < b for a, b in taken)
    )
    hits.sort(key=lambda h: h.start)
    return hits, zeros


def _single_victims(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The words that stand for one person: "a"/"an" before a noun, "the" in "killing the driver" and in
    "the police commander was killed"."""
    yield from (m.span() for m in ARTICLE.finditer(text, start, end))
    yield from (
        m.span("the") for m in THE_VICTIM.finditer(text, start, end) if _names_one(text, m.end(), end)
    )
    yield from (m.span("the") for m in THE_DEAD.finditer(text, start, end))


def _names_one(text: str, start: int, end: int) -> bool:
    """Whether the noun after "the" is one person ("the driver"), not several ("the passengers")."""
    noun = NOUN_PHRASE.match(text, start, end)
    head = _head(noun.group()) if noun else ""
    return bool(head) and not head.endswith("s")


def _link(hits: list[_Hit], text: str) -> list[list[_Hit]]:
    """Join "3 soldiers and 2 civilians" into one list; each list is counted as one group."""
    lists: list[list[_Hit]] = []
    for hit in hits:
        previous = lists[-1][-1] if lists else None
        listed = next((h.role for h in lists[-1] if h.role), None) if lists else None
        joined = (
            previous is not None
            and not hit.subset
            and (previous.role is None) != (hit.role is None)
            and (hit.role is None or listed in (None, hit.role))  # "4 killed and 2 ..., and 5 injured"
            and LINK.fullmatch(text, previous.end, hit.start) is not None
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
                group = _Group(head.role, kept, _singular(_head(kept[0].noun)), kept[0].additive)
                for hit in kept:
                    _category_count(group, hit)
                groups.append(group)
    return groups


def _mark_cumulative(groups: list[_Group], text: str, start: int, end: int) -> None:
    """A group is cumulative when its clause says so ("since", "so far", "toll rose to")."""
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(text, start, end)]
    for group in groups:
        first, last = group.hits[0].mention_start, group.hits[-1].mention_end
        clause_start = max((b for b in breaks if b < first), default=start)
        clause_end = min((b for b in breaks if b >= last), default=end)
        total = sum(h.quantity.best for h in group.hits)
        group.cumulative = bool(
            CUMULATIVE_CUE.search(text, clause_start, clause_end)
            or (total >= 1000 and PERFECT_KILLED.search(text, clause_start, clause_end))
        )


def _reports(groups: list[_Group]) -> list[list[_Group]]:
    """Groups that add up to one report: "also"/"another" and different victims ("2 soldiers ... 3 militants")
    add; the same victims counted again ("25 people ... officials said 30") are a rival report."""
    reports: list[list[_Group]] = []
    for group in groups:
        last = reports[-1] if reports else []
        distinct = group.head not in GENERIC_NOUNS and all(
            g.head not in GENERIC_NOUNS and g.head != group.head for g in last
        )
        if last and last[0].cumulative == group.cumulative and (group.additive or distinct):
            last.append(group)
        else:
            reports.append([group])
    return reports


def _known_sum(values: list[int | None], best: int) -> int | None:
    known = [v for v in values if v is not None]
    return min(sum(known), best) if known else None


def _figure(groups: list[_Group], text: str) -> TollFigure:
    hits = [h for g in groups for h in g.hits]
    quantities = [h.quantity for h in hits]
    best = sum(q.best for q in quantities)
    start, end = hits[0].mention_start, hits[-1].mention_end
    return TollFigure(
        best=best,
        low=_sum([q.low for q in quantities]),
        high=_sum([q.high for q in quantities]),
        civilians=_known_sum([g.civilians for g in groups], best),
        children=_known_sum([g.children for g in groups], best),
        mention=text[start:end],
        start=start,
        end=end,
        cumulative=groups[0].cumulative,
    )


def _combine(figures: list[TollFigure]) -> TollFigure | None:
    """Rival reports of one toll: the lowest is `best` (ACLED: most conservative), the widest bounds kept."""
    figures = [f for f in figures if f.best <= (MAX_RUNNING_TOLL if f.cumulative else MAX_INCIDENT_TOLL)]
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
    if not ANY_CUE.search(text, start, end):
        return Tolls()
    hits, zeros = _hits(text, start, end)
    for hit in hits:
        _classify(hit, text, start, end)
    groups = _groups(_link(hits, text), text)
    _mark_cumulative(groups, text, start, end)
    figures: dict[Role, list[TollFigure]] = {}
    for role in ("killed", "injured"):
        figures[role] = [_figure(report, text) for report in _reports([g for g in groups if g.role == role])]
        figures[role] += [TollFigure(0, 0, 0, None, None, text[a:b], a, b) for r, a, b in zeros if r == role]
    return Tolls(killed=_combine(figures["killed"]), injured=_combine(figures["injured"]))
