// Record uids: two independent 64-bit hashes (FNV-1a over the identity, then
// a splitmix64 finaliser with different seeds) give 122 usable bits, laid out
// as a version-8 UUID. Not cryptographic: uids identify, they do not protect.
#include "record/uid.h"

#include <array>
#include <cstring>

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

// "00" "01" ... "ff".
constexpr auto kHexPairs = [] {
  std::array<char, 512> t{};
  constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 256; ++i) {
    t[2 * i] = kHex[i >> 4];
    t[2 * i + 1] = kHex[i & 0xF];
  }
  return t;
}();

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
  // 8-4-4-4-12: hi gives the first 16 hex digits, lo the last 16, a byte
  // (two digits) per table lookup.
  char* o = out;
  auto put = [&o](uint64_t word, int first_byte, int bytes) {
    for (int b = first_byte; b < first_byte + bytes; ++b) {
      std::memcpy(o, &kHexPairs[2 * ((word >> (56 - 8 * b)) & 0xFF)], 2);
      o += 2;
    }
  };
  put(hi, 0, 4);
  *o++ = '-';
  put(hi, 4, 2);
  *o++ = '-';
  put(hi, 6, 2);
  *o++ = '-';
  put(lo, 0, 2);
  *o++ = '-';
  put(lo, 2, 6);
}

}  // namespace recproc
