#!/usr/bin/env python3
"""rules_vs_git_check_ignore.py: rhea's pattern matcher against git's own, rule by rule.

For each pattern (every pattern of the given rules files, plus a built-in list of awkward ones),
rhea must match exactly the paths that `git check-ignore --no-index --stdin` matches with that
pattern as the only line of a .gitignore. Paths: every path of the given histories (git dirs)
plus a generated set of awkward paths. rhea answers through `rhea classify --match-pattern`.

usage: rules_vs_git_check_ignore.py RHEA [--rules FILE]... [--git-dir DIR]... [--quick]
exit status 0 when every pattern agrees; 1 with the first differences listed otherwise.
"""
import argparse
import os
import subprocess
import sys
import tempfile

# Patterns chosen to hit each branch of gitignore matching: anchoring, `**` in every position,
# classes, escapes, trailing spaces and slashes, stars next to literals.
AWKWARD_PATTERNS = [
    "**", "**/", "/**", "**/*", "*", "*/", "/*", "?", "??", "*.py", "*.PY", "*.md", "*.tar.gz",
    "docs/", "/docs/", "docs", "/docs", "docs/**", "docs/**/", "**/docs", "**/docs/", "**/docs/**",
    "a/**/b", "a/**/b/", "a/**", "a/**/", "**/a/**", "a/**/**/b", "a/*/b", "a/*", "*/b", "a/b**",
    "a/b**/c", "a**b", "**a", "a**", "***", "a/***", "***/b", "x/y/z", "x/y/", "/x/y", "x/*/z/",
    "[a-c]*", "[!a-c]*", "[^a]*", "[]]*", "[!]]*", "[]-]", "[[:alpha:]]*", "[[:digit:]]*",
    "[[:upper:]]*", "[[:space:]]*", "[[:nope:]]", "[a-", "[", "*[", "[\\]]", "[a\\-c]", "[z-a]*",
    "\\*", "\\?", "\\[a]", "\\#hash", "\\!bang", "a\\ ", "with space", "with space/", "trail  ",
    "trail\\  ", "*.txt ", "\\", "a\\", "foo\\/bar", "é*", "*ü", "naïve/**", "日本/*", ".*",
    ".git*", ".hidden/", "*~", "#*#", "a[/]b", "a?b", "a/?/b", "**/.*", "*/.*/", "*.[ch]",
    "*.[!c]", "Makefile", "/Makefile", "**/Makefile", "model*/", "*model*", "**/*model*/**",
    "x/**/y/**/z", "//x", "x//", "foo/bar/", "*/*/*", "a/b/c/**", "**/**/x", "**/**/**",
    "a/**/**/**/b/**/**", "/**/**/a", "a/**/**/", "***/**/b", "a\\/**/**/b",
]

AWKWARD_NAMES = [
    "a", "b", "x", "y", "z", "docs", "Docs", "doc", "a b", "with space", "trail ", "trail  ",
    ".hidden", ".gitignore", ".gitx", "#hash", "!bang", "*", "?", "[a]", "]", "-", "\\", "a\\b",
    "é", "éa", "zü", "naïve", "日本", "Makefile", "model", "model.py", "mymodel", "models",
    "x.py", "x.PY", "x.md", "x.tar.gz", "x.c", "x.h", "x.o", "x~", "#x#", "a-b", "abb", "aab",
    "ab", "a?b", "a*b", "B", "Z", "1", "9x", "\t", "x\ty",
]


def history_paths(git_dir):
    out = subprocess.run(["git", "--git-dir", git_dir, "log", "--no-renames", "--name-only",
                          "--format=", "-z"], check=True, capture_output=True).stdout
    return {p for p in out.split(b"\0") if p.strip(b"\n")}


def generated_paths():
    names = [n.encode() for n in AWKWARD_NAMES]
    paths = set()
    for a in names:
        paths.add(a)
        for b in names[:24]:
            paths.add(a + b"/" + b)
    for d in [b"a/b", b"a/x/b", b"a/x/y/b", b"docs/a", b"x/docs/y", b"x/y/z", b"x/q/z/w",
              b"a/bb/c", b"a/b/c/d", b"a/bcd/c", "naïve/x/y".encode(),
              b"x/y/z/w", b"a/b/a/b", b"foo/bar/baz", b"with space/in/it", b".hidden/x/y"]:
        paths.add(d)
        paths.add(d + b"/f.py")
        paths.add(b"top/" + d + b"/f")
    return {p.lstrip(b"\n") for p in paths if p}


def usable(path):
    # git reads stdin paths as pathspecs: ':' starts magic; '.', '..' and '.git' parts are refused
    parts = path.split(b"/")
    return (path and not path.startswith(b":") and b"\n" not in path and
            all(p not in (b"", b".", b"..", b".git") for p in parts))


def rules_patterns(path):
    pats = []
    with open(path, "rb") as f:
        for line in f.read().decode("utf-8").splitlines():
            s = line.strip(" \t")
            if not s or s.startswith("#"):
                continue
            parts = s.split(None, 1)
            if len(parts) == 2:
                pats.append(parts[1])
    return pats


def git_matches(pattern, paths, tmp):
    with open(os.path.join(tmp, ".gitignore"), "wb") as f:
        f.write(pattern.encode() + b"\n")
    r = subprocess.run(["git", "-C", tmp, "check-ignore", "--no-index", "--stdin", "-z"],
                       input=b"\0".join(paths) + b"\0", capture_output=True)
    if r.returncode not in (0, 1):
        raise RuntimeError("git check-ignore failed on %r: %s" % (pattern, r.stderr.decode()))
    return {p for p in r.stdout.split(b"\0") if p}


def rhea_matches(rhea, pattern, paths):
    r = subprocess.run([rhea, "classify", "--match-pattern", pattern],
                       input=b"\0".join(paths) + b"\0", capture_output=True)
    if r.returncode != 0:
        return None, r.stderr.decode().strip()
    return {p for p in r.stdout.split(b"\0") if p}, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rhea")
    ap.add_argument("--rules", action="append", default=[])
    ap.add_argument("--git-dir", action="append", default=[])
    args = ap.parse_args()

    paths = generated_paths()
    for g in args.git_dir:
        paths |= history_paths(g)
    paths = sorted(p for p in paths if usable(p))
    patterns = list(AWKWARD_PATTERNS)
    for r in args.rules:
        patterns += rules_patterns(r)
    seen, unique = set(), []
    for p in patterns:
        if p not in seen:
            seen.add(p)
            unique.append(p)

    failures = skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["git", "init", "-q", tmp], check=True)
        for pat in unique:
            if pat.startswith(("!", "#", " ", "\t")):
                skipped += 1  # not a pattern to git (negation, comment) or to rhea (leading blank)
                continue
            want = git_matches(pat, paths, tmp)
            got, err = rhea_matches(args.rhea, pat, paths)
            if got is None:
                if want:  # rhea refuses the pattern (e.g. only a '/'): git must match nothing
                    failures += 1
                    print("DIFF %r: rhea refuses it (%s) but git matches %d paths" %
                          (pat, err, len(want)))
                else:
                    skipped += 1
                continue
            if got != want:
                failures += 1
                extra, missing = sorted(got - want)[:5], sorted(want - got)[:5]
                print("DIFF %r: rhea-only %d %r, git-only %d %r" %
                      (pat, len(got - want), extra, len(want - got), missing))
    checked = len(unique) - skipped
    print("%d patterns x %d paths: %d agree, %d differ, %d skipped" %
          (checked, len(paths), checked - failures, failures, skipped))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
