// The dashboard: the filters drive the map, the timeline, the type summary and the table together;
// a click on an event opens its view. Everything comes from this server's /api.
import { countryName, el, formatDate, formatNumber, getJSON, OTHER_LABEL, queryString, svg, swatch, TYPE_COLORS, typeColor } from "./common.js";
import { loadEvent, renderEvent } from "./event.js";
import { drawLegend, EventMap } from "./map.js";
import { pageNote, renderRows } from "./table.js";
import { drawTimeline, pickGrain } from "./timeline.js";

const PAGE_SIZE = 25;
const TOP_ACTORS = 6;
const ACTOR_COLOR = "#5c6f86";
const $ = (id) => document.getElementById(id);
const form = $("filters");
const field = (name) => form.elements.namedItem(name);
const state = { grain: "day", offset: 0, generation: 0, pageGeneration: 0 };
const map = new EventMap($("map"), (id) => { location.hash = `event=${id}`; });

function filters() {
  return Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value).trim()]));
}

async function start() {
  try {
    const stats = await getJSON("/api/stats");
    $("totals").textContent = `${plural(stats.events, "event")} · ${plural(stats.documents, "article")}`;
    if (!stats.events) return showEmpty();
    const [everything, days] = await Promise.all([getJSON("/api/points"), getJSON("/api/aggregates/day"), fillChoices()]);
    const dated = days.buckets.filter((bucket) => bucket.key);
    state.grain = pickGrain(dated[0]?.key, dated[dated.length - 1]?.key);
    await map.load("/static/vendor/countries-50m.json", middleLatitude(everything.points));
    $("dashboard").hidden = false;
    wire();
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
    button.addEventListener("click", () => { state.grain = button.dataset.grain; refresh(); });
  }
  $("zoom-in").addEventListener("click", () => map.zoom(1.6));
  $("zoom-out").addEventListener("click", () => map.zoom(1 / 1.6));
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
  document.body.dataset.state = "loading";
  for (const [id, path] of [["download-csv", "/api/events.csv"], ["download-geojson", "/api/events.geojson"]]) {
    const query = queryString(current);
    $(id).href = query ? `${path}?${query}` : path;
  }
  try {
    const [points, timeline, types, actors] = await Promise.all([
      getJSON("/api/points", current),
      getJSON(`/api/aggregates/${state.grain}`, current),
      getJSON("/api/aggregates/event_type", current),
      getJSON("/api/actors", { ...current, limit: TOP_ACTORS }),
      loadPage(),
    ]);
    if (generation !== state.generation) return;
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
  const page = await getJSON("/api/events", { ...filters(), limit: PAGE_SIZE, offset: state.offset });
  if (generation !== state.pageGeneration) return;
  renderRows($("rows"), page, (id) => { location.hash = `event=${id}`; });
  $("table-note").textContent = pageNote(page);
  $("page-prev").disabled = page.offset === 0;
  $("page-next").disabled = page.next_offset === null;
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

function middleLatitude(points) {
  if (!points.length) return 20;
  const latitudes = points.map((point) => point.lat);
  return (Math.min(...latitudes) + Math.max(...latitudes)) / 2;
}

function showEmpty() {
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
