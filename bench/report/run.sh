#!/bin/sh
# run.sh: the report benchmark (see README.md).  Usage, from the repository
# root after a release build:
#   bench/report/run.sh
# Prints the figures; docs/BENCHMARKS.md ("## Reports") holds the last run.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/bench/report
bin=${OCOP_BIN:-$root/build/ocop}
tmp=$(mktemp -d)
db=$tmp/bench.db
port=${PORT:-18461}
url=http://127.0.0.1:$port
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

echo "== database: 300,000 registrations, 2,000,000 attendance rows, 3,000,000 answers"
"$bin" demo --db "$db" >/dev/null
t0=$(date +%s.%N)
sqlite3 "$db" <"$here/gen.sql" >/dev/null
echo "generated in $(echo "$(date +%s.%N) - $t0" | bc) s; $(du -m "$db" | cut -f1) MB"
sqlite3 "$db" "SELECT 'registrations ' || COUNT(*) FROM registrations;
  SELECT 'attendance rows ' || ((SELECT COUNT(*) FROM zoom_attendance) + (SELECT COUNT(*) FROM checkin_entries));
  SELECT 'submissions ' || COUNT(*) FROM submissions; SELECT 'answers ' || COUNT(*) FROM answers;"
password=$("$bin" admin add bench@ocop.vn --role admin --db "$db" | sed -n 's/^password: //p')

echo "== full recount, ocop report --format json (3 runs)"
for _ in 1 2 3; do
	/usr/bin/time -f "%e s elapsed, %U s user, %M KB max RSS" "$bin" report --db "$db" \
		--series ocop-2021 --format json >/dev/null
done
echo "== the PDF report, ocop report --format pdf (3 runs)"
for _ in 1 2 3; do
	/usr/bin/time -f "%e s elapsed, %U s user, %M KB max RSS" "$bin" report --db "$db" \
		--series ocop-2021 --format pdf --output "$tmp/report.pdf"
done
echo "PDF: $(wc -c <"$tmp/report.pdf") bytes, $(pdfinfo "$tmp/report.pdf" | awk '/^Pages/ { print $2 }') pages"
echo "== the XLSX workbook"
/usr/bin/time -f "%e s elapsed, %M KB max RSS" "$bin" report --db "$db" --series ocop-2021 \
	--format xlsx --output "$tmp/report.xlsx"

"$bin" serve --db "$db" --listen 127.0.0.1:$port --quiet 2>"$tmp/serve.log" &
pid=$!
for _ in $(seq 50); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.1; done
jar=$tmp/cookies
csrf() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
curl -s -c "$jar" -b "$jar" "$url/admin/login" -o "$tmp/login.html"
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "email=bench@ocop.vn" \
	--data-urlencode "password=$password" --data-urlencode "csrf=$(csrf "$tmp/login.html")" \
	"$url/admin/login"
cookie=$(awk '$6 ~ /^ocop_/ { printf "%s=%s; ", $6, $7 }' "$jar")

echo "== the dashboard: first view after a write (a full count), then cached"
curl -s -b "$jar" -o "$tmp/dash.html" -w "first view: HTTP %{http_code}, %{size_download} bytes, %{time_total} s\n" \
	"$url/admin/series/ocop-2021/report"
curl -s -b "$jar" -o /dev/null -w "second view: %{time_total} s\n" "$url/admin/series/ocop-2021/report"
echo "== dashboard, wrk -t2 -c4 -d10s, every filter combination in turn (report.lua)"
COOKIE=$cookie wrk -t2 -c4 -d10s --timeout 10s -s "$here/report.lua" "$url" | tail -1
echo "== dashboard while people write: one check-in every 0.2 s, wrk 10 s"
( while kill -0 $pid 2>/dev/null; do
	sqlite3 "$db" "INSERT OR IGNORE INTO checkin_entries (checkin_id, registration_id, at)
	  SELECT MIN(id), (abs(random()) % 300000) + 1, 0 FROM checkins" 2>/dev/null || true
	sleep 0.2
done ) &
writer=$!
COOKIE=$cookie wrk -t2 -c4 -d10s --timeout 10s -s "$here/report.lua" "$url" | tail -1
kill $writer 2>/dev/null || true
echo "== the PDF from the dashboard's button (cached cube)"
curl -s -b "$jar" -o /dev/null -w "HTTP %{http_code}, %{size_download} bytes, %{time_total} s\n" \
	"$url/admin/series/ocop-2021/report.pdf"
