// The timeline: one bar per day, week or month with the number of filtered events; clicking a bar
// narrows the date filter to it. Periods without events are drawn as gaps, not skipped.
import { formatNumber, svg } from "./common.js";

const MARGIN = { top: 14, right: 14, bottom: 26, left: 42 };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = 86400000;
const TICK_SPACING = 96; // pixels a label needs, "30 Nov 2024" with room around it
const TICK_STEPS = [
  ["day", 1], ["day", 2], ["week", 1], ["week", 2], ["month", 1], ["month", 2], ["month", 3], ["month", 6],
  ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 20], ["year", 50], ["year", 100],
];

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
  series.forEach((bucket, index) => {
    const x = MARGIN.left + index * step + (step - barWidth) / 2;
    const range = period(bucket.key, grain);
    const bar = svg("rect", {
      class: bucket.events ? "bar" : "bar empty", x: x.toFixed(1), width: barWidth.toFixed(1),
      y: y(bucket.events).toFixed(1), height: Math.max(0, plotHeight + MARGIN.top - y(bucket.events)).toFixed(1),
      "data-key": bucket.key, "data-count": bucket.events, rx: Math.min(3, barWidth / 4),
    }, svg("title", {}, `${label(bucket.key, grain)}: ${bucket.events} events, ${bucket.fatalities} killed`));
    if (bucket.events) bar.addEventListener("click", () => onPick(range));
    element.append(bar);
  });
  const first = period(series[0].key, grain).since, last = period(series[series.length - 1].key, grain).until;
  const at = (iso) => MARGIN.left + bucketPosition(series[0].key, iso, grain) * step;
  const bottom = MARGIN.top + plotHeight;
  for (const tick of timeTicks(first, last, Math.max(1, Math.floor(plotWidth / TICK_SPACING)))) {
    const x = at(tick.iso).toFixed(1);
    element.append(
      svg("line", { class: "tick", x1: x, x2: x, y1: bottom, y2: bottom + 4 }),
      svg("text", { class: "axis", x, y: height - 8, "text-anchor": "middle", "data-date": tick.iso }, tick.label),
    );
  }
}

// Where a day falls along the bars, in bars from the left edge: the middle of the bar holding it when the
// day starts that bar's period, else in proportion through the period.
function bucketPosition(firstKey, iso, grain) {
  if (grain === "month") {
    const [y0, m0] = firstKey.split("-").map(Number);
    const [year, month, day] = iso.split("-").map(Number);
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return (year - y0) * 12 + (month - m0) + (day === 1 ? 0.5 : (day - 1) / days);
  }
  const length = grain === "week" ? 7 : 1;
  const days = (Date.parse(iso) - Date.parse(firstKey)) / DAY;
  return days % length === 0 ? days / length + 0.5 : days / length;
}

// Calendar ticks from `firstIso` to `lastIso`, at most `most` of them: every day, 2 days, week (Mondays),
// 2 weeks, month, 2, 3 or 6 months, or 1, 2, 5, 10... years, the finest that fits; every label has its year.
export function timeTicks(firstIso, lastIso, most) {
  for (const [unit, every] of TICK_STEPS) {
    const ticks = ticksOf(unit, every, firstIso, lastIso, most + 1);
    if (ticks.length <= most) return ticks.map((iso) => ({ iso, label: tickLabel(iso, unit) }));
  }
  return [];
}

function ticksOf(unit, every, firstIso, lastIso, enough) {
  const ticks = [];
  let day = firstTick(unit, every, firstIso);
  while (day <= lastIso && ticks.length < enough) {
    ticks.push(day);
    day = addTime(day, unit, every);
  }
  return ticks;
}

function firstTick(unit, every, iso) {
  const [year, month, day] = iso.split("-").map(Number);
  if (unit === "day") return iso;
  if (unit === "week") {
    const weekday = (new Date(Date.parse(iso)).getUTCDay() + 6) % 7; // Monday 0
    return weekday === 0 ? iso : addTime(iso, "day", 7 - weekday);
  }
  if (unit === "month") {
    let index = year * 12 + (month - 1) + (day > 1 ? 1 : 0);
    index = Math.ceil(index / every) * every;
    return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
  }
  const first = month === 1 && day === 1 ? year : year + 1;
  return `${Math.ceil(first / every) * every}-01-01`;
}

function addTime(iso, unit, every) {
  if (unit === "day" || unit === "week") {
    return new Date(Date.parse(iso) + every * (unit === "week" ? 7 : 1) * DAY).toISOString().slice(0, 10);
  }
  const [year, month] = iso.split("-").map(Number);
  const index = year * 12 + (month - 1) + every * (unit === "year" ? 12 : 1);
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

function tickLabel(iso, unit) {
  const [year, month, day] = iso.split("-").map(Number);
  if (unit === "year") return String(year);
  if (unit === "month") return `${MONTHS[month - 1]} ${year}`;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

function pad(number) {
  return String(number).padStart(2, "0");
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

function label(key, grain) {
  const [year, month, day] = key.split("-").map(Number);
  if (grain === "month") return `${MONTHS[month - 1]} ${year}`;
  return `${grain === "week" ? "week of " : ""}${day} ${MONTHS[month - 1]} ${year}`;
}

// A round top for the axis whose half is a whole number too.
function niceMax(value) {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
  return [2, 4, 6, 8, 10].map((m) => m * magnitude).find((m) => m >= value);
}
