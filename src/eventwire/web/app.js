// The dashboard: the filters drive the map, the timeline, the type summary, the table and the articles
// together, and live in the page's query string so a reload or a shared link shows the same; a click on an
// event opens its view (#event=id). Everything comes from this server's /api.
import { countryName, el, formatDate, formatNumber, getJSON, OTHER_LABEL, queryString, svg, swatch, TYPE_COLORS, typeColor } from "./common.js";
import { ArticleList } from "./articles.js";
import { loadEvent, renderEvent } from "./event.js";
import { drawLegend, EventMap } from "./map.js";
import { nextSort, pageNote, renderRows, showSort } from "./table.js";
import { drawTimeline, pickGrain } from "./timeline.js";

const PAGE_SIZE = 25;
const TOP_ACTORS = 6;
const ACTOR_COLOR = "#5c6f86";
const DEFAULT_TYPOLOGY = "acled";
const TYPOLOGY_NOUNS = { acled: "ACLED-typed event", plover: "PLOVER-only event", all: "event" };
const VIEWS = ["events", "articles"];
const GRAINS = ["day", "week", "month"];
const $ = (id) => document.getElementById(id);
const form = $("filters");
const field = (name) => form.elements.namedItem(name);
const state = { grain: "day", grainChosen: false, offset: 0, sort: "", view: "events", generation: 0, pageGeneration: 0 };
const openEvent = (id) => { location.hash = `event=${id}`; };
const map = new EventMap($("map"), openEvent);
const articles = new ArticleList($("article-list"), $("more-articles"), openEvent);
const sortHeaders = () => [...document.querySelectorAll(".events th[data-sort]")];

function filters() {
  return Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value).trim()]));
}

// The page's own query string: the filters that are set, and the table's order, view and bar width when
// not the defaults. The event hash is kept.
function writeUrl() {
  const { typology, ...rest } = filters();
  const query = queryString({
    ...rest,
    typology: typology === DEFAULT_TYPOLOGY ? "" : typology,
    sort: state.sort,
    view: state.view === "events" ? "" : state.view,
    grain: state.grainChosen ? state.grain : "",
  });
  const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
}

// Sets the form and the view from the query string a page was opened with; unknown names are ignored.
function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of params) {
    const input = field(name);
    if (name === "typology") {
      for (const radio of form.querySelectorAll("input[name=typology]")) radio.checked = radio.value === value;
    } else if (input instanceof HTMLSelectElement) {
      if (![...input.options].some((option) => option.value === value)) input.append(el("option", { value }, value));
      input.value = value;
    } else if (input instanceof HTMLInputElement) {
      input.value = value;
    }
  }
  if (!form.querySelector("input[name=typology]:checked")) field("typology").value = DEFAULT_TYPOLOGY;
  const sortable = sortHeaders().map((header) => header.dataset.sort);
  state.sort = sortable.includes((params.get("sort") || "").replace(/^-/, "")) ? params.get("sort") : "";
  state.view = VIEWS.includes(params.get("view")) ? params.get("view") : "events";
  if (GRAINS.includes(params.get("grain"))) Object.assign(state, { grain: params.get("grain"), grainChosen: true });
}

async function start() {
  try {
    state.stats = await getJSON("/api/stats");
    if (!state.stats.events) return showEmpty();
    const [days] = await Promise.all([getJSON("/api/aggregates/day"), fillChoices()]);
    const dated = days.buckets.filter((bucket) => bucket.key);
    state.grain = pickGrain(dated[0]?.key, dated[dated.length - 1]?.key);
    readUrl();
    $("dashboard").hidden = false;
    await map.load("/static/vendor/countries-50m.json");
    wire();
    showView();
    await refresh();
    route();
  } catch (error) {
    showProblem(error);
  }
}

async function fillChoices() {
  const [countries, types, actors] = await Promise.all([
    getJSON("/api/aggregates/country"), getJSON("/api/aggregates/event_type"), getJSON("/api/actors", { limit: 500 }),
  ]);
  const countryChoices = countries.buckets.filter((bucket) => bucket.key)
    .map((bucket) => [bucket.key, `${countryName(bucket.key)} (${bucket.events})`])
    .sort((a, b) => a[1].localeCompare(b[1]));
  const typeCounts = new Map(types.buckets.map((bucket) => [bucket.key, bucket.events]));
  addChoices(field("country"), countryChoices);
  addChoices(field("event_type"), Object.keys(TYPE_COLORS).map((type) => [type, `${type} (${typeCounts.get(type) || 0})`]));
  addChoices(field("actor"), actors.actors.map((actor) => [actor.key, `${actor.key} (${actor.events})`]));
}

