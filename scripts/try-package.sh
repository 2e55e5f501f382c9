#!/usr/bin/env bash
# Installs a collab .deb with apt-get (which also installs its dependencies), runs `collab --version`
# and a real command, then removes the package. Needs root or sudo; changes the machine, so it is not
# part of ctest. docs/install.md explains it.
#
#   scripts/try-package.sh [PATH.deb]   (default: the newest build-pkg/collab_*.deb)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
deb=${1:-$(ls -t "$repo"/build-pkg/collab_*.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "no .deb: run scripts/package.sh first, or give its path" >&2; exit 2; }
deb=$(realpath "$deb")

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive

if dpkg-query -W -f='${Status}' collab 2>/dev/null | grep -q "install ok installed"; then
  echo "the collab package is installed already; remove it first (apt-get remove collab)" >&2
  exit 1
fi

work=$(mktemp -d)
installed_now() { dpkg-query -W -f='${Status}' collab 2>/dev/null | grep -q "install ok installed"; }
cleanup() {
  if installed_now; then "${sudo[@]}" apt-get remove -y -qq collab >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# apt-get wants a path with a slash to take it for a file rather than a package name.
cp "$deb" "$work/"
(cd "$work" && "${sudo[@]}" apt-get install -y -qq ./"$(basename "$deb")" > "$work/apt.log" 2>&1) ||
  { cat "$work/apt.log" >&2; echo "apt-get install failed" >&2; exit 1; }
[ -x /usr/bin/collab ] || { echo "the package did not install /usr/bin/collab" >&2; exit 1; }
# Run the installed binary itself, whatever else is on PATH.
/usr/bin/collab --version
/usr/bin/collab -q init "$work/try" --template community-of-practice --name "Package check" \
  --start 2027-01-11 --timezone America/New_York
/usr/bin/collab -C "$work/try" validate
"${sudo[@]}" apt-get remove -y -qq collab > "$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; echo "apt-get remove failed" >&2; exit 1; }
if installed_now || [ -e /usr/bin/collab ]; then echo "collab is still installed after apt-get remove" >&2; exit 1; fi
echo "ok: installed, ran and removed $(basename "$deb")"
