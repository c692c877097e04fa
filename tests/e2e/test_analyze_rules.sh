#!/usr/bin/env bash
# rhea analyze --rules: a bad rules file stops the run before the database is touched, with
# FILE:LINE; a good one is recorded (path and text) with the product.
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
"$SAMPLE_GEN" "$WORK/sample" >/dev/null

printf '# fine\nml model/\nnonml\n' >"$WORK/nopat.rules"
expect_exit 1 "$RHEA" analyze "$WORK/sample" --db "$DB" --rules "$WORK/nopat.rules"
expect_match "$ERR" "nopat\.rules:3: rule 'nonml' has no pattern"
one_line "$ERR"
[ ! -e "$DB" ] || fail "a bad rules file created the database"

printf 'ml model/\r\nmachine-learning x\r\n' >"$WORK/label.rules"
expect_exit 1 "$RHEA" analyze "$WORK/sample" --db "$DB" --rules "$WORK/label.rules"
expect_match "$ERR" "label\.rules:2: unknown label 'machine-learning'"
printf 'ml a\0b\n' >"$WORK/nul.rules"
expect_exit 1 "$RHEA" analyze "$WORK/sample" --db "$DB" --rules "$WORK/nul.rules"
expect_match "$ERR" "nul\.rules:1: NUL byte"
expect_exit 1 "$RHEA" analyze "$WORK/sample" --db "$DB" --rules "$WORK/absent.rules"
expect_match "$ERR" "absent\.rules: cannot read the rules file \(no such file\)"
[ ! -e "$DB" ] || fail "a bad rules file created the database"

# a stored product is left as it was by a later bad run
expect_exit 0 "$RHEA" analyze "$WORK/sample" --product w --db "$DB" --rules "$SRC/samples/rules/sample.rules" -q
before=$(sqlite3 "$DB" "SELECT rules_path || '|' || rules_text FROM products WHERE id='w'")
[ "$before" = "$SRC/samples/rules/sample.rules|$(cat "$SRC/samples/rules/sample.rules")" ] ||
  fail "recorded rules: $before"
expect_exit 1 "$RHEA" analyze "$WORK/sample" --product w --db "$DB" --rules "$WORK/label.rules"
after=$(sqlite3 "$DB" "SELECT rules_path || '|' || rules_text FROM products WHERE id='w'")
[ "$before" = "$after" ] || fail "a bad rules file changed the recorded rules"
finish
