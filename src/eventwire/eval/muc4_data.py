"""Reading MUC-3/MUC-4 messages and answer keys (the FBIS corpus of the Message Understanding Conferences).

A message file holds messages that each begin with a header line (`DEV-MUC3-0001 (NOSC)`,
`TST1-MUC3-0001`), then a dateline (`SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] ...`) and
upper-case text. A key file holds templates of 25 numbered slots (`3.  INCIDENT: LOCATION   ...`); a
slot's further fillers sit on indented lines below it. In a filler, `/` separates alternative answers,
a leading `?` marks it optional, `VALUE: "REF"` cross-references another slot's filler, strings are in
double quotes (with `\\"` inside), `-` is empty and `*` inapplicable. A message with no incident has one
template whose slots are all `*`; `(OPTIONAL)` after a template number marks a doubtful incident.

The reader is lenient: what it cannot read it keeps as plain text rather than failing, so one odd line
never loses a message; a file holding no message or template at all is an EvalError.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import EvalError

SLOT_NAMES = (
    "MESSAGE: ID",
    "MESSAGE: TEMPLATE",
    "INCIDENT: DATE",
    "INCIDENT: LOCATION",
    "INCIDENT: TYPE",
    "INCIDENT: STAGE OF EXECUTION",
    "INCIDENT: INSTRUMENT ID",
    "INCIDENT: INSTRUMENT TYPE",
    "PERP: INCIDENT CATEGORY",
    "PERP: INDIVIDUAL ID",
    "PERP: ORGANIZATION ID",
    "PERP: ORGANIZATION CONFIDENCE",
    "PHYS TGT: ID",
    "PHYS TGT: TYPE",
    "PHYS TGT: NUMBER",
    "PHYS TGT: FOREIGN NATION",
    "PHYS TGT: EFFECT OF INCIDENT",
    "PHYS TGT: TOTAL NUMBER",
    "HUM TGT: NAME",
    "HUM TGT: DESCRIPTION",
    "HUM TGT: TYPE",
    "HUM TGT: NUMBER",
    "HUM TGT: FOREIGN NATION",
    "HUM TGT: EFFECT OF INCIDENT",
    "HUM TGT: TOTAL NUMBER",
)
EMPTY, INAPPLICABLE = "-", "*"
MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}

_SLOT_LINE = re.compile(
    r"^\s*(\d{1,2})\.\s+(" + "|".join(re.escape(s) for s in SLOT_NAMES) + r")(?=\s|$)(.*)$"
)
_HEADER = re.compile(r"^([A-Z][A-Z0-9]*-MUC\d-\d{4})\b[^\n]*$", re.M)
_DATELINE = re.compile(
    r",\s*(?:(\d{1,2})\s+([A-Z]{3})[A-Z]*\.?|([A-Z]{3})[A-Z]*\.?\s+(\d{1,2}))(?:\s*,?\s+(\d{2}|\d{4}))?\b"
)


# ---- fillers


@dataclass(frozen=True)
class Filler:
    """One answer of a slot: its alternative values, the alternative strings it refers to, optional or not."""

    values: tuple[str, ...]
    refs: tuple[str, ...] = ()
    optional: bool = False

    @property
    def value(self) -> str:
        """The first (preferred) alternative."""
        return self.values[0] if self.values else ""


def parse_filler(text: str) -> Filler:
    """A filler line: `? DEATH / INJURY: "PEASANT" / "MAN"` -> values (DEATH, INJURY), refs (PEASANT, MAN)."""
    text = text.strip()
    optional = text.startswith("?")
    if optional:
        text = text[1:].strip()
    head, refs = _split_reference(text)
    return Filler(
        tuple(_unquote(part) for part in _split_top(head, "/")),
        tuple(_unquote(part) for part in _split_top(refs, "/")) if refs is not None else (),
        optional,
    )


def render_filler(filler: Filler) -> str:
    """The key-file spelling of a filler (the inverse of `parse_filler`)."""
    text = " / ".join(_quote_if_needed(v) for v in filler.values)
    if filler.refs:
        text += ": " + " / ".join(_quote(r) for r in filler.refs)
    return ("? " if filler.optional else "") + text


def _split_reference(text: str) -> tuple[str, str | None]:
    """`SET FILL: "REF"` -> ("SET FILL", '"REF"'): the first colon outside quotes that is followed by a
    quoted string. A colon inside a plain value (a location) is not a reference."""
    for index in _top_positions(text, ":"):
        rest = text[index + 1 :].strip()
        if rest.startswith('"') or rest == EMPTY:
            return text[:index].strip(), rest
    return text, None


def _top_positions(text: str, mark: str) -> Iterator[int]:
    """Positions of `mark` outside double quotes and parentheses."""
    quoted, depth, index = False, 0, 0
    while index < len(text):
        char = text[index]
        if quoted and char == "\\":
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth = max(0, depth - 1)
        elif not quoted and depth == 0 and char == mark:
            yield index
        index += 1


def _split_top(text: str, mark: str) -> list[str]:
    parts, start = [], 0
    for index in _top_positions(text, mark):
        parts.append(text[start:index].strip())
        start = index + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _unquote(text: str) -> str:
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return re.sub(r"\\(.)", r"\1", text[1:-1])
    return text


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quote_if_needed(text: str) -> str:
    """Set fills are written bare; anything a bare value could not hold is quoted."""
    if re.fullmatch(r"[A-Z0-9~][A-Z0-9 ~.,'&-]*", text) and not text.endswith(" "):
        return text
    return _quote(text)


# ---- locations


@dataclass(frozen=True)
class Place:
    """A named place below the country, with the kinds the key gives it (CITY, TOWN, DEPARTMENT...)."""

    name: str
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class LocationOption:
    """One reading of a LOCATION slot: the country and its places, most general first."""

    country: str
    places: tuple[Place, ...] = ()


def parse_location(text: str) -> tuple[LocationOption, ...]:
    """`(EL SALVADOR: SAN SALVADOR (CITY)) / (EL SALVADOR)` -> two options. Places between two names
    (`CUCUTA (CITY) - CAMPANARIO (REGION)`) are both kept; kinds may be alternatives (`(CITY / TOWN)`)."""
    text = text.strip().lstrip("?").strip()
    if text in ("", EMPTY, INAPPLICABLE):
        return ()
    options = []
    for part in _split_top(text, "/"):
        part = _unwrap(part)
        levels = _split_top(part, ":")
        if not levels:
            continue
        places = tuple(
            _place(piece) for level in levels[1:] for piece in re.split(r"\s+-\s+", level) if piece
        )
        options.append(LocationOption(_place(levels[0]).name, places))
    return tuple(options)


def render_location(options: Iterable[LocationOption]) -> str:
    def one(option: LocationOption) -> str:
        places = [f"{p.name} ({' / '.join(p.kinds)})" if p.kinds else p.name for p in option.places]
        return ": ".join([option.country, *places])

    rendered = [one(o) for o in options]
    return rendered[0] if len(rendered) == 1 else " / ".join(f"({r})" for r in rendered)


def _unwrap(text: str) -> str:
    """`(A: B (CITY))` -> `A: B (CITY)` when the outer parentheses enclose the whole text."""
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for index, char in enumerate(text):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0 and index < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


def _place(text: str) -> Place:
    match = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*", text)
    if not match:
        return Place(text.strip())
    kinds = tuple(k.strip() for k in match.group(2).split("/") if k.strip())
    return Place(match.group(1).strip(), kinds)


# ---- templates and keys


@dataclass(frozen=True)
class Template:
    message_id: str
    number: int | None
    optional: bool
    slots: dict[str, tuple[Filler, ...]] = field(default_factory=dict)
    location_text: str = ""

    def fillers(self, slot: str) -> tuple[Filler, ...]:
        return self.slots.get(slot, ())

    @property
    def incident_types(self) -> tuple[str, ...]:
        """INCIDENT: TYPE and its alternatives (`BOMBING / ATTACK`)."""
        fillers = self.fillers("INCIDENT: TYPE")
        return fillers[0].values if fillers else ()

    @property
    def locations(self) -> tuple[LocationOption, ...]:
        return parse_location(self.location_text)


@dataclass(frozen=True)
class MessageKey:
    """The templates of one message; none when the message reports no incident."""

    message_id: str
    templates: tuple[Template, ...]

    @property
    def relevant(self) -> bool:
        """A message is relevant when it has an incident the key does not doubt."""
        return any(not t.optional for t in self.templates)


def parse_key(text: str) -> list[MessageKey]:
    """The message keys of a key file's text, in order of first appearance."""
    by_message: dict[str, list[Template]] = {}
    for block in _template_blocks(text):
        template = _template(block)
        if template is None:
            continue
        templates = by_message.setdefault(template.message_id, [])
        if template.number is not None:
            templates.append(template)
    return [MessageKey(message_id, tuple(templates)) for message_id, templates in by_message.items()]


