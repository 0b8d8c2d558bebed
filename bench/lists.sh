#!/usr/bin/env bash
# Lists at scale: what 1M IP/CIDR items + 1M domains cost to load and to
# match, on the same full pipeline as bench/run.sh.
#
#   bash bench/lists.sh [LINES] [RUNS]   (default 200,000 corpus lines, 3 runs)
#
# Installs what it needs (Debian packages), builds recproc, generates the
# bench corpus with bench/gen_corpus.py (as bench/run.sh does) and the lists
# with bench/gen_lists.py into bench/data/, then prints three tables:
#   load:       recproc with the lists over a 10-line input, minus the same
#               without lists, from /usr/bin/time -v (wall, CPU, peak RSS)
#   throughput: the full pipeline, 1 thread, over the first LINES lines of
#               bench/data/syslog_kv.log, with the lists vs none. lines/s
#               excludes the list load time (measured above); "instr/line"
#               and "cycles/line" are perf's user-space counts, minus the
#               same run over the 10-line input, divided by LINES: unlike
#               wall time they are not disturbed by other load on the
#               machine (cycles still include cache misses). "matched" is
#               the share of records with listMatches.
#   memory:     whole-process peak RSS of the full pipeline with the lists
#               over the same LINES lines, on 1 thread and on all cores.
# Wall figures are medians of RUNS runs.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-200000}
runs=${2:-3}
data=bench/data
corpus_lines=1000000
. bench/install_packages.sh
install_packages libmaxmind-db-writer-perl python3 time linux-perf
bash scripts/dev.sh build >/dev/null
if [ ! -s "$data/syslog_kv.log" ] || [ ! -s "$data/bench-City.mmdb" ]; then
  echo "generating the bench corpus into $data ..." >&2
  python3 bench/gen_corpus.py "$data" "$corpus_lines" 100000
  perl bench/make_mmdb.pl "$data"
  echo "$corpus_lines" > "$data/.lines"
fi
for n in 100000 1000000; do
  if [ ! -s "$data/indicators_$n.csv" ]; then
    echo "generating $n-item lists into $data ..." >&2
    python3 bench/gen_lists.py "$data" "$n"
  fi
done
ln -sfn "$(realpath "$data")" bench/configs/data

tmp=$(mktemp -d)
cfgs=()
trap 'rm -rf "$tmp" "${cfgs[@]}"' EXIT
head -n "$lines" "$data/syslog_kv.log" > "$tmp/input.log"
head -n 10 "$data/syslog_kv.log" > "$tmp/tiny.log"

# config NAME LISTS_YAML: bench/configs/full.yaml with its lists section
# replaced. Written beside full.yaml so its relative paths hold.
config() {
  local path; path=$(mktemp bench/configs/.lists-XXXXXX.yaml)
  cfgs+=("$path")
  awk '/^lists:/{skip=1; next} skip && /^[^ #]/{skip=0} !skip' bench/configs/full.yaml > "$path"
  printf '%s' "$2" >> "$path"
  eval "cfg_$1=$path"
}
config none ""
config csv_100k "lists:
  files:
    - {name: bench_ips, kind: threat, column: Ip, path: data/ips_100000.csv, format: csv}
    - {name: bench_domains, kind: match, column: Domain, path: data/domains_100000.csv, format: csv}
"
config csv_1m "lists:
  files:
    - {name: bench_ips, kind: threat, column: Ip, path: data/ips_1000000.csv, format: csv}
    - {name: bench_domains, kind: match, column: Domain, path: data/domains_1000000.csv, format: csv}
"
config ind_1m "lists:
  files:
    - {name: bench_feed, kind: threat, path: data/indicators_1000000.csv, format: indicator_csv}
"

median() { sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }

# timed CONFIG INPUT [THREADS]: medians of wall seconds, peak RSS (kB) and
# CPU seconds over RUNS runs (THREADS processing threads, default 1).
timed() {
  local walls=() rsss=() cpus=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$tmp/time" bash -c 'build/recproc -c "$1" --now 2026-03-15T00:00:00Z --threads "$4" \
      -o "$2" "$3"' _ "$1" "$tmp/out" "$2" "${3:-1}"
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$tmp/time")")
    rsss+=("$(awk -F': ' '/Maximum resident/{print $2}' "$tmp/time")")
    cpus+=("$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$tmp/time")")
    local got; got=$(wc -l < "$tmp/out")
    local want; want=$(wc -l < "$2")
    [ "$got" -ge "$want" ] || { echo "recproc produced $got records for $want lines" >&2; exit 1; }
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${rsss[@]}" | median)" \
    "$(printf '%s\n' "${cpus[@]}" | median)"
}

