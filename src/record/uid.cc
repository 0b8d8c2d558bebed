// Record uids: two independent 64-bit hashes (FNV-1a over the identity, then
// a splitmix64 finaliser with different seeds) give 122 usable bits, laid out
// as a version-8 UUID. Not cryptographic: uids identify, they do not protect.
#include "record/uid.h"

#include <cstring>

#include <emmintrin.h>

namespace recproc {

namespace {

uint64_t Fnv1a(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t Mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The 32 lowercase hex digits of hi then lo, most significant first.
void HexDigits(uint64_t hi, uint64_t lo, char out[32]) {
  // The bytes in text order, then each byte's high and low nibble side by
  // side; a nibble n becomes '0' + n, plus 39 more from 10 on ('a' - '9' - 1).
  const __m128i bytes = _mm_set_epi64x(static_cast<long long>(__builtin_bswap64(lo)),
                                       static_cast<long long>(__builtin_bswap64(hi)));
  const __m128i low_nibbles = _mm_set1_epi8(0x0F);
  const __m128i high = _mm_and_si128(_mm_srli_epi16(bytes, 4), low_nibbles);
  const __m128i low = _mm_and_si128(bytes, low_nibbles);
  auto ascii = [](__m128i nibbles) {
    const __m128i letters = _mm_and_si128(_mm_cmpgt_epi8(nibbles, _mm_set1_epi8(9)), _mm_set1_epi8(39));
    return _mm_add_epi8(_mm_add_epi8(nibbles, _mm_set1_epi8('0')), letters);
  };
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), ascii(_mm_unpacklo_epi8(high, low)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), ascii(_mm_unpackhi_epi8(high, low)));
}

}  // namespace

uint64_t RecordUidSeed(std::string_view source) { return Fnv1a(source, 0xcbf29ce484222325ULL); }

void MakeRecordUid(std::string_view source, uint64_t offset, uint32_t index, char out[36]) {
  MakeRecordUid(RecordUidSeed(source), offset, index, out);
}

void MakeRecordUid(uint64_t h, uint64_t offset, uint32_t index, char out[36]) {
  uint64_t hi = Mix(h ^ Mix(offset) ^ (static_cast<uint64_t>(index) << 1));
  uint64_t lo = Mix(hi ^ Mix(offset + 0x5851f42d4c957f2dULL) ^ Mix(index + 1));
  hi = (hi & ~0xF000ULL) | 0x8000ULL;                         // version 8
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 9562 variant
  // 8-4-4-4-12: hi gives the first 16 hex digits, lo the last 16.
  char digits[32];
  HexDigits(hi, lo, digits);
  std::memcpy(out, digits, 8);
  out[8] = '-';
  std::memcpy(out + 9, digits + 8, 4);
  out[13] = '-';
  std::memcpy(out + 14, digits + 12, 4);
  out[18] = '-';
  std::memcpy(out + 19, digits + 16, 4);
  out[23] = '-';
  std::memcpy(out + 24, digits + 20, 12);
}

}  // namespace recproc
