// Record uids: two independent 64-bit hashes (FNV-1a over the identity, then
// a splitmix64 finaliser with different seeds) give 122 usable bits, laid out
// as a version-8 UUID. Not cryptographic: uids identify, they do not protect.
#include "record/uid.h"

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
  static const char kHex[] = "0123456789abcdef";
  int pos = 0;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out[pos++] = '-';
    uint64_t word = i < 16 ? hi : lo;
    int shift = 60 - 4 * (i % 16);
    out[pos++] = kHex[(word >> shift) & 0xF];
  }
}

}  // namespace recproc
