#!/usr/bin/env bash
# The command line's smaller rules (docs/reliability.md, rules 4 and 10), several instances each:
# every reading command uses the window a study fixed and says so; study --clones naming no folder
# fails; a repository rhea may not read or git does not trust is named so; coupling's dropped
# transactions reach JSON and CSV; CSV carries no raw control bytes; report takes the
# contributors' options; trend prints its title once. Counts are the sample product's
# (samples/sample_product.c): 13 commits, of which 1 merge and 1 bot commit, so 11 counted.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
"$SAMPLE_GEN" "$WORK/wordwise" >/dev/null
expect_exit 0 "$RHEA" analyze "$WORK/wordwise" --db "$DB" -q --rules "$SRC/samples/rules/sample.rules"

# ---- rule 4: the study's date is every command's default --until, and it is stated ----
mkdir -p "$WORK/clones"
cp -r "$WORK/wordwise" "$WORK/clones/wordwise"
printf 'id\trepository\trules\nS1\tacme/wordwise\t%s\n' "$SRC/samples/rules/sample.rules" >"$WORK/m.tsv"
SDB=$WORK/s.sqlite
expect_exit 0 "$RHEA" study "$WORK/m.tsv" --clones "$WORK/clones" --db "$SDB" --until 2023-01-13 -q
# the commits before 2023-01-13, as git counts them (no merges, no bot)
WANT=$(git -C "$WORK/wordwise" log --no-merges --before=2023-01-13T00:00:00Z --format='%ae' |
  grep -vc 'dependabot')
expect_exit 0 "$RHEA" contributors --product S1 --db "$SDB" --format json
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["window"] == "before 2023-01-13 (the study'"'"'s date)", d["window"]
assert sum(c["commits"] for c in d["all"]) == int(sys.argv[1]), (d["all"], sys.argv[1])' "$WANT" ||
  fail "contributors does not use the study's date"
expect_exit 0 "$RHEA" contributors --product S1 --db "$SDB"
expect_match "$OUT" "^Contributors of S1 \(before 2023-01-13 \(the study's date\)\)$"
expect_exit 0 "$RHEA" coupling --product S1 --db "$SDB" --permutations 0 --bootstrap 0
expect_match "$OUT" "^Coupling of ML and non-ML code in S1 \(before 2023-01-13 \(the study's date\)\)$"
# an explicit --until wins, and then no study's date is claimed
expect_exit 0 "$RHEA" contributors --product S1 --db "$SDB" --until 2030-01-01 --format json
expect_match "$OUT" '"window": "before 2030-01-01"'
# --since after the study's date: an empty window, said as such
expect_exit 2 "$RHEA" contributors --product S1 --db "$SDB" --since 2024-01-01
expect_match "$ERR" "not before the study's date 2023-01-13"
one_line "$ERR"

# ---- rule 10: study --clones must name a folder ----
for clones in "$WORK/absent" "$WORK/m.tsv"; do
  rm -f "$WORK/c.sqlite"
  expect_exit 1 "$RHEA" study "$WORK/m.tsv" --clones "$clones" --db "$WORK/c.sqlite"
  one_line "$ERR"
  expect_match "$ERR" "^rhea study: --clones .*: (no such folder|not a folder); name the folder"
  [ ! -e "$WORK/c.sqlite" ] || fail "study --clones $clones created the database"
done

# ---- rule 10: a repository rhea may not read, or git does not trust, is named so ----
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  cp -r "$WORK/wordwise" "$WORK/theirs"
  chown -R nobody "$WORK/theirs"
  expect_exit 1 "$RHEA" analyze "$WORK/theirs" --db "$WORK/o.sqlite" -q
  one_line "$ERR"
  expect_match "$ERR" "owned by another user \(nobody\).*dubious ownership.*git config --global --add safe.directory $WORK/theirs$"
  # the advice works: with the folder trusted, the same command reads it
  mkdir -p "$WORK/home"
  HOME=$WORK/home git config --global --add safe.directory "$WORK/theirs"
  HOME=$WORK/home expect_exit 0 "$RHEA" analyze "$WORK/theirs" --db "$WORK/o.sqlite" -q
  if command -v setpriv >/dev/null; then
    chmod 711 "$WORK"
    cp -r "$WORK/wordwise" "$WORK/mine"
    chmod 700 "$WORK/mine/.git"
    as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent "$@"; }
    expect_exit 1 as_nobody "$RHEA" analyze "$WORK/mine" --db /nonexistent/x.sqlite -q
    expect_match "$ERR" "mine/\.git: permission denied \(owned by root\)"
    chmod 700 "$WORK/mine"
    expect_exit 1 as_nobody "$RHEA" analyze "$WORK/mine" --db /nonexistent/x.sqlite -q
    expect_match "$ERR" "mine: permission denied \(owned by root\)"
    expect_exit 1 as_nobody "$RHEA" analyze "$WORK/mine/sub" --db /nonexistent/x.sqlite -q
    expect_match "$ERR" "mine/sub: permission denied"
    chmod 700 "$WORK"
  fi
else
  echo "SKIP: ownership checks need root and a user nobody"
