// The built-in default content: files from content/default/ and schemas/,
// compiled into the binary by scripts/embed_files.cmake. Paths are relative
// to the repository root, e.g. "content/default/recproc.yaml".
#ifndef RECPROC_CONFIG_BUILTIN_FILES_H_
#define RECPROC_CONFIG_BUILTIN_FILES_H_

#include <algorithm>
#include <string_view>
#include <vector>

namespace recproc {

struct BuiltinFile {
  std::string_view path;
  std::string_view data;
};

// Terminated by an entry with an empty path.
extern const BuiltinFile kBuiltinFiles[];

// The contents of a built-in file, or nullptr when there is none.
inline const std::string_view* FindBuiltinFile(std::string_view path) {
  for (const BuiltinFile* f = kBuiltinFiles; !f->path.empty(); ++f)
    if (f->path == path) return &f->data;
  return nullptr;
}

// Paths of the built-in files under `dir_prefix` (e.g. "content/default/mappings/";
// a plain prefix match), sorted. The views live as long as the program.
inline std::vector<std::string_view> ListBuiltinFiles(std::string_view dir_prefix) {
  std::vector<std::string_view> out;
  for (const BuiltinFile* f = kBuiltinFiles; !f->path.empty(); ++f)
    if (f->path.substr(0, dir_prefix.size()) == dir_prefix) out.push_back(f->path);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace recproc

#endif  // RECPROC_CONFIG_BUILTIN_FILES_H_
