# lib.sh: what the end-to-end tests share. Usage: source it with "$@" = RHEA SAMPLE_GEN SOURCE_DIR.
set -uo pipefail
# absolute paths, so that a test may cd (make memcheck passes relative ones, and RHEA_REAL)
abspath() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
RHEA=$(abspath "$1")
SAMPLE_GEN=$(abspath "$2")
SRC=$(cd "$3" && pwd)
if [ -n "${RHEA_REAL:-}" ]; then
  RHEA_REAL=$(abspath "$RHEA_REAL")
  export RHEA_REAL
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FAILS=0
SKIPPED=""

fail() {
  echo "FAIL: $*" >&2
  FAILS=$((FAILS + 1))
}

# expect_exit CODE CMD...: runs CMD, keeps stdout/stderr in $OUT/$ERR, checks its exit status.
expect_exit() {
  local want=$1
  shift
  OUT=$("$@" 2>"$WORK/stderr")
  local got=$?
  ERR=$(cat "$WORK/stderr")
  [ "$got" = "$want" ] || fail "exit $got (want $want): $* -- $ERR"
}

# expect_match TEXT PATTERN: grep -E PATTERN must match TEXT.
expect_match() {
  # a here-string, not a pipe: with pipefail, grep -q closing the pipe early fails printf
  grep -qE -- "$2" <<<"$1" || fail "'$1' does not match /$2/"
}

# one_line TEXT: an error message is exactly one line.
one_line() {
  [ "$(printf '%s' "$1" | wc -l)" -le 0 ] || [ "$(printf '%s\n' "$1" | wc -l)" = 1 ] ||
    fail "not one line: $1"
}

# skip WHY: a check cannot run here (a tool is missing). The test still runs what it can; a
# failure fails it, otherwise it exits 77, which ctest shows as skipped (SKIP_RETURN_CODE).
skip() {
  echo "SKIP: $*"
  SKIPPED="$SKIPPED${SKIPPED:+; }$*"
}

finish() {
  if [ "$FAILS" -gt 0 ]; then
    echo "$FAILS failure(s)" >&2
    exit 1
  fi
  if [ -n "$SKIPPED" ]; then
    echo "ok, but skipped: $SKIPPED"
    exit 77
  fi
  echo "ok"
}
