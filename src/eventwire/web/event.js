// The event view: what was extracted, and each source article's text with the words behind every field
// highlighted (evidence offsets index the stored text; nested spans become nested marks).
import { el, formatDate, formatNumber, getJSON, OTHER_LABEL, placeParts, swatch, typeColor } from "./common.js";
import { titleCase } from "./table.js";

const FIELD_LABELS = {
  event_date: "Date",
  plover: "What happened",
  actor1: "Actor 1",
  assoc_actor_1: "With actor 1",
  actor2: "Actor 2",
  assoc_actor_2: "With actor 2",
  location: "Place",
  fatalities: "Fatalities",
  injured: "Injured",
  reported_by: "Reported by",
};
const PRECISION = { 1: "the town itself", 2: "near a town", 3: "a region" };

export async function loadEvent(id) {
  const detail = await getJSON(`/api/events/${id}`);
  const documents = await Promise.all(detail.documents.map((doc) => getJSON(`/api/documents/${doc.id}`)));
  return { detail, documents: new Map(documents.map((doc) => [doc.info.id, doc])) };
}

export function renderEvent(container, { detail, documents }) {
  const { merged, reports } = detail;
  const cited = new Set(reports.flatMap((report) => report.event.evidence.map((span) => span.field)));
  container.replaceChildren(
    heading(merged.event),
    facts(merged, cited),
    merged.event.notes ? el("p", { class: "notes" }, merged.event.notes) : null,
    el("h3", {}, reports.length > 1 ? `Source texts (${reports.length})` : "Source text"),
    ...reports.map((report, index) => sourceText(report, documents.get(report.document_id), index, reports.length)),
  );
  litOnHover(container);
}

function heading(event) {
  const where = placeParts(event.location, { regions: false }).join(", ");
  return el("header", { class: "event-head" },
    el("span", { class: "chip" }, swatch(typeColor(event.event_type)), event.event_type || OTHER_LABEL),
    el("h2", { id: "event-title" }, event.sub_event_type || titleCase(event.plover)),
    el("p", { class: "sub" }, [formatDate(event.event_date), where].filter(Boolean).join(" · ")));
}

function facts(merged, cited) {
  const event = merged.event;
  const rows = [
    ["event_date", event.event_date && dateText(event)],
    ["plover", event.plover && [event.plover, event.plover_mode && `(${event.plover_mode})`].filter(Boolean).join(" ")],
    ["actor1", actorText(event.actor1)],
    ["assoc_actor_1", event.assoc_actor_1.map(actorText).join("; ")],
    ["actor2", actorText(event.actor2)],
    ["assoc_actor_2", event.assoc_actor_2.map(actorText).join("; ")],
    ["location", placeText(event.location)],
    ["fatalities", tollText(event.fatalities)],
    ["injured", tollText(event.injured)],
    ["reported_by", event.reported_by],
    ["claim_status", event.claim_status, "Claim"],
    ["sources", sourcesText(merged), "Sources"],
    ["confidence", event.confidence.toFixed(2), "Confidence"],
  ];
  return el("dl", { class: "facts" }, ...rows.filter(([, value]) => value).flatMap(([field, value, label]) => {
    const mark = cited.has(field) ? { class: `cited f-${fieldClass(field)}`, "data-field": field, tabindex: 0 } : {};
    return [el("dt", mark, label || fieldLabel(field)), el("dd", mark, value)];
  }));
}

function dateText(event) {
  const precision = event.date_precision && event.date_precision !== "day" ? ` (within a ${event.date_precision})` : "";
  return formatDate(event.event_date) + precision;
}

function actorText(actor) {
  return actor ? actor.name + (actor.kind ? ` — ${actor.kind}` : "") : "";
}

function placeText(place) {
  if (!place) return "";
  const unique = placeParts(place).join(", ");
  const where = place.lat !== null && place.lon !== null ? ` (${place.lat.toFixed(3)}, ${place.lon.toFixed(3)})` : "";
  const precision = PRECISION[place.geo_precision] ? `; located at ${PRECISION[place.geo_precision]}` : "";
  return unique + where + precision;
}

