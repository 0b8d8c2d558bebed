#!/usr/bin/env bash
# recproc's one set-up script: installs the Debian packages recproc needs
# (idempotent: apt-get runs only when something is missing), builds, then
#   demo  runs recproc over samples/ with the built-in default config
#   test  runs the whole test suite (ctest) on the Release build, then again
#         built with AddressSanitizer + UndefinedBehaviorSanitizer
#         (scripts/sanitize.sh, build-asan/), then the tests that exercise
#         threads built with ThreadSanitizer (scripts/tsan.sh, build-tsan/);
#         fails if any fails
#   tsan  only the ThreadSanitizer suite (scripts/tsan.sh)
#   build only builds
#   release  instead of the Release build above, builds the profile-guided
#         release binary build-pgo/recproc, the one bench/run.sh measures
#         (scripts/pgo.sh: instrumented build, training run, optimized
#         build; about 14 CPU minutes, none of it served by ccache)
set -euo pipefail

cd "$(dirname "$0")/.."
job=${1:-demo}
build_dir=${RECPROC_BUILD_DIR:-build}

packages=(
  build-essential cmake pkg-config g++ make ca-certificates tzdata
  libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libsimdjson-dev
  libmaxminddb-dev libpsl-dev publicsuffix libre2-dev zlib1g-dev
  libhowardhinnant-date-dev libgtest-dev libgmock-dev
  libcurl4-openssl-dev libsqlite3-dev libpq-dev libgmime-3.0-dev
  # servers and tools the tests start themselves
  postgresql dovecot-imapd openssl python3-aiosmtpd
  # a compiler cache: the test job builds everything three times (Release, ASan, TSan)
  ccache
)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

phase() { echo "== dev.sh: $* ($(date -u +%H:%M:%S))" >&2; }

. scripts/ccache.sh

build() {
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release $ccache_launcher >/dev/null
  cmake --build "$build_dir" -j "$(nproc)"
}

phase "packages"
install_packages
if [ "$job" = release ]; then
  phase "profile-guided release build in build-pgo"
  bash scripts/pgo.sh
  exit 0
fi
phase "Release build in $build_dir"
build
case "$job" in
  demo)
    shopt -s nullglob
    samples=(samples/*/*.log samples/*/*.log.gz)
    "$build_dir/recproc" --stats "${samples[@]}"
    ;;
  test)
    # Every suite runs even when an earlier one fails, so one CI run shows everything.
    failed=()
    phase "Release test suite"
    (cd "$build_dir" && ctest --output-on-failure -j "$(nproc)") || failed+=(Release)
    phase "sanitizer build and test suite (ASan+UBSan, build-asan/)"
    JOBS="$(nproc)" sh scripts/sanitize.sh || failed+=(sanitizer)
    phase "ThreadSanitizer build and thread tests (build-tsan/)"
    JOBS="$(nproc)" sh scripts/tsan.sh || failed+=(ThreadSanitizer)
    if [ ${#failed[@]} -gt 0 ]; then
      phase "FAILED: ${failed[*]}"
      exit 1
    fi
    phase "all tests passed"
    ;;
  tsan)
    phase "ThreadSanitizer build and thread tests (build-tsan/)"
    JOBS="$(nproc)" sh scripts/tsan.sh
    ;;
  build) ;;
  *) echo "usage: scripts/dev.sh demo|test|tsan|build|release" >&2; exit 2 ;;
esac
