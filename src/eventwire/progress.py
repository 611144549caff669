"""The progress bar `extract` and `ingest` show on a terminal: documents done of the total, and the time
left. Nothing is drawn when stderr is not a terminal, so logs and pipes stay clean."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def progress_bar(
    total: int | None, show: bool | None = None, console: Console | None = None
) -> AbstractContextManager[Callable[[], None]]:
    """A context giving an `advance()` callable. `show` None means: when stderr is a terminal. With
    `total` None (a feed or standard input) the bar counts without an end or an estimate. The bar is
    drawn on `console`, by default one writing to stderr."""
    if not (sys.stderr.isatty() if show is None else show):
        return nullcontext(lambda: None)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [SpinnerColumn(), "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn()]
    columns += [TimeElapsedColumn(), "eta", TimeRemainingColumn()]
    return _RichProgress(Progress(*columns, console=console or Console(stderr=True)), total)


class _RichProgress:
    def __init__(self, progress, total: int | None) -> None:
        self.progress = progress
        self.total = total

    def __enter__(self) -> Callable[[], None]:
        self.progress.start()
        task = self.progress.add_task("documents", total=self.total)
        return lambda: self.progress.advance(task)

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()
