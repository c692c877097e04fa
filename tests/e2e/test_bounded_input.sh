#!/usr/bin/env bash
# Every input file is read in bounded memory by one reader (engine/lines.c, RHEA_INPUT_MAX =
# 64 MiB): /dev/zero (endless, read until the limit) and a 65 MiB file (refused from its size)
# given to each input option give one line "FILE: the KIND is larger than 64 MiB, rhea's limit
# for it; ...", exit 1, nothing stored. Before, /dev/zero grew rhea to many GB.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
REPO=$WORK/wordwise
"$SAMPLE_GEN" "$REPO" >/dev/null
expect_exit 0 "$RHEA" analyze "$REPO" --db "$DB"
dump() { sqlite3 "$DB" .dump 2>/dev/null | md5sum; }
before=$(dump)
BIG=$WORK/big
truncate -s 65M "$BIG" # sparse: 65 MiB of zero bytes that use no disk
mkdir "$WORK/data"
ln -s /dev/zero "$WORK/data/ml-libraries.tsv"

# peak memory in KiB when GNU time is there (not under ASan: its shadow memory counts too)
TIMEV=
if [ -x /usr/bin/time ] && ! ldd "${RHEA_REAL:-$RHEA}" 2>/dev/null | grep -q asan; then
  TIMEV=/usr/bin/time
fi
# check KIND FILE CMD...: CMD (with FILE in it) fails with the size limit of KIND, quickly and
# in bounded memory
check() {
  local kind=$1 file=$2
  shift 2
  if [ -n "$TIMEV" ]; then
    expect_exit 1 timeout 120 "$TIMEV" -f 'maxrss=%M' -o "$WORK/rss" "$@"
    local rss
    rss=$(sed -n 's/^maxrss=//p' "$WORK/rss")
    [ "${rss:-0}" -lt 400000 ] || fail "$*: ${rss} KiB"
  else
    expect_exit 1 timeout 120 "$@"
  fi
  one_line "$ERR"
  expect_match "$ERR" "^rhea [a-z]+: ([^ ]*m.tsv:2: )?$file: the $kind is larger than 64 MiB, rhea's limit for it; check that this is the right file, or split it$"
}

for f in /dev/zero "$BIG"; do
  check "rules file" "$f" "$RHEA" analyze "$REPO" --db "$DB" --product other --rules "$f"
  check "rules file" "$f" "$RHEA" classify --product wordwise --db "$DB" --rules "$f"
  for cmd in contributors coupling; do
    check "rules file" "$f" "$RHEA" $cmd --product wordwise --db "$DB" --rules "$f"
  done
  check "rules file" "$f" "$RHEA" trend --product wordwise --window year --db "$DB" --rules "$f"
  check "rules file" "$f" "$RHEA" report --db "$DB" --rules "$f"
  check "backgrounds file" "$f" "$RHEA" contributors --product wordwise --db "$DB" --backgrounds "$f"
  check "backgrounds file" "$f" "$RHEA" report --db "$DB" --backgrounds "$f"
  check "manifest" "$f" "$RHEA" study "$f" --db "$DB" --clones "$WORK"
done
for f in /dev/zero "$BIG"; do
  check "judgments file" "$f" "$RHEA" report --db "$DB" --judgments "$f"
  check "verdicts file" "$f" "$RHEA" verdicts "$f"
done
# the evidence catalog (RHEA_DATA_DIR) behind report's RQ2-RQ6
ln -s /dev/zero "$WORK/data/evidence.tsv"
check "evidence catalog" "$WORK/data/evidence.tsv" env RHEA_DATA_DIR="$WORK/data" \
  "$RHEA" report --db "$DB"
# a manifest whose rules column names the big file
printf 'id\trepository\trules\nW\twordwise\t%s\n' "$BIG" >"$WORK/m.tsv"
check "rules file" "$BIG" "$RHEA" study "$WORK/m.tsv" --db "$DB" --clones "$WORK"
# the ML library catalog (RHEA_DATA_DIR) behind --content-signals
check "ML library catalog" "$WORK/data/ml-libraries.tsv" env RHEA_DATA_DIR="$WORK/data" \
  "$RHEA" contributors --product wordwise --db "$DB" --content-signals
[ "$(dump)" = "$before" ] || fail "the database changed"

# a repository's .mailmap: committed (the tip's tree), and only in the work tree; the size is read
# from the object header before libgit2 would load it
if command -v git >/dev/null; then
  M=$WORK/mm
  git init -q "$M"
  echo x >"$M/a.txt"
  cp --sparse=always "$BIG" "$M/.mailmap"
  git -C "$M" add -A
  git -C "$M" -c user.name=A -c user.email=a@x commit -qm big
  check_mm() {
    expect_exit 1 "$RHEA" analyze "$M" --db "$DB" --product mm
    one_line "$ERR"
    expect_match "$ERR" "^rhea analyze: $M:$1: the mailmap is larger than 64 MiB \\(68157440 bytes\\), rhea's limit for it; shorten it$"
  }
  check_mm '\.mailmap'
  git -C "$M" rm -q --cached .mailmap
  git -C "$M" -c user.name=A -c user.email=a@x commit -qm "untracked mailmap"
  check_mm '\.mailmap \(work tree\)'
  [ "$(dump)" = "$before" ] || fail "the database changed"
fi

# just under the limit is read (a rules file of 64 MiB - 1 byte of blank lines: no rule)
head -c $((64 * 1024 * 1024 - 1)) /dev/zero | tr '\0' '\n' >"$WORK/blank.rules"
expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --rules "$WORK/blank.rules" --format csv
expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --format csv
want=$OUT
expect_exit 0 "$RHEA" classify --product wordwise --db "$DB" --rules "$WORK/blank.rules" --format csv
[ "$OUT" = "$want" ] || fail "a blank 64 MiB rules file did not act as no rules"
finish
