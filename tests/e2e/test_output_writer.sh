#!/usr/bin/env bash
# Every file rhea writes (report --out, contributors/coupling --out, report --charts DIR) goes
# through one writer (engine/outfile.c) that does what the shell's `>` does with whatever the path
# is, and replaces a plain file atomically: symlink target written and link kept, FIFO and device
# written to, hard links kept, mode and owner kept, a failed write leaves the old file whole.
# Product ids become chart file names escaped, and nothing lands outside the --charts folder.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
REPO=$WORK/wordwise
"$SAMPLE_GEN" "$REPO" >/dev/null
expect_exit 0 "$RHEA" analyze "$REPO" --db "$DB" --rules "$SRC/samples/rules/sample.rules"
expect_exit 0 "$RHEA" report --db "$DB" --format md --rq 1
WANT=$OUT
report() { expect_exit "$1" "$RHEA" report --db "$DB" --format md --rq 1 --out "$2"; }
same() { [ "$(cat "$1")" = "$WANT" ] || fail "$1 does not hold the report"; }

# a new file: mode 0666 less the umask (0644 under umask 022, 0600 under 077)
(umask 022 && report 0 "$WORK/new.md" && exit $FAILS) || fail "new.md"
same "$WORK/new.md"
[ "$(stat -c %a "$WORK/new.md")" = 644 ] || fail "new file mode $(stat -c %a "$WORK/new.md")"
(umask 077 && report 0 "$WORK/new077.md" && exit $FAILS) || fail "new077.md"
[ "$(stat -c %a "$WORK/new077.md")" = 600 ] || fail "umask 077: $(stat -c %a "$WORK/new077.md")"

# 0600 and 0640 files keep their modes; the content is replaced
for m in 600 640 755; do
  echo old >"$WORK/m$m.md"
  chmod "$m" "$WORK/m$m.md"
  report 0 "$WORK/m$m.md"
  same "$WORK/m$m.md"
  [ "$(stat -c %a "$WORK/m$m.md")" = "$m" ] || fail "mode $m became $(stat -c %a "$WORK/m$m.md")"
done

# owner and group kept (only root can give a file away)
if [ "$(id -u)" = 0 ]; then
  echo old >"$WORK/owned.md"
  chown 65534:65534 "$WORK/owned.md"
  report 0 "$WORK/owned.md"
  same "$WORK/owned.md"
  [ "$(stat -c %u:%g "$WORK/owned.md")" = 65534:65534 ] || fail "owner $(stat -c %u:%g "$WORK/owned.md")"
fi

# a symlink stays a link; its target (in another folder) is written; a link to a link too;
# a dangling link creates its target, as `>` does
mkdir "$WORK/elsewhere"
echo old >"$WORK/elsewhere/target.md"
chmod 600 "$WORK/elsewhere/target.md"
ln -s "$WORK/elsewhere/target.md" "$WORK/link.md"
ln -s "$WORK/link.md" "$WORK/link2.md"
report 0 "$WORK/link2.md"
[ -L "$WORK/link.md" ] && [ -L "$WORK/link2.md" ] || fail "a symlink was replaced"
same "$WORK/elsewhere/target.md"
[ "$(stat -c %a "$WORK/elsewhere/target.md")" = 600 ] || fail "symlink target mode changed"
[ -z "$(ls -A "$WORK/elsewhere" | grep -v '^target.md$')" ] || fail "a temporary file was left"
ln -s "$WORK/elsewhere/dangling.md" "$WORK/dangling.md"
report 0 "$WORK/dangling.md"
[ -L "$WORK/dangling.md" ] || fail "dangling link replaced"
same "$WORK/elsewhere/dangling.md"

# hard links: both names still share one inode holding the report
echo old >"$WORK/h1.md"
ln "$WORK/h1.md" "$WORK/h2.md"
ino=$(stat -c %i "$WORK/h1.md")
report 0 "$WORK/h1.md"
[ "$(stat -c %i:%h "$WORK/h1.md")" = "$ino:2" ] || fail "hard link broken: $(stat -c %i:%h "$WORK/h1.md")"
same "$WORK/h2.md"

# a FIFO is written to (a reader drains it) and stays a FIFO
mkfifo "$WORK/fifo"
cat "$WORK/fifo" >"$WORK/from_fifo" &
reader=$!
report 0 "$WORK/fifo"
wait "$reader"
[ -p "$WORK/fifo" ] || fail "the FIFO was replaced"
same "$WORK/from_fifo"

# devices: /dev/null swallows it; /dev/full fails with one line; both stay character devices
report 0 /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a device"
if [ -c /dev/full ]; then
  report 1 /dev/full
  one_line "$ERR"
  expect_match "$ERR" "^rhea report: cannot write /dev/full: No space left on device; free some space"
  [ -c /dev/full ] || fail "/dev/full is no longer a device"
fi

# the same writer behind contributors/coupling --out, json and table formats
ln -s "$WORK/elsewhere/c.json" "$WORK/c.json"
expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --format json --out "$WORK/c.json"
[ -L "$WORK/c.json" ] && grep -q '"core_count"' "$WORK/elsewhere/c.json" || fail "contributors --out via symlink"
echo old >"$WORK/k.csv"
chmod 600 "$WORK/k.csv"
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --format csv --out "$WORK/k.csv"
[ "$(stat -c %a "$WORK/k.csv")" = 600 ] && [ "$(head -c 3 "$WORK/k.csv")" != old ] || fail "coupling --out 0600"

