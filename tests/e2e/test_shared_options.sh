#!/usr/bin/env bash
# Every command takes its shared options from one place (cli/cli_options.c) and validates them one
# way: the same bad value gets the same exit code (2) and a message of the same shape from every
# command that takes the option,
#     rhea COMMAND: --OPTION 'VALUE': what is wrong; what to use; see rhea COMMAND --help
# and a good value is honoured exactly (docs/reliability.md, rules 9 and 10).
source "$(dirname "$0")/lib.sh"
DB=$WORK/r.sqlite
"$SAMPLE_GEN" "$WORK/wordwise" >/dev/null
expect_exit 0 "$RHEA" analyze "$WORK/wordwise" --db "$DB" -q

# shape CMD OPTION ARGS...: exit 2, one line, naming the option in the shared shape
shape() {
  local cmd=$1 opt=$2
  shift 2
  expect_exit 2 "$RHEA" "$cmd" "$@"
  one_line "$ERR"
  expect_match "$ERR" "^rhea $cmd: $opt '.*': .+; see rhea $cmd --help$"
}

READERS="classify contributors coupling report trend sensitivity"
ALL="analyze study $READERS"
# the database and the products: every command
for cmd in $ALL; do
  shape "$cmd" --db --db ''
  shape "$cmd" --db --db "$DB" --db "$DB" # given twice: which one would win is a guess
done
for cmd in $READERS; do
  shape "$cmd" --product --product ''
  shape "$cmd" --product --product $'a\tb'
  shape "$cmd" --product --product wordwise --product wordwise
  shape "$cmd" --format --format xml
  shape "$cmd" --format --format ''
  shape "$cmd" --rules --rules ''
  shape "$cmd" --out --out ''
  shape "$cmd" --out -o x --out y
done
shape analyze --product --product ''
shape analyze --ref --ref ''
# a single product is once: classify, contributors and coupling refuse a second one
for cmd in classify contributors coupling sensitivity; do
  shape "$cmd" --product --product a --product b
done
# the window: every reading command, and study's fixed date
for cmd in contributors coupling report trend sensitivity; do
  for bad in 2023-13-01 2023-02-30 yesterday '' 2023-01-01T10:00:00.5Z 01/02/2023; do
    shape "$cmd" --since --since "$bad"
    shape "$cmd" --until --until "$bad"
  done
  shape "$cmd" --since --since 2023-01-01 --since 2023-02-01
done
shape study --until --until 2023-13-01
# statistics: coupling, report, trend
for cmd in coupling report trend; do
  for opt in --permutations --bootstrap --max-files; do
    for bad in -1 '' x 1e3 0x10 ' 5' +5 4294967296 10000000000000000000000; do
      shape "$cmd" "$opt" "$opt" "$bad"
    done
  done
  for bad in -1 '' 1.5 0x10 9223372036854775808 18446744073709551616; do
    shape "$cmd" --seed --seed "$bad"
  done
done
# contributors' options: contributors, report, trend
for cmd in contributors report trend; do
  for bad in 0 0.0 1.5 -0.5 nan inf 0x1p-1 80% 8e-1 '' 1..2 .; do
    shape "$cmd" --threshold --threshold "$bad"
  done
  shape "$cmd" --bot-pattern --bot-pattern '('
  shape "$cmd" --bot-pattern --bot-pattern '' # would make everyone a bot
done
shape coupling --top --top -1
# issue 14's own numbers: the silo's shuffles and seed, logical commits, parts
for bad in -1 '' x 1e3 0x10 4294967296; do
  shape contributors --permutations --permutations "$bad"
  shape coupling --logical-commits --logical-commits "$bad"
done
shape contributors --seed --seed -1
shape coupling --parts --parts ''
shape coupling --between --between ''
shape sensitivity --bot-pattern --bot-pattern '('
shape trend --window --window fortnight --product wordwise
shape trend --metric --metric everything --product wordwise --window month
# what is missing, in the same shape without a value
for cmd in classify contributors coupling trend sensitivity; do
  expect_exit 2 "$RHEA" "$cmd" --db "$DB"
  expect_match "$ERR" "^rhea $cmd: missing --product ID; see rhea $cmd --help$"
