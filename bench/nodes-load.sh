#!/usr/bin/env bash
# Load, soak and failover benchmark for a production-shaped Waypoint (issue 10): two web nodes (Release builds) on
# loopback behind nginx, one PostgreSQL database holding the `council` demo, migrated by the migration bundle before
# the nodes start, as docs/operations.md says. Load from wrk on the same 2-core machine.
#
#   WAYPOINT_BENCH_POSTGRES='Host=/var/run/postgresql;Username=root' bench/nodes-load.sh [connections] [seconds] [soak-seconds]
#   (defaults 32 connections, 30 s per page, a 600 s soak)
#
# 1. Each page alone at the given connections: /health (for the ratio), the tracker, person pages (first views of
#    2,000 people, then the same people again once each node has opened them; 2,000 different
#    people the worker may see), the manager's dashboard.
# 2. The tracker, person pages and dashboard together while `waypoint import` loads a council-size set for
#    another council into the same database.
# 3. A soak: the three pages mixed for soak-seconds; errors, and each node's resident memory after the first
#    minute and at the end.
# 4. Failover: person pages under load and a writer adding tasks through the API while one node is killed (kill -9);
#    every request answered 2xx must be in the database (its audit row, its task).
# Prints Markdown for docs/benchmarks.md. Needs: nginx, wrk, curl, psql (Debian packages) and the .NET SDK.
set -euo pipefail
connections=${1:-32}
seconds=${2:-30}
soak=${3:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
admin=${WAYPOINT_BENCH_POSTGRES:?set WAYPOINT_BENCH_POSTGRES to a connection string for a user who may create databases}
for tool in nginx wrk curl psql; do command -v $tool >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }; done
work=$(mktemp -d)
name="waypoint_nodes_$$"
database="$admin;Database=$name"
libpq=$(echo "$admin" | sed 's/;/ /g; s/Host=/host=/; s/Username=/user=/; s/Password=/password=/')
sql() { psql "$libpq dbname=$name" -tAqc "$1"; }
proxy=http://127.0.0.1:5100
declare -A node=()
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  for pid in "${node[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$libpq dbname=postgres" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building the web app, the command line and the migration bundle" >&2
dotnet publish "$root/src/Waypoint.Web" -c Release -o "$work/app" -nologo -v quiet >/dev/null
dotnet build "$root/src/Waypoint.Cli" -c Release -o "$work/cli" -nologo -v quiet >/dev/null
(cd "$root" && dotnet tool restore >/dev/null && dotnet ef migrations bundle --project src/Waypoint.Migrations.Postgres \
  --startup-project src/Waypoint.Migrations.Postgres -o "$work/efbundle" --force >/dev/null)
psql "$libpq dbname=postgres" -qc "CREATE DATABASE $name"
"$work/efbundle" --connection "$database" >/dev/null

start_node() { # port
  (cd "$work" && exec dotnet app/Waypoint.Web.dll --Waypoint:Demo=true --Urls="http://127.0.0.1:$1" \
    --Database:Provider=Postgres --Database:Connection="$database" --Logging:LogLevel:Default=Warning) >>"$work/node$1.log" 2>&1 &
  node[$1]=$!
  for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return; sleep 1; done
  echo "node $1 did not become ready:" >&2; cat "$work/node$1.log" >&2; exit 1
}
# The first node loads the demo into the empty database; the second finds it there.
echo "loading the council demo through the first node" >&2
start_node 5101
start_node 5102

mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  upstream waypoint {
    server 127.0.0.1:5101 max_fails=1 fail_timeout=10s;
    server 127.0.0.1:5102 max_fails=1 fail_timeout=10s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:5100;
    client_max_body_size 1024m;
    location / {
      proxy_pass http://waypoint;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 1 30); do curl -fsS "$proxy/health" >/dev/null 2>&1 && break; sleep 1; done

sign_in() { # role -> cookie header value
  local jar="$work/jar-$1" token
  token=$(curl -s -c "$jar" "$proxy/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null -d "role=$1&__RequestVerificationToken=$token" "$proxy/sign-in"
  awk '$6=="waypoint"{print "waypoint="$7}' "$jar"
}
worker=$(sign_in transitions-worker)
manager=$(sign_in manager)
[ -n "$worker" ] && [ -n "$manager" ] || { echo "signing in through nginx failed" >&2; exit 1; }

# Person pages: 2,000 different young people the worker may see (the tracker's download lists them).
curl -fsS -H "Cookie: $worker" "$proxy/?handler=Download" | tail -n +2 | cut -d, -f1 | tr -d '"\r' | shuf -n 2000 --random-source=<(yes) \
  | awk 'BEGIN{printf "refs={"} {printf "\"%s\",", $1} END{print "}"}' > "$work/refs.lua"
cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.1f %d %d %.0f %d\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests, errors, summary.requests / (summary.duration / 1e6), summary.errors.status))
end
LUA
cat > "$work/people.lua" <<LUA
dofile("$work/refs.lua")
local i = 0
request = function() i = i + 1; return wrk.format("GET", "/people/" .. refs[(i % #refs) + 1]) end
LUA
# The three pages in turn, each with its user's cookie: for the soak.
cat > "$work/mixed.lua" <<LUA
dofile("$work/refs.lua")
local i = 0
request = function()
  i = i + 1
  local k = i % 4
  if k == 0 then return wrk.format("GET", "/", { Cookie = "$worker" }) end
  if k == 3 then return wrk.format("GET", "/dashboard", { Cookie = "$manager" }) end
  return wrk.format("GET", "/people/" .. refs[(i % #refs) + 1], { Cookie = "$worker" })
end
LUA
# Each of the 2,000 people once, half of them from each of wrk's two threads, stopping when all are answered (a
# request or two a connection made as it stops may open someone again): first views, as each node keeps the records
# it has read (PersonRecordCache).
cat > "$work/once.lua" <<LUA
dofile("$work/refs.lua")
local threads = 0
setup = function(thread) thread:set("part", threads); threads = threads + 1 end
local i, answered = 0, 0
request = function()
  local half = math.floor(#refs / 2)
  i = i + 1
  return wrk.format("GET", "/people/" .. refs[part * half + ((i - 1) % half) + 1])
end
response = function() answered = answered + 1; if answered >= math.floor(#refs / 2) then wrk.thread:stop() end end
LUA
echo > "$work/none.lua"

wrk_run() { # connections seconds cookie script path -> RESULT line
  local script; script=$(mktemp -p "$work" run-XXXX.lua)
  cat "$4" "$work/report.lua" > "$script"
  wrk -t2 -c"$1" -d"$2s" --timeout 10s ${3:+-H "Cookie: $3"} -s "$script" "$proxy$5" | awk '/^RESULT/'
}
row() { # label, RESULT line
  echo "$2" | awk -v l="$1" '{printf "| %s | %s ms | %s ms | %s | %s | %s |\n", l, $2, $3, $4, $5, ($6 == "-" ? "-" : $6 "/s")}'
}

echo "## 1. Each page alone, $connections connections, ${seconds} s"
echo "| page | p50 | p95 | requests | errors | throughput |"
echo "|---|---|---|---|---|---|"
for page in health tracker first person dashboard; do
  case $page in
    health) cookie=""; path=/health; script=$work/none.lua; label="/health" ;;
    tracker) cookie=$worker; path=/; script=$work/none.lua; label="tracker, first page" ;;
    first) cookie=$worker; path=/; script=$work/once.lua; label="person page, first view (2,000 people, each once)" ;;
    person) cookie=$worker; path=/; script=$work/people.lua; label="person page (the same 2,000 people, again and again)" ;;
    dashboard) cookie=$manager; path=/dashboard; script=$work/none.lua; label="dashboard (manager, this quarter)" ;;
  esac
  case $page in
    first) ;; # no warm-up: it would open people before their first view
    person) # each node opens each person once first, as a team's day does
      for port in 5101 5102; do
        cat "$work/once.lua" "$work/report.lua" > "$work/warm.lua"
        wrk -t2 -c8 -d30s -H "Cookie: $cookie" -s "$work/warm.lua" "http://127.0.0.1:$port/" >/dev/null
      done ;;
    *) wrk_run 4 3 "$cookie" "$script" "$path" >/dev/null ;; # warm-up
  esac
  result=$(wrk_run "$connections" "$seconds" "$cookie" "$script" "$path")
  # wrk reports its whole duration even when every thread stopped early, so a rate would be wrong: none is given.
  [ "$page" = first ] && result=$(echo "$result" | awk '{$6="-"; print}')
  row "$label" "$result"
  eval "rps_$page=$(echo "$result" | awk '{print $6}')"
done
echo
echo "Throughput as a share of /health's in the same run: tracker $(awk -v a="$rps_tracker" -v b="$rps_health" 'BEGIN{printf "%.2f", a/b}'), person page $(awk -v a="$rps_person" -v b="$rps_health" 'BEGIN{printf "%.2f", a/b}'), dashboard $(awk -v a="$rps_dashboard" -v b="$rps_health" 'BEGIN{printf "%.2f", a/b}')."

echo
echo "## 2. Tracker, person pages and dashboard together while an import runs"
dotnet "$work/cli/waypoint.dll" demo generate --size council --seed 7 --out "$work/other" >/dev/null
third=$((connections / 3))
wrk_run "$third" 60 "$worker" "$work/none.lua" / > "$work/mix-tracker" & mixers=($!)
wrk_run "$third" 60 "$worker" "$work/people.lua" / > "$work/mix-person" & mixers+=($!)
wrk_run "$((connections - 2 * third))" 60 "$manager" "$work/none.lua" /dashboard > "$work/mix-dashboard" & mixers+=($!)
sleep 5
import_started=$(date +%s.%N)
dotnet "$work/cli/waypoint.dll" import --database "$database" --provider postgres --council 998 --shared-person-ids \
  "$work"/other/ssda903-*.csv "$work/other/cin.xml" "$work/other/sen2.xml" "$work/other/cld.csv" > "$work/import.txt" 2>&1
import_took=$(awk -v a="$import_started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
wait "${mixers[@]}"
echo "| page | p50 | p95 | requests | errors | throughput |"
echo "|---|---|---|---|---|---|"
row "tracker, first page" "$(cat "$work/mix-tracker")"
row "person page" "$(cat "$work/mix-person")"
row "dashboard" "$(cat "$work/mix-dashboard")"
echo
echo "The import of a council-size set for council 998 took ${import_took} s beside the load:"
sed 's/^/    /' "$work/import.txt" | tail -n 4

echo
echo "## 3. Soak: the three pages mixed, $connections connections, ${soak} s"
rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$1/status"; }
cat "$work/mixed.lua" "$work/report.lua" > "$work/soak.lua"
wrk -t2 -c"$connections" -d"${soak}s" --timeout 10s -s "$work/soak.lua" "$proxy/" > "$work/soak.txt" &
soaker=$!
sleep 60
first1=$(rss "${node[5101]}"); first2=$(rss "${node[5102]}")
max1=$first1; max2=$first2
while kill -0 $soaker 2>/dev/null; do
  sleep 30
  now1=$(rss "${node[5101]}" 2>/dev/null || echo 0); now2=$(rss "${node[5102]}" 2>/dev/null || echo 0)
  [ "$now1" -gt "$max1" ] && max1=$now1; [ "$now2" -gt "$max2" ] && max2=$now2
done
wait $soaker || true
last1=$(rss "${node[5101]}"); last2=$(rss "${node[5102]}")
soak_result=$(awk '/^RESULT/' "$work/soak.txt")
echo "| requests | errors | p50 | p95 | throughput | node 1 memory after 1 min / at end / highest | node 2 |"
echo "|---|---|---|---|---|---|---|"
echo "$soak_result" | awk -v a="$first1 / $last1 / $max1 MiB" -v b="$first2 / $last2 / $max2 MiB" '{printf "| %s | %s | %s ms | %s ms | %s/s | %s | %s |\n", $4, $5, $2, $3, $6, a, b}'
echo
echo "Memory growth from the first minute to the end: node 1 $(awk -v a="$first1" -v b="$last1" 'BEGIN{printf "%+.1f%%", 100*(b-a)/a}'), node 2 $(awk -v a="$first2" -v b="$last2" 'BEGIN{printf "%+.1f%%", 100*(b-a)/a}')."

echo
echo "## 4. Failover: one node killed under load"
audit_before=$(sql "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"AuditEvents\"")
sql "SELECT p.\"Reference\" FROM \"TransitionsCases\" c JOIN \"People\" p ON p.\"Id\" = c.\"PersonId\" WHERE c.\"CouncilCode\" = '999' AND c.\"Stage\" IN ('Referred', 'AssessmentInProgress', 'Decided', 'PlanAgreed') ORDER BY p.\"Reference\" LIMIT 200" > "$work/cases"
owner=$(curl -fsS -H "Cookie: $worker" "$proxy/api/staff" | grep -o '"userName":"[^"]*"' | head -1 | sed 's/.*:"//; s/"$//')
writer() { # part: add a task to each of its cases, note the ones answered 201
  local n=0
  while read -r ref; do
    n=$((n + 1))
    local version status
    version=$(curl -s -H "Cookie: $worker" "$proxy/api/people/$ref/case" | grep -o '"version":[0-9]*' | head -1 | cut -d: -f2)
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $worker" -H 'Content-Type: application/json' \
      -d "{\"seenVersion\":${version:-0},\"description\":\"failover-$1-$n\",\"owner\":\"$owner\",\"dueOn\":\"2027-01-15\"}" "$proxy/api/people/$ref/tasks")
    echo "failover-$1-$n $status" >> "$work/written"
  done
}
: > "$work/written"
split -n r/4 "$work/cases" "$work/cases-"
i=0; writers=(); for part in "$work"/cases-*; do i=$((i + 1)); writer "$i" < "$part" & writers+=($!); done
cat "$work/people.lua" "$work/report.lua" > "$work/failover.lua"
wrk -t2 -c"$connections" -d40s --timeout 10s -H "Cookie: $worker" -s "$work/failover.lua" "$proxy/" > "$work/failover.txt" &
loader=$!
sleep 15
kill -9 "${node[5102]}"; unset 'node[5102]'
killed_at=$(date -u +%T)
wait $loader || true
wait "${writers[@]}"
failover=$(awk '/^RESULT/' "$work/failover.txt")
answered_ok=$(echo "$failover" | awk '{print $4 - $7}')
audited=$(sql "SELECT COUNT(*) FROM \"AuditEvents\" WHERE \"Id\" > $audit_before AND \"Action\" = 'view-person'")
acknowledged=$(awk '$2 == 201 {print $1}' "$work/written" | sort)
stored=$(sql "SELECT \"Description\" FROM \"CaseTasks\" WHERE \"Description\" LIKE 'failover-%'" | sort)
missing=$(comm -23 <(echo "$acknowledged") <(echo "$stored") | grep -c . || true)
echo "| person pages answered 2xx | of them without their audit row | requests failed | tasks acknowledged (201) | acknowledged but not stored | writes refused or failed |"
echo "|---|---|---|---|---|---|"
echo "| $answered_ok | $((answered_ok > audited ? answered_ok - audited : 0)) | $(echo "$failover" | awk '{print $5}') | $(echo "$acknowledged" | grep -c . || true) | $missing | $(awk '$2 != 201' "$work/written" | wc -l) |"
echo
echo "Node 2 was killed with SIGKILL at $killed_at, 15 s into a 40 s run; $audited person-page audit rows were written in the run (more than the pages answered where nginx retried a request the killed node had begun)."
echo "Writes not acknowledged, by status: $(awk '$2 != 201 {print $2}' "$work/written" | sort | uniq -c | awk '{printf "%s x %s; ", $1, $2}')"
