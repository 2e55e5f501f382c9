#!/usr/bin/env bash
# Runs one end-to-end case: the real collab binary on real files, compared with golden files.
#
#   run_case.sh COLLAB_BINARY CASE_DIR
#
# A case folder holds:
#   cmd            the arguments to collab, written as in a shell (quotes work); one command a line, run
#                  in order in the same folder (their outputs are concatenated, one exit code a line)
#   example        optional: a path below the repository (examples/nctsn-tf-cbt) copied in as the input
#   input/         optional: the input tree, copied in as is
#   overlay/       optional: files laid over a copy of tests/e2e/base (a small valid collaborative)
#   remove         optional: paths (one a line) deleted from the input before the run
#   env            optional: VAR=value lines exported for the run
#   expected/stdout, expected/stderr, expected/exit_code
#   expected/tree  optional: every path in the folder after the run, sorted (proves what was or was not written)
#   expected/files/ optional: files whose exact content after the run is checked
# collab runs in a fresh temporary copy of the input, with no standard input and NO_COLOR=1.
# COLLAB_UPDATE_GOLDENS=1 rewrites the expected files from what the run produced; review the diff.
set -u
bin=$(realpath "$1")
case_dir=$(realpath "$2")
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$work" "$out"' EXIT

[ -f "$case_dir/example" ] && cp -R "$repo/$(tr -d '\n' < "$case_dir/example")/." "$work/"
[ -d "$case_dir/input" ] && cp -R "$case_dir/input/." "$work/"
if [ -d "$case_dir/overlay" ]; then
  cp -R "$repo/tests/e2e/base/." "$work/"
  cp -R "$case_dir/overlay/." "$work/"
fi
if [ -f "$case_dir/remove" ]; then
  while IFS= read -r path; do [ -n "$path" ] && rm -rf "${work:?}/$path"; done < "$case_dir/remove"
fi

(
  cd "$work" || exit 99
  export NO_COLOR=1 TZ=UTC LC_ALL=C.UTF-8
  unset COLLAB_DIR GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
  # The copy is not in git, even when the temporary folder lies inside a repository.
  export GIT_CEILING_DIRECTORIES="$(dirname "$work")"
  if [ -f "$case_dir/env" ]; then
    while IFS= read -r line; do [ -n "$line" ] && export "${line?}"; done < "$case_dir/env"
  fi
  : > "$out/stdout"; : > "$out/stderr"; : > "$out/exit_code"
  while IFS= read -r command_line || [ -n "$command_line" ]; do
    [ -n "$command_line" ] || continue
    eval "args=($command_line)"
    "$bin" "${args[@]}" < /dev/null >> "$out/stdout" 2>> "$out/stderr"
    echo $? >> "$out/exit_code"
  done < "$case_dir/cmd"
)
(cd "$work" && find . -mindepth 1 | LC_ALL=C sort) > "$out/tree"

expected="$case_dir/expected"
if [ "${COLLAB_UPDATE_GOLDENS:-}" = 1 ]; then
  mkdir -p "$expected"
  cp "$out/stdout" "$out/stderr" "$out/exit_code" "$expected/"
  [ -f "$expected/tree" ] && cp "$out/tree" "$expected/tree"
  if [ -d "$expected/files" ]; then
    (cd "$expected/files" && find . -type f) | while IFS= read -r f; do cp "$work/$f" "$expected/files/$f"; done
  fi
  echo "updated $case_dir"
  exit 0
fi

status=0
for f in exit_code stdout stderr tree; do
  [ -f "$expected/$f" ] || { [ "$f" = tree ] && continue; echo "missing $expected/$f"; status=1; continue; }
  if ! diff -u "$expected/$f" "$out/$f"; then
    echo "^^^ $f differs from $expected/$f"
    status=1
  fi
done
if [ -d "$expected/files" ]; then
  while IFS= read -r f; do
    if ! diff -u "$expected/files/$f" "$work/$f"; then
      echo "^^^ written file $f differs"
      status=1
    fi
  done < <(cd "$expected/files" && find . -type f | LC_ALL=C sort)
fi
exit $status
