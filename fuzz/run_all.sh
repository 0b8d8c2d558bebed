#!/bin/sh
# Runs every built fuzz target for SECONDS each (default 180), one at a time,
# with the seeds from fuzz/corpus/<target>/ and a scratch corpus in
# ${FUZZ_WORK:-/tmp/recproc-fuzz}/<target>/. Prints "target: runs, findings".
# Usage: fuzz/run_all.sh [SECONDS] [target...]
set -u
cd "$(dirname "$0")/.."
secs=${1:-180}
[ $# -gt 0 ] && shift
work=${FUZZ_WORK:-/tmp/recproc-fuzz}
targets=${*:-$(ls build-fuzz/fuzz/ | sed -n 's/^fuzz_//p')}
for t in $targets; do
  mkdir -p "$work/$t" "$work/$t.artifacts"
  seeds=fuzz/corpus/$t
  [ -d "$seeds" ] || seeds=
  build-fuzz/fuzz/fuzz_"$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/$t.artifacts/" "$work/$t" $seeds >"$work/$t.log" 2>&1
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
  found=$(ls "$work/$t.artifacts" | wc -l)
  echo "$t: ${runs:-?} runs in ${secs}s, $found findings"
done
