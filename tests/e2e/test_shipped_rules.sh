#!/usr/bin/env bash
# Every shipped rules file (samples/rules/P*.rules) parses and labels its product's paths as its
# curator meant: for each file, tests/data/paths/<ID>.txt (ID = the name up to the first '-') lists
# real paths of that product's history, each with the label worked out by reading the product
# (LABEL<TAB>PATH; a line without a tab is a path whose label is not checked; '#' starts a comment
# line). The test builds a one-commit git repository holding those paths, runs rhea analyze with
# the rules (which rejects a bad file), then checks
#   - every listed label equals the label rhea classify gives the path, and
#   - every rule of the file matches at least one listed path (decides it in rhea classify, or
#     rhea classify --explain lists it; the JSON output is read with python3),
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

  # labels from one classify --format json; rules that decide no listed path (shadowed by a later
  # rule) are looked up with classify --explain --format json, path by path, until each matched
  python3 - "$RHEA" "$id" "$db" "$rules" "$list" <<'PY' || fail "$base: see above"
import json, subprocess, sys
rhea, pid, db, rules, listing = sys.argv[1:6]
def run(*args):
    return json.loads(subprocess.run([rhea, *args, "--product", pid, "--db", db, "--format", "json"],
                                     check=True, capture_output=True, text=True).stdout)
want = {}
for line in open(listing, encoding="utf-8").read().split("\n"):
    if line and not line.startswith("#"):
        label, tab, path = line.partition("\t")
        want[path if tab else label] = label if tab else None
line_of = lambda why: int(why.rsplit(":", 1)[1]) if why.startswith(rules + ":") else None
ok, files = True, run("classify")["files"]
if sorted(f["path"] for f in files) != sorted(want):
    print(f"FAIL: classify lists {len(files)} paths, the list {len(want)}")
    ok = False
for f in files:
    if want.get(f["path"]) not in (None, f["label"]):
        print(f"FAIL: {f['path']!r} is {f['label']} ({f['rule']}), the list says {want[f['path']]}")
        ok = False
lines = {n: s.strip() for n, s in enumerate(open(rules, encoding="utf-8").read().split("\n"), 1)
         if s.strip() and not s.strip().startswith("#")}
missing = set(lines) - {line_of(f["rule"]) for f in files}
for path in want:
    if not missing:
        break
    missing -= {line_of(m["rule"]) for m in run("classify", "--explain", path)["matches"]}
for n in sorted(missing):
    print(f"FAIL: {rules}:{n} ({lines[n]}) matches none of the paths in {listing}")
    ok = False
sys.exit(0 if ok else 1)
PY
  checked=$((checked + 1))
done
[ "$checked" = ${#rules_files[@]} ] || fail "checked $checked of ${#rules_files[@]} rules files"
finish
