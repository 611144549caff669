"""The progress bar of `extract` and `ingest`: a total and the time left on a terminal, nothing elsewhere."""

from __future__ import annotations

import io

from rich.console import Console

from eventwire.progress import progress_bar


def terminal() -> Console:
    """A console that takes itself for a terminal and keeps what it draws."""
    return Console(file=io.StringIO(), force_terminal=True, width=120)


def test_progress_bar_shows_the_total_and_the_time_left_when_forced():
    console = terminal()
    with progress_bar(3, show=True, console=console) as advance:
        for _ in range(3):
            advance()
    drawn = console.file.getvalue()
    assert "documents" in drawn and "3/3" in drawn and "eta" in drawn


def test_progress_bar_without_a_total_counts_without_an_end():
    console = terminal()
    with progress_bar(None, show=True, console=console) as advance:
        advance()
        advance()
    drawn = console.file.getvalue()
    assert "2/?" in drawn and "3/3" not in drawn


def test_progress_bar_draws_nothing_when_stderr_is_not_a_terminal(capsys):
    console = terminal()
    with progress_bar(3, console=console) as advance:  # pytest's stderr is not a terminal
        for _ in range(3):
            advance()
    assert console.file.getvalue() == "" and capsys.readouterr().err == ""
    with progress_bar(3, show=True) as advance:  # the same bar, asked for, is drawn on stderr
        advance()
    assert "1/3" in capsys.readouterr().err
