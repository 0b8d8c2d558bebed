#!/bin/sh
# Builds recproc and its whole test suite with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DRECPROC_SANITIZE=ON) in build-asan/ and runs
# ctest there. Any sanitizer report fails the test that triggered it.
# Usage: scripts/sanitize.sh [ctest arguments, e.g. -R Hostile]
set -eu
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
# Reports abort the process so ctest sees a failure; leaks count too.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECPROC_SANITIZE=ON -DRECPROC_TESTS=ON
cmake --build build-asan -j"$JOBS"
cd build-asan
ctest --output-on-failure -j"$JOBS" "$@"
