#!/usr/bin/env bash
# rhea study -j N: products ingested in child processes and folded into the study database in
# manifest order.
#  - -j 1, -j 2 and -j 4 write the same database (every row of every table but the ingest time,
#    paths and commit ids included) and the same lines, for a manifest with an absent repository,
#    an empty one and a ref that does not exist (its error named by the product id, exit 1);
#  - no temporary database is left beside the study's, and a re-run reads nothing new;
#  - SIGKILL of a -j 2 study at seeded random points leaves only whole products (each as many
#    commits as in the clean run, integrity_check ok), and re-running completes it to the clean
#    database, sweeping the temporary databases the killed run left;
#  - SIGINT to the study: exit 130 with one line, whole products, no temporary file, resumable;
#  - temporary databases of dead processes are swept, the user's look-alikes are kept;
#  - -j 0 and -j x are refused with one line.
source "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 missing"; exit 77; }
cd "$WORK" || exit 1
"$SAMPLE_GEN" s1 >/dev/null
"$SAMPLE_GEN" --synthetic 1500 s2 >/dev/null
"$SAMPLE_GEN" --synthetic 1000 s3 >/dev/null
git clone -q s1 s4
git clone -q s2 s5
git init -q empty
printf 'ml model/\n' >r.rules
{
  printf 'id\trepository\tname\trules\tref\n'
  printf 'P1\ts1\tOne\tr.rules\t\nP2\ts2\tTwo\t\t\nP3\ts3\tThree\t\t\nP4\ts4\tFour\tr.rules\t\n'
  printf 'P5\ts5\tFive\t\t\nP6\tmissing\tSix\t\t\nP7\tempty\tSeven\t\t\nP8\ts3\tEight\t\tno-such-branch\n'
} >m.tsv
{
  printf 'id\trepository\tname\trules\n'
  printf 'P1\ts1\tOne\tr.rules\nP2\ts2\tTwo\t\nP3\ts3\tThree\t\nP4\ts4\tFour\tr.rules\n'
  printf 'P5\ts5\tFive\t\nP6\tmissing\tSix\t\n'
} >ok.tsv

# every row of every table, ids included; products without ingested_at (the time of the run);
# sorted, since the order of the schema's statements records when an index was last built (a bulk
# load builds its indexes at its end), not what the database holds
dump() {
  sqlite3 "$1" .dump | grep -v '^INSERT INTO products ' | LC_ALL=C sort
  sqlite3 "$1" "SELECT id, repo_path, ref, tip, rules_path, rules_text, line_stats, shallow
    FROM products ORDER BY id"
}
temps() { find "$WORK" -maxdepth 2 -name '.*.part-*' | sort; }
study() { # DB JOBS [MANIFEST]
  "$RHEA" study "${3:-m.tsv}" --clones . --db "$1" --until 2030-01-01 --line-stats -j "$2"
}

for j in 1 2 4; do
  mkdir "j$j"
  expect_exit 1 study "j$j/s.sqlite" "$j"
  printf '%s\n' "$OUT" | sed "s#j$j/##" >"j$j.out"
  printf '%s\n' "$ERR" >"j$j.err"
  dump "j$j/s.sqlite" >"j$j.dump"
  expect_match "$OUT" "^study: 5 products analyzed, 2 skipped, 1 failed; 4026 new commits read"
  expect_match "$OUT" "^P7: .*has no commits yet"
  expect_match "$OUT" "^P6: skipped: missing not found in \.$"
  [ "$(grep -c . "j$j.err")" = 1 ] || fail "-j $j: not one error line: $ERR"
  expect_match "$ERR" "^rhea study: P8: "
done
[ "$(grep -c '^INSERT INTO changes' j1.dump)" -gt 5000 ] || fail "the -j 1 study stored too little"
for j in 2 4; do
  diff j1.dump "j$j.dump" >&2 || fail "-j $j database differs from -j 1"
  diff j1.out "j$j.out" >&2 || fail "-j $j output differs from -j 1"
  diff j1.err "j$j.err" >&2 || fail "-j $j errors differ from -j 1"
done
[ -z "$(temps)" ] || fail "temporary databases left: $(temps)"
expect_exit 1 study j2/s.sqlite 2
expect_match "$OUT" "^study: 5 products analyzed, 2 skipped, 1 failed; 0 new commits read"
[ "$(dump j2/s.sqlite)" = "$(cat j1.dump)" ] || fail "a re-run changed the database"

