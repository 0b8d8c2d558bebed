# Writes a C++ file holding each embedded file as a raw byte array, keyed by
# its path relative to the repository root. Run by CMake at build time; the
# file list must match RECPROC_EMBEDDED in CMakeLists.txt.
file(GLOB_RECURSE FILES
     ${ROOT}/content/default/*.yaml ${ROOT}/content/default/*.csv ${ROOT}/content/default/*.txt
     ${ROOT}/schemas/*.yaml)
list(SORT FILES)
set(body "// Generated from content/ and schemas/; do not edit.\n#include \"config/builtin_files.h\"\nnamespace recproc {\nnamespace {\n")
set(table "")
set(i 0)
foreach(f IN LISTS FILES)
  file(RELATIVE_PATH rel ${ROOT} ${f})
  file(READ ${f} hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR n "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(APPEND body "const unsigned char kFile${i}[] = {${hex}0};\n")
  string(APPEND table "  {\"${rel}\", std::string_view(reinterpret_cast<const char*>(kFile${i}), ${n})},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "}  // namespace\nconst BuiltinFile kBuiltinFiles[] = {\n${table}  {\"\", std::string_view()}\n};\n}  // namespace recproc\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
