"""The dashboard in a real browser: the system Chromium, driven by Playwright, against a real server over
the built-in example's events. Every page load is watched: nothing may be fetched from another host."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from conftest import make_document, make_event
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


# Five articles reporting events at one town on five days over two years; one more names a country as
# the place; one reports talks, typed in PLOVER only.
TOWN = {"place": "Kramatorsk", "lat": 48.7233, "lon": 37.5563, "country": "UA", "admin1": "Donetsk"}
TOWN_EVENTS = [
    ("2023-02-01", "Battles", "Armed clash", 4),
    ("2023-06-15", "Explosions/Remote violence", "Shelling/artillery/missile attack", 9),
    ("2023-11-20", "Explosions/Remote violence", "Air/drone strike", 2),
    ("2024-04-03", "Violence against civilians", "Attack", 1),
    ("2024-09-09", "Battles", "Armed clash", 0),
]


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example's events plus several articles' events that share one place, one whose place is a
    country, and one outside ACLED's types."""
    database = example_database(tmp_path_factory.mktemp("crowded"))
    with open_store(str(database)) as store:
        for number, (day, kind, sub, killed) in enumerate(TOWN_EVENTS):
            event = make_event(day, event_type=kind, sub_event_type=sub, killed=killed, **TOWN)
            store.add_document(article(f"town-{number}", day), [event])
        country = make_event(
            "2024-05-05",
            place="United Kingdom",
            lat=54.0,
            lon=-2.0,
            country="GB",
            admin1=None,
            event_type="Protests",
            sub_event_type="Peaceful protest",
            plover="PROTEST",
            killed=None,
        )
        store.add_document(article("country-place", "2024-05-05"), [country])
        talks = make_event(
            "2024-06-01",
            place="Geneva",
            lat=46.2,
            lon=6.15,
            country="CH",
            admin1="Geneva",
            event_type=None,
            sub_event_type=None,
            plover="CONSULT",
            killed=None,
        )
        store.add_document(article("talks", "2024-06-01"), [talks])
    with running(create_app(str(database))) as url:
        yield url


