#!/usr/bin/env bash
# Benchmark for the forecast (issue 9): wall time of `waypoint forecast` (10,000 simulations, 5 years) and of
# `waypoint backtest` on a demo database of a given size, with the forecast's own split (reading the history, fitting
# the likelihood, simulating), from a Release build.
#
#   bench/forecast-time.sh [council|national] [runs]   (default: council, 3 runs)
#
# The database is generated and imported with `waypoint demo load` unless BENCH_DATA (a folder) already holds
# waypoint-<size>.db (the dashboard benchmark keeps its databases there too). Prints Markdown table rows for
# docs/benchmarks.md.
set -euo pipefail
size=${1:-council}
runs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=${BENCH_DATA:-$work}
mkdir -p "$data"
case $size in council | national) ;; *) echo "size is council or national" >&2; exit 2 ;; esac
db="$data/waypoint-$size.db"

dotnet publish "$root/src/Waypoint.Cli" -c Release -o "$work/cli" -nologo -v quiet >/dev/null
waypoint() { dotnet "$work/cli/waypoint.dll" "$@"; }
if [ ! -f "$db" ]; then
  start=$(date +%s)
  waypoint demo load --database "$db" --size "$size" >"$work/load.log" 2>&1 || { cat "$work/load.log" >&2; exit 1; }
  echo "generated and imported the $size demo in $(( $(date +%s) - start )) s" >&2
fi

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
echo "| $size | run | wall time | read the history | fit the likelihood | simulate 10,000 futures |"
echo "|---|---|---|---|---|---|"
for run in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  waypoint forecast --database "$db" --json --seed "$run" >/dev/null 2>"$work/timing"
  end=$(date +%s.%N)
  # "Read 5,521 young people's history in 2.0 s; fitted the likelihood in 0.21 s; simulated 10,000 futures in 1.1 s."
  awk -v r="$run" -v w="$(seconds "$start" "$end")" -v s="$size" '/^Read/ {
    match($0, /history in [0-9.]+/); h = substr($0, RSTART + 11, RLENGTH - 11)
    match($0, /likelihood in [0-9.]+/); f = substr($0, RSTART + 14, RLENGTH - 14)
    match($0, /futures in [0-9.]+/); m = substr($0, RSTART + 11, RLENGTH - 11)
    printf "| forecast | %s | **%s s** | %s s | %s s | %s s |\n", r, w, h, f, m }' "$work/timing"
done
start=$(date +%s.%N)
waypoint backtest --database "$db" --json >/dev/null 2>/dev/null
end=$(date +%s.%N)
echo "| backtest (every origin: fits and 2,000-simulation forecasts) | 1 | $(seconds "$start" "$end") s | | | |"