def _template_blocks(text: str) -> Iterator[list[tuple[str, str]]]:
    """Templates as lists of (slot, raw value); continuation lines are further values of their slot."""
    block: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.lstrip().startswith(";"):
            continue
        match = _SLOT_LINE.match(line)
        if match:
            if match.group(2) == "MESSAGE: ID" and block:
                yield block
                block = []
            block.append((match.group(2), match.group(3).strip()))
        elif line.strip() and line[:1].isspace() and block:
            block.append((block[-1][0], line.strip()))
    if block:
        yield block


def _template(block: list[tuple[str, str]]) -> Template | None:
    values: dict[str, list[str]] = {}
    for slot, value in block:
        values.setdefault(slot, []).append(value)
    ids = values.get("MESSAGE: ID")
    if not ids or not ids[0].split():
        return None
    number_text = (values.get("MESSAGE: TEMPLATE") or [INAPPLICABLE])[0]
    match = re.match(r"(\d+)", number_text)
    slots = {
        slot: tuple(parse_filler(v) for v in raw if v.lstrip("?").strip() not in ("", EMPTY, INAPPLICABLE))
        for slot, raw in values.items()
        if slot not in ("MESSAGE: ID", "MESSAGE: TEMPLATE", "INCIDENT: LOCATION")
    }
    return Template(
        message_id=ids[0].split()[0],
        number=int(match.group(1)) if match else None,
        optional="OPTIONAL" in number_text.upper(),
        slots=slots,
        location_text=" / ".join(values.get("INCIDENT: LOCATION", [])),
    )


