#!/usr/bin/env bash
# Builds collab in Release mode and packs it as a Debian package; prints the .deb's path.
#
#   scripts/package.sh [BUILD_DIR]      (default: build-pkg, next to this script's folder)
#
# Then: tests/package/check_deb.sh PATH.deb (contents and dependencies) and scripts/try-package.sh PATH.deb
# (install, run, remove; needs root or sudo). docs/install.md explains them.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build-pkg}

"$repo/scripts/install-deps.sh"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release >&2
cmake --build "$build" -j "$(nproc)" >&2
rm -f "$build"/collab_*.deb
(cd "$build" && cpack -G DEB >&2)
deb=$(ls "$build"/collab_*.deb)
echo "$deb"