function tollText(toll) {
  if (!toll || toll.best === null) return "";
  const parts = [formatNumber(toll.best)];
  if (toll.low !== null && toll.high !== null && toll.low !== toll.high) parts.push(`(reports range ${toll.low}–${toll.high})`);
  if (toll.civilians) parts.push(`· ${toll.civilians} civilians`);
  if (toll.children) parts.push(`· ${toll.children} children`);
  if (toll.cumulative) parts.push("· running total");
  return parts.join(" ");
}

function sourcesText(merged) {
  const publishers = [...new Set(merged.event.sources.map((source) => source.publisher).filter(Boolean))];
  const count = `${merged.num_sources} article${merged.num_sources === 1 ? "" : "s"}`;
  return publishers.length ? `${count}: ${publishers.join(", ")}` : count;
}

function sourceText(report, doc, index, count) {
  if (!doc) return el("p", { class: "muted" }, "This article's text is not stored.");
  const info = doc.info;
  const title = info.title || info.doc_id;
  const meta = [info.source, info.published && `published ${formatDate(info.published)}`].filter(Boolean).join(" · ");
  const link = /^https?:\/\//i.test(info.url || "")
    ? el("a", { href: info.url, rel: "noopener noreferrer", target: "_blank" }, "original") : null;
  const body = el("div", { class: "doc-text" });
  highlight(body, doc.text, report.event.evidence);
  return el("section", { class: "source", "data-document": info.id },
    el("div", { class: "source-head" }, el("strong", {}, count > 1 ? `${index + 1}. ${title}` : title),
      meta ? el("span", { class: "sub" }, meta) : null, link),
    el("div", { class: "field-legend" }, ...fieldsOf(report.event.evidence).map((field) =>
      el("span", { class: `field-chip f-${fieldClass(field)}`, "data-field": field, tabindex: 0 }, fieldLabel(field)))),
    body);
}

function fieldsOf(evidence) {
  return [...new Set(evidence.map((span) => span.field))];
}

function fieldClass(field) {
  return Object.hasOwn(FIELD_LABELS, field) ? field : "other";
}

function fieldLabel(field) {
  return Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field] : field;
}

// Writes `text` into `container` with one <mark> per evidence span; a span inside another is nested in
// it, one that straddles the end of another is cut at that end.
export function highlight(container, text, evidence) {
  const spans = evidence
    .filter((span) => span.start >= 0 && span.end <= text.length && span.start < span.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const open = [{ node: container, end: text.length }];
  let position = 0;
  const writeTo = (end) => {
    if (end > position) open[open.length - 1].node.append(text.slice(position, end));
    position = Math.max(position, end);
  };
  const close = () => { writeTo(open[open.length - 1].end); open.pop(); };
  for (const span of spans) {
    while (open.length > 1 && open[open.length - 1].end <= span.start) close();
    writeTo(span.start);
    const end = Math.min(span.end, open[open.length - 1].end);
    const mark = el("mark", {
      class: `ev f-${fieldClass(span.field)}`, "data-field": span.field,
      "data-start": span.start, "data-end": end, title: fieldLabel(span.field),
    });
    open[open.length - 1].node.append(mark);
    open.push({ node: mark, end });
  }
  while (open.length > 1) close();
  writeTo(text.length);
}

function litOnHover(container) {
  for (const item of container.querySelectorAll("[data-field]:not(mark)")) {
    const marks = container.querySelectorAll(`mark[data-field="${CSS.escape(item.dataset.field)}"]`);
    const light = (on) => () => marks.forEach((mark) => mark.classList.toggle("lit", on));
    item.addEventListener("mouseenter", light(true));
    item.addEventListener("mouseleave", light(false));
    item.addEventListener("focus", () => { light(true)(); marks[0]?.scrollIntoView({ block: "nearest" }); });
    item.addEventListener("blur", light(false));
  }
}