def article(doc_id: str, day: str):
    return make_document(
        f"Report {doc_id} of {day}.",
        id=doc_id,
        title=f"Report {doc_id}",
        published=dt.date.fromisoformat(day),
    )


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
def new_page(browser):
    """Opens pages (of any viewport) whose requests and script errors are recorded and checked after the
    test: nothing may be fetched from another host, and no script may fail."""
    contexts = []
    requested: list[str] = []
    errors: list[str] = []

    def opened(width: int = 1280, height: int = 900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        return page

    yield opened
    for context in contexts:
        context.close()
    elsewhere = [
        url for url in requested if urlsplit(url).scheme != "data" and urlsplit(url).hostname not in LOOPBACK
    ]
    assert requested and not elsewhere, f"requests to other hosts: {elsewhere}"
    assert not errors, errors


@pytest.fixture
def page(new_page):
    return new_page()


def api(site: str, path: str, **params) -> dict:
    """The API's answer; the dashboard shows ACLED-typed events unless told otherwise."""
    if path in ("/api/events", "/api/points", "/api/actors") or path.startswith("/api/aggregates"):
        params.setdefault("typology", "acled")
    response = httpx.get(site + path.lstrip("/"), params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def open_dashboard(page, site: str, query: str = "") -> None:
    page.goto(site + (f"?{query}" if query else ""))
    page.wait_for_selector("body[data-state=ready]")
    settle(page)


def settle(page) -> None:
    """Wait for the map's zoom animation, after which its markers and clusters are drawn."""
    page.wait_for_function("() => !document.querySelector('#map .leaflet-zoom-anim')")
    page.wait_for_timeout(350)


def after(page, action: Callable[[], None]) -> None:
    """Do `action` and wait until the dashboard has redrawn for it."""
    before = page.get_attribute("body", "data-generation")
    action()
    page.wait_for_function(
        "before => document.body.dataset.state === 'ready' && document.body.dataset.generation !== before",
        arg=before,
    )
    settle(page)


def dot_ids(page) -> list[int]:
    """The events on the map: each lone dot, and every event inside a numbered cluster."""
    alone = page.eval_on_selector_all("#map .dot[data-id]", "ds => ds.map(d => d.dataset.id)")
    clustered = page.eval_on_selector_all("#map .cluster[data-ids]", "cs => cs.map(c => c.dataset.ids)")
    return sorted(int(value) for value in [*alone, *",".join(clustered).split(",")] if value)


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
    types = set(page.eval_on_selector_all("#map .dot", "ds => ds.map(d => d.dataset.type)"))
    assert types == {chosen}
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
    dot = page.locator("#map .dot").last
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


@pytest.mark.parametrize("width,height", [(1440, 900), (390, 844)])
def test_the_event_view_lies_above_the_map(new_page, site, width, height):
    """Leaflet's panes and controls have z-indexes up to 1000; the open event view must still cover them."""
    page = new_page(width, height)
    open_dashboard(page, site)
    page.locator("#map").scroll_into_view_if_needed()
    page.locator("#map .dot").first.click()
    page.wait_for_selector("#event-view[data-state=ready]")
    drawer = page.locator("#event-view").bounding_box()
    covered = 0
    for control in (".leaflet-control-zoom-in", ".leaflet-control-attribution"):
        box = page.locator(f"#map {control}").bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        if drawer["x"] <= x <= drawer["x"] + drawer["width"] and 0 <= y <= height:
            covered += 1
            on_top = page.evaluate(
                "([x, y]) => document.elementFromPoint(x, y).closest('#event-view, #map')?.id", [x, y]
            )
            assert on_top == "event-view", f"{control} shows through the event view"
    assert covered, "at least one map control lies under the event view"


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


def test_the_basemap_has_no_line_across_the_antimeridian(page, site):
    """Natural Earth's Russia, Fiji and Antarctica jump from +180 to -180 degrees; drawn as they are, that
    is a straight line across the world. Every drawn ring steps less than 180 degrees at a time."""
    open_dashboard(page, site)
    found = page.evaluate(
        """async () => {
          const map = document.getElementById("map").eventMap.map;
          const steps = (ring) => ring.slice(1).map((p, i) => Math.abs(p.lng - ring[i].lng));
          const rings = [];
          map.eachLayer((layer) => {
            if (layer instanceof L.Polygon) rings.push(...layer.getLatLngs().flat(1));
          });
          const topology = await (await fetch("/static/vendor/countries-50m.json")).json();
          const raw = topojson.feature(topology, topology.objects.countries).features
            .flatMap((f) => f.geometry ? (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) : [])
            .flat(1).map((ring) => ring.map(([lng, lat]) => ({ lng, lat })));
          return {
            rings: rings.length,
            widest: Math.max(...rings.flatMap(steps)),
            rawWidest: Math.max(...raw.flatMap(steps)),
            east: Math.max(...rings.flat().map((p) => p.lng)),
            west: Math.min(...rings.flat().map((p) => p.lng)),
          };
        }"""
    )
    assert found["rings"] > 200
    assert found["rawWidest"] > 180, "the outlines as shipped do cross the antimeridian"
    assert found["widest"] < 180
    # Chukotka reaches past +180 and is drawn again west of -180, so the map is whole on both sides.
    assert found["east"] > 180 and found["west"] < -180


def test_events_at_one_place_cluster_with_their_count_and_spread_out(page, crowded_site):
    open_dashboard(page, crowded_site, "country=UA")
    town = sorted(point["id"] for point in api(crowded_site, "/api/points", country="UA")["points"])
    assert len(town) == len(TOWN_EVENTS)
    cluster = page.locator("#map .cluster")
    assert cluster.count() == 1 and cluster.locator("span").first.inner_text() == str(len(TOWN_EVENTS))
    assert cluster.locator(".place-name").inner_text() == TOWN["place"], "one place: the cluster names it"
    assert page.locator("#map .dot").count() == 0
    assert dot_ids(page) == town
    cluster.click()
    page.wait_for_function(f"() => document.querySelectorAll('#map .dot').length === {len(TOWN_EVENTS)}")
    assert (
        sorted(int(i) for i in page.eval_on_selector_all("#map .dot", "ds => ds.map(d => d.dataset.id)"))
        == town
    )
    page.locator("#map .dot").first.click()
    page.wait_for_selector("#event-view[data-state=ready]")


def test_places_are_named_when_zoomed_in_and_countries_when_zoomed_out(page, site):
    open_dashboard(page, site)
    names = {point["location"] for point in api(site, "/api/points")["points"]}
    assert page.evaluate("document.getElementById('map').eventMap.map.getZoom()") >= 6
    shown = page.eval_on_selector_all(
        "#map .dot .place-name", "ns => ns.filter(n => n.offsetWidth).map(n => n.textContent)"
    )
    assert set(shown) == names
    page.evaluate(
        "() => { document.getElementById('map').eventMap.map.setView([50, 40], 3, { animate: false }); }"
    )
    settle(page)
    assert not page.eval_on_selector_all("#map .dot .place-name", "ns => ns.filter(n => n.offsetWidth)")
    countries = page.eval_on_selector_all(
        "#map .country-label:not(.minor)", "ls => ls.filter(l => l.offsetParent).map(l => l.textContent)"
    )
    assert {"Russia", "Turkey", "Ukraine"} <= set(countries)
    assert "Malta" not in countries, "names of small countries wait for a closer zoom"


def boxes_overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width,height", [(1440, 900), (390, 844)])
def test_the_legend_covers_no_land_and_is_fully_visible(new_page, site, width, height):
    page = new_page(width, height)
    open_dashboard(page, site)
    legend = page.locator("#legend").bounding_box()
    assert legend and legend["width"] > 0 and page.locator("#legend li").count() >= 2
    assert not boxes_overlap(legend, page.locator("#map").bounding_box())
    assert legend["x"] >= 0 and legend["x"] + legend["width"] <= width
    if width > 1000:
        assert legend["y"] + legend["height"] <= height, "the legend is below the fold"


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours."""

    def luminance(colour: str) -> float:
        red, green, blue = (int(part) / 255 for part in colour.split("(")[1].split(")")[0].split(",")[:3])
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_a_phone_sees_the_whole_page_width_and_readable_links(new_page, site):
    page = new_page(390, 844, is_mobile=True, has_touch=True)
    open_dashboard(page, site)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    bar = page.locator(".topbar").bounding_box()
    bar_colour = page.eval_on_selector(".topbar", "e => getComputedStyle(e).backgroundColor")
    for link in page.locator(".links a").all():
        box = link.bounding_box()
        assert box["x"] >= bar["x"] and box["x"] + box["width"] <= 390
        assert bar["y"] <= box["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"]
        colour, background = link.evaluate(
            "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
        )
        assert contrast(colour, background) >= 4.5 and contrast(colour, bar_colour) >= 4.5
    wide = page.evaluate("document.querySelector('.table-scroll').scrollWidth")
    assert wide > page.evaluate("document.querySelector('.table-scroll').clientWidth"), (
        "the table scrolls inside its panel, not the page"
    )


def test_filters_live_in_the_url_and_survive_a_reload_and_a_shared_link(new_page, crowded_site):
    page = new_page()
    open_dashboard(page, crowded_site)
    assert "?" not in page.url, "the defaults need no query string"
    after(page, lambda: page.check("input[name=typology][value=all]", force=True))
    after(page, lambda: page.select_option("select[name=country]", "UA"))
    after(page, lambda: page.fill("input[name=since]", "2023-06-01"))
    page.click(".events th[data-sort=fatalities] button")
    page.wait_for_function("() => document.getElementById('rows').dataset.sort === '-fatalities'")
    query = dict(parse_qsl(urlsplit(page.url).query))
    assert query == {"typology": "all", "country": "UA", "since": "2023-06-01", "sort": "-fatalities"}
    wanted = api(
        crowded_site, "/api/events", typology="all", country="UA", since="2023-06-01", sort="-fatalities"
    )
    wanted_ids = [item["id"] for item in wanted["items"]]
    assert row_ids(page) == wanted_ids and len(wanted_ids) == len(TOWN_EVENTS) - 1

    page.reload()
    page.wait_for_selector("body[data-state=ready]")
    shared = new_page()
    open_dashboard(shared, page.url.split("?")[0] + "?" + urlsplit(page.url).query)
    for shown in (page, shared):
        assert shown.input_value("select[name=country]") == "UA"
        assert shown.input_value("input[name=since]") == "2023-06-01"
        assert shown.is_checked("input[name=typology][value=all]")
        assert row_ids(shown) == wanted_ids
    odd = new_page()
    open_dashboard(odd, crowded_site, "sort=bogus&typology=nonsense&colour=red")
    assert row_ids(odd) == [item["id"] for item in api(crowded_site, "/api/events", limit=25)["items"]]
    assert odd.is_checked("input[name=typology][value=acled]"), "values it does not know fall back"


def test_clicking_a_header_sorts_the_table(page, crowded_site):
    open_dashboard(page, crowded_site)
    newest = [item["id"] for item in api(crowded_site, "/api/events", limit=25)["items"]]
    assert row_ids(page) == newest
    header = ".events th[data-sort=fatalities]"
    for sort, aria in (("-fatalities", "descending"), ("fatalities", "ascending")):
        page.click(f"{header} button")
        page.wait_for_function(f"() => document.getElementById('rows').dataset.sort === '{sort}'")
        wanted = [item["id"] for item in api(crowded_site, "/api/events", sort=sort, limit=25)["items"]]
        assert row_ids(page) == wanted != newest
        assert page.get_attribute(header, "aria-sort") == aria
        assert page.get_attribute(".events th[data-sort=event_date]", "aria-sort") == "none"
    page.click(".events th[data-sort=location] button")
    page.wait_for_function("() => document.getElementById('rows').dataset.sort === 'location'")
    places = [
        item["event"]["location"]["name"]
        for item in api(crowded_site, "/api/events", sort="location")["items"]
    ]
    assert places == sorted(places) and row_ids(page) == [
        item["id"] for item in api(crowded_site, "/api/events", sort="location", limit=25)["items"]
    ]


def test_the_articles_view_lists_each_article_with_its_events(page, crowded_site):
    open_dashboard(page, crowded_site)
    page.click("#view-articles")
    page.wait_for_selector("#article-list details[data-state=ready]")
    assert "view=articles" in page.url and page.is_hidden("#events-view")
    documents = api(crowded_site, "/api/documents")["items"]
    shown = page.eval_on_selector_all("#article-list details", "ds => ds.map(d => d.dataset.document)")
    assert shown == [doc["doc_id"] for doc in documents] and len(shown) > 5
    for doc_id in ("northwest-offensive", "town-2", "talks"):
        article = page.locator(f"#article-list details[data-document='{doc_id}']")
        if not article.get_attribute("open"):
            article.locator("summary").click()
        page.wait_for_selector(f"#article-list details[data-document='{doc_id}'][data-state=ready]")
        ids = article.locator("li[data-id]").evaluate_all("ls => ls.map(l => +l.dataset.id)")
        assert ids == [item["id"] for item in api(crowded_site, "/api/events", doc_id=doc_id)["items"]]
        assert (doc_id == "talks") == (not ids), "talks are outside ACLED's types, hidden by default"
    page.locator("#article-list details[data-document='town-2'] li[data-id]").click()
    page.wait_for_selector("#event-view[data-state=ready]")
    assert "Air/drone strike" in page.inner_text("#event-title")


def test_timeline_ticks_fall_on_calendar_steps_and_show_the_year(page, crowded_site):
    open_dashboard(page, crowded_site)
    ticks = page.eval_on_selector_all(
        "#timeline text.axis[data-date]", "ts => ts.map(t => [t.dataset.date, t.textContent])"
    )
    assert len(ticks) >= 3
    months = [int(day[:4]) * 12 + int(day[5:7]) for day, _ in ticks]
    steps = {b - a for a, b in itertools.pairwise(months)}
    assert all(day.endswith("-01") for day, _ in ticks), "a span of years is marked at month starts"
    assert len(steps) == 1 and steps.pop() in (1, 2, 3, 6, 12, 24, 60), "ticks evenly spaced on the calendar"
    assert all(any(part.isdigit() and len(part) == 4 for part in label.split()) for _, label in ticks)
    days = page.evaluate(
        """async () => (await import("/static/timeline.js")).timeTicks("2024-11-28", "2024-12-03", 8)"""
    )
    assert [tick["label"] for tick in days] == [
        "28 Nov 2024",
        "29 Nov 2024",
        "30 Nov 2024",
        "1 Dec 2024",
        "2 Dec 2024",
        "3 Dec 2024",
    ]
    months = page.evaluate(
        """async () => (await import("/static/timeline.js")).timeTicks("2023-01-15", "2024-01-10", 5)"""
    )
    assert [tick["iso"] for tick in months] == ["2023-04-01", "2023-07-01", "2023-10-01", "2024-01-01"]


def test_the_event_view_names_a_place_once(page, crowded_site):
    open_dashboard(page, crowded_site)
    (uk,) = api(crowded_site, "/api/events", country="GB")["items"]
    page.evaluate(f"location.hash = 'event={uk['id']}'")
    page.wait_for_selector("#event-view[data-state=ready]")
    assert page.inner_text("#event-body .event-head .sub").count("United Kingdom") == 1
    place = page.locator("#event-body dt:has-text('Place') + dd").inner_text()
    assert place.count("United Kingdom") == 1
    town = api(crowded_site, "/api/events", country="UA", limit=1)["items"][0]
    page.evaluate(f"location.hash = 'event={town['id']}'")
    page.wait_for_function(
        f"() => document.getElementById('event-view').dataset.state === 'ready'"
        f" && document.getElementById('event-title').textContent === '{town['event']['sub_event_type']}'"
    )
    assert (
        page.locator("#event-body dt:has-text('Place') + dd")
        .inner_text()
        .startswith("Kramatorsk, Donetsk, Ukraine")
    )


def test_the_typology_switch_chooses_which_events_show(page, crowded_site):
    open_dashboard(page, crowded_site)
    for typology, noun in (
        ("acled", "ACLED-typed events"),
        ("plover", "PLOVER-only events"),
        ("all", "events"),
    ):
        if typology != "acled":
            after(page, lambda t=typology: page.check(f"input[name=typology][value={t}]", force=True))
        events = api(crowded_site, "/api/events", typology=typology)
        assert row_ids(page) == [item["id"] for item in events["items"]][:25]
        assert page.inner_text("#kpi-events") == str(events["total"])
        assert page.inner_text("#totals").startswith(f"{events['total']} {noun}")
        assert dot_ids(page) == sorted(
            point["id"] for point in api(crowded_site, "/api/points", typology=typology)["points"]
        )
        assert page.is_disabled("select[name=event_type]") == (typology == "plover")
    counts = {t: api(crowded_site, "/api/events", typology=t)["total"] for t in ("acled", "plover", "all")}
    assert counts["acled"] + counts["plover"] == counts["all"] and counts["plover"] >= 2


REGION_NAMES = """() => {
  const names = [];
  document.getElementById("map").eventMap.regions.eachLayer((g) => g.eachLayer((l) => names.push(l.feature.properties.name)));
  return names;
}"""


def test_region_outlines_show_when_zoomed_in_without_crossing_the_antimeridian(page, site):
    open_dashboard(page, site)
    page.wait_for_selector("#map[data-regions*=SYR]")
    assert {"Idlib", "Aleppo", "Hamah"} <= set(page.evaluate(REGION_NAMES))
    assert page.evaluate(
        "() => { const m = document.getElementById('map').eventMap; return m.map.hasLayer(m.regions); }"
    )
    page.evaluate(
        "() => { document.getElementById('map').eventMap.map.setView([66, 178], 5, { animate: false }); }"
    )
    page.wait_for_selector("#map[data-regions*=RUS]")
    widest = page.evaluate(
        """() => {
          let widest = 0;
          document.getElementById("map").eventMap.regions.eachLayer((g) => g.eachLayer((l) => {
            for (const ring of l.getLatLngs().flat(1)) {
              ring.slice(1).forEach((p, i) => { widest = Math.max(widest, Math.abs(p.lng - ring[i].lng)); });
            }
          }));
          return widest;
        }"""
    )
    assert (
        "Chukchi Autonomous Okrug" in " ".join(name or "" for name in page.evaluate(REGION_NAMES))
        and widest < 180
    )
    page.evaluate(
        "() => { document.getElementById('map').eventMap.map.setView([50, 40], 3, { animate: false }); }"
    )
    assert not page.evaluate(
        "() => { const m = document.getElementById('map').eventMap; return m.map.hasLayer(m.regions); }"
    )
