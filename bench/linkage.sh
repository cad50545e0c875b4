#!/usr/bin/env bash
# Linkage accuracy and speed on a generated council with realistic identity noise (issue 5).
#
#   bench/linkage.sh council              # generate (seed 42, as of 2026-11-22, --noise realistic), import into SQLite, score
#   bench/linkage.sh national             # about 1,000,000 people: the import takes minutes
#   WAYPOINT_BENCH_POSTGRES='Host=/var/run/postgresql;Username=root' bench/linkage.sh council postgres
#
# The import (read, validate, link: exact keys, then Fellegi-Sunter matching) is timed end to end with GNU time
# (wall clock and peak memory); then `waypoint demo score-links` gives pairwise precision and recall against
# truth.csv, for the links made automatically and with the review queue decided as truth says.
set -euo pipefail
size=${1:-council}
provider=${2:-sqlite}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v /usr/bin/time >/dev/null || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
dotnet build "$root/src/Waypoint.Cli" -c Release -o "$work/bin" -nologo -v quiet >/dev/null
waypoint=("dotnet" "$work/bin/waypoint.dll")

if [ "$provider" = postgres ]; then
  admin=${WAYPOINT_BENCH_POSTGRES:?set WAYPOINT_BENCH_POSTGRES to a connection string for a user who may create databases}
  name="waypoint_linkage_$$"
  psql -h /var/run/postgresql -d postgres -qc "CREATE DATABASE $name"
  database="$admin;Database=$name"
  trap 'psql -h /var/run/postgresql -d postgres -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
else
  database="$work/waypoint.db"
fi

echo "generating $size with realistic noise..." >&2
"${waypoint[@]}" demo generate --size "$size" --seed 42 --as-of 2026-11-22 --noise realistic --out "$work/demo" >/dev/null
"${waypoint[@]}" migrate --database "$database" --provider "$provider" >/dev/null
echo "importing..." >&2
/usr/bin/time -f '%e %M' -o "$work/time.txt" "${waypoint[@]}" import --database "$database" --provider "$provider" --shared-person-ids \
  "$work"/demo/ssda903-*.csv "$work/demo/cin.xml" "$work/demo/sen2.xml" "$work/demo/cld.csv" 2>/dev/null | tail -2
read -r wall rss <"$work/time.txt"
echo "import (read, validate, link): $wall s, peak $((rss / 1024)) MiB"
"${waypoint[@]}" demo score-links --database "$database" --provider "$provider" --truth "$work/demo/truth.csv"
