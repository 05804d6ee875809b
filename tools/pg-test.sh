#!/bin/sh
# pg-test.sh: a throwaway PostgreSQL cluster for the tests and benchmarks.
#   eval "$(tools/pg-test.sh start)"   initdb in a temporary directory, start
#                                      on 127.0.0.1 and a free port, trust auth
#                                      on loopback; prints shell assignments:
#                                      OCOP_TEST_PG (URL of db 'postgres'),
#                                      OCOP_PG_DIR, OCOP_PG_PORT
#   tools/pg-test.sh restart [DIR] [S] fast stop, S seconds down (default 0),
#                                      start again on the same port
#   tools/pg-test.sh stop [DIR]        stop and remove the directory
# DIR defaults to $OCOP_PG_DIR.  PostgreSQL refuses to run as root, so as
# root the cluster belongs to an unprivileged user 'ocoptest' (created when
# missing).  The server binaries are found in /usr/lib/postgresql/*/bin
# (the newest), or through pg_config.
set -eu

pg_bindir() {
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	done
	command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] &&
		{ pg_config --bindir; return; }
	echo "pg-test.sh: no PostgreSQL server binaries (apt-get install postgresql)" >&2
	exit 1
}

BIN=$(pg_bindir)
USER_NAME=ocoptest

as_owner() { # command...
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$USER_NAME" -- "$@"
	else
		"$@"
	fi
}

free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})' 2>/dev/null ||
		python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}

cmd=${1:-}
case "$cmd" in
start)
	if [ "$(id -u)" -eq 0 ] && ! id "$USER_NAME" >/dev/null 2>&1; then
		useradd --system --no-create-home --shell /usr/sbin/nologin "$USER_NAME"
	fi
	dir=$(mktemp -d /tmp/ocop-pg.XXXXXX)
	chmod 755 "$dir"
	[ "$(id -u)" -eq 0 ] && chown "$USER_NAME" "$dir"
	as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
		--locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	for try in 1 2 3 4 5; do
		port=$(free_port)
		# Tests start many servers, each with a pool and a writer.
		opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=500 \
			-c shared_buffers=128MB"
		if as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
			-o "$opts" >/dev/null 2>&1; then
			echo "$opts" >"$dir/opts"
			echo "$port" >"$dir/port"
			echo "OCOP_TEST_PG=postgresql://postgres@127.0.0.1:$port/postgres;"
			echo "OCOP_PG_DIR=$dir; OCOP_PG_PORT=$port;"
			echo "export OCOP_TEST_PG OCOP_PG_DIR OCOP_PG_PORT"
			exit 0
		fi
	done
	cat "$dir/server.log" >&2
	exit 1
	;;
restart)
	dir=${2:-${OCOP_PG_DIR:?no cluster directory}}
	as_owner "$BIN/pg_ctl" -D "$dir/data" -w -m fast stop >/dev/null
	sleep "${3:-0}"
	as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
		-o "$(cat "$dir/opts")" >/dev/null
	;;
stop)
	dir=${2:-${OCOP_PG_DIR:?no cluster directory}}
	case "$dir" in /tmp/ocop-pg.*) ;; *) echo "pg-test.sh: refusing '$dir'" >&2; exit 1 ;; esac
	as_owner "$BIN/pg_ctl" -D "$dir/data" -w -m fast stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*)
	echo "usage: tools/pg-test.sh start | restart [DIR] | stop [DIR]" >&2
	exit 2
	;;
esac
