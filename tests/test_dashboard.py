"""The dashboard in a real browser: the system Chromium, driven by Playwright, against a real server over
the built-in example's events. Every page load is watched: nothing may be fetched from another host."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from eventwire.api import create_app
from eventwire.api.server import example_database, running
from eventwire.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
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
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="the dashboard tests drive /usr/bin/chromium, which is not installed"
    ),
]
LOOPBACK = {"127.0.0.1"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard over a database holding the built-in example article's events."""
    database = example_database(tmp_path_factory.mktemp("example"))
    with running(create_app(str(database))) as url:
        yield url


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = str(tmp_path_factory.mktemp("empty") / "empty.db")
    open_store(database).close()
    with running(create_app(database)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page whose requests and script errors are recorded and checked after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    elsewhere = [
        url for url in requested if urlsplit(url).scheme != "data" and urlsplit(url).hostname not in LOOPBACK
    ]
    assert requested and not elsewhere, f"requests to other hosts: {elsewhere}"
    assert not errors, errors


def api(site: str, path: str, **params) -> dict:
    response = httpx.get(site + path.lstrip("/"), params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def open_dashboard(page, site: str) -> None:
    page.goto(site)
    page.wait_for_selector("body[data-state=ready]")


def after(page, action: Callable[[], None]) -> None:
    """Do `action` and wait until the dashboard has redrawn for it."""
    before = page.get_attribute("body", "data-generation")
    action()
    page.wait_for_function(
        "before => document.body.dataset.state === 'ready' && document.body.dataset.generation !== before",
        arg=before,
    )


def dot_ids(page) -> list[int]:
    return sorted(
        int(value)
        for value in page.eval_on_selector_all("#map circle.dot", "ds => ds.map(d => d.dataset.id)")
    )


def row_ids(page) -> list[int]:
    return [
        int(value)
        for value in page.eval_on_selector_all("#rows tr[data-id]", "rs => rs.map(r => r.dataset.id)")
    ]


def bar_total(page) -> int:
    return sum(
        int(value)
        for value in page.eval_on_selector_all("#timeline rect.bar", "bs => bs.map(b => b.dataset.count)")
    )


def test_the_map_shows_one_point_per_located_event(page, site):
    open_dashboard(page, site)
    points = api(site, "/api/points")["points"]
    assert points and dot_ids(page) == sorted(point["id"] for point in points)
    events = api(site, "/api/events", limit=25)
    assert row_ids(page) == [item["id"] for item in events["items"]]
    dated = [item for item in events["items"] if item["event"]["event_date"]]
    assert bar_total(page) == len(dated)
    assert page.inner_text("#kpi-events") == str(events["total"])


def test_choosing_a_type_redraws_the_map_the_timeline_and_the_table(page, site):
    open_dashboard(page, site)
    counts = {
        bucket["key"]: bucket["events"] for bucket in api(site, "/api/aggregates/event_type")["buckets"]
    }
    chosen = max((key for key in counts if key), key=lambda key: (counts[key], key))
    assert counts[chosen] < sum(counts.values()), "the example should hold more than one type"
    before = (dot_ids(page), row_ids(page), bar_total(page))

    after(page, lambda: page.select_option("select[name=event_type]", chosen))

    events = api(site, "/api/events", event_type=chosen)["items"]
    points = api(site, "/api/points", event_type=chosen)["points"]
    assert dot_ids(page) == sorted(point["id"] for point in points)
    assert row_ids(page) == [item["id"] for item in events]
    assert bar_total(page) == sum(1 for item in events if item["event"]["event_date"])
    assert (dot_ids(page), row_ids(page), bar_total(page)) != before
    colours = set(page.eval_on_selector_all("#map circle.dot", "ds => ds.map(d => d.getAttribute('fill'))"))
    assert len(colours) == 1
    assert chosen in page.inner_text("#legend")


def type_and_enter(selector: str, value: str) -> Callable:
    def action(page) -> None:
        page.fill(selector, value)
        page.press(selector, "Enter")

    return action


def filter_cases(site: str) -> list[tuple[str, Callable, dict]]:
    """One change per filter, with the same filter as the API takes it."""
    events = [item["event"] for item in api(site, "/api/events")["items"]]
    day = sorted(event["event_date"] for event in events if event["event_date"])[-1]
    actor = api(site, "/api/actors")["actors"][0]["key"]
    country = next(event["location"]["country"] for event in events if event["location"])
    word = next(event["location"]["name"] for event in events if event["location"])
    return [
        ("since", lambda p: p.fill("input[name=since]", day), {"since": day}),
        ("until", lambda p: p.fill("input[name=until]", day), {"until": day}),
        ("country", lambda p: p.select_option("select[name=country]", country), {"country": country}),
        ("actor", lambda p: p.select_option("select[name=actor]", actor), {"actor": actor}),
        ("text", lambda p: p.fill("input[name=q]", word), {"q": word}),
        ("min-killed", type_and_enter("input[name=min_fatalities]", "1"), {"min_fatalities": 1}),
    ]


@pytest.mark.parametrize("name", ["since", "until", "country", "actor", "text", "min-killed"])
def test_every_filter_drives_the_map_and_the_table(page, site, name):
    open_dashboard(page, site)
    _, action, params = next(case for case in filter_cases(site) if case[0] == name)
    after(page, lambda: action(page))
    assert row_ids(page) == [item["id"] for item in api(site, "/api/events", **params)["items"]]
    assert dot_ids(page) == sorted(point["id"] for point in api(site, "/api/points", **params)["points"])
    query = page.get_attribute("#download-csv", "href")
    assert (
        query.startswith("/api/events.csv?")
        and httpx.get(site + query.lstrip("/"), timeout=30).status_code == 200
    )


def test_a_timeline_bar_narrows_the_dates(page, site):
    open_dashboard(page, site)
    bar = page.locator("#timeline rect.bar:not(.empty)").first
    day = bar.get_attribute("data-key")
    after(page, lambda: bar.click())
    assert page.input_value("input[name=since]") == day == page.input_value("input[name=until]")
    assert row_ids(page) == [item["id"] for item in api(site, "/api/events", since=day, until=day)["items"]]


def test_an_event_view_highlights_each_fields_evidence_in_the_source_text(page, site):
    open_dashboard(page, site)
    dot = page.locator("#map circle.dot").last
    event_id = int(dot.get_attribute("data-id"))
    dot.click()
    page.wait_for_selector("#event-view[data-state=ready]")
    assert page.evaluate("location.hash") == f"#event={event_id}"

    detail = api(site, f"/api/events/{event_id}")
    (report,) = detail["reports"]
    text = api(site, f"/api/documents/{report['document_id']}")["text"]
    marks = page.eval_on_selector_all(
        "#event-body mark.ev",
        "ms => ms.map(m => [m.dataset.field, m.textContent, +m.dataset.start, +m.dataset.end])",
    )
    assert marks, "the event view should highlight evidence"
    assert sorted((field, shown) for field, shown, _, _ in marks) == sorted(
        (span["field"], span["text"]) for span in report["event"]["evidence"]
    )
    for _, shown, start, end in marks:
        assert text[start:end] == shown
    assert page.text_content("#event-body .doc-text") == text

    page.keyboard.press("Escape")
    page.wait_for_selector("#event-view", state="hidden")


def test_a_table_row_opens_its_event(page, site):
    open_dashboard(page, site)
    row = page.locator("#rows tr[data-id]").first
    event_id = row.get_attribute("data-id")
    row.click()
    page.wait_for_selector("#event-view[data-state=ready]")
    title = api(site, f"/api/events/{event_id}")["merged"]["event"]
    assert (title["sub_event_type"] or title["plover"].capitalize()) == page.inner_text("#event-title")
    page.click("#event-close")
    page.wait_for_selector("#event-view", state="hidden")


def test_an_empty_database_says_how_to_ingest(page, empty_site):
    page.goto(empty_site)
    page.wait_for_selector("body[data-state=empty]")
    assert page.is_visible("#empty") and not page.is_visible("#dashboard")
    assert "eventwire ingest" in page.inner_text("#empty")
    assert "eventwire serve --example" in page.inner_text("#empty")


def test_the_api_reference_page_lists_every_endpoint(page, site):
    page.goto(site + "docs")
    page.wait_for_selector(".endpoint")
    operations = sum(len(methods) for methods in api(site, "/openapi.json")["paths"].values())
    assert page.locator(".endpoint").count() == operations
