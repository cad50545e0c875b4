#!/usr/bin/env bash
# Load benchmark for the data spine: generate a demo council and import it, timing each step with
# GNU time (wall clock and peak memory), on a file-backed SQLite database or PostgreSQL.
#
#   bench/import.sh council                     # generate + import the council set into SQLite
#   bench/import.sh 100000                      # a 100,000-person set into SQLite
#   WAYPOINT_BENCH_POSTGRES='Host=/var/run/postgresql;Username=root' bench/import.sh 100000 postgres
#
# Prints one Markdown table row per step, ready for docs/benchmarks.md.
set -euo pipefail
size=${1:-council}
provider=${2:-sqlite}
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
  name="waypoint_bench_$$"
  psql "$(echo "$admin" | sed 's/;/ /g; s/Host=/host=/; s/Username=/user=/; s/Password=/password=/; s/Database=/dbname=/')" -qc "CREATE DATABASE $name" 2>/dev/null \
    || psql -h /var/run/postgresql -d postgres -qc "CREATE DATABASE $name"
  database="$admin;Database=$name"
  cleanup_pg() { psql -h /var/run/postgresql -d postgres -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"; }
  trap cleanup_pg EXIT
else
  database="$work/waypoint.db"
fi

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt" "$work/out.txt" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$work/time.txt")
  echo "| $label | $wall | $rss MiB |"
}

echo "| step | wall clock (m:ss) | peak memory |"
echo "|---|---|---|"
measure "generate $size (seed 42, noise none)" "${waypoint[@]}" demo generate "${size_args[@]}" --seed 42 --as-of 2026-11-22 --noise none --out "$work/demo"
files=("$work"/demo/ssda903-*.csv "$work/demo/cin.xml" "$work/demo/sen2.xml" "$work/demo/cld.csv")
measure "import $size into $provider" "${waypoint[@]}" import --database "$database" --provider "$provider" --shared-person-ids "${files[@]}"
cat "$work/out.txt" | sed 's/^/    /' >&2
measure "re-import the same files (all skipped)" "${waypoint[@]}" import --database "$database" --provider "$provider" --shared-person-ids "${files[@]}"
echo "records: $(wc -l < "$work/demo/truth.csv") source records (truth.csv rows + 1); files: $(du -sh "$work/demo" | cut -f1)" >&2
