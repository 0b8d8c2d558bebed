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
// eight bytes (four, or single bytes, for shorter keys), mixed. Never 0, so 0
// can mark an empty slot.
inline uint64_t QuickKeyHash(std::string_view s) {
  uint64_t a = 0, b = 0;
  const size_t n = s.size();
  if (n >= 8) {
    std::memcpy(&a, s.data(), 8);
    std::memcpy(&b, s.data() + n - 8, 8);
  } else if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, s.data(), 4);
    std::memcpy(&y, s.data() + n - 4, 4);
    a = x | (uint64_t{y} << 32);
  } else if (n > 0) {
    a = static_cast<unsigned char>(s[0]) | (uint64_t{static_cast<unsigned char>(s[n / 2])} << 8) |
        (uint64_t{static_cast<unsigned char>(s[n - 1])} << 16);
  }
  uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ULL) ^ s.size()) * 0xC2B2AE3D27D4EB4FULL;
  return (h ^ (h >> 31)) | 1;
}

// Whether p[0, n) equals q[0, n) for sizeof(Word) <= n <= 2 * sizeof(Word):
// one word from each end of each, the two words overlapping when n is short.
template <typename Word>
inline bool EqualEnds(const char* p, const char* q, size_t n) {
  Word x0, x1, y0, y1;
  std::memcpy(&x0, p, sizeof(Word));
  std::memcpy(&y0, q, sizeof(Word));
  std::memcpy(&x1, p + n - sizeof(Word), sizeof(Word));
  std::memcpy(&y1, q + n - sizeof(Word), sizeof(Word));
  return ((x0 ^ y0) | (x1 ^ y1)) == 0;
}

// Whether two keys are equal. Field and attribute names are mostly 4 to 16
// bytes, where two overlapping word loads from each end beat a libc memcmp
// call; longer keys take memcmp.
inline bool KeyEquals(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n > 16) return std::memcmp(p, q, n) == 0;
  if (n >= 8) return EqualEnds<uint64_t>(p, q, n);
  if (n >= 4) return EqualEnds<uint32_t>(p, q, n);
  for (size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}

struct TransparentStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace recproc

#endif  // RECPROC_UTIL_STRING_HASH_H_
