# lib.sh: what the bench scripts share. Source it; it defines no side effects until called.
#
# PAUSE_FUZZ=1: the machine runs niced fuzzers (build-fuzz/tests/fuzz_*) in the background. A timing
# can stop them (SIGSTOP) and must let them go on (SIGCONT) right after, also when the script fails
# or is interrupted: bench_pause_fuzz records the ids of the processes it stopped and installs a
# trap that resumes exactly those ids; bench_resume_fuzz resumes them earlier. Processes are found
# by their program path (argument 0), so a wrapper that merely names a fuzzer is left alone;
# FUZZ_PATTERN (default build-fuzz/tests/fuzz_) is the part of the path that marks them.

#
# A pause must stay short. libFuzzer times a unit by the wall clock: a fuzzer stopped for more than
# 10 s writes a slow-unit-* file when it resumes (-report_slow_units), and one stopped for more than
# its -timeout (1200 s by default) reports a timeout, writes a timeout-* artifact and exits as
# failed (this happened on 1 December: a 1M-commit run kept them stopped 23 minutes). So the scripts
# pause around each timed run, not around a series, and a watchdog resumes the fuzzers after
# PAUSE_MAX seconds (default 600) whatever the run is doing; the script then says so on stderr.

BENCH_PAUSED=""
BENCH_WATCHDOG=""

bench_resume_fuzz() {
  if [ -n "$BENCH_WATCHDOG" ]; then
    kill -TERM "$BENCH_WATCHDOG" 2>/dev/null || true
    wait "$BENCH_WATCHDOG" 2>/dev/null || true
    BENCH_WATCHDOG=""
  fi
  [ -n "$BENCH_PAUSED" ] || return 0
  # shellcheck disable=SC2086
  kill -CONT $BENCH_PAUSED 2>/dev/null || true
  BENCH_PAUSED=""
}

# bench_on_exit CMD: runs CMD at exit (after resuming the fuzzers); one trap holds both.
BENCH_EXIT_CMD=":"
bench_on_exit() {
  BENCH_EXIT_CMD=$1
  trap 'bench_resume_fuzz; eval "$BENCH_EXIT_CMD"' EXIT
  trap 'exit 130' INT TERM HUP
}

bench_pause_fuzz() {
  [ "${PAUSE_FUZZ:-0}" = 1 ] || return 0
  local pid exe
  BENCH_PAUSED=""
  local pattern=${FUZZ_PATTERN:-build-fuzz/tests/fuzz_}
  for pid in $(pgrep -f -- "$pattern" || true); do
    exe=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -1) || continue
    case "$exe" in
    *"$pattern"*) BENCH_PAUSED="$BENCH_PAUSED $pid" ;;
    esac
  done
  trap 'bench_resume_fuzz; eval "$BENCH_EXIT_CMD"' EXIT
  trap 'exit 130' INT TERM HUP
  [ -n "$BENCH_PAUSED" ] || return 0
  # shellcheck disable=SC2086
  kill -STOP $BENCH_PAUSED 2>/dev/null || true
  local max=${PAUSE_MAX:-600} ids=$BENCH_PAUSED
  # The watchdog's stdout goes nowhere and its trap is set before its sleep starts: a TERM that
  # came first used to leave the sleep behind holding the caller's stdout, so a $(...) around
  # the caller waited PAUSE_MAX seconds for it (seen in CI: 600 s, and the test's stand-in gone).
  (
    s=""
    trap 'kill $s 2>/dev/null; exit 0' TERM
    sleep "$max" >/dev/null 2>&1 &
    s=$!
    wait "$s"
    # shellcheck disable=SC2086
    kill -CONT $ids 2>/dev/null
    echo "PAUSE_FUZZ: fuzzers resumed after PAUSE_MAX=$max s; the rest of this run ran beside them" >&2
  ) >/dev/null &
  BENCH_WATCHDOG=$!
}

# bench_median: the median of the numbers on standard input, one a line.
bench_median() {
  sort -g | awk '{v[NR]=$1} END{ if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2];
    else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_machine: one line describing the machine and its load.
bench_machine() {
  local model mem
  model=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null)
  mem=$(awk '/^MemTotal/{printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)
  printf 'machine: %s CPUs (%s), %s RAM; load average %s\n' "$(nproc)" "${model:-unknown}" \
    "${mem:-unknown}" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
}

# bench_synthetic GEN CACHE N: the path of an N-commit bare synthetic history in CACHE, written by
# GEN (rhea-sample-repo) when absent; the generation's time and size go to CACHE/generation.log.
bench_synthetic() {
  local gen=$1 cache=$2 n=$3 repo
  repo=$cache/synthetic-$n.git
  if [ ! -d "$repo" ]; then
    mkdir -p "$cache"
    rm -rf "$repo.tmp"
    "${TIME_BIN:-/usr/bin/time}" -f "%e %U %S %M" -o "$cache/gen-$n.time" \
      "$gen" --synthetic "$n" --bare "$repo.tmp" >/dev/null || return 1
    mv "$repo.tmp" "$repo"
    read -r w u s m <"$cache/gen-$n.time"
    printf 'synthetic %s commits: generated in %s s wall (%s s user, %s s sys), peak RSS %.0f MiB, %s on disk\n' \
      "$n" "$w" "$u" "$s" "$((m / 1024))" "$(du -sh "$repo" | cut -f1)" >>"$cache/generation.log"
  fi
  echo "$repo"
}
