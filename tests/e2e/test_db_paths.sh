#!/usr/bin/env bash
# --db must name a database file: SQLite's special names, folders, devices and FIFOs are refused
# with the fix (exit 2 for a name that can never work, 1 for a file in a bad state), and a
# read-only, truncated or damaged database gives one line saying what is wrong and what to do.
# Nothing is created beside the path and the file given is left as it was.
source "$(dirname "$0")/lib.sh"
REPO=$WORK/wordwise
"$SAMPLE_GEN" "$REPO" >/dev/null
cd "$WORK" || exit 1
GOOD=$WORK/good.sqlite
expect_exit 0 "$RHEA" analyze "$REPO" --db "$GOOD"
before=$(ls -A "$WORK" | sort)

# names SQLite treats specially, for a writer and a reader: exit 2, nothing created
for db in '' ':memory:' 'file:x.sqlite' 'file:x?mode=memory' 'file::memory:?cache=shared'; do
  expect_exit 2 "$RHEA" analyze "$REPO" --db "$db"
  one_line "$ERR"
  # (the empty string is refused by the shared option parser, the rest by engine/store_path.c)
  expect_match "$ERR" "^rhea analyze: --db '[^']*': (empty; give a value or leave --db out|empty path; name a database file|SQLite's in-memory and URI names store nothing)"
  expect_exit 2 "$RHEA" contributors --product wordwise --db "$db"
  expect_match "$ERR" "^rhea contributors: --db "
done
[ "$(ls -A "$WORK" | sort)" = "$before" ] || fail "files created: $(ls -A "$WORK")"
# ./file:x is a file so named, as the message says
expect_exit 0 "$RHEA" analyze "$REPO" --db ./file:x.sqlite
[ -f "$WORK/file:x.sqlite" ] || fail "./file:x.sqlite was not created"

# not regular files: folder (1), device and FIFO (2); nothing created beside them
mkdir "$WORK/folder"
expect_exit 1 "$RHEA" analyze "$REPO" --db "$WORK/folder"
expect_match "$ERR" "folder: is a directory, not a database file; pass --db with a file path"
for dev in /dev/null /dev/zero; do
  had=$(ls -d "$dev"-* 2>/dev/null)
  expect_exit 2 "$RHEA" analyze "$REPO" --db "$dev"
  expect_match "$ERR" "^rhea analyze: $dev: is a device, not a database file; pass --db with a regular file path(; see rhea analyze --help)?$"
  expect_exit 2 "$RHEA" report --db "$dev"
  [ -c "$dev" ] && [ "$(ls -d "$dev"-* 2>/dev/null)" = "$had" ] || fail "$dev damaged or journal created"
done
mkfifo "$WORK/fifo"
expect_exit 2 timeout 10 "$RHEA" report --db "$WORK/fifo"
expect_match "$ERR" "fifo: is a FIFO, not a database file"

# a read-only database: a writer is refused (root too), a reader still reads it
cp "$GOOD" "$WORK/ro.sqlite"
chmod 444 "$WORK/ro.sqlite"
sum=$(md5sum <"$WORK/ro.sqlite")
expect_exit 1 "$RHEA" analyze "$REPO" --db "$WORK/ro.sqlite" --product other
one_line "$ERR"
expect_match "$ERR" "ro.sqlite: the database file is read-only; make it writable \(chmod u\+w\) or pass --db with another path$"
expect_exit 0 "$RHEA" contributors --product wordwise --db "$WORK/ro.sqlite" --format json
expect_match "$OUT" '"commits" *: *11,'
[ "$(md5sum <"$WORK/ro.sqlite")" = "$sum" ] || fail "read-only database changed"

# truncated: to 20000 bytes (mid-page) and to 50 bytes (inside the header); both kinds of command
size=$(stat -c %s "$GOOD")
for cut in 20000 50; do
  cp "$GOOD" "$WORK/t$cut.sqlite"
  truncate -s "$cut" "$WORK/t$cut.sqlite"
  for cmd in "analyze $REPO" "report" "contributors --product wordwise"; do
    # shellcheck disable=SC2086
    expect_exit 1 "$RHEA" $cmd --db "$WORK/t$cut.sqlite"
    one_line "$ERR"
    if [ "$cut" = 50 ]; then
      expect_match "$ERR" "t50.sqlite: truncated database \(50 bytes, shorter than its header\); restore it from a backup"
    else
      expect_match "$ERR" "t20000.sqlite: truncated database \(20000 of $size bytes\); restore it from a backup, or move it away and run rhea analyze again$"
    fi
  done
  [ "$(stat -c %s "$WORK/t$cut.sqlite")" = "$cut" ] || fail "truncated database was modified"
done

# damaged pages (garbage over pages 2 to 4: schema and product tables): never "no products",
# never SQLite's bare words
cp "$GOOD" "$WORK/bad.sqlite"
yes 'garbage' | head -c 12288 >"$WORK/noise"
dd if="$WORK/noise" of="$WORK/bad.sqlite" bs=4096 seek=1 conv=notrunc status=none
for cmd in "analyze $REPO" "report" "contributors --product wordwise" "coupling --product wordwise"; do
  # shellcheck disable=SC2086
  expect_exit 1 "$RHEA" $cmd --db "$WORK/bad.sqlite"
  one_line "$ERR"
  expect_match "$ERR" "bad.sqlite: .*(the database file is damaged; restore it from a backup|not a SQLite database)"
done
# a file that is not SQLite at all
printf 'hello, not a database\n' >"$WORK/notes.sqlite"
expect_exit 1 "$RHEA" report --db "$WORK/notes.sqlite"
expect_match "$ERR" "notes.sqlite: not a SQLite database; pass --db with another path$"
[ "$(cat "$WORK/notes.sqlite")" = "hello, not a database" ] || fail "notes.sqlite changed"
finish
