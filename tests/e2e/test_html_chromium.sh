#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium (Debian's chromium package) loads the
# sample report of rhea-report-sample and dumps its DOM; the tables and the three inline SVG
# charts must be there, the hostile product name must be text (not an element), and the browser
# must log no console message (script errors and CSP violations are logged as CONSOLE lines). A
# control page that calls console.error first proves this Chromium does log them.
# Skips (exit 77) only when chromium is not installed.
source "$(dirname "$0")/lib.sh"
# under make memcheck RHEA is the valgrind wrapper; RHEA_REAL names the binary beside the sample tool
SAMPLE=$(dirname "${RHEA_REAL:-$RHEA}")/rhea-report-sample
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  skip "chromium is not installed (apt-get install chromium)"
  finish
fi

# load PAGE: the DOM in $WORK/dom, the browser's log in $WORK/log.
load() {
  local profile
  profile=$(mktemp -d "$WORK/profile.XXXXXX")
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 --dump-dom "file://$1" \
    >"$WORK/dom" 2>"$WORK/log" || fail "chromium could not load $1: $(tail -3 "$WORK/log")"
}

printf '<!DOCTYPE html><html><body><p>control</p><script>console.error("rhea-control-marker")</script></body></html>\n' \
  >"$WORK/control.html"
load "$WORK/control.html"
grep -q 'CONSOLE.*rhea-control-marker' "$WORK/log" ||
  fail "this chromium does not log console messages: the check below would prove nothing"

expect_exit 0 "$SAMPLE" report html "$WORK/report.html"
load "$WORK/report.html"
count() { grep -o -- "$1" "$WORK/dom" | wc -l | tr -d ' '; }
[ "$(count '<table>')" = 1 ] || fail "want 1 table, got $(count '<table>')"
[ "$(count '<th class="[lrc]" scope="col">')" = 3 ] || fail "want 3 column headers"
[ "$(count '<tr><td')" = 4 ] || fail "want 4 table rows, got $(count '<tr><td')"
[ "$(count '<svg ')" = 3 ] || fail "want 3 inline SVG charts, got $(count '<svg ')"
[ "$(count '<figure class="chart"')" = 3 ] || fail "want 3 chart figures"
[ "$(count '<use ')" -gt 100 ] || fail "charts carry almost no glyphs: $(count '<use ')"
# (grep on the file: lib.sh's expect_match pipes into grep -q, which under pipefail fails on
# text this long when grep exits before printf has written it all)
grep -qF '<td class="l">&lt;script&gt;alert(1)&lt;/script&gt;</td>' "$WORK/dom" ||
  fail "the hostile product name is not an escaped table cell"
grep -qF '<td class="r null">–</td>' "$WORK/dom" || fail "no null cell shown as –"
[ "$(count '<script')" = 0 ] || fail "a <script> element made it into the page"
if grep -E 'CONSOLE|Uncaught|Refused to' "$WORK/log" >&2; then
  fail "the report page logged console messages (above)"
fi
finish
