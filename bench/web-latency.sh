#!/usr/bin/env bash
# Load benchmark for the web shell: tracker and person page latency (p50, p95) on the `council` demo
# database, measured with wrk from Debian's packages against a Release build on 127.0.0.1.
#
#   bench/web-latency.sh [connections] [seconds]      (default 8 connections, 20 s per page)
#
# Prints Markdown table rows for docs/benchmarks.md. Needs: wrk, curl, sqlite3.
set -euo pipefail
connections=${1:-8}
seconds=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
port=5099
base="http://127.0.0.1:$port"
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for tool in wrk curl sqlite3; do command -v $tool >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }; done

dotnet publish "$root/src/Waypoint.Web" -c Release -o "$work/app" -nologo -v quiet >/dev/null
(cd "$work" && exec dotnet app/Waypoint.Web.dll --Waypoint:Demo=true --Urls="$base" --Database:Connection="$work/waypoint.db" --Logging:LogLevel:Default=Warning) >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do curl -fsS "$base/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "$base/health" >/dev/null

# Sign in as the demo transitions worker and keep the cookie.
token=$(curl -s -c "$work/jar" "$base/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null -d "role=transitions-worker&__RequestVerificationToken=$token" "$base/sign-in"
cookie=$(awk '$6=="waypoint"{print "waypoint="$7}' "$work/jar")

# Person pages: a different young person on each request, from the tracker's own population.
sqlite3 "$work/waypoint.db" "SELECT Reference FROM People ORDER BY random() LIMIT 2000" | awk 'BEGIN{printf "refs={"} {printf "\"%s\",", $1} END{print "}"}' > "$work/refs.lua"
cat > "$work/people.lua" <<LUA
dofile("$work/refs.lua")
local i = 0
request = function() i = i + 1; return wrk.format("GET", "/people/" .. refs[(i % #refs) + 1]) end
LUA
cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.1f %d %d %.0f\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6)))
end
LUA
run() { # label, path, extra lua
  local label=$1 path=$2 script=$3
  cat "$script" "$work/report.lua" > "$work/run.lua"
  # Warm-up, then the measured run.
  wrk -t1 -c"$connections" -d3s -H "Cookie: $cookie" -s "$work/run.lua" "$base$path" >/dev/null
  wrk -t2 -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" -s "$work/run.lua" "$base$path" | awk -v l="$label" '/^RESULT/{printf "| %s | %s ms | %s ms | %s | %s | %s/s |\n", l, $2, $3, $4, $5, $6}'
}
echo > "$work/none.lua"
echo "| page | p50 | p95 | requests | errors | throughput |"
echo "|---|---|---|---|---|---|"
run "/health" "/health" "$work/none.lua"
run "tracker, first page" "/" "$work/none.lua"
run "tracker, EHC plan 16-17, sorted by age" "/?cohort=ehc-plan&age=16-17&sort=age" "$work/none.lua"
run "person page (2,000 different people)" "/" "$work/people.lua"
echo "people in the database: $(sqlite3 "$work/waypoint.db" 'SELECT COUNT(*) FROM People'); audit rows written: $(sqlite3 "$work/waypoint.db" 'SELECT COUNT(*) FROM AuditEvents')" >&2