# The clean reference for the interrupted runs: the manifest without the failing rows.
now_ms() { echo $(($(date +%s%N) / 1000000)); }
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
t0=$(now_ms)
expect_exit 0 study clean.sqlite 1 ok.tsv
T=$(($(now_ms) - t0))
REF=$(dump clean.sqlite)
# only whole products: each stored product has the clean run's number of commits and changes
check_whole() {
  [ -e "$1" ] || return 0
  [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ] || fail "$2: integrity_check"
  [ "$(sqlite3 "$1" "SELECT count(*) FROM sqlite_master WHERE name = 'commits'")" = 1 ] || return 0
  local bad
  bad=$(sqlite3 "$1" "ATTACH 'clean.sqlite' AS k;
    SELECT p.id FROM products p WHERE
      (SELECT count(*) FROM commits WHERE product = p.id) !=
      (SELECT count(*) FROM k.commits WHERE product = p.id) OR
      (SELECT count(*) FROM changes JOIN commits USING(cid) WHERE product = p.id) !=
      (SELECT count(*) FROM k.changes JOIN k.commits USING(cid) WHERE product = p.id)")
  [ -z "$bad" ] || fail "$2: partial products: $bad"
}
RANDOM=${RHEA_KILL_SEED:-1313}
hits=0 tries=0
while [ "$hits" -lt 6 ] && [ "$tries" -lt 40 ]; do
  tries=$((tries + 1))
  delay_ms=$((RANDOM % (T * 2 / 3 + 1)))
  (exec "$RHEA" study ok.tsv --clones . --db k.sqlite --until 2030-01-01 --line-stats -j 2 \
    >/dev/null 2>kill.err) &
  pid=$!
  sleep_ms "$delay_ms"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  st=$?
  [ "$st" = 137 ] || [ "$st" = 0 ] || fail "kill $tries: exit $st: $(cat kill.err)"
  [ "$st" = 137 ] && hits=$((hits + 1))
  check_whole k.sqlite "after kill $tries (${delay_ms} ms)"
  # a finished study is set aside, so that the next kills land mid-study again
  if [ -e k.sqlite ] && [ "$(sqlite3 k.sqlite "SELECT count(tip) FROM products" 2>/dev/null)" = 5 ]; then
    sleep 0.2 # the metadata of the last product follows its merge
    mv k.sqlite k.done.sqlite && rm -f k.sqlite-wal k.sqlite-shm
  fi
done
[ "$hits" -ge 6 ] || fail "only $hits kills landed during a run ($tries tries)"
echo "kills landed: $hits of $tries tries (T=${T} ms)"
sleep 1 # the killed study's children end on SIGTERM from its death
expect_exit 0 study k.sqlite 2 ok.tsv
[ "$(dump k.sqlite)" = "$REF" ] || fail "database after kills and resume differs from a clean run"
[ -z "$(temps)" ] || fail "temporary databases left after the resume: $(temps)"

# SIGINT to the study alone (not its process group): it stops its children and says so.
got_int=0
for delay_ms in $((T / 3)) $((T / 2)) $((T / 4)) $((2 * T / 3)) $((T / 5)); do
  rm -f i.sqlite i.sqlite-wal i.sqlite-shm
  (exec "$RHEA" study ok.tsv --clones . --db i.sqlite --until 2030-01-01 --line-stats -j 2 \
    >/dev/null 2>int.err) &
  pid=$!
  sleep_ms "$delay_ms"
  kill -INT "$pid" 2>/dev/null
  wait "$pid"
  st=$?
  ERR=$(cat int.err)
  # exit 130 without a message: the signal came before the study set its handler (startup)
  if [ "$st" = 130 ] && [ -n "$ERR" ]; then
    got_int=1
    break
  fi
done
if [ "$got_int" = 1 ]; then
  one_line "$ERR"
  expect_match "$ERR" "^rhea study: (P[0-9]: )?interrupted.*run the same command again to resume$"
  check_whole i.sqlite "after SIGINT"
  [ -z "$(temps)" ] || fail "temporary databases left after SIGINT: $(temps)"
  expect_exit 0 study i.sqlite 2 ok.tsv
  [ "$(dump i.sqlite)" = "$REF" ] || fail "database after SIGINT and resume differs from a clean run"
else
  fail "no run was caught by SIGINT mid-study"
fi

# the temporary databases of a dead process are swept; look-alikes of the user's are kept
mkdir sweep
sh -c 'exit 0' &
dead=$!
wait "$dead"
for f in ".s.sqlite.part-$dead-AbC123" ".s.sqlite.part-$dead-AbC123-wal" \
  ".s.sqlite.part-$$-XyZ789" ".s.sqlite.part-x1-AbC123" ".s.sqlite.part-$dead-AbC123.bak" \
  ".t.sqlite.part-$dead-AbC123" "keep.txt"; do
  printf 'user data\n' >"sweep/$f"
done
expect_exit 0 study sweep/s.sqlite 2 ok.tsv
# compared as sorted sets: PIDs wrap, so the dead one may sort before or after this shell's
left=$(cd sweep && ls -A | grep -v '^s\.sqlite' | LC_ALL=C sort | tr '\n' ' ')
want=$(printf '%s\n' ".s.sqlite.part-$$-XyZ789" ".s.sqlite.part-$dead-AbC123.bak" \
  ".s.sqlite.part-x1-AbC123" ".t.sqlite.part-$dead-AbC123" "keep.txt" | LC_ALL=C sort | tr '\n' ' ')
[ "$left" = "$want" ] || fail "after the sweep: $left (want $want)"

# -j takes 1 to 1024
for bad in 0 x -1 1025; do
  expect_exit 2 "$RHEA" study ok.tsv --clones . --db bad.sqlite -j "$bad"
  one_line "$ERR"
  expect_match "$ERR" "^rhea study: .*(jobs|-j).*; see rhea study --help$"
done
[ ! -e bad.sqlite ] || fail "a refused -j created the database"
finish
