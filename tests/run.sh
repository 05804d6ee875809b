#!/bin/sh
# run.sh: every test, in three stages, and one closing line "N passed, M failed".
#   1. unit tests (cmocka), release build and AddressSanitizer+UBSan build;
#   2. HTTP integration tests (node:test) against the real `ocop serve`,
#      once on the normal build and once on the sanitizer build;
#      then once more on the normal build against PostgreSQL: a throwaway
#      cluster (tools/pg-test.sh) on a loopback port, a fresh database per
#      server, stopped at the end (set OCOP_TEST_NO_PG=1 to leave it out);
#   3. browser tests (playwright-core driving Debian's chromium).
# Each stage's counts are read from its own output, so a crash counts as a
# failure, not as nothing; a test that hangs is cut after 4 minutes and a
# stage after 15 (10 for the browser), so a run always ends.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
pass=0
fail=0
log=$(mktemp -d)

count_cmocka() { # file
	p=$(grep -c '^\[       OK \]' "$1" || true)
	f=$(grep -c '^\[  FAILED  \] [a-z_0-9]' "$1" || true)
	pass=$((pass + p))
	fail=$((fail + f))
}

count_tap() { # file
	p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$1" | tail -1)
	f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$1" | tail -1)
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-1}))
}

stage() { printf '\n=== %s\n' "$*"; }

stage "build (release and sanitizers)"
tools/configure.sh build || exit 1
ninja -C build --quiet || { echo "0 passed, 1 failed"; exit 1; }
tools/configure.sh build-asan -Db_sanitize=address,undefined -Db_lundef=false \
	-Dbuildtype=debug || exit 1
ninja -C build-asan --quiet || { echo "0 passed, 1 failed"; exit 1; }

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp
for b in build build-asan; do
	stage "unit tests ($b)"
	for t in "$b"/test_*; do
		[ -f "$t" ] && [ -x "$t" ] || continue
		out="$log/$(basename "$b")-$(basename "$t").log"
		(cd "$root" && "$t") >"$out" 2>&1
		rc=$?
		count_cmocka "$out"
		if [ $rc -ne 0 ] && ! grep -q '^\[  FAILED  \]' "$out"; then
			fail=$((fail + 1)) # crashed before reporting
			echo "CRASH $t"; tail -20 "$out"
		fi
		grep -E '^\[  (FAILED|PASSED)  \]' "$out" | sed "s|^|$(basename "$t"): |"
	done
done

if [ ! -d node_modules/playwright-core ]; then
	npm install --no-audit --no-fund --silent >/dev/null 2>&1 || echo "npm install failed"
fi

for b in build build-asan; do
	stage "HTTP integration tests ($b)"
	out="$log/http-$b.log"
	OCOP_BIN="$root/$b/ocop" timeout 900 node --test --test-timeout=240000 --test-reporter=tap tests/http/ >"$out" 2>&1
	grep -E '^not ok|^# (pass|fail)' "$out"
	grep -B2 -A25 '^not ok' "$out" | head -80
	count_tap "$out"
done

stage "HTTP integration tests (build, PostgreSQL)"
out="$log/http-pg.log"
if [ -n "${OCOP_TEST_NO_PG:-}" ]; then
	echo "skipped: OCOP_TEST_NO_PG is set"
elif pg=$(tools/pg-test.sh start 2>"$log/pg-start.log"); then
	eval "$pg"
	trap 'tools/pg-test.sh stop "$OCOP_PG_DIR"' EXIT INT TERM
	build/test_db_pg >"$log/unit-pg.log" 2>&1 || grep -q '^\[  FAILED  \]' "$log/unit-pg.log" ||
		{ fail=$((fail + 1)); echo "CRASH test_db_pg"; tail -20 "$log/unit-pg.log"; }
	count_cmocka "$log/unit-pg.log"
	grep -E '^\[  (FAILED|PASSED)  \]' "$log/unit-pg.log" | sed 's|^|test_db_pg: |'
	OCOP_BIN="$root/build/ocop" timeout 900 node --test --test-timeout=240000 --test-reporter=tap tests/http/ >"$out" 2>&1
	grep -E '^not ok|^# (pass|fail)|restart under load' "$out"
	grep -B2 -A25 '^not ok' "$out" | head -80
	count_tap "$out"
	tools/pg-test.sh stop "$OCOP_PG_DIR"
	trap - EXIT INT TERM
	unset OCOP_TEST_PG OCOP_PG_DIR OCOP_PG_PORT
else
	echo "cannot start PostgreSQL:"; cat "$log/pg-start.log"
	fail=$((fail + 1))
fi

stage "browser tests"
out="$log/e2e.log"
OCOP_BIN="$root/build/ocop" timeout 600 node --test --test-timeout=240000 --test-reporter=tap tests/e2e/ >"$out" 2>&1
grep -E '^not ok|^# (pass|fail)' "$out"
grep -A25 '^not ok' "$out" | head -60
count_tap "$out"

rm -rf "$log"
echo
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
