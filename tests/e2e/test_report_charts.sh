#!/usr/bin/env bash
# Chart files of rhea-report-sample (tests/report_sample.c): each SVG is well-formed XML (parsed by
# python3's xml.etree in svg_marks.py) with the marks and labels counted by hand from the sample
# data; PDF and PNG files start with their formats' magic bytes.
source "$(dirname "$0")/lib.sh"
# under make memcheck RHEA is the valgrind wrapper; RHEA_REAL names the binary beside the sample tool
SAMPLE=$(dirname "${RHEA_REAL:-$RHEA}")/rhea-report-sample
DIR=$WORK/charts/new

expect_exit 0 "$SAMPLE" charts "$DIR"
for name in intervals cumulative timeseries; do
  [ "$(head -c 5 "$DIR/$name.pdf")" = "%PDF-" ] || fail "$name.pdf is not a PDF"
  [ "$(head -c 8 "$DIR/$name.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
    fail "$name.png is not a PNG"
done

if ! command -v python3 >/dev/null; then
  skip "python3 is not installed; SVG structure not checked"
  finish
fi
marks() {
  python3 "$SRC/tests/e2e/svg_marks.py" "$1" 2>&1 || fail "$1 is not well-formed XML"
}
# Intervals: P1, P2, P4 and the hostile category have points (P3 is NaN), plus the legend's
# dot: 5; whiskers for P1, P2 and the hostile one (P4 has no interval): 3; the line at 1.
# Labels: title, legend, 5 y ticks (0 to 2 by 0.5), y label, 5 categories, x label, "RCI = 1".
got=$(marks "$DIR/intervals.svg")
[ "$got" = "fill0=5 fill1=0 stroke0=3 stroke1=0 dashed=1 texts=15" ] || fail "intervals: $got"
# Cumulative: 4 + 3 point markers and a legend swatch each; one step line per series; the 80%
# cut. Labels: title, 2 legend names, 6 y ticks (0% to 100% by 20%), y label, 5 x ticks (0 to 4),
# x label, "80%".
got=$(marks "$DIR/cumulative.svg")
[ "$got" = "fill0=5 fill1=4 stroke0=1 stroke1=1 dashed=1 texts=17" ] || fail "cumulative: $got"
# Time series: 24 monthly markers and a legend swatch per series, one line each. Labels: title,
# 2 legend names, 7 y ticks (0 to 30 by 5), y label, 8 x ticks (every 3 months from 2019-01),
# x label.
got=$(marks "$DIR/timeseries.svg")
[ "$got" = "fill0=25 fill1=25 stroke0=1 stroke1=1 dashed=0 texts=20" ] || fail "timeseries: $got"

# The same charts inline in the HTML page parse as XML too, ids prefixed per chart.
expect_exit 0 "$SAMPLE" report html "$WORK/r.html"
python3 - "$WORK/r.html" <<'PY' || fail "inline SVG in the HTML page"
import re, sys, xml.etree.ElementTree as ET
html = open(sys.argv[1], encoding="utf-8").read()
svgs = re.findall(r"<svg.*?</svg>", html, re.S)
assert len(svgs) == 3, len(svgs)
ids = []
for i, s in enumerate(svgs, 1):
    root = ET.fromstring(s)
    mine = [e.get("id") for e in root.iter() if e.get("id")]
    assert mine and all(x.startswith("c%d-" % i) for x in mine), mine[:3]
    ids += mine
assert len(ids) == len(set(ids)), "duplicate ids across charts"
PY
finish
