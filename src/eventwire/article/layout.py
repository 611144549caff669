"""How a news article is laid out: headline, byline, dateline, captions, credits and the body.

Only the body (and the headline, which restates the main incident) is event text. A photo caption
("Jailed journalist released from prison, Baku, Azerbaijan, April 5, 2018.") retells an incident in
another place's words, a credit or a "Related:" line names places and people that are not the story's,
and a dateline ("KARACHI, Pakistan 1996-08-28", "BEIRUT (AP) -") says where the story was filed from and
when: context for the rest, never an event of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from eventwire.article.cues import layout_cues, phrase_pattern
from eventwire.lang import lexicon
from eventwire.nlp import doc_text, sentence_line_breaks
from eventwire.when import find_date_mentions

ZoneKind = Literal["headline", "byline", "dateline", "caption", "credit", "related", "body"]
Position = Literal["headline", "lede", "body"]
NOT_EVENT_TEXT: frozenset[str] = frozenset({"byline", "dateline", "caption", "credit", "related"})

_PLACE = r"[A-Z][A-Za-z'.\u2019-]*(?:[ -][A-Z][A-Za-z'.\u2019-]*){0,3}"
# A place in capitals, maybe ", Region", then a date, an agency in brackets or a dash.
_DATELINE_HEAD = re.compile(
    rf"(?P<place>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){{0,3}}(?![a-z])|{_PLACE})(?P<region>,\s*[A-Z][A-Za-z .]{{1,30}}?)?"
    r"(?P<rest>(?:,?\s+(?:\d{4}-\d\d-\d\d|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z]{3}\s+\d\d))?"
    r"(?:\s*\([^()\n]{1,30}\))*(?:\s*(?:--|[-\u2014\u2013\ufffd])\s*(?:\[TEXT\]\s*)?|\s*$|\s+(?=[A-Z][a-z])))"
)
# A caption's tail: ", Baku, Azerbaijan, April 5, 2018." - a place list and a full date, no verb after.
_CAPTION_TAIL = lexicon("en").regex("caption_tail")


@dataclass(frozen=True, slots=True)
class Zone:
    kind: ZoneKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where and when the story was filed: the place's words and the date, when the dateline gives one."""

    place: str
    start: int
    end: int
    date: dt.date | None


@dataclass(frozen=True)
class Layout:
    """The zones of one article (everything not in a zone is body) and its dateline."""

    zones: tuple[Zone, ...]
    dateline: Dateline | None
    body_start: int

    def kind_at(self, offset: int) -> ZoneKind:
        starts = [z.start for z in self.zones]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.zones[i].start <= offset < self.zones[i].end:
            return self.zones[i].kind
        return "body"

    def is_event_text(self, start: int, end: int) -> bool:
        """Whether a sentence over [start, end) may report events: its words are not all in a caption,
        credit, byline or dateline."""
        return any(self.kind_at(i) not in NOT_EVENT_TEXT for i in _probe_offsets(start, end))

    def is_caption(self, sentence: str) -> bool:
        """A caption run into the text: a sentence that ends with "file photo" or a credit."""
        tail = sentence.strip().rstrip(".").lower()
        return (
            any(
                tail.endswith(end) and (len(tail) == len(end) or not tail[-len(end) - 1].isalnum())
                for end in layout_cues()["caption_ends"]
            )
            and "," in tail
        )

    def position(self, start: int, body_rank: int) -> Position:
        """Headline, lede (the first body sentence) or body."""
        if self.kind_at(start) == "headline":
            return "headline"
        return "lede" if body_rank == 0 else "body"


