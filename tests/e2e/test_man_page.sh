#!/usr/bin/env bash
# The man page (docs/rhea.1): man -l renders it without a warning, it has a section (.SS "rhea
# CMD ...") for every command `rhea --help` lists, and the long options of `rhea CMD --help` are
# exactly those that command's section lists. Skips (exit 77) when man is not installed (man-db).
source "$(dirname "$0")/lib.sh"
PAGE=$SRC/docs/rhea.1
if ! command -v man >/dev/null; then
  skip "man is not installed (apt-get install man-db)"
  finish
fi
export LC_ALL=C.UTF-8 MANWIDTH=200 MANPAGER=cat PAGER=cat
# man writes hyphens and minus signs as U+2010 or U+2212 in some locales: read them as '-'
man --warnings -l "$PAGE" 2>"$WORK/warnings" | sed 's/\xe2\x80\x90/-/g; s/\xe2\x88\x92/-/g' >"$WORK/page"
[ -s "$WORK/page" ] || fail "man -l rendered nothing"
[ ! -s "$WORK/warnings" ] || fail "man -l warns: $(head -3 "$WORK/warnings")"
grep -q "^NAME" "$WORK/page" || fail "no NAME section"

expect_exit 0 "$RHEA" --help
COMMANDS=$(sed -n '/^commands:/,/^$/p' <<<"$OUT" | awk 'NR > 1 && NF { print $1 }')
[ "$(wc -w <<<"$COMMANDS")" -ge 7 ] || fail "rhea --help lists too few commands: $COMMANDS"
for cmd in $COMMANDS; do
  # the command's section: from its heading to the next heading
  awk -v c="$cmd" '
    /^   rhea [a-z]+/ { on = ($2 == c) }
    /^[A-Z]/ { on = 0 }
    on' "$WORK/page" >"$WORK/section"
  if [ ! -s "$WORK/section" ]; then
    fail "no section for 'rhea $cmd' in the man page"
    continue
  fi
  expect_exit 0 "$RHEA" "$cmd" --help
  for opt in $(grep -oE -- '--[a-z][a-z-]*' <<<"$OUT" | sort -u); do
    [ "$opt" = --help ] && continue
    grep -qE -- "(^|[ ,])$opt([=, ]|$)" "$WORK/section" || fail "rhea $cmd $opt is not in its man page section"
  done
  # and the other way: every option the section lists as a tag (7 spaces in), the command takes
  for opt in $(grep -oE -- '^       (-[a-z], )?--[a-z][a-z-]*' "$WORK/section" | grep -oE -- '--[a-z-]+'); do
    grep -qE -- "(^|[ ,])$opt([=, ]|$)" <<<"$OUT" || fail "the man page lists rhea $cmd $opt, which rhea $cmd --help does not"
  done
done
finish
