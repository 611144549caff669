"""Whatever the web produces goes through the real CLI without a traceback: every bad input gets one line
on stderr and a non-zero exit, and the good documents of the same run still give all their events."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from eventwire.cli import main
from eventwire.counts import MAX_INCIDENT_TOLL, MAX_RUNNING_TOLL
from eventwire.errors import InputError
from eventwire.store import open_store

PUBLISHED = "2024-12-04"
GOOD = (
    "Russian warplanes struck Sarmada in Idlib on Monday, killing 12 civilians, the Syrian Observatory for "
    "Human Rights said. Rescuers said the strike hit a market in the town."
)
VILLAGE = "Gunmen killed three villagers near the café in Zinder on Sunday, police said."
QUOTED = "\u201cWe heard shots,\u201d a witness said after gunmen killed two farmers in Zinder on Sunday."


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def extract(*args: str) -> Result:
    return cli("extract", *args, "--published", PUBLISHED, "--format", "jsonl")


def events(result: Result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def no_traceback(result: Result) -> bool:
    """A handled failure leaves SystemExit (or nothing) behind; anything else escaped as a traceback would."""
    return result.exception is None or isinstance(result.exception, SystemExit)


def problem_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.startswith("eventwire: warning")]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    return path


def _noise() -> bytes:
    draw = random.Random(7)
    return bytes(draw.randrange(1, 256) for _ in range(4000))


def _nested_html() -> str:
    depth = 100_000
    return f"<html><body>{'<div>' * depth}<p>{GOOD}</p>{'</div>' * depth}</body></html>"


BAD_FILES = [
    ("empty.txt", b"", "empty document"),
    ("blank.txt", b"  \n\t \n", "empty document"),
    (
        "image.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "looks like a binary file (a PNG image), not text",
    ),
    (
        "program",
        b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8,
        "looks like a binary file (a program (ELF)), not text",
    ),
    (
        "report.txt",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Length 9>>stream\nq 1 0 0 1\n",
        "looks like a binary file (a PDF), not text",
    ),
    ("noise.txt", _noise(), "looks like a binary file, not text"),
    ("mangled.txt", b"\x81\x8d\x8f\x90\x9d" * 200, "not valid UTF-8 and not readable as Windows-1252"),
    (
        "fr.txt",
        "Des avions russes ont frappé Sarmada lundi, tuant douze civils, selon l'Observatoire syrien des "
        "droits de l'homme. Les secouristes ont déclaré que la frappe avait touché un marché.".encode(),
        "not English, skipped",
    ),
    (
        "ar.txt",
        "قصفت طائرات حربية روسية بلدة سرمدا في إدلب يوم الاثنين، ما أسفر عن مقتل 12 مدنيا.".encode(),
        "not English, skipped",
    ),
    (
        "zh.txt",
        "俄罗斯战机周一空袭了伊德利卜的萨尔马达镇，造成12名平民死亡。".encode(),
        "not English, skipped",
    ),
    (
        "script.html",
        b"<html><head><script>var toll = 'killed 12';</script></head><body><script>go()</script></body></html>",
        "no article text found in the HTML",
    ),
    ("nested.html", _nested_html().encode(), "no article text found in the HTML"),
    (
        "events.csv",
        b"event_date,notes\n2024-12-01,Rebels killed 5 soldiers\n",
        "tables are not read as documents; give JSON Lines or Parquet with id and text columns"
        " (to score an ACLED export: eventwire eval acled)",
    ),
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply to read"),
    (
        "numbers.txt",
        b"2024-12-02 14:00 | 12 | 4 | 5\n2024-12-03 09:30 | 7 | 0 | 2\n--- 3.5% +/- 0.2 ---\n",
        "no prose to read (mostly digits, punctuation or unreadable characters)",
    ),
    (
        "lost.txt",
        (("\ufffd" * 40 + " ") * 20).encode(),  # what is left of a text decoded with the wrong BOM
        "no prose to read (mostly digits, punctuation or unreadable characters)",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES, ids=[row[0] for row in BAD_FILES])
def test_bad_file_is_one_line_and_exit_2_and_the_good_file_still_gives_its_events(
    tmp_path: Path, good: Path, name: str, data: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    result = extract(str(bad), str(good))
    assert no_traceback(result)
    assert result.exit_code == 2
    assert problem_lines(result) == [f"eventwire: skipped: {bad}: {message}"]
    found = events(result)
    assert found and {event["doc_id"] for event in found} == {"good"}
    assert found[0]["fatalities"]["best"] == 12


def test_a_text_over_10_mb_is_refused_naming_the_limit(tmp_path: Path, good: Path) -> None:
    big = tmp_path / "dump.txt"
    big.write_text((GOOD + "\n") * (10_500_000 // len(GOOD)))
    result = extract(str(big), str(good))
    assert result.exit_code == 2 and no_traceback(result)
    (line,) = problem_lines(result)
    assert "characters is more than the 100,000-character limit for one document" in line
    assert {event["doc_id"] for event in events(result)} == {"good"}


def test_a_file_over_the_byte_limit_is_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as out:
        out.truncate(25_000_000)  # sparse: costs no disk
    result = extract(str(huge))
    assert result.exit_code == 2
    assert problem_lines(result) == [
        f"eventwire: skipped: {huge}: larger than the 20,000,000-byte limit for one file"
    ]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("latin-1", b""),
        ("cp1252", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ],
)
def test_legacy_and_utf16_encodings_are_decoded(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = VILLAGE if encoding == "latin-1" else f"{VILLAGE} {QUOTED}"
    path = tmp_path / "article.txt"
    path.write_bytes(prefix + text.encode(encoding))
    result = extract(str(path))
    assert result.exit_code == 0, result.output
    sentences = {event["sentence"]["text"] for event in events(result)}
    assert VILLAGE in sentences
    assert encoding == "latin-1" or QUOTED in sentences


def test_utf8_with_a_few_broken_bytes_keeps_its_utf8_reading(tmp_path: Path) -> None:
    path = tmp_path / "scraped.txt"
    path.write_bytes(f"{QUOTED} {VILLAGE}".encode() + b" Broken byte: \xff.")
    result = extract(str(path))
    assert result.exit_code == 0
    assert QUOTED in {event["sentence"]["text"] for event in events(result)}


def test_malformed_html_with_unclosed_tags_still_gives_the_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><article><p>{GOOD}<p>{VILLAGE}<div><span>Share this")
    result = extract(str(path))
    assert result.exit_code == 0
    assert {event["fatalities"]["best"] for event in events(result) if event["fatalities"]} >= {12, 3}


JSONL_LINES = [
    json.dumps({"id": "first", "text": GOOD, "published": PUBLISHED}),
    "{not json",
    "",
    json.dumps({"id": "no-text"}),
    json.dumps([1, 2]),
    json.dumps({"id": "french", "text": BAD_FILES[7][1].decode()}),
    json.dumps({"id": "ancient", "text": GOOD, "published": "1066-10-14"}),
    json.dumps({"id": "future", "text": GOOD, "published": "2999-01-01"}),
    "[" * 50_000 + "]" * 50_000,
    json.dumps({"id": "second", "text": VILLAGE, "published": PUBLISHED}),
    '{"id": "cut", "text": "Russian war',
]


def test_jsonl_bad_lines_are_reported_by_number_and_the_good_lines_are_complete(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(JSONL_LINES) + "\n")
    out = tmp_path / "events.jsonl"
    result = cli("extract", "--input", str(docs), "--output", str(out))
    assert result.exit_code == 2 and no_traceback(result)
    assert problem_lines(result) == [
        f"eventwire: skipped: {docs} line 2: malformed JSON (Expecting property name enclosed in double quotes)",
        f'eventwire: skipped: {docs} line 4: missing a "text" string',
        f"eventwire: skipped: {docs} line 5: expected a JSON object, got list",
        f"eventwire: skipped: {docs} line 6: not English, skipped",
        f'eventwire: skipped: {docs} line 7: "published" 1066-10-14 is before 1900, not a plausible publication date',
        f'eventwire: skipped: {docs} line 8: "published" 2999-01-01 is in the future, not a plausible publication date',
        f"eventwire: skipped: {docs} line 9: JSON nested too deeply to read",
        f"eventwire: skipped: {docs} line 11: malformed JSON (Unterminated string starting at)",
    ]
    written = [json.loads(line) for line in out.read_text().splitlines()]
    alone = cli("extract", "--input", str(_only_good_lines(tmp_path)), "--format", "jsonl")
    assert written == events(alone) and {event["doc_id"] for event in written} == {"first", "second"}


def _only_good_lines(tmp_path: Path) -> Path:
    path = tmp_path / "good.jsonl"
    path.write_text(JSONL_LINES[0] + "\n" + JSONL_LINES[9] + "\n")
    return path


def test_jsonl_dates_relative_to_the_day_of_the_run_are_refused(tmp_path: Path) -> None:
    """A date such as "yesterday" is read against the wall clock: the same file would give other events
    tomorrow."""
    relative = ["yesterday", "Monday", "3 days ago", "December 2"]
    absolute = ["2024-12-04", "Wed, 04 Dec 2024 10:00:00 GMT", "4 December 2024"]
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "".join(
            json.dumps({"id": f"d{n}", "text": GOOD, "published": value}) + "\n"
            for n, value in enumerate(relative + absolute)
        )
    )
    result = cli("extract", "--input", str(docs), "--format", "jsonl")
    assert result.exit_code == 2 and no_traceback(result)
    assert problem_lines(result) == [
        f'eventwire: skipped: {docs} line {n}: cannot read "published" {value!r} as a date; give YYYY-MM-DD'
        ' (a relative date such as "yesterday" would be read against the day of the run)'
        for n, value in enumerate(relative, 1)
    ]
    dated = {event["doc_id"]: event["event_date"] for event in events(result)}
    assert dated == {f"d{n}": "2024-12-02" for n in range(len(relative), len(relative) + len(absolute))}


def test_a_json_list_keeps_its_good_items(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([{"id": "a", "text": GOOD}, {"id": "b"}, {"id": "c", "text": VILLAGE}]))
    result = extract(str(path))
    assert result.exit_code == 2
    assert problem_lines(result) == [f'eventwire: skipped: {path} item 2: missing a "text" string']
    assert {event["doc_id"] for event in events(result)} == {"a", "c"}


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        (
            "event_id_cnty,event_date,event_type,fatalities\nX1,2024-12-01,Battles,3\n",
            "missing column(s) notes",
        ),
        ("\x00\x01garbage;;\n1;2\n", "missing column(s) notes, event_type"),
        (f'event_type,notes\nBattles,"{"x" * 200_000}"\n', "not readable as CSV after line 1"),
    ],
    ids=["no-notes", "bad-header", "huge-field"],
)
def test_eval_acled_on_a_bad_csv_is_one_line(tmp_path: Path, csv_text: str, message: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(csv_text)
    result = cli("eval", "acled", str(path))
    assert result.exit_code == 2 and no_traceback(result)
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_eval_scores_to_a_missing_folder_fail_before_scoring(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("event_type,notes\nBattles,Rebels killed 5 soldiers in Goma on 3 March 2024.\n")
    target = tmp_path / "nowhere" / "scores.json"
    result = cli("eval", "acled", str(export), "--json", str(target))
    assert result.exit_code == 3 and no_traceback(result)
    assert (
        result.stderr == f"eventwire: error: cannot write {target}: folder {target.parent} does not exist\n"
    )
    assert "event_type_accuracy" not in result.stdout


@pytest.mark.parametrize(
    ("value", "reason"), [("1066-10-14", "is before 1900"), ("2999-01-01", "is in the future")]
)
def test_an_absurd_publication_date_option_is_refused(good: Path, value: str, reason: str) -> None:
    result = cli("extract", str(good), "--published", value)
    assert result.exit_code == 2
    assert f"{value} {reason}, not a plausible publication date" in result.output


def test_an_absurd_date_in_page_metadata_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><meta property="article:published_time" content="2999-03-04T10:00:00Z"></head>'
        f"<body><article><p>{GOOD}</p><p>{VILLAGE}</p></article></body></html>"
    )
    result = cli("extract", str(path), "--format", "jsonl")
    assert result.exit_code == 0
    assert "no publication date for page" in result.stderr
    assert all(event["event_date"] is None or event["event_date"] < "2999" for event in events(result))


BACKGROUND = "The war, which began in 2011, has killed more than 500,000 people."


def page(head: str = "", lead: str = "") -> str:
    return f"<html><head>{head}</head><body><article><p>{lead}{GOOD}</p><p>{BACKGROUND}</p></article></body></html>"


def test_a_year_in_the_body_never_dates_an_html_page(tmp_path: Path) -> None:
    """Only the page's metadata or a dateline date it: "began in 2011" once made it 2011-01-01."""
    undated = tmp_path / "undated.html"
    undated.write_text(page())
    tagged = tmp_path / "tagged.html"
    tagged.write_text(
        page(head='<meta property="article:published_time" content="2024-12-04T10:00:00Z">', lead="Update: ")
    )
    dateline = tmp_path / "dateline.html"
    dateline.write_text(page(lead="BEIRUT, December 4, 2024 (Reuters) - "))
    result = cli("extract", str(undated), str(tagged), str(dateline), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert "eventwire: warning: no publication date for undated;" in result.stderr
    by_doc: dict[str, list[dict]] = {}
    for event in events(result):
        by_doc.setdefault(event["doc_id"], []).append(event)
    assert all(event["date_precision"] != "day" for event in by_doc["undated"])
    assert not any((event["event_date"] or "").startswith(("2010", "2011-01")) for event in by_doc["undated"])
    for name in ("tagged", "dateline"):
        strike = next(event for event in by_doc[name] if event["location"]["name"] == "Sarmada")
        assert strike["fatalities"]["best"] == 12 and strike["date_precision"] == "day"
        assert "2024-11-28" <= strike["event_date"] <= "2024-12-04"

    database = tmp_path / "events.db"
    assert cli("ingest", str(undated), str(tagged), str(dateline), "--db", str(database)).exit_code == 0
    with open_store(str(database), readonly=True) as store:
        published = {doc.doc_id: doc.published for doc in store.list_documents()}
    assert published == {"undated": None, "tagged": dt.date(2024, 12, 4), "dateline": dt.date(2024, 12, 4)}


def extract_lines(path: Path, prefix: str, texts: list[str]) -> Result:
    """`extract` on a JSON Lines file of `texts`, published on `PUBLISHED`, with ids prefix0, prefix1..."""
    path.write_text(
        "".join(
            json.dumps({"id": f"{prefix}{n}", "text": text, "published": PUBLISHED}) + "\n"
            for n, text in enumerate(texts)
        )
    )
    return cli("extract", "--input", str(path), "--format", "jsonl")


ODD_DATES = [
    "Russian warplanes struck Sarmada on 31 February, killing 12 civilians, rescuers said.",
    "Russian warplanes struck Sarmada in the year 9999, killing 12 civilians, rescuers said.",
    "In 9999 gunmen killed 4 people in Idlib, police said.",
    "Russian warplanes struck Sarmada on 5 March 2031, killing 12 civilians, rescuers said.",
    "Russian warplanes will strike Sarmada next Monday, killing 12 civilians, the rescuers fear.",
    "On 3 March 1885, soldiers killed 5 people in Idlib, historians said.",
    "In 1066 soldiers killed 5 people in Idlib, historians said.",
    "Gunmen killed 4 people in Idlib 3000 years ago, police said.",
]


def test_absurd_or_future_dates_in_the_text_never_date_an_event_absurdly(tmp_path: Path) -> None:
    result = extract_lines(tmp_path / "dates.jsonl", "d", ODD_DATES)
    assert result.exit_code == 0 and no_traceback(result)
    latest = dt.date.fromisoformat(PUBLISHED) + dt.timedelta(days=1)
    for event in events(result):
        day = dt.date.fromisoformat(event["event_date"])
        assert dt.date(1900, 1, 1) <= day <= latest, event["doc_id"]


ABSURD_TOLLS = [
    "Russian warplanes struck Sarmada on Monday, and 1e9 killed, rescuers said.",
    "Russian warplanes struck Sarmada on Monday, and a billion killed, rescuers said.",
    "A billion people were killed when Russian warplanes struck Sarmada on Monday.",
    "Russian warplanes struck Sarmada on Monday, and 999999999999 people killed, rescuers said.",
    "Russian warplanes struck Sarmada on Monday, killing 2,500,000 civilians, rescuers said.",
    "Russian warplanes struck Sarmada on Monday, killing 900 thousand civilians, rescuers said.",
    "Russian warplanes struck Sarmada on Monday, killing 10^9 civilians, rescuers said.",
    # Past 308 digits a number is infinite as a float.
    f"Russian warplanes struck Sarmada on Monday, killing 1{'0' * 309} civilians, rescuers said.",
    f"Russian warplanes struck Sarmada on Monday, killing {'9' * 400}.5 million civilians, rescuers said.",
]


def test_absurd_death_tolls_are_dropped_and_the_event_kept(tmp_path: Path) -> None:
    result = extract_lines(tmp_path / "tolls.jsonl", "t", ABSURD_TOLLS)
    assert result.exit_code == 0
    found = events(result)
    assert {event["doc_id"] for event in found} == {f"t{n}" for n in range(len(ABSURD_TOLLS))}
    for event in found:
        assert event["fatalities"] is None, (event["doc_id"], event["fatalities"])


def test_ingest_keeps_the_event_of_a_number_too_large_for_a_float(tmp_path: Path) -> None:
    article = tmp_path / "huge-number.txt"
    article.write_text(ABSURD_TOLLS[-2])
    database = tmp_path / "events.db"
    result = cli("ingest", str(article), "--db", str(database))
    assert result.exit_code == 0, result.output
    assert "1 added, 0 replaced, 0 already stored, 0 failed" in result.stderr
    with open_store(str(database), readonly=True) as store:
        (merged,) = list(store.iter_events())
    assert merged.event.location.name == "Sarmada" and merged.event.fatalities is None


def test_a_plausible_running_toll_is_kept_while_the_same_figure_for_one_incident_is_not() -> None:
    from eventwire.counts import extract_tolls

    war = extract_tolls("The war, which began in 2011, has killed more than 500,000 people.").killed
    assert war is not None and war.cumulative and war.best == 500_000 <= MAX_RUNNING_TOLL
    assert extract_tolls("The strike killed 500,000 people.").killed is None
    assert extract_tolls(f"The strike killed {MAX_INCIDENT_TOLL:,} people.").killed.best == MAX_INCIDENT_TOLL


def test_output_in_a_missing_folder_fails_before_any_work(tmp_path: Path, good: Path) -> None:
    target = tmp_path / "nowhere" / "events.jsonl"
    result = cli("extract", str(good), "--output", str(target))
    assert result.exit_code == 3 and no_traceback(result)
    assert (
        result.stderr == f"eventwire: error: cannot write {target}: folder {target.parent} does not exist\n"
    )
    assert not target.parent.exists()


def test_output_in_a_read_only_folder_is_one_line_and_leaves_no_file(tmp_path: Path, good: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "events.jsonl").write_text("the previous run\n")
    make_read_only(folder)
    try:
        result = cli("extract", str(good), "--output", str(folder / "events.jsonl"))
        listing = sorted(path.name for path in folder.iterdir())
    finally:
        make_writable(folder)
    assert result.exit_code == 3 and no_traceback(result)
    assert result.stderr.startswith(f"eventwire: error: cannot write {folder / 'events.jsonl'}")
    assert len(result.stderr.splitlines()) == 1
    assert listing == ["events.jsonl"] and (folder / "events.jsonl").read_text() == "the previous run\n"


def make_read_only(path: Path) -> None:
    """Root ignores file modes, so as root the folder is made immutable instead."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o555)


def make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o755)


def test_ingest_reports_every_bad_input_and_stores_every_good_document(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, data, _ in BAD_FILES:
        (folder / name).write_bytes(data)
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(JSONL_LINES) + "\n")
    database = tmp_path / "events.db"
    result = cli("ingest", str(folder), str(docs), "--db", str(database))
    assert result.exit_code == 2 and no_traceback(result)
    skipped = [line for line in result.stderr.splitlines() if line.startswith("eventwire: skipped")]
    assert len(skipped) == len(BAD_FILES) + 8
    assert "2 added" in result.stderr and f"{len(BAD_FILES) + 8} unreadable" in result.stderr
    with open_store(str(database), readonly=True) as store:
        assert sorted(doc.doc_id for doc in store.list_documents()) == ["first", "second"]
        assert store.check() == []


@pytest.mark.slow
def test_a_real_process_never_prints_a_traceback_on_bad_input(tmp_path: Path, good: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, data, _ in BAD_FILES:
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(GOOD)
    for command in (["extract", str(folder)], ["ingest", str(folder), "--db", str(tmp_path / "e.db")]):
        done = subprocess.run(
            [sys.executable, "-m", "eventwire", *command], capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert all(line.startswith("eventwire") or line[0].isdigit() for line in done.stderr.splitlines())


@pytest.mark.slow
def test_a_reader_that_leaves_early_is_not_an_error(good: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "extract", str(good), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()  # like `| head -0`: every write from now on meets a broken pipe
    stderr = process.stderr.read()
    assert process.wait(timeout=600) == 141
    assert "Traceback" not in stderr


def test_an_unexpected_failure_is_still_one_line_with_the_traceback_on_request(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("disk controller on fire\nsecond line")

    monkeypatch.setattr("eventwire.cli.extract.write_events", broken)
    result = extract(str(good))
    assert result.exit_code == 70 and no_traceback(result)
    assert result.stderr == (
        "eventwire: internal error: RuntimeError: disk controller on fire"
        " (set EVENTWIRE_DEBUG=1 to see the traceback)\n"
    )
    monkeypatch.setenv("EVENTWIRE_DEBUG", "1")
    assert isinstance(extract(str(good)).exception, RuntimeError)


# ---- the Python API checks what the command line checks

_IN_A_MONTH = (dt.date.today() + dt.timedelta(days=30)).isoformat()
WRONG_PUBLISHED = [
    ("2999-01-01", InputError, "2999-01-01 is in the future, not a plausible publication date"),
    (_IN_A_MONTH, InputError, f"{_IN_A_MONTH} is in the future, not a plausible publication date"),
    ("0001-01-01", InputError, "0001-01-01 is before 1900, not a plausible publication date"),
    ("yesterday", InputError, "'yesterday' is not a date in YYYY-MM-DD form"),
    (20241202, TypeError, "published must be a datetime.date or a 'YYYY-MM-DD' string, not int"),
]


@pytest.mark.parametrize(
    ("value", "error", "message"), WRONG_PUBLISHED, ids=[str(v[0]) for v in WRONG_PUBLISHED]
)
def test_the_library_refuses_the_publication_dates_the_command_line_refuses(
    good: Path, value: object, error: type[Exception], message: str
) -> None:
    import eventwire

    with pytest.raises(error) as raised:
        eventwire.extract(GOOD, published=value)
    assert str(raised.value) == message
    if isinstance(value, str):  # the command line gets text only
        result = cli("extract", str(good), "--published", value)
        assert result.exit_code == 2 and no_traceback(result)
        assert message in " ".join(result.output.split())


def test_the_library_takes_a_date_a_datetime_or_an_iso_string_alike() -> None:
    import eventwire

    by_string = eventwire.extract(GOOD, published=PUBLISHED)
    assert by_string and by_string[0].event_date == dt.date(2024, 12, 2)
    for value in (dt.date(2024, 12, 4), dt.datetime(2024, 12, 4, 23, 30, tzinfo=dt.UTC)):
        assert [e.model_dump() for e in eventwire.extract(GOOD, published=value)] == [
            e.model_dump() for e in by_string
        ]


@pytest.mark.parametrize("text", [None, 12345, GOOD.encode()], ids=["None", "int", "bytes"])
def test_text_that_is_not_a_string_is_a_clear_type_error(text: object) -> None:
    import eventwire

    with pytest.raises(TypeError, match=f"^text must be a str, not {type(text).__name__}"):
        eventwire.extract(text, published=PUBLISHED)
    assert eventwire.extract(GOOD, published=PUBLISHED)


# ---- database URLs

BAD_DATABASE_URLS = [
    ("mysql://user:s3cret@db.example/events", "unsupported database URL scheme 'mysql'"),
    ("postgresql://user:s3cret@[broken/events", "cannot open database postgresql://user:***@[broken/events"),
    ("postgresql://user:s3cret@host:notaport/db", "cannot open database postgresql://user:***@host:notaport"),
]


@pytest.mark.parametrize(("url", "message"), BAD_DATABASE_URLS, ids=["mysql", "broken-ipv6", "bad-port"])
@pytest.mark.parametrize("command", ["ingest", "export", "serve"])
def test_a_bad_database_url_is_one_line_without_its_password(
    tmp_path: Path, good: Path, url: str, message: str, command: str
) -> None:
    args = {"ingest": ["ingest", str(good), "--db", url], "export": ["export", "--db", url]}
    result = cli(*args.get(command, ["serve", url, "--port", "0"]))
    assert result.exit_code == 3 and no_traceback(result), result.output
    assert result.output.startswith(f"eventwire: error: {message}") and result.output.count("\n") == 1
    assert "s3cret" not in result.output
    assert list(tmp_path.iterdir()) == [good]  # nothing was taken for a file name


@pytest.mark.postgres
def test_a_postgresql_url_is_read_whatever_the_case_of_its_scheme(postgres_server, good: Path) -> None:
    url = postgres_server.new_database().replace("postgresql://", "PostgreSQL://")
    result = cli("ingest", str(good), "--db", url)
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stderr


def test_a_document_given_twice_or_an_id_used_twice_gives_unique_event_ids(
    tmp_path: Path, good: Path
) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps({"id": "a", "text": QUOTED, "published": PUBLISHED})
        + "\n"
        + json.dumps({"id": "a", "text": VILLAGE, "published": PUBLISHED})
        + "\n"
        + json.dumps({"id": "a", "text": QUOTED, "published": PUBLISHED})
        + "\n"
    )
    result = extract(str(good), str(good), str(docs))
    assert result.exit_code == 0 and no_traceback(result)
    assert result.stderr.splitlines() == [
        "eventwire: warning: good: the same document again, read once",
        "eventwire: warning: a: another document has this id; this one is read as a~2",
        "eventwire: warning: a: the same document again, read once",
    ]
    found = events(result)
    ids = [event["event_id"] for event in found]
    assert len(ids) == len(set(ids))
    assert {event["doc_id"] for event in found} == {"good", "a", "a~2"}
    assert [e["sentence"]["text"] for e in found if e["doc_id"] == "a~2"] == [VILLAGE]
    alone = extract(str(good))
    assert [e for e in found if e["doc_id"] == "good"] == events(alone)
    database = tmp_path / "events.db"
    stored = cli("ingest", str(good), str(good), str(docs), "--db", str(database))
    assert stored.exit_code == 0 and "another document has this id; this one is read as a~2" in stored.stderr
    with open_store(str(database), readonly=True) as store:
        assert sorted(doc.doc_id for doc in store.list_documents()) == ["a", "a~2", "good"]


@pytest.mark.slow
def test_a_dash_reads_standard_input(tmp_path: Path) -> None:
    article = CliRunner().invoke(
        main, ["extract", "-", "--published", PUBLISHED, "--format", "jsonl"], input=GOOD
    )
    assert article.exit_code == 0, article.output
    assert {event["doc_id"] for event in events(article)} == {"stdin"}
    assert events(article)[0]["fatalities"]["best"] == 12
    lines = "\n".join(JSONL_LINES[:2] + JSONL_LINES[9:10]) + "\n"
    jsonl = CliRunner().invoke(main, ["extract", "--input", "-", "--format", "jsonl"], input=lines)
    assert jsonl.exit_code == 2
    assert problem_lines(jsonl) == [
        "eventwire: skipped: stdin line 2: malformed JSON (Expecting property name enclosed in double quotes)"
    ]
    assert {event["doc_id"] for event in events(jsonl)} == {"first", "second"}
    database = tmp_path / "events.db"
    stored = subprocess.run(
        [sys.executable, "-m", "eventwire", "ingest", "-", "--db", str(database)],
        input=JSONL_LINES[0] + "\n" + JSONL_LINES[9] + "\n",
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert stored.returncode == 0, stored.stderr
    with open_store(str(database), readonly=True) as store:
        assert sorted(doc.doc_id for doc in store.list_documents()) == ["first", "second"]
