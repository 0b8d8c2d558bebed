#!/usr/bin/env bash
# recproc's benchmark beside its peers, in one run, on the same files.
#
#   bash bench/run.sh [LINES]        (default 1,000,000)
#
# Installs what it needs (Debian packages), builds recproc twice: the release
# binary build-pgo/recproc, with profile-guided optimization (scripts/dev.sh
# release), which the recproc rows measure, and the plain Release build
# build/recproc (scripts/dev.sh build), measured in one row only (parsing
# alone, records to /dev/null, without PGO) to show what PGO adds. Generates
# the deterministic corpus + synthetic GeoIP City/ASN databases + 100k-item
# lists into bench/data/ (once per LINES value), then runs each tool over the
# syslog key=value corpus (recproc: parsing alone, parse + map, the full
# pipeline) and prints lines/s, MB/s, CPU seconds (and the kernel's part of
# them) and peak RSS from /usr/bin/time, and recproc's ratios to syslog-ng and
# rsyslog. recproc also runs over the CEF, CloudTrail JSON and mixed corpora
# with its built-in default configuration. Six rows show the cost of writing
# the output: parsing alone, parse + map and the full pipeline (on 1 and on
# all threads) with their records sent to /dev/null, and writing as many bytes
# as the full pipeline's output with nothing computed, through the page cache
# and with direct I/O. Each tool's output line count is checked against the
# input: a tool that dropped lines fails the run. The peers' outputs are also
# checked for parsed key=value pairs (a peer that silently parsed nothing
# fails the run).
#
# rsyslog runs as a private one-shot instance (bench/rsyslog_oneshot.py) of
# Debian's build, unpacked rather than installed: own config, work directory
# and pid file under a temporary directory, input over loopback TCP, no system
# socket, stopped (and killed on any way out) by the script.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
data=bench/data
. bench/install_packages.sh
install_packages syslog-ng-core syslog-ng-mod-geoip2 libmaxmind-db-writer-perl python3 time \
  liblognorm5 libestr0 libfastjson4
# rsyslog's package conflicts with syslog-ng-core's (see unpack_package): its
# Debian build runs from an unpacked copy, modules from the same copy.
rsyslog_root=$(unpack_package rsyslog "${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/recproc-bench")
rsyslogd=$rsyslog_root/usr/sbin/rsyslogd
rsyslog_env=(env "RSYSLOG_MODDIR=$(echo "$rsyslog_root"/usr/lib/*/rsyslog)/")
# The release binary, built with profile-guided optimization, and the plain
# Release build for the one row without it.
bash scripts/dev.sh release >/dev/null
bash scripts/dev.sh build >/dev/null
recproc=build-pgo/recproc
recproc_plain=build/recproc
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
# The one-shot wrapper stops rsyslogd itself; this covers the script being
# stopped while the wrapper runs: the private instance is found by its own pid
# file, never by name.
stop_rsyslogd() {
  local pid
  pid=$(cat "$tmp/rsyslog/rsyslogd.pid" 2>/dev/null) || return 0
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = rsyslogd ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do [ -e "/proc/$pid" ] || return 0; sleep 0.05; done
  kill -KILL "$pid" 2>/dev/null || true
}
trap 'stop_rsyslogd; rm -rf "$tmp"' EXIT
sed -e "s|@DATA@|$(realpath "$data")|" -e "s|@OUT@|$tmp/syslog-ng.out|" bench/syslog-ng.conf.in > "$tmp/syslog-ng.conf"
mkdir "$tmp/rsyslog"
sed -e "s|@WORK@|$tmp/rsyslog|g" -e "s|@OUT@|$tmp/rsyslog.out|" bench/rsyslog.conf.in > "$tmp/rsyslog.conf"
"${rsyslog_env[@]}" "$rsyslogd" -N1 -f "$tmp/rsyslog.conf" > "$tmp/rsyslog-check.txt" 2>&1 || { cat "$tmp/rsyslog-check.txt" >&2; exit 1; }
threads=$(nproc)

# measure NAME EXPECTED_LINES OUTPUT_FILE COMMAND...: runs the command under
# /usr/bin/time and prints one table row.
printf '%-54s %12s %9s %9s %9s %9s %8s\n' "pipeline" "lines/s" "MB/s" "wall s" "CPU s" "sys s" "RSS MB"
declare -A rate peak_kb
measure() {
  local name=$1 expect=$2 out=$3; shift 3
  # Each row starts with the disk idle: the previous row's output is flushed
  # first, so no tool pays for another's writeback.
  sync
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@"
  read -r wall user sys rss < "$tmp/time"
  if [ "$out" != "-" ]; then
    local got; got=$(wc -l < "$out")
    if [ "$got" != "$expect" ]; then echo "$name: produced $got lines, expected $expect" >&2; exit 1; fi
  fi
  local l=${row_lines:-$lines} b=${row_bytes:-$bytes}
  local r; r=$(awk -v l="$l" -v w="$wall" 'BEGIN{printf "%.0f", l/(w>0?w:0.001)}')
  rate[$name]=$r
  peak_kb[$name]=$rss
  awk -v n="$name" -v l="$l" -v b="$b" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN{w=(w>0?w:0.001); printf "%-54s %12.0f %9.1f %9.2f %9.2f %9.2f %8.1f\n", n, l/w, b/w/1e6, w, u+s, s, m/1024}'
}

