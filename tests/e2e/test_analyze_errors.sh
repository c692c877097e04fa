#!/usr/bin/env bash
# rhea analyze on bad input: each a one-line message, the right exit status, and nothing damaged.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite

expect_exit 2 "$RHEA"
expect_exit 0 "$RHEA" --help
expect_match "$OUT" "analyze"
expect_exit 0 "$RHEA" --version
expect_match "$OUT" "^rhea [0-9]+\.[0-9]+\.[0-9]+"
expect_exit 0 "$RHEA" analyze --help
expect_match "$OUT" "--line-stats"
expect_exit 2 "$RHEA" nosuchcommand
expect_exit 2 "$RHEA" analyze
expect_match "$ERR" "missing REPO"
expect_exit 2 "$RHEA" analyze --no-such-option x

expect_exit 1 "$RHEA" analyze "$WORK/absent" --db "$DB"
expect_match "$ERR" "absent: no such directory"
one_line "$ERR"
touch "$WORK/file"
expect_exit 1 "$RHEA" analyze "$WORK/file" --db "$DB"
expect_match "$ERR" "file: not a directory"
mkdir "$WORK/plain"
expect_exit 1 "$RHEA" analyze "$WORK/plain" --db "$DB"
expect_match "$ERR" "plain: not a git repository"
one_line "$ERR"
[ ! -e "$DB" ] || fail "a failed analyze created the database"

git init -q "$WORK/empty"
expect_exit 0 "$RHEA" analyze "$WORK/empty" --db "$DB"
expect_match "$OUT" "has no commits yet; nothing stored"
[ ! -e "$DB" ] || fail "an empty repository created the database"

"$SAMPLE_GEN" "$WORK/sample" >/dev/null
expect_exit 1 "$RHEA" analyze "$WORK/sample" --ref no-such-branch --db "$DB"
expect_match "$ERR" "no ref or commit named 'no-such-branch'"
one_line "$ERR"

# a file that is not a database is left as it was
printf 'my thesis notes\n' >"$WORK/notes.sqlite"
expect_exit 1 "$RHEA" analyze "$WORK/sample" --db "$WORK/notes.sqlite"
expect_match "$ERR" "notes.sqlite: not a SQLite database"
one_line "$ERR"
[ "$(cat "$WORK/notes.sqlite")" = "my thesis notes" ] || fail "notes.sqlite was changed"

# a database from a newer rhea is refused
sqlite3 "$WORK/newer.sqlite" "PRAGMA user_version=42; CREATE TABLE future(x);"
expect_exit 1 "$RHEA" analyze "$WORK/sample" --db "$WORK/newer.sqlite"
expect_match "$ERR" "schema version 42 is newer"

# a database path inside a folder that does not exist
expect_exit 1 "$RHEA" analyze "$WORK/sample" --db "$WORK/no/such/dir/r.sqlite"
expect_match "$ERR" "cannot open the database"
one_line "$ERR"

# a shallow clone: analyzed, with a warning that history is cut
git clone -q --depth 3 "file://$WORK/sample" "$WORK/shallow" 2>/dev/null
expect_exit 0 "$RHEA" analyze "$WORK/shallow" --db "$DB"
expect_match "$ERR" "shallow clone"
expect_match "$OUT" "3 new commits read"
finish