done
shape report --rq --rq 7
shape study --clones --clones ''
shape classify --explain --explain ''

# verdicts takes the output group too
shape verdicts --format --format xml
shape verdicts --out --out ''
# merge takes --quiet only: --line-stats would be taken and not used
expect_exit 2 "$RHEA" merge --line-stats "$WORK/out.sqlite" "$DB"
expect_match "$ERR" "^rhea merge: Unknown option --line-stats; see rhea merge --help$"

# usage lines name the command as it is typed
for cmd in $ALL verdicts merge; do
  expect_exit 0 "$RHEA" "$cmd" --help
  expect_match "$OUT" "^  rhea $cmd \[OPTION…\]"
done

# good values are honoured exactly and shown as used: 010 is ten (GOption read it as eight),
# the largest seed is kept whole, and --threshold 0.855 is shown as 85.5%, not 86%
expect_exit 0 "$RHEA" coupling --product wordwise --db "$DB" --format json --permutations 010 \
  --bootstrap 0 --seed 9223372036854775807
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["permutations"] == 10 and d["bootstrap"] == 0, d
assert d["seed"] == 9223372036854775807, d["seed"]' || fail "coupling did not use the values given"
# file names keep their bytes: --out and --db with a byte that is not UTF-8
expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --format csv --out "$WORK/"$'\xff'".csv"
[ -s "$WORK/"$'\xff'".csv" ] || fail "--out with a non-UTF-8 name did not write that file"
cp "$DB" "$WORK/"$'\xfe'".sqlite"
expect_exit 0 "$RHEA" coupling --product wordwise --db "$WORK/"$'\xfe'".sqlite" --permutations 0 --bootstrap 0
# report's RQ1-only options with another RQ would be taken and not used: refused
shape report --rq --rq 2 --top 3
shape report --rq --rq 3 --backgrounds "$WORK/none.csv"
# classify --match-pattern (a test tool's mode) takes no other option
expect_exit 2 "$RHEA" classify --match-pattern '*.py' --format csv
expect_match "$ERR" "^rhea classify: --match-pattern takes no other option; see rhea classify --help$"
# --line-stats is all or nothing for a product: asked for on a product read without it, it is
# refused (only new commits would get counts, the old ones would show 0); left out on a product
# read with it, the product keeps it (Alice's 4 ML lines, as in tests/golden/sample, stay)
expect_exit 2 "$RHEA" analyze "$WORK/wordwise" --db "$DB" -q --line-stats
expect_match "$ERR" "^rhea analyze: --line-stats: product 'wordwise' in .* was read without it"
expect_exit 0 "$RHEA" analyze "$WORK/wordwise" --db "$DB" -q --product lines --line-stats \
  --rules "$SRC/samples/rules/sample.rules"
git -C "$WORK/wordwise" -c user.name=Zed -c user.email=zed@example.com commit -q --allow-empty -m more
expect_exit 0 "$RHEA" analyze "$WORK/wordwise" --db "$DB" -q --product lines
expect_match "$OUT" "lines: 1 new commits read"
expect_exit 0 "$RHEA" contributors --product lines --db "$DB" --format json
printf '%s' "$OUT" | python3 -c '
import json, sys
a = {c["name"]: c for c in json.load(sys.stdin)["all"]}
assert (a["Alice Smith"]["ml_lines"], a["Alice Smith"]["nonml_lines"]) == (4, 12), a["Alice Smith"]
assert a["Zed"]["ml_lines"] == 0, a["Zed"]' || fail "the line counts were not kept"
expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --threshold 0.855
expect_match "$OUT" "made at least 85.5% of the commits"
expect_exit 0 "$RHEA" contributors --product wordwise --db "$DB" --threshold 1
expect_match "$OUT" "3 core contributors made at least 100% of the commits"
finish
