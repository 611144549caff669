"""Save a screenshot of the dashboard over the built-in example article's events (docs/dashboard.png).

Starts the API on a free loopback port and drives the system Chromium with Playwright; it never downloads a
browser. Usage: .venv/bin/python scripts/screenshot.py [--output PATH] [--event] [--size 390x844] [--query Q] [--full-page]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from eventwire.api import create_app
from eventwire.api.server import example_database, running

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("docs/dashboard.png"))
    parser.add_argument("--event", action="store_true", help="Open the first event's view before the shot.")
    parser.add_argument("--size", default="1440x900", help="Viewport WIDTHxHEIGHT in CSS pixels.")
    parser.add_argument("--query", default="", help="The dashboard's query string, e.g. view=articles.")
    parser.add_argument("--full-page", action="store_true", help="The whole page, not just the viewport.")
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="eventwire-shot-") as folder:
        app = create_app(str(example_database(Path(folder))))
        with running(app) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            width, height = (int(n) for n in args.size.split("x"))
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url + (f"?{args.query}" if args.query else ""))
            page.wait_for_selector("body[data-state=ready]")
            if args.event:
                page.click("#rows tr[data-id]")
                page.wait_for_selector("#event-view[data-state=ready]")
            page.wait_for_timeout(400)  # the map's zoom animation
            page.screenshot(path=str(args.output), full_page=args.full_page)
            browser.close()
    print(f"saved {args.output}")


if __name__ == "__main__":
    main()
