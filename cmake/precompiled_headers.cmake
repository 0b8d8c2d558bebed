# Precompiled headers: the third-party and standard headers that most
# translation units parse (GoogleTest in every test, nlohmann/json in a third
# of the engine and the tests, the heavier standard containers and <algorithm>
# nearly everywhere). Only installed headers go here: a project header in a
# PCH would rebuild it, and every source, on each edit of that header.
# Nothing here may define a macro a source could see differently than without
# the PCH; -DRECPROC_PCH=OFF builds the same program.
#
# ccache caches the PCH and the sources using it only with
# CCACHE_SLOPPINESS=pch_defines,time_macros (scripts/dev.sh and
# scripts/sanitize.sh set it) and, with GCC, -fpch-preprocess (set below).

set(RECPROC_PCH_STD
  <algorithm> <array> <cstdint> <cstring> <functional> <map> <memory> <optional>
  <string> <string_view> <unordered_map> <utility> <vector>)

function(recproc_pch_common target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -fpch-preprocess)
  endif()
endfunction()

function(recproc_precompile_core target)
  if(NOT RECPROC_PCH)
    return()
  endif()
  target_precompile_headers(${target} PRIVATE ${RECPROC_PCH_STD} <nlohmann/json.hpp>)
  recproc_pch_common(${target})
endfunction()

function(recproc_precompile_tests target)
  if(NOT RECPROC_PCH)
    return()
  endif()
  target_precompile_headers(${target} PRIVATE
    <gtest/gtest.h> ${RECPROC_PCH_STD} <filesystem> <fstream> <sstream> <nlohmann/json.hpp>)
  recproc_pch_common(${target})
endfunction()
