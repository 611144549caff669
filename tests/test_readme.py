"""Every shell command the README shows works as written: each is run by bash in a folder holding the
files it names (made here: invented articles, gold codings, an ACLED-style export, a MUC-4 key), and
`serve` is started, asked for its statistics and stopped."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from eventwire.eval.articles import in_part
from eventwire.examples import example_path
from eventwire.store import open_store
from test_eval_geoparse import LGL
from test_eval_muc4 import irrelevant, key_text

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# Commands that would change the installation under test rather than use it, with why they are not run.
NOT_RUN = {
    "make ": "builds the environment the tests run in",
    "pip install": "installs into the environment the tests run in",
    "--out src/eventwire/data": "rebuilds the package's shipped models from the development data",
}
SERVE = re.compile(r"^eventwire serve\b")
FENCED_SHELL = {"sh", "bash", "shell", "console"}


def readme_commands(markdown: str) -> list[str]:
    """The shell commands of the README's code blocks, as written: indented blocks and fenced blocks
    marked as shell. A trailing backslash joins the next line; a line holding only a comment is not a
    command (the shell ignores it)."""
    commands: list[str] = []
    fence: str | None = None
    previous_blank = True
    in_block = False
    pending = ""
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = None if fence is not None else stripped[3:].strip()
            previous_blank, in_block = False, False
            continue
        if fence is not None:
            candidate = line if fence in FENCED_SHELL else None
        elif line.startswith("    ") and (in_block or previous_blank):
            in_block, candidate = True, line[4:]
        else:
            in_block, candidate = False, None
        previous_blank = not stripped
        if candidate is None or not candidate.strip() or candidate.strip().startswith("#"):
            continue
        pending += candidate.strip()
        if pending.endswith("\\"):
            pending = pending[:-1].rstrip() + " "
            continue
        commands.append(pending)
        pending = ""
    return commands


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


def test_readme_commands_are_found_whole():
    """The parser sees every block: the usage block, the retraining command joined across lines, and no
    output or Python shown in fenced blocks."""
    assert (
        "eventwire schema                                               # JSON Schema of the event record"
        in (COMMANDS)
    )
    retrain = next(c for c in COMMANDS if "--plover-labels" in c)
    assert retrain.startswith("eventwire train types ") and retrain.endswith("--out src/eventwire/data")
    assert "make demo" in COMMANDS and not any(c.startswith(("import ", "{", "date ")) for c in COMMANDS)
    assert len([c for c in COMMANDS if c.startswith("eventwire ")]) >= 20


# ---- the files the commands name, made up here

ATTACK = (
    "JUBA, March 10 (Reuters) - Rebels shelled the town of Bor in South Sudan on Sunday, killing four "
    "civilians, local officials said."
)
RAID = "Gunmen killed three villagers in a raid on Anka in Zamfara state on Sunday, police said."
QUIET = "The central bank of Kenya kept its main interest rate unchanged on Tuesday, its governor said."
PAGE = """<html><head><title>Shelling in Bor</title>
<meta property="article:published_time" content="2024-03-10T09:00:00Z"></head>
<body><article><h1>Shelling in Bor</h1><p>{text}</p></article></body></html>
"""
BOR = {
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "actor1": "Rebels",
    "actor2": "Civilians (South Sudan)",
    "location": "Bor",
    "country": "SS",
    "latitude": 6.21,
    "longitude": 31.56,
    "geo_precision": 1,
    "event_date": "2024-03-10",
    "fatalities": 4,
    "main": True,
}
ACLED_ROWS = [
    ("2021-05-03", "Battles", "Armed clash", "Militants clashed with soldiers near Bor; 3 killed.", 3),
    ("2021-05-04", "Protests", "Peaceful protest", "Traders protested against new taxes in Juba.", 0),
    (
        "2021-05-05",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "A roadside bomb hit a bus.",
        2,
    ),
    ("2021-05-06", "Battles", "Armed clash", "Rebels and the army fought for the town of Yei.", 5),
    ("2021-05-07", "Protests", "Peaceful protest", "Students marched peacefully in Wau.", 0),
    (
        "2021-05-08",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "A landmine killed two.",
        2,
    ),
]


def article_set(folder: Path, ids: list[str]) -> None:
    """gold.yaml and docs.jsonl of attack articles coded right, one coded at the wrong place, and one
    article without events: fitting confidence needs both right and wrong events."""
    folder.mkdir(parents=True, exist_ok=True)
    gold, docs = [], []
    for number, doc_id in enumerate(ids):
        kind = number % 3
        text = [ATTACK, RAID, QUIET][kind]
        events = [] if kind == 2 else [BOR if kind == 0 else {**BOR, "location": "Kano", "country": "NG"}]
        gold.append({"doc_id": doc_id, "published": "2024-03-10", "relevant": kind != 2, "events": events})
        docs.append({"id": doc_id, "text": text, "published": "2024-03-10"})
    (folder / "gold.yaml").write_text(yaml.safe_dump(gold, sort_keys=False), encoding="utf-8")
    (folder / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")


def ids_in_both_parts(prefix: str) -> list[str]:
    """Six document ids, three held out and three to fit on (see `eval articles --part`)."""
    held = [f"{prefix}-{n}" for n in range(100) if in_part(f"{prefix}-{n}", "held")][:3]
    fit = [f"{prefix}-{n}" for n in range(100) if in_part(f"{prefix}-{n}", "fit")][:3]
    return held + fit


def acled_csv(path: Path, rows: list[tuple]) -> None:
    lines = ["event_date,event_type,sub_event_type,notes,fatalities"]
    lines += [",".join(f'"{value}"' for value in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding every file the README's commands name, and an empty events.db."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "article.txt").write_text(example_path().read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "page.html").write_text(PAGE.format(text=ATTACK), encoding="utf-8")
    article_set(folder, ids_in_both_parts("doc"))
    article_set(folder / "A", ids_in_both_parts("a"))
    article_set(folder / "B", ids_in_both_parts("b"))
    documents = [json.loads(line) for line in (folder / "docs.jsonl").read_text().splitlines()]
    pq.write_table(pa.Table.from_pylist(documents), folder / "docs.parquet")
    acled_csv(folder / "export.csv", ACLED_ROWS)
    acled_csv(folder / "export1.csv", ACLED_ROWS[:3])
    acled_csv(folder / "export2.csv", ACLED_ROWS[3:])
    (folder / "key-tst1.v7").write_text(
        key_text("TST1-MUC3-0001", incident_type="BOMBING", incident_location="PERU: LIMA (CITY)")
        + irrelevant("TST1-MUC3-0002")
    )
    (folder / "tst1-muc3").write_text(
        "TST1-MUC3-0001\n\n   LIMA, 3 MAR 90 (EFE) -- [TEXT] A CAR BOMB EXPLODED TODAY OUTSIDE A BANK IN "
        "DOWNTOWN LIMA, KILLING TWO PEOPLE.\n\n"
        "TST1-MUC3-0002\n\n   LIMA, 4 MAR 90 (EFE) -- [TEXT] THE CENTRAL BANK KEPT INTEREST RATES UNCHANGED.\n"
    )
    (folder / "lgl.xml").write_text(LGL, encoding="utf-8")
    open_store(str(folder / "events.db")).close()
    return folder


def environment(**extra: str) -> dict[str, str]:
    """This environment with the test's own `eventwire` first on the PATH."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, "PATH": path, **extra}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reason_not_run(command: str) -> str | None:
    return next((why for marker, why in NOT_RUN.items() if marker in command), None)


