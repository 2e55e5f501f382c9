#!/usr/bin/env bash
# The pre-commit hook of .pre-commit-hooks.yaml, run for real with Debian's pre-commit: in a throwaway git
# repository holding a copy of an example, `pre-commit try-repo` runs collab-validate from this repository
# on a broken file (the hook must fail and name the line) and on the repaired one (it must pass).
#
#   tests/package/pre_commit_test.sh COLLAB_BINARY
set -uo pipefail
bin=$(realpath "${1:?usage: pre_commit_test.sh COLLAB_BINARY}")
repo=$(cd "$(dirname "$0")/../.." && pwd)
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (scripts/install-deps.sh installs it)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$(dirname "$bin"):$PATH" PRE_COMMIT_HOME="$work/cache" NO_COLOR=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.org GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.org

# try-repo takes a repository: a snapshot of this one's tracked files, committed in a scratch clone.
git -C "$repo" ls-files -z | (cd "$repo" && tar --null -T - -cf -) | (mkdir -p "$work/hooks" && cd "$work/hooks" && tar -xf -)
git -C "$work/hooks" init -q && git -C "$work/hooks" add -A && git -C "$work/hooks" commit -qm snapshot

mkdir -p "$work/lc" && cp -R "$repo/examples/r4d-phc-network/." "$work/lc/"
git -C "$work/lc" init -q
cd "$work/lc" || exit 1
passed=0 failed=0
check() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $*"; fi; }

sed -i 's/^organization: .*/organization: nowhere/' teams/kenya.yaml
out=$(pre-commit try-repo "$work/hooks" collab-validate --files teams/kenya.yaml 2>&1)
status=$?
check [ "$status" -ne 0 ]
check grep -q "teams/kenya.yaml:.*no organization 'nowhere' in organizations/" <<<"$out"

git checkout -q -- . 2>/dev/null || cp "$repo/examples/r4d-phc-network/teams/kenya.yaml" teams/kenya.yaml
out=$(pre-commit try-repo "$work/hooks" collab-validate --files teams/kenya.yaml 2>&1)
check [ $? -eq 0 ]
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
