// A transparent hash for std::string-keyed unordered containers, so that a
// lookup by string_view does not build a temporary std::string (C++20
// heterogeneous lookup; the map also needs std::equal_to<>).
#ifndef RECPROC_UTIL_STRING_HASH_H_
#define RECPROC_UTIL_STRING_HASH_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <type_traits>

namespace recproc {

// The words of a text of at most 16 bytes that its hashes mix: the first
// and last eight bytes (overlapping when shorter than 16); the first and
// last four in *a for 4 to 7 bytes; the first, middle and last byte in *a
// for 1 to 3; zeros for none. REQUIRES: n <= 16 for every byte to count.
// Constant evaluation (attribute names in tables made at compile time)
// reads the words byte by byte, little-endian as the loads below.
static_assert(std::endian::native == std::endian::little, "EndWords reads words little-endian");
constexpr uint64_t LittleEndianWord(const char* p, size_t n) {
  uint64_t w = 0;
  for (size_t i = 0; i < n; ++i) w |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return w;
}
constexpr void EndWords(const char* p, size_t n, uint64_t* a, uint64_t* b) {
  *a = *b = 0;
  if (std::is_constant_evaluated()) {
    if (n >= 8) {
      *a = LittleEndianWord(p, 8);
      *b = LittleEndianWord(p + n - 8, 8);
    } else if (n >= 4) {
      *a = LittleEndianWord(p, 4) | (LittleEndianWord(p + n - 4, 4) << 32);
    } else if (n > 0) {
      *a = static_cast<unsigned char>(p[0]) | (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
           (uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
    }
    return;
  }
  if (n >= 8) {
    std::memcpy(a, p, 8);
    std::memcpy(b, p + n - 8, 8);
  } else if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    *a = x | (uint64_t{y} << 32);
  } else if (n > 0) {
    *a = static_cast<unsigned char>(p[0]) | (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
         (uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
  }
}

// A quick hash of a short key (field names, attribute names) for tables that
// confirm every hit by comparing the keys: the length and the first and last
// eight bytes (EndWords), mixed. Never 0, so 0 can mark an empty slot.
constexpr uint64_t QuickKeyHash(std::string_view s) {
  uint64_t a = 0, b = 0;
  EndWords(s.data(), s.size(), &a, &b);
  uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ULL) ^ s.size()) * 0xC2B2AE3D27D4EB4FULL;
  return (h ^ (h >> 31)) | 1;
}

// A hash of all of a text's bytes (IPs, URLs, domains, list keys) for
// tables keyed by arbitrary text: sixteen bytes per step, each step one
// 64x64->128-bit multiply whose halves are folded together, so every input
// bit reaches every output bit. Quicker than std::hash's byte-oriented
// mixing on the 10- to 60-byte texts these tables see. Not keyed: the
// tables using it are built from configuration, and log text only looks
// things up in them.
inline uint64_t FoldedMultiply(uint64_t a, uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}
inline uint64_t TextHash(std::string_view s) {
  constexpr uint64_t k0 = 0xA0761D6478BD642FULL, k1 = 0xE7037ED1A0B428DBULL, k2 = 0x8EBC6AF09C88C6E3ULL;
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = FoldedMultiply(n ^ k0, k1);
  uint64_t a, b;
  while (n > 16) {
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    h = FoldedMultiply(a ^ k1, b ^ h);
    p += 16;
    n -= 16;
  }
  EndWords(p, n, &a, &b);
  return FoldedMultiply(h ^ k2, FoldedMultiply(a ^ k1, b ^ h ^ k2));
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