def test_commands_that_change_the_installation_are_the_only_ones_left_out():
    left_out = [command for command in COMMANDS if reason_not_run(command)]
    assert any(c.startswith("make ") for c in left_out) and any("--plover-labels" in c for c in left_out)
    assert all(c.startswith(("make ", "pip install")) or "--out src/eventwire/data" in c for c in left_out)
    assert reason_not_run("eventwire extract --example") is None


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=[c.split("  #")[0].strip()[:70] for c in COMMANDS])
def test_readme_command_works_as_written(command: str, workspace: Path) -> None:
    why = reason_not_run(command)
    if why:
        pytest.skip(f"not run: {why}")
    if SERVE.match(command):
        serve_for_a_moment(command, workspace)
        return
    completed = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=workspace,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr and "eventwire: error" not in completed.stderr
    assert completed.stdout or written_by(command, workspace), "the command gave nothing"


def written_by(command: str, workspace: Path) -> bool:
    """Whether the file or folder the command names after --output, --out, --json or --db exists, not
    empty."""
    words = shlex.split(command, comments=True)
    options = {"--output", "--out", "--json", "--db"}
    targets = [words[i + 1] for i, word in enumerate(words[:-1]) if word in options]
    paths = [workspace / target for target in targets]
    return bool(paths) and all(p.exists() and (p.is_dir() or p.stat().st_size) for p in paths)


def serve_for_a_moment(command: str, workspace: Path) -> None:
    """Start the server as written (on a free port, given by EVENTWIRE_PORT), wait until it says where it
    listens, ask for its statistics by every name it should answer to, and stop it."""
    port = free_port()
    server = subprocess.Popen(
        ["bash", "-c", f"exec {command}"],
        cwd=workspace,
        env=environment(EVENTWIRE_PORT=str(port)),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said = []
        for line in server.stderr:
            said.append(line)
            if "serving" in line or "error" in line:
                break
        assert any(f":{port}/" in line for line in said), "".join(said)
        words = shlex.split(command, comments=True)
        names = ["127.0.0.1"] + [words[i + 1] for i, w in enumerate(words[:-1]) if w == "--allow-host"]
        for name in names:
            answer = httpx.get(
                f"http://127.0.0.1:{port}/api/stats", headers={"Host": f"{name}:{port}"}, timeout=30
            )
            assert answer.status_code == 200, (name, answer.text)
            assert {"documents", "events"} <= set(answer.json())
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        finally:
            if server.poll() is None:
                server.kill()
            server.stderr.close()
