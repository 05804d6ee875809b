#!/bin/sh
# pot.sh: extracts every user-visible string into po/ocop.pot: _() and N_()
# in C (xgettext), and {{_ text}} marks in templates.  A translator copies
# it to po/en.po or po/fr.po; nothing in the code changes (Vietnamese is the
# source language).  Usage: tools/pot.sh  (or make pot)
set -eu
cd "$(dirname "$0")/.."
out=po/ocop.pot
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --add-comments \
	--package-name=ocop --msgid-bugs-address=none -o "$out" $(git ls-files 'src/*.c' 'src/*.h')
# Template marks: one entry per distinct text, with the file it comes from.
for f in $(git ls-files 'templates/*'); do
	grep -o '{{_ [^}]*}}' "$f" | sed 's/^{{_ //; s/}}$//' | sort -u | while IFS= read -r msg; do
		esc=$(printf '%s' "$msg" | sed 's/\\/\\\\/g; s/"/\\"/g')
		printf '#: %s\nmsgid "%s"\nmsgstr ""\n\n' "$f" "$esc"
	done
done >"$tmp"
msgcat --use-first -o "$out" "$out" "$tmp" 2>/dev/null || cat "$tmp" >>"$out"
echo "po/ocop.pot: $(grep -c '^msgid ' "$out") strings"
