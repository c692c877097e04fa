#!/usr/bin/env bash
# Golden files of rhea's own output on the sample product, in every table format: the RQ1 report
# and the contributors and coupling commands. The goldens (tests/golden/sample/) were generated
# once with RHEA_UPDATE_GOLDEN=1 and checked by hand against docs/metrics.md's worked example (see
# tests/golden/sample/README.md). Then the HTML report in headless Chromium: its tables and charts
# are there and the page logs no console message.
source "$(dirname "$0")/lib.sh"
GOLD=$SRC/tests/golden/sample
DB=$WORK/r.sqlite
"$SAMPLE_GEN" "$WORK/wordwise" >/dev/null
# the rules file is named relative to $WORK, so "rule" columns do not depend on the checkout's path
cp "$SRC/samples/rules/sample.rules" "$WORK/sample.rules"
(cd "$WORK" && "$RHEA" analyze wordwise --db "$DB" --rules sample.rules --line-stats --quiet) >/dev/null ||
  fail "analyze failed"

# golden NAME CMD...: CMD's stdout equals $GOLD/NAME (or becomes it with RHEA_UPDATE_GOLDEN=1)
golden() {
  local name=$1
  shift
  if ! "$@" >"$WORK/$name" 2>"$WORK/stderr"; then
    fail "$* failed: $(cat "$WORK/stderr")"
    return
  fi
  if [ -n "${RHEA_UPDATE_GOLDEN:-}" ]; then
    mkdir -p "$GOLD"
    cp "$WORK/$name" "$GOLD/$name"
  elif ! diff -u "$GOLD/$name" "$WORK/$name" >&2; then
    fail "$name differs from its golden file (diff above)"
  fi
}

for fmt in text md csv tex json; do
  golden "report-rq1.$fmt" "$RHEA" report --db "$DB" --rq 1 --format "$fmt"
  golden "contributors.$fmt" "$RHEA" contributors --product wordwise --db "$DB" --format "$fmt"
  golden "coupling.$fmt" "$RHEA" coupling --product wordwise --db "$DB" --format "$fmt" --top 2
done
golden "classify.json" "$RHEA" classify --product wordwise --db "$DB" --format json

# the CSV reads back with a real CSV reader
python3 - "$WORK/contributors.csv" "$WORK/report-rq1.csv" <<'PY' || fail "CSV does not read back"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert [(r["name"], r["commits"], r["core"]) for r in rows] == [
    ("Alice Smith", "5", "yes"), ("Bob Jones", "4", "yes"), ("Carol Wu", "2", "no")], rows
first = open(sys.argv[2], newline="").read().split("\r\n\r\n")[0]
r = list(csv.DictReader(first.splitlines()))[0]
assert (r["id"], r["commits"], r["core"], r["rci"]) == ("wordwise", "11", "2", "0.525"), r
PY

# the LaTeX compiles (when a TeX engine is installed)
if command -v pdflatex >/dev/null; then
  printf '\\documentclass{article}\\usepackage{booktabs}\\begin{document}\n\\input{report-rq1.tex}\n\\end{document}\n' \
    >"$WORK/doc.tex"
  (cd "$WORK" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null 2>&1) ||
    fail "the RQ1 report does not compile with pdflatex: $(grep -m3 '^!' "$WORK/doc.log")"
else
  skip "pdflatex not installed; LaTeX not compiled"
fi

# the HTML report in a browser
CHROMIUM=$(command -v chromium || true)
if [ -z "$CHROMIUM" ]; then
  skip "chromium is not installed"
  finish
fi
expect_exit 0 "$RHEA" report --db "$DB" --format html --out "$WORK/report.html" --charts "$WORK/charts"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$WORK/profile" --enable-logging=stderr --v=0 --dump-dom "file://$WORK/report.html" \
  >"$WORK/dom" 2>"$WORK/log" || fail "chromium could not load the report"
count() { grep -o -- "$1" "$WORK/dom" | wc -l | tr -d ' '; }
# RQ1 products; RQ2 code share, verdicts, decided-by; RQ3 dates, code trajectory, decided-by;
# RQ4/5 files, RQ4 verdicts and decided-by, RQ5 verdicts and decided-by; RQ6 verdicts and
# decided-by; Findings 1-21: 1 + 3 + 3 + 5 + 2 + 1 = 15 tables. RCI, cumulative share, commits
# over time charts
[ "$(count '<table>')" = 15 ] || fail "want 15 tables, got $(count '<table>')"
[ "$(count '<svg ')" = 3 ] || fail "want 3 charts, got $(count '<svg ')"
grep -qF 'Alice Smith; Bob Jones' "$WORK/dom" || fail "the core contributors are not in the page"
if grep -E 'CONSOLE|Uncaught|Refused to' "$WORK/log" >&2; then
  fail "the report logged console messages (above)"
fi
for chart in rci cumulative_commits commits_over_time_wordwise; do
  for ext in svg pdf png; do
    [ -s "$WORK/charts/$chart.$ext" ] || fail "--charts did not write $chart.$ext"
  done
done
finish
