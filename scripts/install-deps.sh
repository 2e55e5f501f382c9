#!/usr/bin/env bash
# Installs what collab needs to build and test on Debian 12, from Debian's packages only
# (docs/dependencies.md says why each is there). Installs nothing when everything is present.
set -euo pipefail

packages=(
  g++ make cmake pkg-config
  libcli11-dev libyaml-dev libfmt-dev catch2 libvalijson-dev nlohmann-json3-dev
  libyaml-cpp-dev  # the benchmark's floor only (bench/floor.cpp)
  libhowardhinnant-date-dev tzdata
  libmimalloc-dev  # the collab executable's allocator (docs/performance.md, fix 13)
  python3 python3-jsonschema python3-yaml
  python3-icalendar  # tests/ical/check_ics.py parses collab schedule ics output independently
  dpkg-dev file  # cpack -G DEB finds the runtime dependencies with dpkg-shlibdeps and file
  git pre-commit  # tests/package/pre_commit_test.sh runs the pre-commit hook for real
  time  # GNU time: bench/run.py reads each command's peak RSS with /usr/bin/time -f %M
)

# --browser: Debian's chromium too, for the report's rendering test (tests/report/chromium_check.sh).
if [ "${1:-}" = "--browser" ]; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "run as root or install sudo: missing ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
