#!/usr/bin/env python3
"""massif_sites.py MASSIF_OUT [COMMITS] [MASSIF_OUT2 COMMITS2]: who holds rhea's heap at its peak.

Reads a valgrind --tool=massif output file (run it with --depth=40 so stacks reach rhea's code) and
sums the peak snapshot's heap by allocation site: the libraries' named functions on the stack (the
innermost first) and the first frame in rhea's own code (a frame with a source file and line).
Stripped libraries (libgit2 in Debian) show internal frames as addresses; the one the first public
function called is kept in brackets, so that two sites under one public function stay apart. With COMMITS it prints bytes
per commit too; with a second file and its commit count it prints the growth per commit between
the two runs, (bytes2 - bytes1) / (commits2 - commits1), which is what grows with the history.
"""
import re
import sys
from collections import defaultdict

NODE = re.compile(r"^( *)n\d+: (\d+) (.*)$")
SRC = re.compile(r"\(([\w./-]+\.[ch]):\d+\)")


def peak_tree(path):
    """The lines of the peak snapshot's heap tree (or of the last detailed one)."""
    snaps, cur, peak = [], None, None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("snapshot="):
                cur = {"tree": [], "kind": None}
                snaps.append(cur)
            elif line.startswith("heap_tree="):
                cur["kind"] = line.split("=", 1)[1]
            elif cur is not None and NODE.match(line):
                cur["tree"].append(line)
    for s in snaps:
        if s["kind"] == "peak":
            peak = s
    if peak is None:
        detailed = [s for s in snaps if s["kind"] == "detailed"]
        peak = detailed[-1]
    return peak["tree"]


def frame_name(desc):
    """'git_odb_read', 'lookup_subtree (treediff.c:66)', '0x48E770B' or None for the root."""
    m = re.match(r"0x[0-9A-F]+: (\S+) (.*)$", desc)
    if not m:
        return None
    func, where = m.groups()
    if SRC.search(where):
        return "%s (%s)" % (func, SRC.search(where).group(0)[1:-1])
    if func == "???":
        return desc.split(":")[0]
    return func


def sites(path):
    tree = peak_tree(path)
    out = defaultdict(int)
    stack = []  # (depth, name)
    total = 0
    for i, line in enumerate(tree):
        depth, nbytes, desc = NODE.match(line).groups()
        depth, nbytes = len(depth), int(nbytes)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        name = frame_name(desc)
        if name is None:
            if depth == 0:
                total = nbytes
            stack.append((depth, None))
            continue
        names = [n for _, n in stack if n] + [name]
        if SRC.search(desc):
            # first frame in rhea's code on this path: attribute and skip the subtree
            if not any(SRC.search(x) and "(" in x and ".c:" in x for x in names[:-1]):
                libs = [n for n in names[:-1]]
                public = [n for n in libs if not n.startswith("0x")]
                # the library's internal frame that its first public function called: it tells
                # apart the allocations under one public function (parsing vs. reading)
                first = libs.index(public[0]) if public else len(libs)
                inner = next((n for n in reversed(libs[:first]) if n.startswith("0x")), "")
                key = "%s%s <- %s" % (" < ".join(public) or "(direct)",
                                      " [%s]" % inner if inner else "", name)
                out[key] += nbytes
        else:
            # a leaf that never reaches rhea's code, or a collapsed "in N places" node
            nxt = tree[i + 1] if i + 1 < len(tree) else None
            is_leaf = nxt is None or len(NODE.match(nxt).group(1)) <= depth
            in_rhea = any(SRC.search(n or "") for _, n in stack)
            if is_leaf and not in_rhea and "places" not in desc:
                out["(no rhea frame) " + " < ".join(names)] += nbytes
        stack.append((depth, name))
    return total, out


def main():
    a = sys.argv[1:]
    if len(a) not in (1, 2, 4):
        sys.exit("usage: massif_sites.py MASSIF_OUT [COMMITS] [MASSIF_OUT2 COMMITS2]")
    total1, s1 = sites(a[0])
    c1 = int(a[1]) if len(a) > 1 else 0
    if len(a) == 4:
        total2, s2 = sites(a[2])
        c2 = int(a[3])
        dc = c2 - c1
        print("peak heap: %.1f MiB at %d commits, %.1f MiB at %d commits: %.0f bytes per commit"
              % (total1 / 2**20, c1, total2 / 2**20, c2, (total2 - total1) / dc))
        keys = sorted(set(s1) | set(s2), key=lambda k: -(s2.get(k, 0) - s1.get(k, 0)))
        print("%10s %10s %8s  site" % ("MiB@1", "MiB@2", "B/commit"))
        for k in keys:
            d = (s2.get(k, 0) - s1.get(k, 0)) / dc
            if max(s1.get(k, 0), s2.get(k, 0)) < 2**19:
                continue
            print("%10.1f %10.1f %8.0f  %s" % (s1.get(k, 0) / 2**20, s2.get(k, 0) / 2**20, d, k))
        return
    print("peak heap: %.1f MiB" % (total1 / 2**20))
    for k, v in sorted(s1.items(), key=lambda kv: -kv[1]):
        if v < 2**19:
            continue
        per = " %7.0f B/commit" % (v / c1) if c1 else ""
        print("%10.1f MiB%s  %s" % (v / 2**20, per, k))


main()
