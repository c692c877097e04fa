#!/usr/bin/env bash
# Every shipped rules file (samples/rules/P*.rules) parses and labels its product's paths as its
# curator meant: for each file, tests/data/paths/<ID>.txt (ID = the name up to the first '-') lists
# real paths of that product's history, each with the label worked out by reading the product
# (LABEL<TAB>PATH; a line without a tab is a path whose label is not checked; '#' starts a comment
# line). The test builds a one-commit git repository holding those paths, runs rhea analyze with
# the rules (which rejects a bad file), then checks
#   - every listed label equals the label rhea classify gives the path, and
#   - every rule of the file matches at least one listed path (rhea classify --explain lists it;
#     its JSON is read with python3),
#     so a rule that became dead, or a list that stopped covering a rule, fails here.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null && command -v python3 >/dev/null || exit 77

TAB=$'\t'
export GIT_AUTHOR_NAME=Curator GIT_AUTHOR_EMAIL=curator@example.com
export GIT_COMMITTER_NAME=Curator GIT_COMMITTER_EMAIL=curator@example.com
export GIT_AUTHOR_DATE='2023-01-02T03:04:05Z' GIT_COMMITTER_DATE='2023-01-02T03:04:05Z'

shopt -s nullglob
rules_files=("$SRC"/samples/rules/P*.rules)
[ ${#rules_files[@]} -ge 16 ] || fail "only ${#rules_files[@]} shipped rules files found in $SRC/samples/rules"

checked=0
for rules in "${rules_files[@]}"; do
  base=$(basename "$rules" .rules)
  id=${base%%-*}
  list="$SRC/tests/data/paths/$id.txt"
  if [ ! -f "$list" ]; then
    fail "$base: no fixture path list $list"
    continue
  fi
  repo="$WORK/repo-$id"
  db="$WORK/$id.sqlite"
  git init -q "$repo"
  unset want
  declare -A want=()
  paths=()
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    if [[ "$line" == *"$TAB"* ]]; then
      label=${line%%"$TAB"*}
      path=${line#*"$TAB"}
    else
      label=
      path=$line
    fi
    if [ -n "${want[$path]+set}" ]; then
      fail "$id: '$path' is listed twice in $list"
      continue
    fi
    mkdir -p "$repo/$(dirname -- "$path")"
    printf '%s\n' "$path" >"$repo/$path"
    want[$path]=$label
    paths+=("$path")
  done <"$list"
  [ ${#paths[@]} -gt 0 ] || fail "$id: $list lists no path"
  git -C "$repo" add -A -f . && git -C "$repo" commit -qm "paths of $id" || fail "$id: cannot build the fixture repository"

  if ! out=$("$RHEA" analyze "$repo" --product "$id" --rules "$rules" --db "$db" --quiet 2>"$WORK/err"); then
    fail "$base: rhea analyze rejects it: $(cat "$WORK/err")"
    continue
  fi
  [ ! -s "$WORK/err" ] || fail "$id: rhea analyze wrote to stderr: $(cat "$WORK/err")"
  expect_match "$out" "^$id: 1 new commits read, ${#paths[@]} changed paths"

  # every path's label and matching rules, from classify --explain --format json
  : >"$WORK/explain-$id"
  for path in "${paths[@]}"; do
    "$RHEA" classify --product "$id" --db "$db" --explain "$path" --format json >>"$WORK/explain-$id" ||
      fail "$id: classify --explain '$path' failed"
  done
  python3 - "$rules" "$list" "$WORK/explain-$id" <<'PY' || fail "$base: see above"
import json, sys
rules, listing, explained = sys.argv[1:4]
want = {}
for line in open(listing, encoding="utf-8").read().split("\n"):
    if not line or line.startswith("#"):
        continue
    label, tab, path = line.partition("\t")
    want[path if tab else label] = label if tab else None
docs, dec, text, pos = [], json.JSONDecoder(), open(explained, encoding="utf-8").read(), 0
while text[pos:].strip():
    while text[pos].isspace():
        pos += 1
    doc, pos = dec.raw_decode(text, pos)
    docs.append(doc)
ok, matched = True, set()
for d in docs:
    if want.get(d["path"]) not in (None, d["label"]):
        print(f"FAIL: {d['path']!r} is {d['label']} ({d['rule']}), the list says {want[d['path']]}")
        ok = False
    for m in d["matches"]:
        if m["rule"].startswith(rules + ":"):
            matched.add(int(m["rule"].rsplit(":", 1)[1]))
if len(docs) != len(want):
    print(f"FAIL: {len(docs)} explanations for {len(want)} listed paths")
    ok = False
for n, line in enumerate(open(rules, encoding="utf-8").read().split("\n"), 1):
    s = line.strip()
    if s and not s.startswith("#") and n not in matched:
        print(f"FAIL: {rules}:{n} ({s}) matches none of the paths in {listing}")
        ok = False
sys.exit(0 if ok else 1)
PY
  checked=$((checked + 1))
done
[ "$checked" = ${#rules_files[@]} ] || fail "checked $checked of ${#rules_files[@]} rules files"
finish
