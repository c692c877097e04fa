#!/usr/bin/env bash
# Crash safety of rhea analyze on a 3000-commit synthetic history:
#  - SIGKILL at >= 20 random points (seeded delays); after each kill the database passes
#    integrity_check and holds only whole commits (every change row of a stored commit, every parent
#    stored); re-running resumes, and the final database equals one made by a single clean run,
#    commit for commit and path for path;
#  - SIGINT stops a run with a one-line message and exit 130, having stored what the message says,
#    and the next run reads exactly the rest;
#  - two rhea processes writing one database at once: each succeeds or fails with a one-line
#    message, the database is never damaged, and a final run completes it to the clean content.
# The clean run itself is checked against git (rev-list count and git log's (commit, path) pairs).
source "$(dirname "$0")/lib.sh"
REPO=$WORK/hist.git
CLEAN=$WORK/clean.sqlite
DB=$WORK/k.sqlite
N=${RHEA_KILL_COMMITS:-3000}
KILLS=${RHEA_KILLS:-20}
RANDOM=${RHEA_KILL_SEED:-6021}
"$SAMPLE_GEN" --synthetic $N --bare "$REPO" >/dev/null || fail "generator failed"

# Background runs exec rhea itself, so that $! is rhea's pid and not a subshell's.
analyze() { "$RHEA" analyze "$REPO" --product "${2:-p}" --db "$1" --quiet --line-stats; }
analyze_bg() { # DB PRODUCT STDERR
  exec "$RHEA" analyze "$REPO" --product "$2" --db "$1" --quiet --line-stats >/dev/null 2>"$3"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# Everything stored for a product, without row ids: commits, parents, changes, product tip.
dump() {
  sqlite3 "$1" "
    SELECT 'C', sha, author_name, author_email, author_time, author_offset, committer_name,
           committer_email, committer_time, committer_offset, mailmap_name, mailmap_email,
           summary, parent_count, is_merge FROM commits WHERE product = '${2:-p}' ORDER BY sha;
    SELECT 'P', c.sha, pa.idx, pa.parent_sha FROM parents pa JOIN commits c USING(cid)
      WHERE c.product = '${2:-p}' ORDER BY 2, 3;
    SELECT 'X', c.sha, p.path, ch.kind, ifnull(ch.added, '-'), ifnull(ch.removed, '-')
      FROM changes ch JOIN commits c USING(cid) JOIN paths p USING(pid)
      WHERE c.product = '${2:-p}' ORDER BY 2, 3;
    SELECT 'T', tip, line_stats FROM products WHERE id = '${2:-p}';"
}
# A run killed before its schema was committed leaves an empty database file: 0 commits.
has_schema() { [ "$(sqlite3 "$1" "SELECT count(*) FROM sqlite_master WHERE name = 'commits'")" = 1 ]; }
count() { if has_schema "$1"; then sqlite3 "$1" "SELECT count(*) FROM commits WHERE product = 'p'"; else echo 0; fi; }

# Only whole commits: each stored commit's run of change rows (schema 6: rows first_change to
# first_change + change_count - 1) holds that many rows of that commit, as many as the clean
# run's, no change row lies outside the runs, and every commit's parents are stored. (A commit's
# changes are looked up by their run: changes has no index on cid, and a subquery on cid per
# commit would read the whole table each time.)
check_whole() {
  local db=$1 what=$2
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "$what: integrity_check"
  has_schema "$db" || return 0
  local bad
  bad=$(sqlite3 "$db" "ATTACH '$CLEAN' AS k;
    SELECT count(*) FROM commits c WHERE c.product = 'p' AND
      ((SELECT count(*) FROM changes ch WHERE ch.rid >= c.first_change
          AND ch.rid < c.first_change + c.change_count AND ch.cid = c.cid) != c.change_count
       OR c.change_count IS NOT
         (SELECT kk.change_count FROM k.commits kk WHERE kk.product = 'p' AND kk.sha = c.sha));
    SELECT (SELECT count(*) FROM changes) - (SELECT total(change_count) FROM commits);
    SELECT count(*) FROM parents pa JOIN commits c USING(cid) WHERE c.product = 'p' AND
      NOT EXISTS (SELECT 1 FROM commits c2 WHERE c2.product = 'p' AND c2.sha = pa.parent_sha);")
  [ "$bad" = "$(printf '0\n0.0\n0')" ] || fail "$what: partial commits or missing parents ($bad)"
}

# The reference: one clean run, checked against git itself.
t0=$(now_ms)
analyze "$CLEAN" >/dev/null || fail "clean run failed"
T=$(($(now_ms) - t0))
[ "$(count "$CLEAN")" = "$(git -C "$REPO" rev-list --count HEAD)" ] || fail "clean count != git"
[ "$(sqlite3 "$CLEAN" "SELECT c.sha || ' ' || p.path FROM commits c JOIN changes USING(cid)
      JOIN paths p USING(pid)" | sort)" = "$(git -C "$REPO" log --no-merges --no-renames \
  --name-only --format='@%H' HEAD | awk '/^@/{c=substr($0,2); next} NF{print c " " $0}' |
  sort)" ] || fail "clean run's (commit, path) pairs differ from git log"
REF=$(dump "$CLEAN")

# SIGKILL at random points. A run that finished before its kill does not count; when the
# database is complete it is removed so that later kills land mid-ingest again.
hits=0 partial=0 tries=0
while [ "$hits" -lt "$KILLS" ] && [ "$tries" -lt $((KILLS * 4)) ]; do
  tries=$((tries + 1))
  delay_ms=$((RANDOM % (T * 3 / 2 + 1)))
  analyze_bg "$DB" p "$WORK/kill.err" &
  pid=$!
  sleep_ms "$delay_ms"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  st=$?
  [ "$st" = 137 ] || [ "$st" = 0 ] || fail "kill $tries: exit $st: $(cat "$WORK/kill.err")"
  [ -e "$DB" ] || continue
  check_whole "$DB" "after kill $tries (${delay_ms} ms)"
  if [ "$st" = 137 ]; then
    hits=$((hits + 1))
    c=$(count "$DB")
    [ "$c" -gt 0 ] && [ "$c" -lt $N ] && partial=$((partial + 1))
  fi
  if [ "$(count "$DB")" = $N ] && [ -n "$(sqlite3 "$DB" "SELECT tip FROM products")" ]; then
    [ "$(dump "$DB")" = "$REF" ] || fail "a database completed between kills differs from the clean one"
    rm -f "$DB" "$DB-wal" "$DB-shm"
  fi
done
[ "$hits" -ge "$KILLS" ] || fail "only $hits kills landed during a run ($tries tries)"
expect_exit 0 analyze "$DB"
[ "$(dump "$DB")" = "$REF" ] || fail "database after kills and resume differs from a clean run"
echo "kill points survived: $hits (runs killed with part of the history stored: $partial; T=${T}ms)"

# SIGINT: a clean stop with a one-line message; the next run reads exactly the rest.
rm -f "$DB" "$DB-wal" "$DB-shm"
got_int=0
for delay_ms in $((T / 2)) $((T / 3)) $((T / 4)) $((T / 2)) $((T / 3)) $((T / 5)) $((2 * T / 3)); do
  analyze_bg "$DB" p "$WORK/int.err" &
  pid=$!
  sleep_ms "$delay_ms"
  kill -INT "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  st=$?
  ERR=$(cat "$WORK/int.err")
  if [ "$st" = 130 ] && [ -n "$ERR" ]; then
    got_int=1
    break
  fi
  rm -f "$DB" "$DB-wal" "$DB-shm"
done
if [ "$got_int" = 1 ]; then
  one_line "$ERR"
  expect_match "$ERR" "^rhea analyze: interrupted: [0-9]+ new commits stored for p; run the same command again to resume$"
  stored=$(printf '%s' "$ERR" | sed -E 's/.*interrupted: ([0-9]+) new.*/\1/')
  [ "$(count "$DB")" = "$stored" ] || fail "SIGINT message says $stored stored, database has $(count "$DB")"
  check_whole "$DB" "after SIGINT"
  expect_exit 0 "$RHEA" analyze "$REPO" --product p --db "$DB" --quiet --line-stats
  expect_match "$OUT" "^p: $((N - stored)) new commits read, [0-9]+ changed paths; $N commits stored"
  [ "$(dump "$DB")" = "$REF" ] || fail "database after SIGINT and resume differs from a clean run"
else
  fail "no run was caught by SIGINT mid-ingest"
fi

# Two writers at once, same product and then two products, with seeded start offsets.
concurrent_ok() { # status stderr
  [ "$1" = 0 ] && return 0
  [ "$1" = 1 ] && one_line "$2" &&
    printf '%s' "$2" | grep -qE "another rhea process|locked by another process"
}
for round in 1 2 3 4 5 6; do
  rm -f "$DB" "$DB-wal" "$DB-shm"
  second=p
  [ $((round % 2)) = 0 ] && second=q
  analyze_bg "$DB" p "$WORK/a.err" &
  pa=$!
  sleep_ms $((RANDOM % (T / 2 + 1)))
  analyze_bg "$DB" "$second" "$WORK/b.err" &
  pb=$!
  wait "$pa"
  sa=$?
  wait "$pb"
  sb=$?
  concurrent_ok "$sa" "$(cat "$WORK/a.err")" || fail "round $round: first writer: $sa $(cat "$WORK/a.err")"
  concurrent_ok "$sb" "$(cat "$WORK/b.err")" || fail "round $round: second writer: $sb $(cat "$WORK/b.err")"
  [ "$sa" = 0 ] || [ "$sb" = 0 ] || fail "round $round: both writers failed"
  [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "round $round: integrity_check"
  analyze "$DB" p >/dev/null || fail "round $round: the run after the race failed"
  [ "$(dump "$DB")" = "$REF" ] || fail "round $round: product p differs from a clean run"
  if [ "$second" = q ]; then
    analyze "$DB" q >/dev/null || fail "round $round: the run of q after the race failed"
    [ "$(dump "$DB" q)" = "$REF" ] ||
      fail "round $round: product q differs from a clean run"
  fi
done
finish
