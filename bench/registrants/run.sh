#!/bin/sh
# run.sh: the registrants benchmark (see README.md).  Usage, from the
# repository root after a release build:
#   bench/registrants/run.sh [ROWS]        (default 300000)
# Prints the figures; docs/BENCHMARKS.md ("## Registrants") holds the last run.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/bench/registrants
bin=${OCOP_BIN:-$root/build/ocop}
rows=${1:-300000}
tmp=$(mktemp -d)
db=$tmp/bench.db
port=${PORT:-18431}
url=http://127.0.0.1:$port
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

echo "== database: $rows registrations"
"$bin" demo --db "$db" >/dev/null
t0=$(date +%s.%N)
{ echo "CREATE TEMP TABLE gen_params (n INTEGER); INSERT INTO gen_params VALUES ($rows);"; cat "$here/gen.sql"; } | sqlite3 "$db"
echo "generated in $(echo "$(date +%s.%N) - $t0" | bc) s"
password=$("$bin" admin add bench@ocop.vn --role admin --db "$db" | sed -n 's/^password: //p')

start() {
	"$bin" serve --db "$db" --listen 127.0.0.1:$port --quiet 2>"$tmp/serve.log" &
	pid=$!
	for _ in $(seq 50); do curl -sf "$url/healthz" >/dev/null && return; sleep 0.1; done
	echo "server did not start"; cat "$tmp/serve.log"; exit 1
}
start
jar=$tmp/cookies
csrf() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
curl -s -c "$jar" -b "$jar" "$url/admin/login" -o "$tmp/login.html"
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "email=bench@ocop.vn" \
	--data-urlencode "password=$password" --data-urlencode "csrf=$(csrf "$tmp/login.html")" \
	"$url/admin/login"
cookie=$(awk '$6 ~ /^ocop_/ { printf "%s=%s; ", $6, $7 }' "$jar")

echo "== search page: wrk, 4 connections, 2 threads, 10 s, 16 diacritics-free queries"
curl -s -b "$jar" "$url/admin/series/ocop-2021/registrations?q=nguyen+thi+co" >/dev/null
COOKIE=$cookie wrk -t2 -c4 -d10s -s "$here/search.lua" "$url" | tail -1

echo "== XLSX export of $rows rows: time and server memory"
rss() { awk '/^VmRSS/ { print int($2 / 1024) " MB" }' /proc/$pid/status; }
hwm() { awk '/^VmHWM/ { print int($2 / 1024) " MB" }' /proc/$pid/status; }
echo "server RSS before: $(rss) (peak so far $(hwm))"
( while kill -0 $pid 2>/dev/null; do awk '/^VmRSS/ { print $2 }' /proc/$pid/status; sleep 0.05; done ) >"$tmp/rss" &
sampler=$!
t0=$(date +%s.%N)
curl -s -b "$jar" -o "$tmp/out.xlsx" -w "HTTP %{http_code}, %{size_download} bytes" \
	"$url/admin/series/ocop-2021/registrations.xlsx"
echo " in $(echo "$(date +%s.%N) - $t0" | bc) s"
kill $sampler 2>/dev/null || true
echo "server RSS during the export: max $(sort -n "$tmp/rss" | tail -1 | awk '{ print int($1 / 1024) }') MB (peak since start $(hwm))"

echo "== import of 100,000 rows (Google Forms style CSV)"
python3 "$here/gen_csv.py" 100000 "$tmp/100k.csv"
curl -s -b "$jar" -c "$jar" "$url/admin/series/ocop-2021/registrations/import" -o "$tmp/imp.html"
t0=$(date +%s.%N)
loc=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w "%{redirect_url}" -F "csrf=$(csrf "$tmp/imp.html")" \
	-F "file=@$tmp/100k.csv;type=text/csv" "$url/admin/series/ocop-2021/registrations/import")
while curl -s -b "$jar" "$loc" | grep -q 'data-state="running"'; do sleep 0.2; done
echo "web upload: $(echo "$(date +%s.%N) - $t0" | bc) s ($(curl -s -b "$jar" "$loc" | grep -o 'data-k="imported">[0-9]*' | sed 's/.*>//') imported)"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
python3 "$here/gen_csv.py" 100000 "$tmp/100k.csv"
sqlite3 "$db" "DELETE FROM registrations WHERE email_norm LIKE 'dangky%@example.org'"
t0=$(date +%s.%N)
"$bin" import registrations "$tmp/100k.csv" --series ocop-2021 --db "$db" | head -1
echo "command line: $(echo "$(date +%s.%N) - $t0" | bc) s"
