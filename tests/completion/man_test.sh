#!/usr/bin/env bash
# Usage: man_test.sh COLLAB
# `collab man --out DIR` writes the pages; man -l (or groff) renders them when installed.
set -u
collab="$1"
passed=0
failed=0
check() {  # check "what" command...
  local what="$1"
  shift
  if "$@" >/dev/null 2>&1; then echo "ok: $what"; passed=$((passed + 1));
  else echo "FAIL: $what"; failed=$((failed + 1)); fi
}

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
check "collab man --out exits 0" "$collab" man --out "$dir/man"
for page in collab.1 collab-validate.1 collab-enroll.1 collab-enroll-import.1 collab-score-eoi.1; do
  check "$page written" test -s "$dir/man/$page"
done
check "collab.1 names the exit codes" grep -q '^\\fB75\\fR' "$dir/man/collab.1"
check "collab-validate.1 documents --strict" grep -q 'strict' "$dir/man/collab-validate.1"
check "collab man prints collab.1" bash -c '"$1" man | cmp -s - "$2"' _ "$collab" "$dir/man/collab.1"

render() {  # render PAGE: to text, warnings as failures
  if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man -l "$1" 2>"$dir/err" | grep -q . && ! [ -s "$dir/err" ]
  else
    groff -man -Tutf8 -ww "$1" 2>"$dir/err" | grep -q . && ! [ -s "$dir/err" ]
  fi
}
if command -v man >/dev/null 2>&1 || command -v groff >/dev/null 2>&1; then
  for page in "$dir"/man/*.1; do check "$(basename "$page") renders" render "$page"; done
else
  echo "skip: neither man nor groff is installed"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
