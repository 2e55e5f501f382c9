#!/usr/bin/env bash
# Renders collab's HTML reports of the bundled examples in headless Chromium (Debian's chromium package) and
# checks that each page loaded without a console error or a failed request, that every chart the HTML holds
# is in the rendered document, and that a screenshot of it is not blank.
#
#   chromium_check.sh COLLAB_BINARY
#
# Exits 77 (ctest's "skipped") when chromium is not installed: `scripts/install-deps.sh --browser` installs
# it, and scripts/test.sh (CI) does so before the tests.
set -u
bin=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed: skipped (scripts/install-deps.sh --browser installs it)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for example in nctsn-tf-cbt chs-interprofessional r4d-phc-network; do
  html="$work/$example.html"
  SOURCE_DATE_EPOCH=1790000000 "$bin" -C "$repo/examples/$example" report --as-of 2027-03-20 -o "$html" 2>/dev/null || {
    echo "$example: collab report failed"; status=1; continue; }
  # --enable-logging=stderr makes the page's console messages and failed loads visible on stderr.
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --enable-logging=stderr --v=0 \
    --user-data-dir="$work/profile" --window-size=1280,4000 --virtual-time-budget=5000 \
    --dump-dom "file://$html" > "$work/dom.html" 2> "$work/stderr.txt"
  rc=$?
  if [ $rc -ne 0 ]; then echo "$example: chromium exited $rc"; tail -5 "$work/stderr.txt"; status=1; continue; fi
  if grep -E 'CONSOLE|Failed to load resource|net::ERR_' "$work/stderr.txt" > "$work/errors.txt"; then
    echo "$example: the page logged errors:"; head -5 "$work/errors.txt"; status=1
  fi
  want=$(grep -o '<svg ' "$html" | wc -l)
  got=$(grep -o '<svg ' "$work/dom.html" | wc -l)
  figures=$(grep -o '<figure>' "$work/dom.html" | wc -l)
  if [ "$want" -eq 0 ] || [ "$got" -ne "$want" ] || [ "$figures" -ne "$want" ]; then
    echo "$example: $want charts in the HTML, $got rendered, $figures figures"; status=1
  fi
  if ! grep -q '</main>' "$work/dom.html"; then echo "$example: the document was not fully parsed"; status=1; fi
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir="$work/profile" \
    --window-size=1280,2000 --screenshot="$work/shot.png" "file://$html" > /dev/null 2>&1
  size=$(stat -c %s "$work/shot.png" 2>/dev/null || echo 0)
  if [ "$size" -lt 20000 ]; then echo "$example: the screenshot is blank or missing ($size bytes)"; status=1; fi
  [ $status -eq 0 ] && echo "$example: $got charts rendered, no console errors, screenshot $size bytes"
done
exit $status
