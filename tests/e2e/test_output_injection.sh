#!/usr/bin/env bash
# Outputs never inject: a repository (written with git itself, fixed dates) whose author names,
# emails and paths are markup, formulas and TeX commands goes through contributors (with --depth:
# the truck factor's authors, the sides table), coupling, classify, report, trend and sensitivity
# (whose product id is hostile) in every format. Checked by independent readers: python's csv
# (no cell a spreadsheet would run), json (the original strings come back), an HTML scan (no raw
# <script), a Markdown column count, and pdflatex (the fragment compiles; /etc/passwd is never read).
source "$(dirname "$0")/lib.sh"
REPO=$WORK/repo
DB=$WORK/inj.sqlite
git init -q "$REPO" || { echo "git init failed" >&2; exit 1; }

# The hostile names, one a line (python reads the same file to check the outputs). libgit2, like
# git, trims \ < > . , : ; ' " and blanks from both ends of a name, so those sit inside the names.
NL=$'\n'
SCRIPT='<script>alert(1)</script>'
cat >"$WORK/names" <<EOF
=cmd|' /C calc'!A0
+1+1
@SUM(A1)
TeX \\input{/etc/passwd} user
a|b
_ % & # \$ { } ~ ^ \\ x
-2+3
Mallory $SCRIPT Jr
EOF
# ML files under ml/ (the rules below), non-ML files elsewhere; each commit touches both kinds,
# so the coupling pairs carry hostile paths.
ML_FILES=("ml/$SCRIPT.py" "ml/a|b.py" "ml/\\input{/etc/passwd}.py" "ml/new${NL}line.py"
  "ml/=HYPERLINK(\"http:x\").py")
NONML_FILES=("=cmd|' /C calc'!A0" "+1+1.js" "@SUM(A1).js" "\\input{/etc/passwd}" "a|b.js"
  "_ % & # \$ { } ~ ^ \\.js" "$SCRIPT.js" "-2+3.js")
printf 'ml ml/\n' >"$WORK/inj.rules"

