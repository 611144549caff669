"""The built-in example article (see README.md here): `extract --example`, `serve --example` and the
tests read it through `example_path`, so where it lives is said once."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

#: The example article's publication date, which its relative dates ("on Sunday") are read against.
EXAMPLE_PUBLISHED = dt.date(2024, 12, 2)


def example_path() -> Path:
    """The built-in example article shipped with the package."""
    return Path(str(resources.files("eventwire.examples").joinpath("northwest-offensive.txt")))