# a write that fails half-way (a 64 KiB file size limit, enough for SQLite's 32 KiB shared-memory
# file, not for the 150 KiB HTML report; SIGXFSZ ignored) leaves the old report whole
# and no temporary file beside it
printf 'old good report\n' >"$WORK/keep.html"
(trap '' XFSZ; ulimit -f 64; exec "$RHEA" report --db "$DB" --format html --out "$WORK/keep.html") 2>"$WORK/err"
rc=$?
[ "$rc" = 1 ] || fail "EFBIG: exit $rc"
# (under ASan, LeakSanitizer's report of fontconfig's suppressed caches may follow: rhea's own
# lines are counted)
[ "$(grep -c '^rhea ' "$WORK/err")" = 1 ] || fail "not one line: $(cat "$WORK/err")"
expect_match "$(cat "$WORK/err")" "cannot write .*keep.html: File too large"
[ "$(cat "$WORK/keep.html")" = "old good report" ] || fail "the old report was damaged"
[ "$(ls -A "$WORK" | grep -c rhea-)" = 0 ] || fail "temporary file left: $(ls -A "$WORK")"

# a folder is refused
mkdir "$WORK/adir"
report 1 "$WORK/adir"
expect_match "$ERR" "cannot write .*adir: it is a folder"

# --charts DIR: a chart file that is a symlink keeps its link; a 0600 chart keeps its mode
CH=$WORK/charts
mkdir "$CH"
echo old >"$WORK/elsewhere/chart.svg"
ln -s "$WORK/elsewhere/chart.svg" "$CH/commits_over_time_wordwise.svg"
echo old >"$CH/commits_over_time_wordwise.png"
chmod 600 "$CH/commits_over_time_wordwise.png"
expect_exit 0 "$RHEA" report --db "$DB" --format md --out /dev/null --charts "$CH"
[ -L "$CH/commits_over_time_wordwise.svg" ] || fail "chart symlink replaced"
grep -q "<svg" "$WORK/elsewhere/chart.svg" || fail "chart symlink target not written"
[ "$(stat -c %a "$CH/commits_over_time_wordwise.png")" = 600 ] || fail "chart mode changed"
[ "$(head -c 4 "$CH/commits_over_time_wordwise.png" | od -An -c | tr -d ' ')" = '211PNG' ] || fail "png not written"

# product ids as chart names: escaped, one file per chart, all inside the named folder
DB2=$WORK/ids.sqlite
mkdir -p "$WORK/deep/x/y"
for id in '../../../escaped' 'a/b' '.' '..' 'c\d' '%41'; do
  expect_exit 0 "$RHEA" analyze "$REPO" --db "$DB2" --product "$id"
done
touch "$WORK/marker"
sleep 1
cd "$WORK/deep/x/y" || exit 1
expect_exit 0 "$RHEA" report --db "$DB2" --format md --out /dev/null --charts .
cd "$WORK" || exit 1
got=$(cd "$WORK/deep/x/y" && ls | grep '\.svg$' | sort | tr '\n' ' ')
want='commits_over_time_%2541.svg commits_over_time_..%2F..%2F..%2Fescaped.svg commits_over_time_...svg commits_over_time_..svg commits_over_time_a%2Fb.svg commits_over_time_c%5Cd.svg cumulative_commits.svg rci.svg '
[ "$got" = "$want" ] || fail "chart names: $got"
outside=$(find "$WORK" -newer "$WORK/marker" -type f ! -path "$WORK/deep/x/y/*" ! -name stderr ! -name 'ids.sqlite*')
[ -z "$outside" ] || fail "written outside the charts folder: $outside"
[ "$(find "$WORK/deep/x/y" -type f | wc -l)" = 24 ] || fail "want 8 charts x 3 files: $(find "$WORK/deep/x/y" -type f)"

# the PNGs are written on -j threads: the same files on one thread and on three; the PDFs carry
# their creation time, $SOURCE_DATE_EPOCH when set (then every file is the same bytes)
for j in 1 3; do
  expect_exit 0 "$RHEA" report --db "$DB2" --format md --out /dev/null --charts "$WORK/j$j" -j $j
done
[ "$(ls "$WORK/j1" | wc -l)" = 24 ] || fail "-j 1: $(ls "$WORK/j1" | wc -l) chart files"
diff -r -x '*.pdf' "$WORK/j1" "$WORK/j3" >/dev/null || fail "--charts -j 3 wrote other files than -j 1"
for j in 1 3; do
  SOURCE_DATE_EPOCH=1700000000 expect_exit 0 "$RHEA" report --db "$DB2" --format md --out /dev/null \
    --charts "$WORK/e$j" -j $j
  sleep 1
done
diff -r "$WORK/e1" "$WORK/e3" >/dev/null || fail "with SOURCE_DATE_EPOCH the chart files differ"
# (cairo 1.16 writes a date it was given without the "D:" prefix it puts before its own)
grep -qaE "CreationDate \((D:)?$(date -u -d @1700000000 +%Y%m%d%H%M%S)" "$WORK/e1/rci.pdf" ||
  fail "the PDF does not carry SOURCE_DATE_EPOCH's date"
SOURCE_DATE_EPOCH=soon expect_exit 1 "$RHEA" report --db "$DB2" --format md --out /dev/null \
  --charts "$WORK/bad-epoch"
one_line "$ERR"
expect_match "$ERR" "^rhea report: SOURCE_DATE_EPOCH 'soon' is not a number of seconds since 1970"
[ ! -e "$WORK/bad-epoch" ] || fail "a bad SOURCE_DATE_EPOCH still wrote charts"
finish
