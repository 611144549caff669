// Shared by the dashboard's modules: talking to the API, ACLED type colours, small DOM and format helpers.

export const TYPE_COLORS = {
  "Battles": "#c62828",
  "Explosions/Remote violence": "#ef6c00",
  "Violence against civilians": "#6a1b9a",
  "Protests": "#1565c0",
  "Riots": "#c49000",
  "Strategic developments": "#00897b",
};
export const OTHER_COLOR = "#78909c";
export const OTHER_LABEL = "Outside ACLED types";

export function typeColor(type) {
  return TYPE_COLORS[type] || OTHER_COLOR;
}

export function queryString(params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) query.set(name, value);
  }
  return query.toString();
}

export async function getJSON(path, params = {}) {
  const query = queryString(params);
  const response = await fetch(query ? `${path}?${query}` : path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
  return body;
}

// An element with attributes and children; text is always set as text, never parsed as HTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function swatch(color) {
  return svg("svg", { class: "swatch", viewBox: "0 0 10 10", "aria-hidden": "true" },
    svg("circle", { cx: 5, cy: 5, r: 5, fill: color }));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function formatDate(iso) {
  if (!iso) return "undated";
  const [year, month, day] = iso.split("-").map(Number);
  return day ? `${day} ${MONTHS[month - 1]} ${year}` : `${MONTHS[month - 1]} ${year}`;
}

export function formatNumber(value) {
  return value === null || value === undefined ? "–" : Number(value).toLocaleString("en");
}

// The names of a place from the most to the least precise, each once: a place named after its region or
// country ("United Kingdom" in the United Kingdom) is not repeated. `place` is a location record or a map
// point (whose `location` is the place's name); `regions: false` keeps only the name and the country.
export function placeParts(place, { regions = true } = {}) {
  if (!place) return [];
  const name = typeof place.location === "string" ? place.location : place.name;
  const names = [name, regions && place.admin2, regions && place.admin1, countryName(place.country)];
  const seen = new Set();
  return names.filter((part) => {
    const key = typeof part === "string" ? part.trim().toLowerCase() : "";
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

export function countryName(code) {
  if (!code) return "";
  try {
    return regionNames.of(code) || code;
  } catch {
    return code;
  }
}
