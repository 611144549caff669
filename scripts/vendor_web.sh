#!/usr/bin/env bash
# Rebuilds the map library the dashboard serves from src/eventwire/web/vendor/: Leaflet and
# Leaflet.markercluster at pinned versions, only their built dist files and licences. The dashboard runs
# offline, so these are kept in the repository; this script is run by hand when a version changes, never at
# install time. Needs npm (and the npm registry) only while it runs.
set -euo pipefail

LEAFLET=1.9.4
MARKERCLUSTER=1.5.3

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

chmod -R u=rwX,go=rX "$vendor/leaflet-$LEAFLET" "$vendor/leaflet.markercluster-$MARKERCLUSTER"
# The minified files end with a source-map comment naming a .map file that is not shipped.
sed -i '/^\/\/# sourceMappingURL=/d' "$vendor/leaflet-$LEAFLET/leaflet.js" \
  "$vendor/leaflet.markercluster-$MARKERCLUSTER/leaflet.markercluster.js"
echo "vendored leaflet $LEAFLET and leaflet.markercluster $MARKERCLUSTER into $vendor"