# counters CONFIG INPUT: user-space instructions and cycles of one run.
counters() {
  perf stat -x, -e instructions:u,cycles:u -o "$tmp/perf" \
    build/recproc -c "$1" --now 2026-03-15T00:00:00Z --threads 1 -o "$tmp/out" "$2"
  echo "$(awk -F, '/instructions/{print $1}' "$tmp/perf") $(awk -F, '/cycles/{print $1}' "$tmp/perf")"
}

declare -A load_s load_mb
read -r base_wall base_rss base_cpu <<< "$(timed "$cfg_none" "$tmp/tiny.log")"
echo "load: recproc over a 10-line input, minus the same without lists (baseline ${base_wall}s, $((base_rss / 1024)) MB)"
printf '%-44s %10s %10s %12s\n' "lists" "load s" "CPU s" "RSS MB"
for c in csv_100k csv_1m ind_1m; do
  cfg_var=cfg_$c
  read -r wall rss cpu <<< "$(timed "${!cfg_var}" "$tmp/tiny.log")"
  load_s[$c]=$(awk -v a="$wall" -v b="$base_wall" 'BEGIN{printf "%.2f", a-b}')
  load_cpu=$(awk -v a="$cpu" -v b="$base_cpu" 'BEGIN{printf "%.2f", a-b}')
  load_mb[$c]=$(awk -v a="$rss" -v b="$base_rss" 'BEGIN{printf "%.0f", (a-b)/1024}')
  case $c in
    csv_100k) label="CSV, 100k IP/CIDR + 100k domains" ;;
    csv_1m) label="CSV, 1M IP/CIDR + 1M domains" ;;
    ind_1m) label="indicator CSV, 1M (500k IP + 500k domain)" ;;
  esac
  printf '%-44s %10s %10s %12s\n' "$label" "${load_s[$c]}" "$load_cpu" "${load_mb[$c]}"
done

echo
echo "throughput: full pipeline, 1 thread, $lines lines of syslog_kv.log"
printf '%-36s %9s %7s %11s %7s %11s %7s %7s\n' "lists" "lines/s" "cost" "instr/line" "cost" "cycles/line" "cost" "matched"
base_rate="" base_ipl="" base_cpl=""
for c in none csv_100k csv_1m ind_1m; do
  cfg_var=cfg_$c
  read -r wall _ _ <<< "$(timed "${!cfg_var}" "$tmp/input.log")"
  matched=$(grep -c '"listMatches"' "$tmp/out" || true)
  load=${load_s[$c]:-0}
  rate=$(awk -v l="$lines" -v w="$wall" -v d="$load" 'BEGIN{w=w-d; printf "%.0f", l/(w>0?w:0.001)}')
  read -r big_i big_c <<< "$(counters "${!cfg_var}" "$tmp/input.log")"
  read -r small_i small_c <<< "$(counters "${!cfg_var}" "$tmp/tiny.log")"
  ipl=$(awk -v b="$big_i" -v s="$small_i" -v l="$lines" 'BEGIN{printf "%.0f", (b-s)/(l-10)}')
  cpl=$(awk -v b="$big_c" -v s="$small_c" -v l="$lines" 'BEGIN{printf "%.0f", (b-s)/(l-10)}')
  if [ -z "$base_rate" ]; then base_rate=$rate; base_ipl=$ipl; base_cpl=$cpl; fi
  case $c in
    none) label="none" ;;
    csv_100k) label="CSV, 100k IP/CIDR + 100k domains" ;;
    csv_1m) label="CSV, 1M IP/CIDR + 1M domains" ;;
    ind_1m) label="indicator CSV, 1M" ;;
  esac
  awk -v n="$label" -v r="$rate" -v br="$base_rate" -v i="$ipl" -v bi="$base_ipl" -v c="$cpl" -v bc="$base_cpl" \
    -v m="$matched" -v l="$lines" \
    'BEGIN{printf "%-36s %9.0f %6.1f%% %11.0f %6.1f%% %11.0f %6.1f%% %6.1f%%\n", n, r, (br/r-1)*100, i, (i/bi-1)*100, c, (c/bc-1)*100, m/l*100}'
done
echo
echo "memory: whole-process peak RSS, full pipeline with the lists, $lines lines (medians of $runs runs)"
printf '%-44s %12s %12s\n' "lists" "1 thread MB" "$(nproc) threads MB"
for c in csv_100k csv_1m; do
  cfg_var=cfg_$c
  read -r _ rss1 _ <<< "$(timed "${!cfg_var}" "$tmp/input.log" 1)"
  read -r _ rssn _ <<< "$(timed "${!cfg_var}" "$tmp/input.log" "$(nproc)")"
  case $c in
    csv_100k) label="CSV, 100k IP/CIDR + 100k domains" ;;
    csv_1m) label="CSV, 1M IP/CIDR + 1M domains" ;;
  esac
  printf '%-44s %12.0f %12.0f\n' "$label" "$((rss1 / 1024))" "$((rssn / 1024))"
done
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before run: $(cut -d' ' -f1-3 /proc/loadavg)"
