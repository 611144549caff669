// The table of filtered events, one page at a time, sorted by a clicked column; a row opens the event view.
import { el, formatDate, formatNumber, OTHER_LABEL, placeParts, swatch, typeColor } from "./common.js";

export function renderRows(tbody, page, onSelect) {
  if (!page.items.length) {
    tbody.replaceChildren(el("tr", { class: "none" }, el("td", { colspan: 6 }, "No events match these filters.")));
    return;
  }
  tbody.replaceChildren(...page.items.map(({ id, num_sources: sources, event }) => {
    const row = el("tr", { "data-id": id, tabindex: 0 },
      el("td", { class: "date" }, formatDate(event.event_date)),
      el("td", {},
        el("div", { class: "what" }, swatch(typeColor(event.event_type)), event.sub_event_type || titleCase(event.plover)),
        el("div", { class: "sub" }, event.event_type || `${OTHER_LABEL} · ${event.plover || ""}`)),
      el("td", {}, actors(event)),
      el("td", {}, place(event.location)),
      el("td", { class: "num" }, formatNumber(event.fatalities?.best)),
      el("td", { class: "num" }, String(sources)));
    row.addEventListener("click", () => onSelect(id));
    row.addEventListener("keydown", (key) => { if (key.key === "Enter") onSelect(id); });
    return row;
  }));
}

export function pageNote(page) {
  if (!page.total) return "0 events";
  return `${formatNumber(page.offset + 1)}–${formatNumber(page.offset + page.items.length)} of ${formatNumber(page.total)}`;
}

function actors(event) {
  const first = event.actor1?.name, second = event.actor2?.name;
  if (!first && !second) return el("span", { class: "muted" }, "unnamed");
  return el("div", {}, el("div", {}, first || "unnamed"), second ? el("div", { class: "sub" }, `vs ${second}`) : null);
}

function place(location) {
  const [name, ...region] = placeParts(location);
  if (!name) return el("span", { class: "muted" }, "unknown");
  return el("div", {}, el("div", {}, name), region.length ? el("div", { class: "sub" }, region.join(", ")) : null);
}

// The order after a click on `column`: its own first direction, or the other one when it is already sorted
// by that column. `sort` is the API's (a column, "-" before it for descending; "" for newest first).
export function nextSort(sort, column, first) {
  const current = sort || "-event_date";
  if (current.replace(/^-/, "") !== column) return first === "desc" ? `-${column}` : column;
  return current.startsWith("-") ? column : `-${column}`;
}

// Marks the sorted column's header (aria-sort) so the arrow shows which way.
export function showSort(headers, sort) {
  const current = sort || "-event_date";
  for (const header of headers) {
    const sorted = current.replace(/^-/, "") === header.dataset.sort;
    header.setAttribute("aria-sort", sorted ? (current.startsWith("-") ? "descending" : "ascending") : "none");
  }
}

export function titleCase(word) {
  return word ? word.charAt(0) + word.slice(1).toLowerCase() : "Event";
}
