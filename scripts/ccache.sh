# Sourced (POSIX sh) by every script that configures a build, from the
# checkout's root: sets the compiler cache up the same way for all of them
# and leaves the CMake argument that enables it in $ccache_launcher (empty
# when ccache is not installed).
#
# Paths relative to this checkout and no working directory in the hash, so
# any clone of the project reuses what another clone compiled. The
# sloppiness lets ccache cache the precompiled headers (CMakeLists.txt,
# cmake/precompiled_headers.cmake) and the sources compiled with them.
export CCACHE_BASEDIR="$(pwd)" CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=pch_defines,time_macros
ccache_launcher=
if command -v ccache >/dev/null 2>&1; then ccache_launcher=-DCMAKE_CXX_COMPILER_LAUNCHER=ccache; fi
