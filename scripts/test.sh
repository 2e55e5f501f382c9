#!/usr/bin/env bash
# Installs what is missing, builds collab with its tests, and runs every test twice: once in a normal
# build, once under AddressSanitizer + UndefinedBehaviorSanitizer. .ci/run calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --browser
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --parallel "$jobs"
ctest --test-dir build --output-on-failure --parallel "$jobs"

# The Debian package, packed from the same build: its control fields, dependencies and contents.
(cd build && rm -f collab_*.deb && cpack -G DEB >/dev/null)
tests/package/check_deb.sh build/collab_*.deb

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCOLLAB_SANITIZE=ON >/dev/null
cmake --build build-asan --parallel "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure --parallel "$jobs"
