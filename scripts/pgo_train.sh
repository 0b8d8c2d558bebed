#!/usr/bin/env bash
# The training run of the profile-guided release build (scripts/pgo.sh):
# runs the instrumented binary BIN over representative input, each run on 1
# and on 2 threads, so its profile records where recproc spends its time.
#
#   bash scripts/pgo_train.sh BIN WORKDIR
#
# The input is like the benchmark's but not the same: a corpus of the same
# generator with another seed and 100,000 lines, small lists and its own
# GeoIP databases, written into WORKDIR (emptied first). Over it run the benchmark's three
# configurations (parsing alone, parse + map, the full pipeline) on the
# key=value corpus, the built-in default configuration on the CEF,
# CloudTrail and mixed corpora, and the built-in default configuration on the
# bundled samples. Every run must succeed, and every corpus line must become
# a record; the outputs are deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: scripts/pgo_train.sh BIN WORKDIR" >&2; exit 2; }
bin=$(realpath "$1")
work=$2
lines=100000
list_items=2000
seed=1  # not the benchmark's (bench/gen_corpus.py's default)
now=2026-03-15T00:00:00Z

rm -rf "$work"
mkdir -p "$work/data" "$work/configs"
python3 bench/gen_corpus.py "$work/data" "$lines" "$list_items" "$seed"
perl bench/make_mmdb.pl "$work/data"
# The benchmark's configurations read data/... beside themselves; copies of
# them read the training data instead (bench/configs/data is bench/run.sh's).
cp bench/configs/*.yaml "$work/configs/"
ln -s ../data "$work/configs/data"
out=$work/out.jsonl

# train NAME EXPECTED_RECORDS ARGS...: recproc ARGS on 1 and on 2 threads,
# with the built-in default configuration unless ARGS give one (-c);
# EXPECTED_RECORDS (unless -) is the number of output lines.
train() {
  local name=$1 expect=$2 threads got; shift 2
  for threads in 1 2; do
    if ! env -u RECPROC_CONFIG "$bin" --now "$now" --threads "$threads" --stats -o "$out" "$@" 2> "$work/stderr"; then
      echo "pgo training: $name on $threads thread(s) failed:" >&2; cat "$work/stderr" >&2; exit 1
    fi
    got=$(wc -l < "$out")
    if [ "$expect" != - ] && [ "$got" != "$expect" ]; then
      echo "pgo training: $name on $threads thread(s): $got records, expected $expect" >&2; exit 1
    fi
    rm -f "$out"
  done
}

for config in parse_only parse_map full; do
  train "$config.yaml" "$lines" -c "$work/configs/$config.yaml" "$work/data/syslog_kv.log"
done
for corpus in cef cloudtrail mixed; do
  train "built-in, $corpus.log" "$(wc -l < "$work/data/$corpus.log")" "$work/data/$corpus.log"
done
shopt -s nullglob
samples=(samples/*/*.log samples/*/*.log.gz)
train "built-in, samples" - "${samples[@]}"
rm -f "$work/stderr"
