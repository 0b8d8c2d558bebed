// A transparent hash for std::string-keyed unordered containers, so that a
// lookup by string_view does not build a temporary std::string (C++20
// heterogeneous lookup; the map also needs std::equal_to<>).
#ifndef RECPROC_UTIL_STRING_HASH_H_
#define RECPROC_UTIL_STRING_HASH_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>

namespace recproc {

// A quick hash of a short key (field names, attribute names) for tables that
// confirm every hit by comparing the keys: the length and the first and last
// eight bytes, mixed. Never 0, so 0 can mark an empty slot.
inline uint64_t QuickKeyHash(std::string_view s) {
  uint64_t a = 0, b = 0;
  if (s.size() >= 8) {
    std::memcpy(&a, s.data(), 8);
    std::memcpy(&b, s.data() + s.size() - 8, 8);
  } else {
    for (size_t i = 0; i < s.size(); ++i) a = (a << 8) | static_cast<unsigned char>(s[i]);
  }
  uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ULL) ^ s.size()) * 0xC2B2AE3D27D4EB4FULL;
  return (h ^ (h >> 31)) | 1;
}

struct TransparentStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace recproc

#endif  // RECPROC_UTIL_STRING_HASH_H_
