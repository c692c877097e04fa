#!/usr/bin/env bash
# test_launcher.sh: rhea is a launcher (cli/launcher.c) that links the C library alone and
# becomes, in the same process, rhea-ingest for `rhea analyze`, rhea-metrics for `rhea
# contributors` and `rhea coupling` unless they ask for HTML or --content-signals, and
# rhea-commands for everything else. rhea analyze loads none of the libraries only the other
# commands use (json-glib, cairo, GSL); contributors and coupling load neither libgit2 nor cairo,
# and do with HTML (the counter-checks); arguments, exit statuses and the process id pass through;
# a missing program is a one-line error naming it and RHEA_LIBEXEC_DIR.
source "$(dirname "$0")/lib.sh"
REAL=${RHEA_REAL:-$RHEA}
DIR=$(dirname "$REAL")
for p in rhea-ingest rhea-metrics rhea-commands; do
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
  metrics=$(needed "$DIR/rhea-metrics")
  expect_match "$metrics" "libsqlite3\.so.*libgsl\.so|libgsl\.so.*libsqlite3\.so"
  expect_match "$metrics" "libjson-glib"
  for lib in libcairo libgit2; do
    [[ "$metrics" != *"$lib"* ]] || fail "rhea-metrics needs $lib: $metrics"
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
  for cmd in contributors coupling; do
    LD_DEBUG=files "$RHEA" $cmd --product p --db "$DB" 2>"$WORK/files" >/dev/null ||
      fail "rhea $cmd failed"
    for lib in libjson-glib libgsl; do
      grep -q "file=$lib" "$WORK/files" || fail "rhea $cmd did not load $lib"
    done
    for lib in libcairo libgit2; do
      ! grep -q "file=$lib" "$WORK/files" || fail "rhea $cmd loaded $lib"
    done
    LD_DEBUG=files "$RHEA" $cmd --product p --db "$DB" --format html 2>"$WORK/files" >/dev/null ||
      fail "rhea $cmd --format html failed"
    grep -q "file=libcairo" "$WORK/files" || fail "rhea $cmd --format html did not load libcairo"
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
expect_exit 1 env RHEA_LIBEXEC_DIR="$WORK/none" "$REAL" classify --product p --db "$DB"
one_line "$ERR"
expect_match "$ERR" "^rhea: cannot run $WORK/none/rhea-commands \(No such file or directory\); set RHEA_LIBEXEC_DIR to the folder holding rhea-ingest, rhea-metrics and rhea-commands$"
mkdir "$WORK/lx"
cp "$DIR/rhea-commands" "$WORK/lx/"
expect_exit 0 env RHEA_LIBEXEC_DIR="$WORK/lx" RHEA_DATA_DIR="$SRC/classifiers" "$REAL" classify \
  --product p --db "$DB" --format csv
expect_match "$OUT" "^path,label,"
expect_exit 1 env RHEA_LIBEXEC_DIR="$WORK/lx" "$REAL" analyze "$WORK/repo" --product p --db "$DB"
expect_match "$ERR" "^rhea: cannot run $WORK/lx/rhea-ingest \(No such file or directory\)"
expect_exit 1 env RHEA_LIBEXEC_DIR="$WORK/lx" "$REAL" coupling --product p --db "$DB"
expect_match "$ERR" "^rhea: cannot run $WORK/lx/rhea-metrics \(No such file or directory\)"
# which program runs contributors and coupling: rhea-metrics alone in a folder runs them, and
# every way of asking for HTML or content signals goes to rhea-commands, which is not there
mkdir "$WORK/mx"
cp "$DIR/rhea-metrics" "$WORK/mx/"
for cmd in contributors coupling; do
  expect_exit 0 env RHEA_LIBEXEC_DIR="$WORK/mx" RHEA_DATA_DIR="$SRC/classifiers" "$REAL" $cmd \
    --product p --db "$DB" --format json
  expect_match "$OUT" "^\{"
  for args in "--format html" "--format=html" "--content-signals" "--format csv --content-signals"; do
    # shellcheck disable=SC2086
    expect_exit 1 env RHEA_LIBEXEC_DIR="$WORK/mx" "$REAL" $cmd --product p --db "$DB" $args
    expect_match "$ERR" "^rhea: cannot run $WORK/mx/rhea-commands \(No such file or directory\)"
  done
  # run directly, rhea-metrics refuses what it leaves out, in one line, without output
  expect_exit 1 "$DIR/rhea-metrics" $cmd --product p --db "$DB" --format html
  one_line "$ERR"
  expect_match "$ERR" "^rhea $cmd: this program \(rhea-metrics\) writes no html: run the command through rhea, which hands it to rhea-commands$"
  [ -z "$OUT" ] || fail "rhea-metrics $cmd --format html wrote: $OUT"
  expect_exit 1 "$DIR/rhea-metrics" $cmd --product p --db "$DB" --content-signals
  expect_match "$ERR" "^rhea $cmd: this program \(rhea-metrics\) reads no repository for --content-signals"
done
# a launcher alone in a folder: both places named
mkdir "$WORK/alone"
cp "$REAL" "$WORK/alone/rhea"
expect_exit 1 "$WORK/alone/rhea" --version
one_line "$ERR"
expect_match "$ERR" "^rhea: cannot find rhea-commands: neither in $WORK/libexec/rhea nor beside rhea in $WORK/alone; reinstall rhea"
finish
