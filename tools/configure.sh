#!/bin/sh
# configure.sh BUILDDIR [meson options]: meson setup, or reconfigure when the
# set of embedded files (templates, static, migrations, data) changed since
# the last time, so that a new template is picked up without a clean build.
set -eu
dir=$1
shift
list=$(find templates static migrations data -type f 2>/dev/null | LC_ALL=C sort | cksum)
if [ ! -f "$dir/build.ninja" ]; then
	meson setup "$dir" "$@" >/dev/null
elif [ "$(cat "$dir/.embed-list" 2>/dev/null)" != "$list" ]; then
	meson setup --reconfigure "$dir" "$@" >/dev/null
fi
echo "$list" >"$dir/.embed-list"
