#!/usr/bin/env bash
# Quick start: install what is missing, build collab, and validate a bundled example collaborative.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCOLLAB_TESTS=OFF >/dev/null
cmake --build build --parallel "$(nproc)" --target collab
build/cli/collab -C examples/nctsn-tf-cbt validate
