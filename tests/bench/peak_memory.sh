#!/usr/bin/env bash
# peak_memory.sh CMD [ARGS...]: runs CMD and prints the peak, over its life, of the memory of CMD
# and every process it started, summed: "rss_kib pss_kib samples".
#
# GNU time's %M is the peak of the largest single process, which undercounts a command that forks
# workers. This samples /proc every 5 ms instead: RSS counts shared pages (the pack files both
# processes map) once per process, PSS divides them among the sharers, so PSS is the fair figure
# for memory used and RSS the pessimistic one. Sampling can miss a peak shorter than 5 ms.
set -u
"$@" &
root=$!
peak_rss=0 peak_pss=0 samples=0
# descendants PID: PID and every process below it
descendants() {
  local p=$1 c
  echo "$p"
  for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do descendants "$c"; done
}
while kill -0 "$root" 2>/dev/null; do
  rss=0 pss=0
  for p in $(descendants "$root"); do
    read -r r s < <(awk '/^Rss:/{r=$2} /^Pss:/{s=$2} END{print r+0, s+0}' /proc/"$p"/smaps_rollup 2>/dev/null || echo "0 0")
    rss=$((rss + ${r:-0}))
    pss=$((pss + ${s:-0}))
  done
  [ "$rss" -gt "$peak_rss" ] && peak_rss=$rss
  [ "$pss" -gt "$peak_pss" ] && peak_pss=$pss
  samples=$((samples + 1))
  sleep 0.005
done
wait "$root"
rc=$?
echo "$peak_rss $peak_pss $samples" >&2
exit $rc
