#!/usr/bin/env bash
# Checks a collab .deb without installing it: its control fields, its dependencies on the runtime
# libraries, and that it ships usr/bin/collab. Lists the man pages and shell completions when the
# package has them (they are optional here). scripts/test.sh runs it on the package packed from its build.
#
#   tests/package/check_deb.sh PATH.deb
set -euo pipefail
deb=${1:?usage: check_deb.sh PATH.deb}
[ -f "$deb" ] || { echo "no such file: $deb" >&2; exit 2; }

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

info=$(dpkg-deb -I "$deb")
contents=$(dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's|^\./||')
field() { dpkg-deb -f "$deb" "$1"; }

[ "$(field Package)" = collab ] || fail "Package is '$(field Package)', expected collab"
[ -n "$(field Version)" ] || fail "no Version"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
depends=$(field Depends)
echo "Package: $(field Package) $(field Version) ($(field Architecture))"
echo "Depends: $depends"

# Each runtime library, as the Debian 12 package that holds it (dpkg -S on the linked .so files).
# Package names only: "libfmt9 (>= 9.1.0+ds1), tzdata" -> libfmt9, tzdata (alternatives split too).
names=$(tr ',|' '\n\n' <<< "$depends" | sed 's/(.*//; s/:.*//; s/ //g' | sed '/^$/d')
for lib in libyaml-0-2 libfmt9 libdate-tz3 libmimalloc2.0 libstdc++6 libc6 tzdata; do
  grep -Fxq "$lib" <<< "$names" || fail "Depends lacks $lib"
done

grep -qx 'usr/bin/collab' <<< "$contents" || fail "no usr/bin/collab in the package"
mode=$(dpkg-deb -c "$deb" | awk '$NF == "./usr/bin/collab" { print $1 }')
[[ "$mode" == -rwxr-xr-x ]] || fail "usr/bin/collab has mode '$mode', expected -rwxr-xr-x"

optional=$(grep -E '^usr/share/(man/man1/collab[^/]*\.1(\.gz)?|bash-completion/completions/collab|zsh/[^ ]*/_collab|fish/[^ ]*/collab\.fish)$' <<< "$contents" || true)
if [ -n "$optional" ]; then
  echo "Man pages and completions:"
  sed 's/^/  /' <<< "$optional"
else
  echo "Man pages and completions: none in this package"
fi

if [ "$failures" -ne 0 ]; then
  echo "$info" >&2
  echo "$failures check(s) failed for $deb" >&2
  exit 1
fi
echo "ok: $deb"