function addChoices(select, choices) {
  select.append(...choices.map(([value, label]) => el("option", { value }, label)));
}

function wire() {
  let typing = null;
  const changed = () => { clearTimeout(typing); state.offset = 0; refresh(); };
  form.addEventListener("submit", (event) => { event.preventDefault(); changed(); });
  form.addEventListener("change", changed);
  form.addEventListener("reset", () => setTimeout(changed));
  field("q").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(changed, 300); });
  for (const button of $("grain").querySelectorAll("button")) {
    button.addEventListener("click", () => { Object.assign(state, { grain: button.dataset.grain, grainChosen: true }); refresh(); });
  }
  for (const header of sortHeaders()) {
    header.querySelector("button").addEventListener("click", () => {
      state.sort = nextSort(state.sort, header.dataset.sort, header.dataset.first);
      state.offset = 0;
      writeUrl();
      loadPage().catch(showProblem);
    });
  }
  for (const button of $("views").querySelectorAll("button")) {
    button.addEventListener("click", () => {
      state.view = button.dataset.view;
      writeUrl();
      showView();
      if (state.view === "articles") articles.show(filters()).catch(showProblem);
    });
  }
  $("zoom-fit").addEventListener("click", () => map.fit());
  $("page-prev").addEventListener("click", () => turnPage(-PAGE_SIZE));
  $("page-next").addEventListener("click", () => turnPage(PAGE_SIZE));
  $("event-close").addEventListener("click", closeEvent);
  $("scrim").addEventListener("click", closeEvent);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && !$("event-view").hidden) closeEvent(); });
  window.addEventListener("hashchange", route);
}

// Reloads everything the filters drive; answers to an older set of filters are dropped.
async function refresh() {
  const generation = ++state.generation;
  const current = filters();
  field("event_type").disabled = current.typology === "plover";
  document.body.dataset.state = "loading";
  writeUrl();
  for (const [id, path] of [["download-csv", "/api/events.csv"], ["download-geojson", "/api/events.geojson"]]) {
    const query = queryString(current);
    $(id).href = query ? `${path}?${query}` : path;
  }
  try {
    const [points, timeline, types, actors, headline] = await Promise.all([
      getJSON("/api/points", current),
      getJSON(`/api/aggregates/${state.grain}`, current),
      getJSON("/api/aggregates/event_type", current),
      getJSON("/api/actors", { ...current, limit: TOP_ACTORS }),
      getJSON("/api/events", { typology: current.typology, limit: 1 }),
      loadPage(),
      state.view === "articles" ? articles.show(current) : null,
    ]);
    if (generation !== state.generation) return;
    $("totals").textContent = `${plural(headline.total, TYPOLOGY_NOUNS[current.typology] || "event")}`
      + ` · ${plural(state.stats.documents, "article")}`;
    showMap(points);
    showTimeline(timeline.buckets);
    showTypes(types.buckets, current.event_type);
    showActors(actors.actors, current.actor);
    showTotals(types.buckets, points.total, timeline.buckets);
    $("problem").hidden = true;
    document.body.dataset.generation = generation;
    document.body.dataset.state = "ready";
  } catch (error) {
    if (generation === state.generation) showProblem(error);
  }
}

function turnPage(step) {
  state.offset = Math.max(0, state.offset + step);
  loadPage().catch(showProblem);
}

async function loadPage() {
  const generation = ++state.pageGeneration;
  const page = await getJSON("/api/events", { ...filters(), sort: state.sort, limit: PAGE_SIZE, offset: state.offset });
  if (generation !== state.pageGeneration) return;
  renderRows($("rows"), page, openEvent);
  showSort(sortHeaders(), state.sort);
  $("rows").dataset.sort = state.sort;
  $("table-note").textContent = pageNote(page);
  $("page-prev").disabled = page.offset === 0;
  $("page-next").disabled = page.next_offset === null;
}

function showView() {
  for (const button of $("views").querySelectorAll("button")) {
    button.setAttribute("aria-selected", String(button.dataset.view === state.view));
  }
  $("events-view").hidden = state.view !== "events";
  $("articles-view").hidden = state.view !== "articles";
  $("pager").hidden = state.view !== "events";
  $("table-note").hidden = state.view !== "events";
}

