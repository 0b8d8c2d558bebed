#!/bin/sh
# Builds recproc and its whole test suite with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DRECPROC_SANITIZE=ON) in build-asan/ and runs
# ctest there. Tests that spawn recproc run this build's (sanitized) binary.
# Any sanitizer report fails the test that triggered it; leaks count too.
# -O0 -g1 keeps the build short (CI builds everything twice); -g1 keeps file:line in reports.
# Usage: scripts/sanitize.sh [ctest arguments, e.g. -R Hostile]
set -eu
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
BUILD_DIR=${RECPROC_ASAN_DIR:-build-asan}
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/scripts/lsan.supp:print_suppressions=0}"
. scripts/sanitizer_suite.sh
sanitizer_suite "$BUILD_DIR" "-O0 -g1" -DRECPROC_SANITIZE=ON "$@"
