// The table of filtered events, one page at a time; a row opens the event view.
import { countryName, el, formatDate, formatNumber, OTHER_LABEL, swatch, typeColor } from "./common.js";

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
  if (!location) return el("span", { class: "muted" }, "unknown");
  const region = [location.admin1, countryName(location.country)].filter(Boolean).join(", ");
  return el("div", {}, el("div", {}, location.name), region ? el("div", { class: "sub" }, region) : null);
}

export function titleCase(word) {
  return word ? word.charAt(0) + word.slice(1).toLowerCase() : "Event";
}
