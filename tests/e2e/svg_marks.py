#!/usr/bin/env python3
"""svg_marks.py SVG: parses a chart's SVG with xml.etree (so it must be well-formed XML) and
prints what it draws, counted independently of rhea's code:

  fill0 fill1   filled shapes in series colours 0 and 1 (Okabe-Ito blue, vermillion)
  stroke0 stroke1  stroked paths in those colours
  dashed        dashed paths (the reference lines)
  texts         drawn strings: groups that place glyphs (cairo draws text as <use> of glyphs)

Colours are read from style="..." or from attributes (cairo 1.16 and 1.18 differ)."""
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
PALETTE = [(0.0, 44.7, 69.8), (83.5, 36.9, 0.0)]


def props(el):
    p = dict(el.attrib)
    for decl in el.get("style", "").split(";"):
        if ":" in decl:
            k, v = decl.split(":", 1)
            p[k.strip()] = v.strip()
    return p


def colour(value):
    m = re.match(r"rgb\(([\d.]+)%,\s*([\d.]+)%,\s*([\d.]+)%\)", value or "")
    if not m:
        return None
    rgb = tuple(float(x) for x in m.groups())
    for i, want in enumerate(PALETTE):
        if all(abs(a - b) < 0.2 for a, b in zip(rgb, want)):
            return i
    return None


root = ET.parse(sys.argv[1]).getroot()
defs = {id(e) for d in root.iter(SVG + "defs") for e in d.iter()}
counts = {"fill0": 0, "fill1": 0, "stroke0": 0, "stroke1": 0, "dashed": 0, "texts": 0}
for el in root.iter():
    if id(el) in defs:
        continue
    if el.tag == SVG + "path":
        p = props(el)
        f, s = colour(p.get("fill")), colour(p.get("stroke"))
        if f is not None:
            counts["fill%d" % f] += 1
        if s is not None and p.get("fill") in ("none", None):
            counts["stroke%d" % s] += 1
        if p.get("stroke-dasharray") not in (None, "none"):
            counts["dashed"] += 1
    elif el.tag == SVG + "g" and any(c.tag == SVG + "use" for c in el):
        counts["texts"] += 1
print(" ".join("%s=%d" % kv for kv in counts.items()))