function showMap(points) {
  map.setPoints(points.points);
  map.fit();
  drawLegend($("legend"), points.points);
  $("map-note").textContent = points.truncated
    ? `newest ${formatNumber(points.points.length)} of ${formatNumber(points.total)} located events`
    : plural(points.total, "located event");
}

function showTimeline(buckets) {
  for (const button of $("grain").querySelectorAll("button")) {
    button.setAttribute("aria-pressed", String(button.dataset.grain === state.grain));
  }
  drawTimeline($("timeline"), buckets, state.grain, ({ since, until }) => {
    field("since").value = since;
    field("until").value = until;
    form.dispatchEvent(new Event("change"));
  });
  const undated = buckets.filter((bucket) => !bucket.key).reduce((sum, bucket) => sum + bucket.events, 0);
  $("timeline-note").textContent = undated ? `${plural(undated, "undated event")} not shown` : "";
}

function showTypes(buckets, chosen) {
  const rows = [...buckets].sort((a, b) => b.events - a.events)
    .map((bucket) => ({ key: bucket.key, label: bucket.key || OTHER_LABEL, count: bucket.events, color: typeColor(bucket.key) }));
  $("by-type").replaceChildren(...barList(rows, chosen, "event_type"));
}

function showActors(actors, chosen) {
  const rows = actors.map((actor) => ({ key: actor.key, label: actor.key, count: actor.events, color: ACTOR_COLOR }));
  $("by-actor").replaceChildren(...barList(rows, chosen, "actor"));
}

// Rows of name, count and a bar; clicking one sets (or clears) that filter.
function barList(rows, chosen, filter) {
  const most = Math.max(1, ...rows.map((row) => row.count));
  return rows.map((row) => {
    const item = el("li", { class: row.key && row.key === chosen ? "chosen" : null, "data-key": row.key || "" },
      el("span", { class: "type-name" }, swatch(row.color), row.label),
      el("span", { class: "type-count" }, formatNumber(row.count)),
      svg("svg", { class: "meter", viewBox: "0 0 100 6", preserveAspectRatio: "none", "aria-hidden": "true" },
        svg("rect", { width: (100 * row.count) / most, height: 6, rx: 2, fill: row.color })));
    if (row.key) {
      item.addEventListener("click", () => {
        field(filter).value = row.key === chosen ? "" : row.key;
        form.dispatchEvent(new Event("change"));
      });
    }
    return item;
  });
}

function showTotals(types, located, timeline) {
  const events = types.reduce((sum, bucket) => sum + bucket.events, 0);
  const killed = types.reduce((sum, bucket) => sum + bucket.fatalities, 0);
  const dated = timeline.filter((bucket) => bucket.key).map((bucket) => bucket.key);
  const shown = (key) => formatDate(state.grain === "day" ? key : key.slice(0, 7));
  $("kpi-events").textContent = formatNumber(events);
  $("kpi-fatalities").textContent = formatNumber(killed);
  $("kpi-located").textContent = formatNumber(located);
  $("kpi-span").textContent = !dated.length ? "–"
    : dated[0] === dated[dated.length - 1] ? shown(dated[0]) : `${shown(dated[0])} – ${shown(dated[dated.length - 1])}`;
}

async function route() {
  const match = /^#event=(\d+)$/.exec(location.hash);
  const drawer = $("event-view");
  if (!match) {
    drawer.hidden = true;
    $("scrim").hidden = true;
    map.select(null);
    return;
  }
  const id = Number(match[1]);
  drawer.hidden = false;
  $("scrim").hidden = false;
  drawer.dataset.state = "loading";
  map.select(id);
  try {
    renderEvent($("event-body"), await loadEvent(id));
  } catch (error) {
    $("event-body").replaceChildren(el("p", { class: "problem" }, `Could not load event ${id}: ${error.message}`));
  }
  drawer.dataset.state = "ready";
  $("event-close").focus();
}

function closeEvent() {
  history.pushState(null, "", location.pathname + location.search);
  route();
}

function plural(count, noun) {
  return `${formatNumber(count)} ${noun}${count === 1 ? "" : "s"}`;
}

function showEmpty() {
  $("totals").textContent = `${plural(0, "event")} · ${plural(state.stats.documents, "article")}`;
  form.hidden = true;
  $("empty").hidden = false;
  for (const id of ["download-csv", "download-geojson"]) $(id).hidden = true;
  document.body.dataset.state = "empty";
}

function showProblem(error) {
  $("problem").textContent = `Could not load the events: ${error.message}`;
  $("problem").hidden = false;
  document.body.dataset.state = "error";
}

start();
