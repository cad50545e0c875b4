#!/usr/bin/env bash
# How long the README's run command takes, after the build, to answer /health: on first start (empty
# database: generate the council demo and import it) and on a later start (reuse it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d)
trap 'pkill -f "Waypoint.Web.*$data" 2>/dev/null || true; rm -rf "$data"' EXIT
dotnet build "$root/src/Waypoint.Web" -nologo -v quiet >/dev/null
ready() { # label
  local start end
  start=$(date +%s.%N)
  (cd "$root" && exec dotnet run --no-build --project src/Waypoint.Web -- --Waypoint:Demo=true --Database:Connection="$data/waypoint.db") >"$data/log" 2>&1 &
  local app=$!
  until curl -fsS http://127.0.0.1:5080/health >/dev/null 2>&1; do kill -0 $app 2>/dev/null || { cat "$data/log" >&2; exit 1; }; sleep 0.1; done
  end=$(date +%s.%N)
  printf '| %s | %.1f s |\n' "$1" "$(echo "$end - $start" | bc)"
  kill $app; wait $app 2>/dev/null || true
}
echo "| start | ready (/health answers 200) |"
echo "|---|---|"
ready "first start: generate and import the council demo"
ready "later start: reuse the database"
