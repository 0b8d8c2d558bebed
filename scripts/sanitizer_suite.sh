# Sourced (POSIX sh) from the checkout's root by scripts/sanitize.sh and
# scripts/tsan.sh, which differ only in the sanitizer, the optimisation and
# the tests they pick.
# sanitizer_suite BUILD_DIR CXX_FLAGS CMAKE_OPTION [ctest arguments]:
# configures BUILD_DIR as a RelWithDebInfo build of recproc and its tests
# with CXX_FLAGS and CMAKE_OPTION (e.g. -DRECPROC_TSAN=ON), builds it with
# $JOBS jobs through the compiler cache, and runs ctest there.
. scripts/ccache.sh
sanitizer_suite() {
  suite_dir=$1 suite_flags=$2 suite_option=$3
  shift 3
  cmake -S . -B "$suite_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$suite_flags" \
    "$suite_option" -DRECPROC_TESTS=ON $ccache_launcher >/dev/null
  cmake --build "$suite_dir" -j"$JOBS"
  cd "$suite_dir"
  ctest --output-on-failure -j"$JOBS" "$@"
}
