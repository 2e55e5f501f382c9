#!/usr/bin/env bash
# Quick start: install what is missing, build collab, validate a bundled example collaborative and compute
# its measures.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCOLLAB_TESTS=OFF >/dev/null
cmake --build build --parallel "$(nproc)" --target collab
build/cli/collab -C examples/nctsn-tf-cbt validate
build/cli/collab -C examples/nctsn-tf-cbt metrics --section measures --as-of 2027-03-20
