#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan) in build-fuzz and runs each one, one after the
# other, for SECONDS (default 60), on a copy of its seed corpus. Crashes, timeouts and leaks are written to
# build-fuzz/findings/<fuzzer>/ (crash-*, timeout-*, leak-*, oom-*).
#   bash tests/fuzz/run.sh [SECONDS]
# Needs: apt-get install -y clang-14 libclang-rt-14-dev
set -euo pipefail
seconds=${1:-60}  # 0: build only
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${COLLAB_FUZZ_BUILD:-$root/build-fuzz}
jobs=${COLLAB_FUZZ_JOBS:-$(nproc)}

cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCOLLAB_FUZZ=ON -DCOLLAB_TESTS=OFF >/dev/null
cmake --build "$build" --target yaml_fuzz csv_fuzz project_fuzz -j "$jobs"
[[ $seconds -gt 0 ]] || exit 0

# One thread per load (docs/cli.md, COLLAB_JOBS): each input then runs the same way every time, as
# libFuzzer's coverage feedback assumes; loading on several threads has its own unit test.
export COLLAB_JOBS=${COLLAB_JOBS:-1}
status=0
for fuzzer in ${COLLAB_FUZZERS:-yaml_fuzz csv_fuzz project_fuzz}; do
  name=${fuzzer%_fuzz}
  corpus=$build/corpus/$name
  findings=$build/findings/$fuzzer
  mkdir -p "$corpus" "$findings"
  cp -n "$root/tests/fuzz/corpus/$name"/* "$corpus"/ 2>/dev/null || true
  log=$build/$fuzzer.log
  echo "== $fuzzer: ${seconds}s"
  set +e
  "$build/$fuzzer" "$corpus" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" \
    -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1
  rc=$?
  set -e
  grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|^Done ' "$log" || true
  found=$(find "$findings" -type f | wc -l)
  echo "$fuzzer: exit $rc, findings: $found (in $findings), log: $log"
  if [[ $rc -ne 0 || $found -ne 0 ]]; then
    status=1
    grep -E 'ERROR: |SUMMARY: |runtime error' "$log" | head -5 || true
  fi
done
exit $status
