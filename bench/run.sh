#!/usr/bin/env bash
# recproc's benchmark beside its peers, in one run, on the same files.
#
#   bash bench/run.sh [LINES]        (default 1,000,000)
#
# Installs what it needs (Debian packages), builds recproc, generates the
# deterministic corpus + synthetic GeoIP City/ASN databases + 100k-item lists
# into bench/data/ (once per LINES value), then runs each tool over the
# syslog key=value corpus and prints lines/s, MB/s, CPU seconds and peak RSS
# from /usr/bin/time, and recproc's ratio to syslog-ng. Each tool's output
# line count is checked against the input: a tool that dropped lines fails
# the run.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
data=bench/data
. bench/install_packages.sh
install_packages syslog-ng-core syslog-ng-mod-geoip2 libmaxmind-db-writer-perl python3 time
bash scripts/dev.sh build >/dev/null
if [ "$(cat "$data/.lines" 2>/dev/null)" != "$lines" ]; then
  echo "generating $lines lines of corpus into $data ..." >&2
  python3 bench/gen_corpus.py "$data" "$lines" 100000
  perl bench/make_mmdb.pl "$data"
  echo "$lines" > "$data/.lines"
fi
ln -sfn "$(realpath "$data")" bench/configs/data

input=$data/syslog_kv.log
bytes=$(stat -c %s "$input")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -e "s|@DATA@|$(realpath "$data")|" -e "s|@OUT@|$tmp/syslog-ng.out|" bench/syslog-ng.conf.in > "$tmp/syslog-ng.conf"
threads=$(nproc)

# measure NAME EXPECTED_LINES OUTPUT_FILE COMMAND...: runs the command under
# /usr/bin/time and prints one table row.
printf '%-34s %12s %9s %9s %9s %8s\n' "pipeline" "lines/s" "MB/s" "wall s" "CPU s" "RSS MB"
declare -A rate
measure() {
  local name=$1 expect=$2 out=$3; shift 3
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@"
  read -r wall user sys rss < "$tmp/time"
  if [ "$out" != "-" ]; then
    local got; got=$(wc -l < "$out")
    if [ "$got" != "$expect" ]; then echo "$name: produced $got lines, expected $expect" >&2; exit 1; fi
  fi
  local r; r=$(awk -v l="$lines" -v w="$wall" 'BEGIN{printf "%.0f", l/(w>0?w:0.001)}')
  rate[$name]=$r
  awk -v n="$name" -v l="$lines" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN{w=(w>0?w:0.001); printf "%-34s %12.0f %9.1f %9.2f %9.2f %8.1f\n", n, l/w, b/w/1e6, w, u+s, m/1024}'
}

measure "cat (floor)" "$lines" - sh -c "cat '$input' > /dev/null"
measure "wc -l (floor)" "$lines" - sh -c "wc -l '$input' > /dev/null"
measure "recproc parse+map, 1 thread" "$lines" "$tmp/pm.out" \
  build/recproc -c bench/configs/parse_map.yaml --now 2026-03-15T00:00:00Z --threads 1 -o "$tmp/pm.out" "$input"
measure "recproc full, 1 thread" "$lines" "$tmp/full1.out" \
  build/recproc -c bench/configs/full.yaml --now 2026-03-15T00:00:00Z --threads 1 -o "$tmp/full1.out" "$input"
measure "recproc full, $threads threads" "$lines" "$tmp/fullN.out" \
  build/recproc -c bench/configs/full.yaml --now 2026-03-15T00:00:00Z --threads "$threads" -o "$tmp/fullN.out" "$input"
cmp -s "$tmp/full1.out" "$tmp/fullN.out" || { echo "output differs between 1 and $threads threads" >&2; exit 1; }
measure "syslog-ng kv+geoip2+json" "$lines" "$tmp/syslog-ng.out" \
  sh -c "cat '$input' | syslog-ng -F --no-caps -f '$tmp/syslog-ng.conf' -p '$tmp/sng.pid' -R '$tmp/sng.persist' -c '$tmp/sng.ctl' 2>/dev/null"
echo
awk -v a="${rate[recproc full, 1 thread]}" -v b="${rate[recproc full, $threads threads]}" \
    -v s="${rate[syslog-ng kv+geoip2+json]}" \
  'BEGIN{printf "recproc full / syslog-ng: %.1fx (1 thread), %.1fx (%s threads); scaling %.2fx\n", a/s, b/s, "'"$threads"'", b/a}'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before run: $(cut -d' ' -f1-3 /proc/loadavg)"
