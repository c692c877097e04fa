#!/usr/bin/env bash
# test_launcher.sh: rhea is a launcher (cli/launcher.c) that links the C library alone and
# becomes, in the same process, rhea-ingest for `rhea analyze` and rhea-commands for everything
# else. rhea analyze loads none of the libraries only the other commands use (json-glib, cairo,
# GSL), while a reporting command does (the counter-check); arguments, exit statuses and the
# process id pass through; a missing program is a one-line error naming it and RHEA_LIBEXEC_DIR.
source "$(dirname "$0")/lib.sh"
REAL=${RHEA_REAL:-$RHEA}
DIR=$(dirname "$REAL")
for p in rhea-ingest rhea-commands; do
  [ -x "$DIR/$p" ] || fail "$DIR/$p is missing: the launcher has nothing to run"
done

# what each program names for the dynamic linker (readelf comes with binutils, as gcc does)
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' '; }
if command -v readelf >/dev/null; then
  # the sanitizer build adds its runtimes (libasan, libubsan, and what they need) to every program
  launcher=$(needed "$REAL" | tr ' ' '\n' | grep -Ev '^(libasan|libubsan|libm|libgcc_s|libstdc\+\+)\.' |
    tr '\n' ' ')
  [ "$launcher" = "libc.so.6 " ] || fail "the launcher needs more than the C library: $launcher"
  ingest=$(needed "$DIR/rhea-ingest")
  expect_match "$ingest" "libgit2\.so.*libsqlite3\.so"
  for lib in libcairo libjson-glib libgsl; do
    [[ "$ingest" != *"$lib"* ]] || fail "rhea-ingest needs $lib: $ingest"
    expect_match "$(needed "$DIR/rhea-commands")" "$lib"
  done
else
  skip "readelf is not installed (apt-get install binutils)"
fi

"$SAMPLE_GEN" "$WORK/repo" >/dev/null || fail "sample generator failed"
DB=$WORK/r.sqlite
if [ -z "${RHEA_REAL:-}" ]; then
  # the libraries the dynamic linker loads, as it says itself (not under valgrind's wrapper)
  LD_DEBUG=files "$RHEA" analyze "$WORK/repo" --product p --db "$DB" --quiet 2>"$WORK/files" \
    >/dev/null || fail "rhea analyze failed"
  expect_match "$(cat "$WORK/files")" "file=libgit2\.so"
  for lib in libcairo libjson-glib libgsl; do
    ! grep -q "file=$lib" "$WORK/files" || fail "rhea analyze loaded $lib"
  done
  LD_DEBUG=files "$RHEA" contributors --product p --db "$DB" 2>"$WORK/files" >/dev/null ||
    fail "rhea contributors failed"
  for lib in libcairo libjson-glib libgsl; do
    grep -q "file=$lib" "$WORK/files" || fail "rhea contributors did not load $lib"
  done
fi

# arguments and exit statuses pass through both ways
expect_exit 0 "$RHEA" analyze "$WORK/repo" --product p --db "$DB"
expect_match "$OUT" "^p: [0-9]+ new commits read"
expect_exit 0 "$RHEA" contributors --product p --db "$DB" --format csv
expect_match "$OUT" "^rank,name,emails,commits,"
expect_exit 1 "$RHEA" analyze "$WORK/nowhere" --product q --db "$DB"
expect_match "$ERR" "^rhea analyze: "
expect_exit 2 "$RHEA" contributors --no-such-option --db "$DB"
expect_exit 2 "$RHEA" no-such-command
expect_match "$ERR" "^rhea: 'no-such-command' is not a command; see rhea --help$"
expect_exit 2 "$RHEA"
expect_match "$ERR" "^usage: rhea COMMAND"
expect_exit 0 "$RHEA" --version
expect_match "$OUT" "^rhea [0-9]+\.[0-9]+\.[0-9]+ \(libgit2 "

# the same process: while rhea analyze runs, its pid is rhea-ingest's (so signals reach it)
"$SAMPLE_GEN" --synthetic 3000 "$WORK/big" >/dev/null || fail "synthetic history"
"$RHEA" analyze "$WORK/big" --db "$WORK/big.sqlite" --quiet >/dev/null 2>&1 &
pid=$!
exe=""
for _ in $(seq 1 3000); do
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || break
  [[ "$exe" == */rhea-ingest ]] && break
  sleep 0.01
done
wait "$pid" || fail "the background rhea analyze failed"
[[ "$exe" == */rhea-ingest ]] || [ -n "${RHEA_REAL:-}" ] ||
  fail "pid $pid ran '$exe', not rhea-ingest"

# a program missing: one line naming it and the variable; the variable finds it elsewhere
expect_exit 1 env RHEA_LIBEXEC_DIR="$WORK/none" "$REAL" contributors --product p --db "$DB"
one_line "$ERR"
expect_match "$ERR" "^rhea: cannot run $WORK/none/rhea-commands \(No such file or directory\); set RHEA_LIBEXEC_DIR to the folder holding rhea-ingest and rhea-commands$"
mkdir "$WORK/lx"
cp "$DIR/rhea-commands" "$WORK/lx/"
expect_exit 0 env RHEA_LIBEXEC_DIR="$WORK/lx" RHEA_DATA_DIR="$SRC/classifiers" "$REAL" contributors \
  --product p --db "$DB" --format csv
expect_match "$OUT" "^rank,name,emails,commits,"
expect_exit 1 env RHEA_LIBEXEC_DIR="$WORK/lx" "$REAL" analyze "$WORK/repo" --product p --db "$DB"
expect_match "$ERR" "^rhea: cannot run $WORK/lx/rhea-ingest \(No such file or directory\)"
# a launcher alone in a folder: both places named
mkdir "$WORK/alone"
cp "$REAL" "$WORK/alone/rhea"
expect_exit 1 "$WORK/alone/rhea" --version
one_line "$ERR"
expect_match "$ERR" "^rhea: cannot find rhea-commands: neither in $WORK/libexec/rhea nor beside rhea in $WORK/alone; reinstall rhea"
finish
