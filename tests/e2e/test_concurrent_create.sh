#!/usr/bin/env bash
# Regression: several rhea processes creating the same new database at once. Each must succeed
# (they write different products; the busy timeout serializes them) and none may take the
# half-created database for a foreign one ("not rhea's"), which it did when the schema version
# and the table count were read in two transactions.
source "$(dirname "$0")/lib.sh"
"$SAMPLE_GEN" "$WORK/s" >/dev/null
ROUNDS=${RHEA_CREATE_ROUNDS:-25}
for round in $(seq "$ROUNDS"); do
  DB=$WORK/c$round.sqlite
  pids=""
  for k in 1 2 3 4; do
    "$RHEA" analyze "$WORK/s" --product "p$k" --db "$DB" --quiet >/dev/null 2>"$WORK/e$k" &
    pids="$pids $!"
  done
  k=0
  for pid in $pids; do
    k=$((k + 1))
    wait "$pid" || fail "round $round, writer $k: $(cat "$WORK/e$k")"
  done
  [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "round $round: integrity_check"
  # each product holds the sample's 13 commits (samples/sample_product.c)
  [ "$(sqlite3 "$DB" "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM commits
    GROUP BY product ORDER BY product)")" = "13 13 13 13" ] || fail "round $round: counts"
done
finish