# git commit strips < > and leading/trailing \ . , ; ' " from names, so each commit object is
# written by hand with git hash-object (libgit2 reads the name as everything before the email's
# '<'); the tree comes from git add and git write-tree.
commit() { # commit N NAME EMAIL: writes one ML and one non-ML file, commits at day N
  local n=$1 ml=${ML_FILES[$(($1 % ${#ML_FILES[@]}))]} nonml=${NONML_FILES[$(($1 % ${#NONML_FILES[@]}))]}
  mkdir -p -- "$REPO/$(dirname -- "$ml")" "$REPO/$(dirname -- "$nonml")"
  echo "$n" >>"$REPO/$ml"
  echo "$n" >>"$REPO/$nonml"
  git -C "$REPO" add -A
  local tree parent obj when=$((1672574400 + n * 86400)) # 2023-01-01T12:00:00Z + n days
  tree=$(git -C "$REPO" write-tree)
  parent=$(git -C "$REPO" rev-parse -q --verify HEAD) && parent="parent $parent$NL"
  obj=$(printf 'tree %s\n%sauthor %s <%s> %s +0000\ncommitter %s <%s> %s +0000\n\ncommit %s\n' \
    "$tree" "$parent" "$2" "$3" "$when" "$2" "$3" "$when" "$n" |
    git -C "$REPO" hash-object -t commit -w --literally --stdin) || fail "hash-object $n"
  git -C "$REPO" update-ref HEAD "$obj" || fail "update-ref $n"
}
n=0
while IFS= read -r name; do
  for round in 0 1; do # two commits each, so that several people are core
    commit $((n * 2 + round)) "$name" "$(printf '%s' "$name" | tr -d ' <>')@x.example"
  done
  n=$((n + 1))
done <"$WORK/names"

expect_exit 0 "$RHEA" analyze "$REPO" --product inj --db "$DB" --rules "$WORK/inj.rules"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM commits')" = "$(git -C "$REPO" rev-list --count HEAD)" ] ||
  fail "not every commit stored"
# the names as written, byte for byte (the names file has the same lines)
[ "$(sqlite3 "$DB" "SELECT DISTINCT author_name FROM commits ORDER BY min(cid) OVER (PARTITION BY author_name)")" = "$(cat "$WORK/names")" ] ||
  fail "the names are not stored as written"
# a second product whose id is itself hostile: ids reach titles, headings and trend rows
PRODUCT2='=HYPERLINK("x")|<b>'
expect_exit 0 "$RHEA" analyze "$REPO" --product "$PRODUCT2" --db "$DB" --rules "$WORK/inj.rules" --quiet
printf '%s\0' "${ML_FILES[@]}" "${NONML_FILES[@]}" >"$WORK/paths" # one holds a newline

FORMATS="text md csv tex json html"
run_all() { # run_all: every command in every format, each output in $WORK/out/CMD.FORMAT
  mkdir -p "$WORK/out"
  for f in $FORMATS; do
    expect_exit 0 "$RHEA" contributors --product inj --db "$DB" --depth --format "$f" \
      --out "$WORK/out/contributors.$f"
    expect_exit 0 "$RHEA" sensitivity --product "$PRODUCT2" --db "$DB" --format "$f" \
      --out "$WORK/out/sensitivity.$f"
    expect_exit 0 "$RHEA" coupling --product inj --db "$DB" --top 5 --format "$f" --out "$WORK/out/coupling.$f"
    expect_exit 0 "$RHEA" report --db "$DB" --format "$f" --out "$WORK/out/report.$f"
    expect_exit 0 "$RHEA" trend --product inj --product "$PRODUCT2" --db "$DB" --window month --format "$f" \
      --permutations 20 --bootstrap 20 --out "$WORK/out/trend.$f"
    expect_exit 0 "$RHEA" classify --product inj --db "$DB" --format "$f" --out "$WORK/out/classify.$f"
  done
}
run_all

# ---- the checks, by python's own readers ----
python3 - "$WORK/out" "$WORK/names" "$WORK/paths" "$PRODUCT2" <<'EOF' || fail "an output injects (see above)"
import csv, io, json, os, re, sys
out, names, paths, product2 = sys.argv[1], open(sys.argv[2]).read().splitlines(), sys.argv[3], sys.argv[4]
paths = open(paths).read().split("\0")[:-1]
bad = []
def read(name):
    return open(os.path.join(out, name), encoding="utf-8", errors="surrogateescape").read()
def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)

for f in sorted(os.listdir(out)):
    cmd, fmt = f.rsplit(".", 1)
    text = read(f)
    if fmt == "html":
        if re.search(r"<\s*script", text, re.I):
            bad.append(f + ": raw <script")
        if cmd not in ("trend", "sensitivity") and "&lt;script&gt;alert(1)&lt;/script&gt;" not in text:
            bad.append(f + ": the escaped <script> string is missing (did it reach the output?)")
        if cmd in ("report", "trend", "sensitivity") and "=HYPERLINK(&quot;x&quot;)|&lt;b&gt;" not in text \
                and "=HYPERLINK(&#34;x&#34;)|&lt;b&gt;" not in text:
            bad.append(f + ": the escaped product id is missing")
    elif fmt == "csv":
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    try:
                        float(cell)
                    except ValueError:
                        bad.append("%s: cell %r would run as a formula" % (f, cell))
        if cmd == "contributors":
            got = {r["name"] for r in csv.DictReader(io.StringIO(text, newline=""))}
            want = {("'" + n) if n[:1] in "=+-@" else n for n in names}
            if got != want:
                bad.append("%s: names %r, want %r" % (f, sorted(got), sorted(want)))
        if cmd == "classify":
            got = {r["path"] for r in csv.DictReader(io.StringIO(text, newline=""))}
            for p in paths:
                want = ("'" + p) if p[:1] in "=+-@" else p
                if want not in got:
                    bad.append("%s: path %r missing (want %r)" % (f, p, want))
    elif fmt == "json":
        try:
            d = json.loads(text)
        except ValueError as e:
            bad.append("%s: not JSON: %s" % (f, e))
            continue
        all_strings = list(strings(d))
        joined = "\n".join(all_strings)
        if cmd == "contributors":
            got = sorted(c["name"] for c in d["all"])
            if got != sorted(names):
                bad.append("%s: names %r" % (f, got))
        if cmd == "report":
            core = json.loads(read("contributors.json"))["core"]
            for n in [c["name"] for c in core]:
                if n not in joined:
                    bad.append("%s: core contributor %r does not come back" % (f, n))
        if cmd == "classify":
            got = {x["path"] for x in d["files"]}
            for p in paths:
                if p not in got:
                    bad.append("%s: path %r does not come back" % (f, p))
        if cmd == "coupling":
            for t in d["top_pairs"]:
                for k in ("ml_file", "nonml_file"):
                    if t[k] not in paths:
                        bad.append("%s: pair path %r is not a path of the repository" % (f, t[k]))
        if cmd in ("report", "trend", "sensitivity") and product2 not in all_strings \
                and product2 not in joined:
            bad.append(f + ": the product id does not come back")
    elif fmt == "md":
        # every row of a table has as many unescaped pipes as its header (a backslash escapes
        # the next character, itself included)
        want = None
        for line in text.split("\n"):
            if not line.startswith("|"):
                want = None
                continue
            pipes, i = 0, 0
            while i < len(line):
                if line[i] == "\\":
                    i += 2
                    continue
                pipes += line[i] == "|"
                i += 1
            if want is None:
                want = pipes
            elif pipes != want:
                bad.append("%s: row with %d pipes, header %d: %s" % (f, pipes, want, line))
    elif fmt == "tex":
        if "\\input{" in text:
            bad.append(f + ": a raw \\input{")
    elif fmt == "text":
        if "\x1b" in text:
            bad.append(f + ": raw ESC")
        if cmd == "classify":
            # title, its rule, a blank line, header, dashes, one line per path, the totals and
            # the final newline: a newline in a path is shown as a blank, as in every text table
            rows = text.split("\n")
            if len(rows) != 5 + len(paths) + 2 or "ml/new line.py" not in text:
                bad.append("%s: %d lines for %d paths (a newline in a path breaks the rows)"
                           % (f, len(rows), len(paths)))
for b in bad:
    print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# LaTeX: every fragment compiles in a minimal document, and TeX never opens /etc/passwd.
if command -v pdflatex >/dev/null 2>&1; then
  mkdir -p "$WORK/tex"
  for f in "$WORK"/out/*.tex; do
    name=$(basename "$f" .tex)
    cp "$f" "$WORK/tex/frag-$name.tex"
    printf '\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\\usepackage{booktabs}\n\\begin{document}\n\\input{frag-%s}\n\\end{document}\n' \
      "$name" >"$WORK/tex/$name.tex"
    (cd "$WORK/tex" && pdflatex -no-shell-escape -interaction=nonstopmode -halt-on-error "$name.tex" \
      >/dev/null 2>&1) || fail "pdflatex $name.tex: $(grep -m3 -A3 '^!' "$WORK/tex/$name.log")"
    grep -q "passwd" "$WORK/tex/$name.log" && fail "$name.tex: the log mentions /etc/passwd"
    [ -s "$WORK/tex/$name.pdf" ] || fail "$name.tex: no PDF"
  done
else
  skip "pdflatex not installed: LaTeX outputs not compiled"
fi
finish
