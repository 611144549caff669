// The timeline: one bar per day, week or month with the number of filtered events; clicking a bar
// narrows the date filter to it. Periods without events are drawn as gaps, not skipped.
import { formatNumber, svg } from "./common.js";

const MARGIN = { top: 14, right: 14, bottom: 26, left: 42 };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = 86400000;

export function pickGrain(firstIso, lastIso) {
  if (!firstIso || !lastIso) return "day";
  const days = (Date.parse(lastIso) - Date.parse(firstIso)) / DAY;
  return days <= 92 ? "day" : days <= 3 * 365 ? "week" : "month";
}

export function drawTimeline(element, buckets, grain, onPick) {
  element.replaceChildren();
  const width = element.clientWidth || 800;
  const height = element.clientHeight || 160;
  const series = continuous(buckets.filter((bucket) => bucket.key), grain);
  if (!series.length) {
    element.append(svg("text", { x: width / 2, y: height / 2, class: "axis-note", "text-anchor": "middle" },
      "No dated events match these filters"));
    return;
  }
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const top = niceMax(Math.max(...series.map((bucket) => bucket.events)));
  const y = (value) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  for (const tick of [0, top / 2, top]) {
    element.append(
      svg("line", { class: "grid", x1: MARGIN.left, x2: width - MARGIN.right, y1: y(tick), y2: y(tick) }),
      svg("text", { class: "axis", x: MARGIN.left - 8, y: y(tick) + 4, "text-anchor": "end" }, formatNumber(tick)),
    );
  }
  const step = plotWidth / series.length;
  const barWidth = Math.max(1, Math.min(step * 0.78, 56));
  const labelEvery = Math.ceil(series.length / Math.max(1, Math.floor(plotWidth / 90)));
  series.forEach((bucket, index) => {
    const x = MARGIN.left + index * step + (step - barWidth) / 2;
    const range = period(bucket.key, grain);
    const bar = svg("rect", {
      class: bucket.events ? "bar" : "bar empty", x: x.toFixed(1), width: barWidth.toFixed(1),
      y: y(bucket.events).toFixed(1), height: Math.max(0, plotHeight + MARGIN.top - y(bucket.events)).toFixed(1),
      "data-key": bucket.key, "data-count": bucket.events, rx: Math.min(3, barWidth / 4),
    }, svg("title", {}, `${label(bucket.key, grain, true)}: ${bucket.events} events, ${bucket.fatalities} killed`));
    if (bucket.events) bar.addEventListener("click", () => onPick(range));
    element.append(bar);
    if (index % labelEvery === 0) {
      element.append(svg("text", { class: "axis", x: (x + barWidth / 2).toFixed(1), y: height - 8, "text-anchor": "middle" },
        label(bucket.key, grain, index === 0)));
    }
  });
}

// Every period from the first bucket to the last, with zero where no event fell.
function continuous(buckets, grain) {
  if (!buckets.length) return [];
  const byKey = new Map(buckets.map((bucket) => [bucket.key, bucket]));
  const keys = buckets.map((bucket) => bucket.key).sort();
  const series = [];
  for (let key = keys[0]; key <= keys[keys.length - 1] && series.length < 5000; key = next(key, grain)) {
    series.push(byKey.get(key) || { key, events: 0, fatalities: 0 });
  }
  return series;
}

function next(key, grain) {
  if (grain === "month") {
    const [year, month] = key.split("-").map(Number);
    return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
  }
  return new Date(Date.parse(key) + (grain === "week" ? 7 : 1) * DAY).toISOString().slice(0, 10);
}

function period(key, grain) {
  if (grain === "day") return { since: key, until: key };
  if (grain === "week") return { since: key, until: new Date(Date.parse(key) + 6 * DAY).toISOString().slice(0, 10) };
  const [year, month] = key.split("-").map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { since: `${key}-01`, until: `${key}-${String(last).padStart(2, "0")}` };
}

function label(key, grain, withYear) {
  const [year, month, day] = key.split("-").map(Number);
  if (grain === "month") return `${MONTHS[month - 1]} ${year}`;
  const text = `${grain === "week" ? "wk " : ""}${day} ${MONTHS[month - 1]}`;
  return withYear ? `${text} ${year}` : text;
}

// A round top for the axis whose half is a whole number too.
function niceMax(value) {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
  return [2, 4, 6, 8, 10].map((m) => m * magnitude).find((m) => m >= value);
}
