#!/usr/bin/env bash
# Runs one libFuzzer target until it has used CPU_SECONDS of CPU time (not wall time), so a
# target that shares the machine still gets its full budget. Prints libFuzzer's final stats and
# one summary line: target, CPU seconds, wall seconds, executions, corpus size, result.
# Usage: fuzz_for_cpu.sh TARGET_BINARY CPU_SECONDS CORPUS_DIR [SEED_DIR...]
set -u
bin=$1 budget=$2 corpus=$3
shift 3
name=$(basename "$bin")
mkdir -p "$corpus"
art=${ARTIFACT_PREFIX:-$(dirname "$corpus")/}
start=$(date +%s)
# libFuzzer's -timeout is wall time: on a shared machine a target paused or starved for a while
# (another job's benchmark stops it) would report a "timeout" on an input that runs in
# milliseconds. Hangs are caught instead when ctest replays the corpus under its own time limit.
LSAN_OPTIONS=${LSAN_OPTIONS:-} "$bin" -max_total_time=1000000 -timeout=86400 \
	-report_slow_units=86400 -print_final_stats=1 -artifact_prefix="$art" "$corpus" "$@" &
pid=$!
tck=$(getconf CLK_TCK)
cpu=0
while kill -0 "$pid" 2>/dev/null; do
	sleep 5
	if [ -r /proc/$pid/stat ]; then
		# fields 14 and 15 are utime and stime in clock ticks (the name field has no spaces here)
		read -r -a f </proc/$pid/stat || break
		cpu=$(((f[13] + f[14]) / tck))
		if [ "$cpu" -ge "$budget" ]; then
			kill -INT "$pid"
			break
		fi
	fi
done
wait "$pid"
rc=$?
wall=$(($(date +%s) - start))
n=$(find "$corpus" -type f | wc -l)
# libFuzzer exits 72 after SIGINT when it was stopped by us; anything else non-zero is a finding.
if [ "$cpu" -ge "$budget" ] && { [ $rc -eq 0 ] || [ $rc -eq 72 ] || [ $rc -eq 130 ]; }; then
	res=ok
elif [ $rc -eq 0 ]; then
	res=ok
else
	res="FAILED rc=$rc"
fi
echo "FUZZ $name cpu_s=$cpu wall_s=$wall corpus=$n result=$res"
[ "$res" = ok ]