# null_row NAME BIN CONFIG THREADS: BIN with bench/configs/CONFIG.yaml over the
# key=value corpus, its records sent to /dev/null; --stats must count every
# line as a record.
null_row() {
  local name=$1 bin=$2 config=$3 n=$4
  measure "$name" "$lines" - sh -c \
    "$bin -c bench/configs/$config.yaml --now 2026-03-15T00:00:00Z --threads $n --stats -o /dev/null '$input' 2> '$tmp/null.stats'"
  grep -q "records out: $lines\$" "$tmp/null.stats" || { echo "$name: not every line became a record" >&2; cat "$tmp/null.stats" >&2; exit 1; }
}

measure "cat (floor)" "$lines" - sh -c "cat '$input' > /dev/null"
measure "wc -l (floor)" "$lines" - sh -c "wc -l '$input' > /dev/null"
# Parsing alone, the floor of recproc's own work: a mapping that sets no
# attribute, every later stage off; the record is its uid, time, metadata and
# parsed fields.
measure "recproc parse alone, 1 thread" "$lines" "$tmp/parse.out" \
  "$recproc" -c bench/configs/parse_only.yaml --now 2026-03-15T00:00:00Z --threads 1 -o "$tmp/parse.out" "$input"
rm -f "$tmp/parse.out"
null_row "recproc parse alone, 1 thread, /dev/null" "$recproc" parse_only 1
# The same with the plain Release build: the row above less its
# profile-guided optimization.
null_row "recproc parse alone, 1 thread, /dev/null, without PGO" "$recproc_plain" parse_only 1
measure "recproc parse+map, 1 thread" "$lines" "$tmp/pm.out" \
  "$recproc" -c bench/configs/parse_map.yaml --now 2026-03-15T00:00:00Z --threads 1 -o "$tmp/pm.out" "$input"
# The same without the kernel's share: the records go to /dev/null.
null_row "recproc parse+map, 1 thread, /dev/null" "$recproc" parse_map 1
measure "recproc full, 1 thread" "$lines" "$tmp/full1.out" \
  "$recproc" -c bench/configs/full.yaml --now 2026-03-15T00:00:00Z --threads 1 -o "$tmp/full1.out" "$input"
# Memory must not grow with the input: the same pipeline over the first tenth.
tenth=$((lines / 10))
head -n "$tenth" "$input" > "$tmp/tenth.log"
row_lines=$tenth row_bytes=$(stat -c %s "$tmp/tenth.log") measure "recproc full, 1 thread, 1/10 input" "$tenth" \
  "$tmp/full10.out" "$recproc" -c bench/configs/full.yaml --now 2026-03-15T00:00:00Z --threads 1 -o "$tmp/full10.out" "$tmp/tenth.log"
rm -f "$tmp/tenth.log" "$tmp/full10.out"
measure "recproc full, $threads threads" "$lines" "$tmp/fullN.out" \
  "$recproc" -c bench/configs/full.yaml --now 2026-03-15T00:00:00Z --threads "$threads" -o "$tmp/fullN.out" "$input"
cmp -s "$tmp/full1.out" "$tmp/fullN.out" || { echo "output differs between 1 and $threads threads" >&2; exit 1; }
# Processing alone scales apart from the output's copy and the device: the
# full pipeline on 1 and on all threads with its records sent to /dev/null.
for n in 1 "$threads"; do null_row "recproc full, $n thread(s), /dev/null" "$recproc" full "$n"; done
# The generator's other corpora, with the built-in default configuration:
# what `recproc FILE` does with no configuration at all (detect the format,
# parse, map, normalize, URL and domain enrichment; no GeoIP databases, no
# lists). --stats must report every line mapped, none failed.
builtin_row() {
  local name=$1 file=$2 n=$3; shift 3
  row_lines=$n row_bytes=$(stat -c %s "$file") measure "$name" "$n" "$tmp/builtin.out" sh -c \
    "env -u RECPROC_CONFIG $recproc --now 2026-03-15T00:00:00Z --stats $* -o '$tmp/builtin.out' '$file' 2> '$tmp/builtin.stats'"
  if ! grep -q "records out: $n\$" "$tmp/builtin.stats" || ! grep -q "failed records: 0\$" "$tmp/builtin.stats"; then
    echo "$name: not every line became a record" >&2; cat "$tmp/builtin.stats" >&2; exit 1
  fi
  rm -f "$tmp/builtin.out"
}
for corpus in cef cloudtrail mixed; do
  n=$(wc -l < "$data/$corpus.log")
  builtin_row "recproc built-in, $corpus, 1 thread" "$data/$corpus.log" "$n" --threads 1
