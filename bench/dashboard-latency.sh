#!/usr/bin/env bash
# Load benchmark for the board dashboard (issue 8): /dashboard response time (p50, p95) for a demo database of a given
# size, measured with wrk from Debian's packages against a Release build on 127.0.0.1, signed in as the demo manager.
#
#   bench/dashboard-latency.sh [council|national] [connections] [seconds]   (default: council, 8 connections, 20 s)
#
# The first start generates and imports the demo (minutes for `national`: a million people) into a new SQLite file,
# kept in BENCH_DATA (a folder) if given, so a second run reuses it. Prints Markdown table rows for
# docs/benchmarks.md. Needs: wrk, curl.
set -euo pipefail
size=${1:-council}
connections=${2:-8}
seconds=${3:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
data=${BENCH_DATA:-$work}
mkdir -p "$data"
port=5098
base="http://127.0.0.1:$port"
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for tool in wrk curl; do command -v $tool >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }; done
case $size in council) demo=Council ;; national) demo=National ;; *) echo "size is council or national" >&2; exit 2 ;; esac

dotnet publish "$root/src/Waypoint.Web" -c Release -o "$work/app" -nologo -v quiet >/dev/null
start=$(date +%s)
(cd "$work" && exec dotnet app/Waypoint.Web.dll --Waypoint:Demo=true --Waypoint:DemoSize=$demo --Urls="$base" \
  --Database:Connection="$data/waypoint-$size.db" --Logging:LogLevel:Default=Warning) >"$work/app.log" 2>&1 &
app=$!
until curl -fsS "$base/health" >/dev/null 2>&1; do kill -0 $app 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }; sleep 1; done
echo "ready after $(( $(date +%s) - start )) s" >&2

# Sign in as the demo manager (exact counts with drill-down links: the heaviest view) and keep the cookie.
token=$(curl -s -c "$work/jar" "$base/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null -d "role=manager&__RequestVerificationToken=$token" "$base/sign-in"
cookie=$(awk '$6=="waypoint"{print "waypoint="$7}' "$work/jar")
curl -fsS -o /dev/null -H "Cookie: $cookie" "$base/dashboard" || { echo "the dashboard did not answer 200 for the manager" >&2; exit 1; }

# A whole year to the last complete month, for the longer period.
to=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
from=$(date -d "$to-01 -11 months" +%Y-%m)

cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.1f %d %d %.0f\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6)))
end
LUA
run() { # label, path
  local label=$1 path=$2
  # Warm-up (the first view of a cohort builds the tracker's cache), then the measured run.
  curl -fsS -o /dev/null --max-time 600 -H "Cookie: $cookie" "$base$path"
  wrk -t1 -c"$connections" -d3s -H "Cookie: $cookie" -s "$work/report.lua" "$base$path" >/dev/null
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -H "Cookie: $cookie" -s "$work/report.lua" "$base$path" \
    | awk -v l="$label" '/^RESULT/{printf "| %s | %s ms | %s ms | %s | %s | %s/s |\n", l, $2, $3, $4, $5, $6}'
}
echo "| $size: page | p50 | p95 | requests | errors | throughput |"
echo "|---|---|---|---|---|---|"
run "/health" "/health"
run "dashboard, last complete quarter" "/dashboard"
run "dashboard, $from to $to" "/dashboard?from=$from&to=$to"
run "dashboard, EHC plan cohort" "/dashboard?cohort=ehc-plan"
run "dashboard, Transitions team" "/dashboard?team=Transitions+team"
run "drill-down: referrals in the quarter" "/dashboard/people?measure=referrals"
