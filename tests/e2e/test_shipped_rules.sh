#!/usr/bin/env bash
# Every shipped rules file (samples/rules/P*.rules) parses and labels its product's paths as its
# curator meant: for each file, tests/data/paths/<ID>.txt (ID = the name up to the first '-') lists
# real paths of that product's history, each with the label worked out by reading the product
# (LABEL<TAB>PATH; a line without a tab is a path whose label is not checked; '#' starts a comment
# line). The test builds a one-commit git repository holding those paths, runs rhea analyze with
# the rules (which rejects a bad file), then checks
#   - every listed label equals the label rhea classify gives the path, and
#   - every rule of the file matches at least one listed path (rhea classify --explain lists it),
#     so a rule that became dead, or a list that stopped covering a rule, fails here.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || exit 77

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
  unset want got matched
  declare -A want=() got=() matched=()
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

  # every listed label: the first line of classify --explain, "PATH: LABEL (RULE)"
  for path in "${paths[@]}"; do
    out=$("$RHEA" classify --product "$id" --db "$db" --explain "$path" 2>&1) ||
      fail "$id: classify --explain '$path' failed: $out"
    first=${out%%$'\n'*}
    head="$path: "
    if [[ "$first" != "$head"* ]]; then
      fail "$id: unexpected explain output for '$path': $first"
      continue
    fi
    rest=${first#"$head"}
    got[$path]=${rest%% *}
    if [ -n "${want[$path]}" ] && [ "${want[$path]}" != "${got[$path]}" ]; then
      fail "$id: '$path' is ${got[$path]} (${rest#* }), the list says ${want[$path]}"
    fi
    # matching rules of this file: lines "  FILE:LINE  label  pattern"
    while read -r why _; do
      [[ "$why" == "$rules:"* ]] && matched[${why##*:}]=1
    done < <(tail -n +3 <<<"$out")
  done

  # every rule line of the file matched at least one listed path
  n=0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    trimmed=${line#"${line%%[![:space:]]*}"}
    case "$trimmed" in '' | '#'*) continue ;; esac
    [ -n "${matched[$n]:-}" ] || fail "$base:$n ($trimmed) matches none of the paths in $list"
  done <"$rules"
  checked=$((checked + 1))
done
[ "$checked" = ${#rules_files[@]} ] || fail "checked $checked of ${#rules_files[@]} rules files"
finish
