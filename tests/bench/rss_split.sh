#!/usr/bin/env bash
# rss_split.sh CMD [ARGS...]: runs CMD and samples its /proc/PID/status every INTERVAL seconds
# (default 0.02) and prints the largest RssAnon (heap, stacks: what the process allocated), RssFile
# (mapped files: pack files, libraries; shared with the page cache) and VmHWM (peak RSS, what GNU
# time's %M reports) seen, in MiB, on stderr. The split tells which part of a peak RSS grows.
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: rss_split.sh CMD [ARGS...]" >&2; exit 2; }
INTERVAL=${INTERVAL:-0.02}
"$@" &
pid=$!
anon=0 file=0 hwm=0
while kill -0 "$pid" 2>/dev/null; do
  read -r a f h < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} /^VmHWM/{h=$2} END{print a+0, f+0, h+0}' \
    "/proc/$pid/status" 2>/dev/null || echo 0 0 0)
  [ "$a" -le "$anon" ] || anon=$a
  [ "$f" -le "$file" ] || file=$f
  [ "$h" -le "$hwm" ] || hwm=$h
  sleep "$INTERVAL"
done
wait "$pid"
rc=$?
awk -v a="$anon" -v f="$file" -v h="$hwm" 'BEGIN{
  printf "peak RssAnon %.1f MiB, peak RssFile %.1f MiB, VmHWM %.1f MiB (sampled)\n", a/1024, f/1024, h/1024 }' >&2
exit "$rc"
