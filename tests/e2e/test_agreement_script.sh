#!/usr/bin/env bash
# tests/validation/agreement.py, the tool that produces issue 11's agreement figure, on a
# repository written with git and a reading written by hand. The repository (as in
# test_evidence.sh): 2018-01-01 train.py (import tensorflow, model.fit); 2018-03-01 README.md with
# an "## Ethics" heading; 2019-01-15 gui.py (import tkinter). rhea's verdicts, by hand: model
# source self-trained, pipeline manual steps, trajectory model-first, responsible_ai yes, the
# other yes/no keys no, retraining none. The reading of P1 agrees on 13 keys and says cloud yes
# and trajectory together: 13/15, the two named with the reading's value first; the per-key
# table gives cloud and trajectory 0/1. A reading of a product not in the database (P2) is an
# error row and exit status 1; bad arguments are one-line errors.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || { echo "SKIP: git not installed"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not installed"; exit 77; }
AGREE="$SRC/tests/validation/agreement.py"
R=$WORK/repo
DB=$WORK/r.sqlite
git init -q "$R"
commit() { # DATE MESSAGE
  (cd "$R" && git add -A && GIT_AUTHOR_DATE="$1T12:00:00Z" GIT_COMMITTER_DATE="$1T12:00:00Z" \
    git -c user.name=Ann -c user.email=ann@example.com commit -qm "$2")
}
printf 'import tensorflow as tf\nmodel.fit(x, y)\n' >"$R/train.py"
commit 2018-01-01 model
printf '# Tool\nWe use tensorflow.\n## Ethics\nBe kind.\n' >"$R/README.md"
commit 2018-03-01 readme
printf '# the window\nimport tkinter as tk\n' >"$R/gui.py"
commit 2019-01-15 gui
expect_exit 0 "$RHEA" analyze "$R" --product P1 --db "$DB" --quiet

READ=$WORK/readings
mkdir -p "$READ"
{
  printf '# P1, read by hand for this test\n'
  printf 'key\tvalue\tevidence\tnote\n'
  printf 'model_source\tself-trained\ttrain.py\tfit\n'
  printf 'multiple_models\tno\ttrain.py\tone model\n'
  printf 'pipeline\tmanual\ttrain.py\tno automation\n'
  for k in model_docs data_docs big_data; do printf '%s\tno\t-\tnone\n' "$k"; done
  printf 'cloud\tyes\t-\ta wrong reading on purpose\n'
  for k in software_tests model_eval data_validation; do printf '%s\tno\t-\tnone\n' "$k"; done
  printf 'retraining\tnone\t-\tnone\n'
  printf 'telemetry\tno\t-\tnone\nmlops\tno\t-\tnone\n'
  printf 'responsible_ai\tyes\tREADME.md:3\tEthics\n'
  printf 'trajectory\ttogether\t-\ta wrong reading on purpose\n'
} >"$READ/P1.tsv"

expect_exit 0 python3 "$AGREE" "$(dirname "$RHEA")" "$DB" --readings "$READ"
expect_match "$OUT" '^\| P1 \| 13/15 \| cloud: yes -> no; trajectory: together -> model-first \|$'
expect_match "$OUT" '^\| cloud \| 0/1 \| P1 \|$'
expect_match "$OUT" '^\| trajectory \| 0/1 \| P1 \|$'
expect_match "$OUT" '^\| model_source \| 1/1 \| - \|$'
expect_match "$OUT" '^\| pipeline \| 1/1 \| - \|$'
expect_match "$OUT" '^TOTAL 13/15 = 87%$'
expect_exit 0 python3 "$AGREE" "$(dirname "$RHEA")" "$DB" --readings "$READ" --format tsv
expect_match "$OUT" $'^P1\t13/15\tcloud: yes -> no; trajectory: together -> model-first$'

# a product rhea does not know: an error row, the others still counted, exit status 1
cp "$READ/P1.tsv" "$READ/P2.tsv"
expect_exit 1 python3 "$AGREE" "$(dirname "$RHEA")" "$DB" --readings "$READ"
expect_match "$OUT" "^\| P2 \| error \| .*no product 'P2'"
expect_match "$OUT" '^TOTAL 13/15 = 87%$'

# bad arguments: one line naming the thing and the fix, nothing written
expect_exit 1 python3 "$AGREE" "$WORK" "$DB" --readings "$READ"
one_line "$ERR"
expect_match "$ERR" 'is not an executable; build rhea first'
expect_exit 1 python3 "$AGREE" "$(dirname "$RHEA")" "$WORK/none.sqlite" --readings "$READ"
one_line "$ERR"
expect_match "$ERR" 'none.sqlite does not exist; give the study database'
mkdir -p "$WORK/empty"
expect_exit 1 python3 "$AGREE" "$(dirname "$RHEA")" "$DB" --readings "$WORK/empty"
one_line "$ERR"
expect_match "$ERR" 'no P\*.tsv readings in .*empty; name the folder with --readings'
[ ! -e "$WORK/none.sqlite" ] || fail "a missing database was created"
finish