fi

# ---- rule 10: coupling's dropped transactions in every format; --max-files 0 is no cap ----
# --max-files 2 drops commit 10 (app/main.js model/predict.py app/keyboard.js), the only
# transaction of more than 2 counted files
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --max-files 2 --format json
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert (d["max_files"], d["dropped_large"], d["transactions"]) == (2, 1, 10), d' ||
  fail "coupling JSON lacks the dropped count"
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --max-files 2 --format csv
expect_match "$OUT" "^max_files,2,"
expect_match "$OUT" "^dropped_large,1,"
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --max-files 2
expect_match "$OUT" "^dropped_large +1 +transactions dropped by --max-files"
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --max-files 0 --format json
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert (d["max_files"], d["dropped_large"], d["transactions"]) == (None, 0, 11), d' ||
  fail "coupling --max-files 0 is not 'no cap'"
for cmd in coupling report trend; do
  expect_exit 0 "$RHEA" "$cmd" --help
  expect_match "$OUT" "--max-files=N +Drop transactions with more than N files \(default 0: no cap\)"
done

# ---- rule 10: CSV carries no raw control bytes from author names (text replaces them too) ----
R=$WORK/ctl
git init -q "$R"
n=0
for name in $'Eve\e[31m Red' $'Bell\a Ringer' $'Del\x7f Ete'; do
  n=$((n + 1))
  echo "$name" >>"$R/f.txt"
  git -C "$R" add f.txt
  GIT_AUTHOR_DATE=2023-01-01T00:00:00Z GIT_COMMITTER_DATE=2023-01-01T00:00:00Z \
    git -C "$R" -c user.name="$name" -c user.email="x$n@example.com" commit -qm c
done
[ "$(git -C "$R" log --format=%an | grep -c $'[\e\a\x7f]')" = 3 ] || fail "git did not keep the control bytes"
expect_exit 0 "$RHEA" analyze "$R" --db "$WORK/ctl.sqlite" -q
for fmt in csv text md; do
  expect_exit 0 "$RHEA" contributors --product ctl --db "$WORK/ctl.sqlite" --format "$fmt"
  if printf '%s' "$OUT" | grep -q $'[\e\a\x7f]'; then
    fail "contributors --format $fmt writes raw control bytes"
  fi
  expect_match "$OUT" "Eve�(\\\\)?\\[31m Red" # md writes \[
  expect_match "$OUT" "Bell� Ringer"
done

# ---- rule 10: report takes --threshold, --include-bots and --include-merges ----
rq1() { "$RHEA" report --db "$DB" --rq 1 --format csv --permutations 0 --bootstrap 0 "$@" |
  python3 -c 'import csv,sys; r=next(csv.DictReader(sys.stdin.read().split("\r\n\r\n")[0].splitlines())); print(r["commits"], r["core"])'; }
[ "$(rq1)" = "11 2" ] || fail "report: $(rq1), want 11 commits and 2 core (Alice 5 + Bob 4 >= 8.8)"
# 100%: everyone is core
[ "$(rq1 --threshold 1)" = "11 3" ] || fail "report --threshold 1: $(rq1 --threshold 1)"
# 0.4: Alice's 5 of 11 (45%) reach it alone
[ "$(rq1 --threshold 0.4)" = "11 1" ] || fail "report --threshold 0.4: $(rq1 --threshold 0.4)"
# the bot's commit counts: 12
[ "$(rq1 --include-bots | cut -d' ' -f1)" = 12 ] || fail "report --include-bots: $(rq1 --include-bots)"
# and the merge: 12 without the bot
[ "$(rq1 --include-merges | cut -d' ' -f1)" = 12 ] || fail "report --include-merges: $(rq1 --include-merges)"

# what the report says it counted is what it counted
expect_exit 0 "$RHEA" report --db "$DB" --rq 1 --permutations 0 --bootstrap 0 --threshold 0.4 --include-bots
expect_match "$OUT" "Core contributors made 40% of the commits"
expect_match "$OUT" "bots counted\. Core: the fewest contributors making 40% of the commits"
# report --top: the same pairs as coupling --top (tests/golden/sample/coupling.text): predict.py
# with keyboard.js in commits 5 and 10, with main.js in commit 10
expect_exit 0 "$RHEA" report --db "$DB" --rq 1 --permutations 0 --bootstrap 0 --top 2 --format csv
expect_match "$OUT" "^model/predict\.py,app/keyboard\.js,2,"
expect_match "$OUT" "^model/predict\.py,app/main\.js,1,"
expect_exit 0 "$RHEA" report --db "$DB" --rq 1 --permutations 0 --bootstrap 0 --format csv
if grep -q "model/predict" <<<"$OUT"; then fail "report lists pairs without --top"; fi

# ---- rule 10: trend prints its title once ----
for fmt in text md; do
  expect_exit 0 "$RHEA" trend --product wordwise --db "$DB" --window month --permutations 0 --bootstrap 0 --format "$fmt"
  [ "$(grep -c 'rhea trend: per month' <<<"$OUT")" = 1 ] || fail "trend --format $fmt: the title is not printed once"
done
finish
