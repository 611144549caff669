// The map: Natural Earth country outlines in an equirectangular projection, events as circles sized by
// fatalities and coloured by ACLED type. Drag to pan, wheel or buttons to zoom.
import { formatDate, getJSON, OTHER_LABEL, svg, swatch, typeColor } from "./common.js";

const MIN_SPAN = 8; // degrees shown around a lone event
const MAX_ZOOM = 60; // relative to the whole world

export class EventMap {
  constructor(element, onSelect) {
    this.element = element;
    this.onSelect = onSelect;
    this.land = svg("g", { class: "land" });
    this.dots = svg("g", { class: "dots" });
    element.append(svg("rect", { class: "sea", width: "100%", height: "100%" }), this.land, this.dots);
    this.stretch = 1; // cos of the standard parallel: keeps shapes near the events undistorted
    this.view = { x: 0, y: 0, scale: 1 };
    this.circles = [];
    this.points = [];
    this.listen();
  }

  async load(url, parallel) {
    const topology = await getJSON(url);
    this.stretch = Math.cos((Math.max(-60, Math.min(60, parallel)) * Math.PI) / 180);
    for (const country of topojson.feature(topology, topology.objects.countries).features) {
      const d = outline(country.geometry, this.stretch);
      if (d) this.land.append(svg("path", { d, class: "country" }, svg("title", {}, country.properties.name)));
    }
  }

  project(lon, lat) {
    return [this.view.x + this.view.scale * lon * this.stretch, this.view.y - this.view.scale * lat];
  }

  setPoints(points) {
    this.points = points;
    this.dots.replaceChildren();
    const biggestFirst = [...points].sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
    this.circles = biggestFirst.map((point) => {
      const label = `${formatDate(point.event_date)} · ${point.sub_event_type || point.plover || "event"} · ${point.location}`
        + (point.fatalities ? ` · ${point.fatalities} killed` : "");
      const circle = svg("circle", {
        class: "dot", r: radius(point.fatalities), fill: typeColor(point.event_type),
        "data-id": point.id, tabindex: 0, role: "button", "aria-label": label,
      }, svg("title", {}, label));
      circle.addEventListener("click", () => this.onSelect(point.id));
      circle.addEventListener("keydown", (event) => { if (event.key === "Enter") this.onSelect(point.id); });
      this.dots.append(circle);
      return [circle, point];
    });
    this.render();
  }

  select(id) {
    for (const [circle, point] of this.circles) circle.classList.toggle("selected", point.id === id);
  }

  fit(points = this.points) {
    const { width, height } = this.size();
    let [west, south, east, north] = [-180, -60, 180, 80];
    if (points.length) {
      west = Math.min(...points.map((p) => p.lon)); east = Math.max(...points.map((p) => p.lon));
      south = Math.min(...points.map((p) => p.lat)); north = Math.max(...points.map((p) => p.lat));
      const padLon = Math.max(MIN_SPAN - (east - west), 0) / 2 + (east - west) * 0.15;
      const padLat = Math.max(MIN_SPAN - (north - south), 0) / 2 + (north - south) * 0.15;
      [west, east, south, north] = [west - padLon, east + padLon, south - padLat, north + padLat];
    }
    const scale = Math.min(width / ((east - west) * this.stretch), height / (north - south));
    this.view = {
      scale,
      x: width / 2 - scale * this.stretch * (west + east) / 2,
      y: height / 2 + scale * (south + north) / 2,
    };
    this.render();
  }

  zoom(factor, at = null) {
    const { width, height } = this.size();
    const [ax, ay] = at || [width / 2, height / 2];
    const least = width / (360 * this.stretch);
    const scale = Math.min(Math.max(this.view.scale * factor, least), least * MAX_ZOOM);
    const ratio = scale / this.view.scale;
    this.view = { scale, x: ax - (ax - this.view.x) * ratio, y: ay - (ay - this.view.y) * ratio };
    this.render();
  }

  render() {
    const { x, y, scale } = this.view;
    this.land.setAttribute("transform", `translate(${x} ${y}) scale(${scale})`);
    for (const [circle, point] of this.circles) {
      const [cx, cy] = this.project(point.lon, point.lat);
      circle.setAttribute("cx", cx.toFixed(1));
      circle.setAttribute("cy", cy.toFixed(1));
    }
  }

  size() {
    return { width: this.element.clientWidth || 800, height: this.element.clientHeight || 400 };
  }

  listen() {
    let drag = null;
    this.element.addEventListener("wheel", (event) => {
      event.preventDefault();
      const box = this.element.getBoundingClientRect();
      this.zoom(Math.exp(-event.deltaY * 0.0015), [event.clientX - box.left, event.clientY - box.top]);
    }, { passive: false });
    this.element.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, moving: false, id: event.pointerId };
    });
    this.element.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moving && Math.hypot(dx, dy) < 4) return;
      if (!drag.moving) this.element.setPointerCapture(drag.id);
      drag = { ...drag, x: event.clientX, y: event.clientY, moving: true };
      this.view = { ...this.view, x: this.view.x + dx, y: this.view.y + dy };
      this.render();
    });
    const end = () => { drag = null; };
    this.element.addEventListener("pointerup", end);
    this.element.addEventListener("pointercancel", end);
    let last = "";
    new ResizeObserver(() => {
      const size = `${this.element.clientWidth}x${this.element.clientHeight}`;
      if (size !== last) { last = size; this.fit(); }
    }).observe(this.element);
  }
}

export function drawLegend(list, points) {
  const counts = new Map();
  for (const point of points) {
    const type = point.event_type || OTHER_LABEL;
    counts.set(type, (counts.get(type) || 0) + 1);
  }
  list.replaceChildren(...[...counts].map(([type, count]) => {
    const item = document.createElement("li");
    item.append(swatch(typeColor(type)), `${type} (${count})`);
    return item;
  }));
}

export function radius(fatalities) {
  return Math.min(5 + 2.2 * Math.sqrt(fatalities || 0), 26).toFixed(1);
}

function outline(geometry, stretch) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates]
    : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.flat().map((ring) => "M" + ring
    .map(([lon, lat]) => `${(lon * stretch).toFixed(3)},${(-lat).toFixed(3)}`).join("L") + "Z").join("");
}
