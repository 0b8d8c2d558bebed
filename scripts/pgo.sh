#!/usr/bin/env bash
# Builds the release binary, build-pgo/recproc, with profile-guided
# optimization (GCC's -fprofile-generate / -fprofile-use; RECPROC_PGO in
# CMakeLists.txt), and prints its path. bench/run.sh measures this binary.
#
#   1. build an instrumented recproc (RECPROC_PGO=GENERATE)
#   2. empty the profile directory and run the training
#      (scripts/pgo_train.sh: corpora like the benchmark's, not the same)
#   3. rebuild recproc with that profile (RECPROC_PGO=USE)
#
# Both phases build in the same directory, reconfigured in place: GCC names
# each profile after its object's full path. Each run redoes all three
# steps, so the binary always matches the sources and the training.
#
# Neither phase goes through the compiler cache (the launcher is set empty,
# which also clears one an older configuration left): an instrumented object
# names its source and profile paths, and the cache, shared by every clone
# (scripts/ccache.sh), could give one made in another clone, whose profile
# the optimized build then refuses ("coverage mismatch"); and an object
# built with an older profile must never come back from it. (ccache 4.7
# would not cache these compiles anyway: it refuses -fprofile-update and
# -fprofile-partial-training.)
# Usage: scripts/pgo.sh (scripts/dev.sh release installs the packages first)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build-pgo
profile_dir=$(pwd)/$build_dir/pgo-profile

# configure PHASE, then build the recproc target.
build_phase() {
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DRECPROC_TESTS=OFF \
    -DRECPROC_PGO="$1" -DRECPROC_PGO_DIR="$profile_dir" -DCMAKE_CXX_COMPILER_LAUNCHER= >/dev/null
  cmake --build "$build_dir" --target recproc -j "$(nproc)"
}

echo "== pgo.sh: instrumented build in $build_dir ($(date -u +%H:%M:%S))" >&2
build_phase GENERATE
# Moved aside, so build-pgo/recproc is never the instrumented binary, even
# when a later step fails.
mv -f "$build_dir/recproc" "$build_dir/recproc-instrumented"

echo "== pgo.sh: training ($(date -u +%H:%M:%S))" >&2
# A profile left from older sources would fail the next build ("coverage
# mismatch"); every object's profile comes from this training alone.
rm -rf "$profile_dir"
mkdir -p "$profile_dir"
bash scripts/pgo_train.sh "$build_dir/recproc-instrumented" "$build_dir/train"
rm -rf "$build_dir/train" "$build_dir/recproc-instrumented"
# The profile must be where the USE build reads it (a missing one is no
# error there, only a binary built without it).
if ! compgen -G "$profile_dir/*#src#main.cc.gcda" >/dev/null; then
  echo "pgo.sh: the training wrote no profile for src/main.cc into $profile_dir" >&2
  exit 1
fi

echo "== pgo.sh: optimized build with the profile ($(date -u +%H:%M:%S))" >&2
build_phase USE
echo "$build_dir/recproc"
