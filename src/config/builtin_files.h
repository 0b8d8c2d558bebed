// The built-in default content: files from content/default/ and schemas/,
// compiled into the binary by scripts/embed_files.cmake. Paths are relative
// to the repository root, e.g. "content/default/recproc.yaml".
#ifndef RECPROC_CONFIG_BUILTIN_FILES_H_
#define RECPROC_CONFIG_BUILTIN_FILES_H_

#include <string_view>

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

}  // namespace recproc

#endif  // RECPROC_CONFIG_BUILTIN_FILES_H_
