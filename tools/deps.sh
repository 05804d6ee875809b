#!/bin/sh
# deps.sh: install the Debian packages ocop needs to build, run and test,
# asking apt only for those dpkg says are missing.  Idempotent and quiet
# when everything is present.  Usage: tools/deps.sh [build|test]
set -eu
build="gcc make pkg-config meson ninja-build gettext
libmicrohttpd-dev libsqlite3-dev libjansson-dev libsodium-dev libutf8proc-dev
libicu-dev libcairo2-dev libpango1.0-dev libqrencode-dev libcurl4-openssl-dev
libcsv-dev libxlsxwriter-dev libmagic-dev libpq-dev fonts-noto-core sqlite3"
test="libcmocka-dev chromium poppler-utils zbar-tools postgresql
python3-aiosmtpd python3-openpyxl curl wrk hyperfine clang nginx weasyprint unzip"
want="$build"
[ "${1:-build}" = test ] && want="$build $test"
missing=""
for p in $want; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
# Node.js may come from elsewhere with its own npm; Debian's npm conflicts.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
