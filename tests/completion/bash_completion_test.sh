#!/usr/bin/env bash
# Usage: bash_completion_test.sh COLLAB EXAMPLE_DIR
# Sources `collab completion bash` and simulates TAB presses by setting COMP_WORDS/COMP_CWORD/COMP_LINE and
# calling the completion function; then checks zsh/fish syntax when those shells are installed.
set -u
collab="$1"
example="$2"
pdsa_example="$(dirname "$example")/chs-interprofessional"  # the example with PDSA cycles
mel_example="$(dirname "$example")/r4d-phc-network"  # the example with evaluation files
passed=0
failed=0

# shellcheck disable=SC1090
source <("$collab" completion bash) || { echo "FAIL: cannot source the bash script"; exit 1; }
complete -p collab >/dev/null || { echo "FAIL: no 'complete' registered for collab"; exit 1; }

# complete_words WORD... : the words of the line, the last one being the word under the cursor.
complete_words() {
  COMP_WORDS=("$collab" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _collab
}

# expect "what" "wanted1 wanted2" WORD... : every wanted word is among COMPREPLY.
expect() {
  local what="$1" wanted="$2" w
  shift 2
  complete_words "$@"
  for w in $wanted; do
    if [[ " ${COMPREPLY[*]} " != *" $w "* ]]; then
      echo "FAIL: $what: '$w' not in: ${COMPREPLY[*]}"
      failed=$((failed + 1))
      return
    fi
  done
  echo "ok: $what"
  passed=$((passed + 1))
}

# expect_not "what" "unwanted" WORD...
expect_not() {
  local what="$1" unwanted="$2" w
  shift 2
  complete_words "$@"
  for w in $unwanted; do
    if [[ " ${COMPREPLY[*]} " == *" $w "* ]]; then
      echo "FAIL: $what: '$w' should not be in: ${COMPREPLY[*]}"
      failed=$((failed + 1))
      return
    fi
  done
  echo "ok: $what"
  passed=$((passed + 1))
}

expect "commands" "init validate score-eoi enroll schedule metrics report pdsa mel completion man" ""
expect_not "hidden --ids not offered" "--ids" completion --
expect "enroll subcommands" "import teams add-eoi add-team add-member move-member set-member remove-member withdraw" enroll ""
expect "option prefix" "--format" validate --for
expect "format choices" "text json github" validate --format ""
expect "global options" "-C --quiet --no-color --version" -
expect "init templates" "cln breakthrough-series" init --template ""
expect "member IDs" "diego-chandler" -C "$example" enroll move-member ""
expect "member IDs with a prefix" "diego-chandler" -C "$example" enroll set-member die
expect "team IDs for --to" "bayview" -C "$example" enroll move-member diego-chandler --to ""
expect "team IDs for --team" "bayview" -C "$example" enroll add-member --team ""
expect "team IDs for withdraw" "bayview" -C "$example" enroll withdraw ""
expect "EOI IDs for enroll teams" "bayview-eoi" -C "$example" enroll teams ""
expect "EOI IDs for --explain" "bayview-eoi" -C "$example" score-eoi --explain ""
expect "member IDs after a flag" "diego-chandler" -C "$example" enroll remove-member --dry-run ""
expect "options after a value option" "--strict" -C "$example" validate --s
expect "measure IDs for --measure" "tfcbt-completion trauma-screening" -C "$example" metrics --measure ""
expect "team IDs for report --team" "bayview" -C "$example" report --team ""
expect_not "no team IDs for a period's --to" "bayview" -C "$example" metrics --to ""
expect "metrics sections" "measures completeness network" metrics --section ""
expect "report formats" "html markdown json" report --format ""
expect "metrics import" "import" metrics ""
expect "event IDs for schedule slots --event" "learning-session-1" -C "$example" schedule slots --event ""
expect "pdsa subcommands" "add decide list" pdsa ""
expect "decisions for pdsa decide" "adopt adapt abandon" pdsa decide --decision ""
expect "cycle IDs for pdsa decide" "role-cards-1 weekly-huddle-3" -C "$pdsa_example" pdsa decide ""
expect "cycle IDs for --builds-on" "role-cards-2" -C "$pdsa_example" pdsa add --builds-on ""
expect "idea IDs for --idea" "role-cards weekly-huddle" -C "$pdsa_example" pdsa add --idea ""
expect_not "no cycle IDs for pdsa add --team" "role-cards-1" -C "$pdsa_example" pdsa add --team ""
expect "mel subcommands" "import vote outcome substantiate contribute" mel ""
expect "survey IDs for mel import --survey" "event-feedback follow-up" -C "$mel_example" mel import --survey ""
expect "outcome IDs for mel substantiate" "kenya-ring-fencing" -C "$mel_example" mel substantiate ""
expect "verdicts for mel substantiate" "confirmed partly not-confirmed" mel substantiate --verdict ""
expect "categories for mel contribute" "hosting time travel expertise" mel contribute --category ""

# Without a collaborative, IDs are simply absent: no error text in the replies.
nowhere="$(mktemp -d)"
complete_words -C "$nowhere" enroll move-member ""
if [ "${#COMPREPLY[@]}" -eq 0 ]; then echo "ok: no IDs without a collaborative"; passed=$((passed + 1));
else echo "FAIL: no collaborative gave: ${COMPREPLY[*]}"; failed=$((failed + 1)); fi
out="$("$collab" -C "$nowhere" completion --ids teams 2>&1)"; rc=$?
if [ "$rc" -eq 0 ] && [ -z "$out" ]; then echo "ok: --ids silent without a collaborative"; passed=$((passed + 1));
else echo "FAIL: --ids without a collaborative: rc=$rc out=$out"; failed=$((failed + 1)); fi
rmdir "$nowhere"

# The other shells: syntax only, when installed.
for shell in zsh fish; do
  if command -v "$shell" >/dev/null 2>&1; then
    if "$collab" completion "$shell" | "$shell" -n; then echo "ok: $shell syntax"; passed=$((passed + 1));
    else echo "FAIL: $shell syntax"; failed=$((failed + 1)); fi
  else
    echo "skip: $shell is not installed"
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