def _probe_offsets(start: int, end: int) -> range:
    step = max(1, (end - start) // 8)
    return range(start, max(start + 1, end), step)


def read_layout(text: str, published: dt.date | None = None, title: str | None = None) -> Layout:
    """The zones of `text`: a headline and byline before the dateline, the dateline itself, caption,
    credit and pointer lines anywhere."""
    lines = _lines(text)
    zones: list[Zone] = []
    dateline: Dateline | None = None
    body = 0
    first_body_line = _first_line_index(lines)
    if first_body_line is not None and _is_headline(lines, first_body_line, title):
        start, end, _ = lines[first_body_line]
        zones.append(Zone("headline", start, end))
        first_body_line += 1
    for index in range(first_body_line or 0, min(len(lines), (first_body_line or 0) + 3)):
        start, end, line = lines[index]
        if not line.strip():
            continue
        found = _dateline(text, start, end, published)
        if found is not None:
            dateline, zone_end = found
            zones.append(Zone("dateline", start, zone_end))
            body = zone_end
            break
        if _is_byline(line):
            zones.append(Zone("byline", start, end))
            continue
        break
    for start, end, line in lines:
        kind = _furniture(line)
        if kind is not None and not any(z.start <= start < z.end for z in zones):
            zones.append(Zone(kind, start, end))
    zones.sort(key=lambda z: z.start)
    if not body:
        body = next((z.end for z in zones if z.kind == "headline"), 0)
    return Layout(tuple(zones), dateline, body)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """The article's lines as its writer set them: lines of text wrapped at a fixed width are one."""
    lines, start = [], 0
    for end in [*sorted(sentence_line_breaks(text)), len(text)]:
        lines.append((start, end, text[start:end]))
        start = end + 1
    return lines


def _first_line_index(lines: list[tuple[int, int, str]]) -> int | None:
    return next((i for i, (_, _, line) in enumerate(lines) if line.strip()), None)


def _is_headline(lines: list[tuple[int, int, str]], index: int, title: str | None) -> bool:
    """A short first line followed by more lines, that is the title or is followed by a byline or a
    dateline: wire copy and pasted pages start so."""
    line = lines[index][2].strip()
    rest = [entry for entry in lines[index + 1 :] if entry[2].strip()]
    if not rest or len(line.split()) > layout_cues()["headline_max_words"]:
        return False
    if title and line.rstrip(".").strip().lower() == title.rstrip(".").strip().lower():
        return True
    following = rest[0][2]
    return (
        _is_byline(following)
        or _DATELINE_HEAD.match(following.strip()) is not None
        or (not line.endswith((".", '"', "\u201d", ":")) and len(rest) > 1)
    )


def _is_byline(line: str) -> bool:
    words = line.strip().split()
    if not words or len(words) > layout_cues()["byline_max_words"]:
        return False
    if words[0].lower() == "by":
        return len(words) > 1
    return all(w[:1].isupper() for w in words) and not line.rstrip().endswith((".", ":"))


def _dateline(text: str, start: int, end: int, published: dt.date | None) -> tuple[Dateline, int] | None:
    """The dateline at the start of a line, and where the body after it starts."""
    line = text[start:end]
    match = _DATELINE_HEAD.match(line)
    if match is None or not _looks_like_dateline(match):
        return None
    zone_end = start + match.end()
    dates = find_date_mentions(text[start:zone_end], published)
    date = next((d.date for d in dates if d.date is not None and d.precision == "day"), None)
    place_start = start + match.start("place")
    return Dateline(match["place"], place_start, place_start + len(match["place"]), date), zone_end


def _looks_like_dateline(match: re.Match[str]) -> bool:
    """A capitalised place with a date, an agency or a dash after it; a place in capitals before the
    story's first words ("OKLAHOMA CITY The Latest on ..."), but not a line of capitalised words alone
    (a byline or a sign-off)."""
    rest, place = match["rest"], match["place"]
    if not rest.strip():
        followed = match.end() < len(match.string.rstrip())
        return followed and place.isupper() and len(place.replace(" ", "")) >= 4
    if place.isupper() or re.search(r"\d", rest) or "(" in rest:
        return True
    return bool(_agency_pattern().search(rest))


@lru_cache(maxsize=1)
def _agency_pattern() -> re.Pattern[str]:
    return phrase_pattern(layout_cues()["agencies"])


def _furniture(line: str) -> ZoneKind | None:
    """Caption, credit or pointer lines: a page's furniture, not its story."""
    stripped = line.strip()
    if not stripped:
        return None
    lower = stripped.lower()
    cues = layout_cues()
    short = len(stripped.split()) <= 25
    if _starts_with(lower, cues["related_starts"]) and re.match(r"[\w ]{1,20}:", lower) and short:
        return "related"
    if phrase_pattern(cues["pointer_words"]).search(lower) and short:
        return "related"
    if _starts_with(lower, cues["caption_starts"]) and re.match(
        r"[^:\-\u2014\u2013]{0,25}[:\-\u2014\u2013]", lower
    ):
        return "caption"
    if _agency_pattern().fullmatch(lower.strip(" .-()")):
        return "credit"  # a sign-off: "REUTERS", "(AP)"
    if (phrase_pattern(cues["credit_words"]).search(lower) or "\u00a9" in lower) and len(
        stripped.split()
    ) <= 20:
        return "credit"
    if _CAPTION_TAIL.search(stripped):
        return "caption"
    return None


def _starts_with(lower: str, starts: list[str]) -> bool:
    return any(lower.startswith(s) and (len(lower) == len(s) or not lower[len(s)].isalnum()) for s in starts)


def is_subhead(sent) -> bool:
    """A line of headline English inside the body ("Hero crack soldier killed in Syria by Isis confirmed
    as Matt Tonroe"): a short paragraph of its own with no finite past verb and no auxiliary. It restates
    the story's incident; it is read as a headline, never as an incident of its own."""
    text = doc_text(sent.doc)
    before = text[max(0, sent.start_char - 1) : sent.start_char]
    after = text[sent.end_char - 1 : sent.end_char + 1] if sent.end_char < len(text) else "\n"
    own_line = before in {"", "\n"} and "\n" in after
    if not own_line or len(sent) > 25:
        return False
    return not any(t.tag_ in {"VBD", "MD"} or t.dep_ in {"aux", "auxpass"} for t in sent)