done
builtin_row "recproc built-in, mixed, $threads threads" "$data/mixed.log" "$n" --threads "$threads"
# The cost of writing alone: as many bytes as the full pipeline's output, to
# a new file on the same file system in 4 MB writes, made durable, with
# nothing computed. Once through the page cache (as the peers write), once
# with direct I/O (as recproc writes its output file where the file system
# takes it; GNU dd writes a last partial block through the page cache too).
out_bytes=$(stat -c %s "$tmp/full1.out")
out_mb=$(( (out_bytes + 999999) / 1000000 ))
measure "write ${out_mb} MB via page cache (floor)" "$lines" - \
  sh -c "dd if=/dev/zero of='$tmp/write-floor.out' bs=4M count=$out_bytes iflag=count_bytes status=none && sync -d '$tmp/write-floor.out'"
rm -f "$tmp/write-floor.out"
measure "write ${out_mb} MB direct (floor)" "$lines" - \
  sh -c "dd if=/dev/zero of='$tmp/write-floor.out' bs=4M count=$out_bytes iflag=count_bytes oflag=direct status=none && sync -d '$tmp/write-floor.out'"
rm -f "$tmp/write-floor.out"
measure "syslog-ng kv+geoip2+json" "$lines" "$tmp/syslog-ng.out" \
  sh -c "cat '$input' | syslog-ng -F --no-caps -f '$tmp/syslog-ng.conf' -p '$tmp/sng.pid' -R '$tmp/sng.persist' -c '$tmp/sng.ctl' 2>/dev/null"
# The wrapper's own start (python3 -S: stdlib only, no site packages) and
# rsyslogd's start and stop are part of this row: ~0.4 s on a loaded machine.
measure "rsyslog kv+json (no geoip)" "$lines" "$tmp/rsyslog.out" \
  "${rsyslog_env[@]}" python3 -S bench/rsyslog_oneshot.py "$rsyslogd" "$tmp/rsyslog.conf" "$tmp/rsyslog" "$input" "$tmp/rsyslog.out" "$lines"

# parsed_kv NAME OUTPUT UNPARSED_MARK: fails the run unless the first and the
# last output record carry a "srcip" JSON key whose value is the one in the
# record's own message text (order-independent: a peer may reorder), and,
# when UNPARSED_MARK is given, no record carries it.
parsed_kv() {
  local name=$1 out=$2 unparsed=$3 line ip
  for line in "$(head -n 1 "$out")" "$(tail -n 1 "$out")"; do
    ip=$(grep -o -E '"srcip": ?"[0-9a-fA-F.:]+"' <<< "$line" | head -n 1 | sed -E 's/.*"([^"]+)"$/\1/') || true
    if [ -z "$ip" ] || ! grep -q -F "srcip=$ip " <<< "$line"; then
      echo "$name: no parsed \"srcip\" key matching the message in: ${line:0:400}" >&2
      exit 1
    fi
  done
  if [ -n "$unparsed" ] && grep -q -F "$unparsed" "$out"; then
    echo "$name: $(grep -c -F "$unparsed" "$out") records left unparsed, e.g. $(grep -m1 -F "$unparsed" "$out" | cut -c1-400)" >&2
    exit 1
  fi
}
parsed_kv "syslog-ng" "$tmp/syslog-ng.out" ""
parsed_kv "rsyslog" "$tmp/rsyslog.out" '"unparsed-data":'
echo
awk -v a="${rate[recproc full, 1 thread]}" -v b="${rate[recproc full, $threads threads]}" \
    -v s="${rate[syslog-ng kv+geoip2+json]}" -v r="${rate[rsyslog kv+json (no geoip)]}" \
  'BEGIN{printf "recproc full / syslog-ng: %.1fx (1 thread), %.1fx (%s threads); recproc full / rsyslog: %.1fx (1 thread), %.1fx (%s threads); scaling %.2fx\n", a/s, b/s, "'"$threads"'", a/r, b/r, "'"$threads"'", b/a}'
awk -v a="${rate[recproc full, 1 thread(s), /dev/null]}" -v b="${rate[recproc full, $threads thread(s), /dev/null]}" \
  'BEGIN{printf "recproc full, records to /dev/null: scaling %.2fx\n", b/a}'
# rsyslog's row does no enrichment, so recproc's parse+map row is its nearest
# match in work (header + key=value parsing, JSON out).
awk -v p="${rate[recproc parse+map, 1 thread]}" -v r="${rate[rsyslog kv+json (no geoip)]}" \
  'BEGIN{printf "recproc parse+map (1 thread) / rsyslog kv+json: %.1fx\n", p/r}'
awk -v p="${rate[recproc parse alone, 1 thread, /dev/null]}" -v n="${rate[recproc parse alone, 1 thread, /dev/null, without PGO]}" \
  'BEGIN{printf "recproc parse alone, 1 thread, records to /dev/null, with / without PGO: %.2fx\n", p/n}'
awk -v a="${peak_kb[recproc full, 1 thread, 1/10 input]}" -v b="${peak_kb[recproc full, 1 thread]}" \
  'BEGIN{printf "recproc full, 1 thread, peak RSS: %.1f MB over 1/10 of the input, %.1f MB over all of it (%.2fx)\n", a/1024, b/1024, b/a}'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before run: $(cut -d' ' -f1-3 /proc/loadavg)"
