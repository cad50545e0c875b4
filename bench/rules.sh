#!/usr/bin/env bash
# Benchmark for the statutory clock: every rule for every person of a generated council, read from the database.
#
#   bench/rules.sh council                 # generate + import the council set into SQLite, then time `waypoint rules`
#   bench/rules.sh national                # the national set (about 1,000,000 people; import takes a few minutes)
#   WAYPOINT_BENCH_POSTGRES='Host=/var/run/postgresql;Username=root' bench/rules.sh national postgres
#   RUNS=7 bench/rules.sh council          # how many timed runs (default 5); the median is reported
#
# The import is set up once and not timed here (bench/import.sh times it). Each run is a fresh process: wall clock
# and peak memory from GNU time, so start-up, reading the facts, evaluating and printing the summary all count.
set -euo pipefail
size=${1:-council}
provider=${2:-sqlite}
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v /usr/bin/time >/dev/null || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
dotnet build "$root/src/Waypoint.Cli" -c Release -o "$work/bin" -nologo -v quiet >/dev/null
waypoint=("dotnet" "$work/bin/waypoint.dll")

case "$size" in
  small|council|national) size_args=(--size "$size") ;;
  *) size_args=(--people "$size") ;;
esac

if [ "$provider" = postgres ]; then
  admin=${WAYPOINT_BENCH_POSTGRES:?set WAYPOINT_BENCH_POSTGRES to a connection string for a user who may create databases}
  name="waypoint_rules_$$"
  psql -h /var/run/postgresql -d postgres -qc "CREATE DATABASE $name"
  database="$admin;Database=$name"
  trap 'psql -h /var/run/postgresql -d postgres -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
else
  database="$work/waypoint.db"
fi

echo "setting up: generate $size (seed 42, as of 2026-11-22) and import into $provider..." >&2
"${waypoint[@]}" demo generate "${size_args[@]}" --seed 42 --as-of 2026-11-22 --noise none --out "$work/demo" >/dev/null
"${waypoint[@]}" import --database "$database" --provider "$provider" --shared-person-ids \
  "$work"/demo/ssda903-*.csv "$work/demo/cin.xml" "$work/demo/sen2.xml" "$work/demo/cld.csv" >/dev/null

walls=()
for i in $(seq "$runs"); do
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "${waypoint[@]}" rules --database "$database" --provider "$provider" --as-of 2026-11-22 >"$work/out.txt"
  read -r wall rss <"$work/time.txt"
  walls+=("$wall")
  echo "run $i: $wall s, peak $((rss / 1024)) MiB; $(head -1 "$work/out.txt")" >&2
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "| $size | $provider | $(head -1 "$work/out.txt" | grep -o '[0-9,]* people') | $median s (median of $runs; $(printf '%s\n' "${walls[@]}" | sort -n | head -1)-$(printf '%s\n' "${walls[@]}" | sort -n | tail -1) s) | $((rss / 1024)) MiB |"
sed 's/^/    /' "$work/out.txt" >&2