# ---- messages


@dataclass(frozen=True)
class Message:
    message_id: str
    text: str
    published: dt.date | None


def parse_messages(text: str) -> list[Message]:
    """The messages of a message file's text. A dateline without a year takes the year of the message
    before it (the files run in date order); `NO DATE` gives no publication date."""
    messages, year = [], None
    parts = _HEADER.split(text)
    for index in range(1, len(parts), 2):
        body = parts[index + 1].strip("\n").rstrip()
        published, year = dateline_date(body, year)
        messages.append(Message(parts[index], body.strip(), published))
    return messages


def dateline_date(body: str, year_before: int | None = None) -> tuple[dt.date | None, int | None]:
    """The date of a message's dateline ("SAN SALVADOR, 3 JAN 90 (EFE) --"), and the year to carry on."""
    head = body.split("--", 1)[0] if "--" in body[:400] else body[:200]
    match = _DATELINE.search(head)
    if not match:
        return None, year_before
    day_text = match.group(1) or match.group(4)
    month = MONTHS.get(match.group(2) or match.group(3))
    year = int(match.group(5)) if match.group(5) else year_before
    if year is not None and year < 100:
        year += 1900
    if month is None or year is None:
        return None, year_before
    try:
        return dt.date(year, month, int(day_text)), year
    except ValueError:
        return None, year


# ---- files


def read_key_files(paths: Iterable[str | Path]) -> dict[str, MessageKey]:
    """The keys of every key file given (a folder gives each key file in it), by message id."""
    keys: dict[str, MessageKey] = {}
    for path in _files(paths, looks_like_key):
        for key in parse_key(_read(path)):
            keys[key.message_id] = key
    if not keys:
        raise EvalError(f"no MUC-4 templates in {', '.join(str(p) for p in paths)}")
    return keys


def read_message_files(paths: Iterable[str | Path]) -> list[Message]:
    """The messages of every message file given (a folder gives each message file in it), in order."""
    messages = [m for path in _files(paths, looks_like_messages) for m in parse_messages(_read(path))]
    if not messages:
        raise EvalError(f"no MUC-4 messages in {', '.join(str(p) for p in paths)}")
    return messages


def looks_like_key(text: str) -> bool:
    return any(_SLOT_LINE.match(line) for line in text.splitlines()[:200])


def looks_like_messages(text: str) -> bool:
    return _HEADER.search(text) is not None and not looks_like_key(text)


def _files(paths: Iterable[str | Path], wanted) -> list[Path]:
    """The files named, and the files of the folders named whose text is of the wanted kind."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(p for p in sorted(path.iterdir()) if p.is_file() and wanted(_read(p)))
        elif path.is_file():
            found.append(path)
        else:
            raise EvalError(f"{path}: no such file or folder")
    return found


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise EvalError(f"{path}: cannot read ({err.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
