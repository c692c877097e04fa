#!/usr/bin/env bash
# rhea's pattern matcher against git check-ignore, pattern by pattern, on generated awkward paths
# and every pattern of the curated rules files (tests/rules_vs_git_check_ignore.py).
source "$(dirname "$0")/lib.sh"
args=()
for f in "$SRC"/samples/rules/*.rules; do args+=(--rules "$f"); done
python3 "$SRC/tests/rules_vs_git_check_ignore.py" "$RHEA" "${args[@]}" >"$WORK/out" 2>&1 ||
  fail "rhea and git check-ignore disagree: $(head -5 "$WORK/out")"
expect_match "$(tail -1 "$WORK/out")" " 0 differ"
finish
