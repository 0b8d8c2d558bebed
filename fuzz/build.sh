#!/bin/sh
# Builds every fuzz target into build-fuzz/ with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer. Needs the Debian packages clang-14 and
# libclang-rt-14-dev. Usage: fuzz/build.sh [target...]   (default: all)
set -eu
cd "$(dirname "$0")/.."
CC=${CC:-clang-14}
CXX=${CXX:-clang++-14}
JOBS=${JOBS:-2}
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
. scripts/ccache.sh  # a rebuild after a change compiles only what changed
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo $ccache_launcher \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_CXX_FLAGS="$SAN" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DRECPROC_TESTS=OFF -DRECPROC_FUZZ=ON >/dev/null
if [ $# -eq 0 ]; then
  cmake --build build-fuzz -j"$JOBS"
else
  cmake --build build-fuzz -j"$JOBS" --target "$@"
fi
