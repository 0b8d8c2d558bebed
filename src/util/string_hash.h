// A transparent hash for std::string-keyed unordered containers, so that a
// lookup by string_view does not build a temporary std::string (C++20
// heterogeneous lookup; the map also needs std::equal_to<>).
#ifndef RECPROC_UTIL_STRING_HASH_H_
#define RECPROC_UTIL_STRING_HASH_H_

#include <cstddef>
#include <functional>
#include <string_view>

namespace recproc {

struct TransparentStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace recproc

#endif  // RECPROC_UTIL_STRING_HASH_H_
