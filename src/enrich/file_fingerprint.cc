// FNV-1a 64 (offset basis 14695981039346656037, prime 1099511628211): not
// cryptographic, only to tell data versions apart; one pass, no dependency.
#include "enrich/file_fingerprint.h"

#include <cstdio>

namespace recproc {

std::string FileFingerprint::ToString() const {
  char buf[64];
  std::snprintf(buf, sizeof buf, "size=%llu fnv1a64=%016llx", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(fnv1a64));
  return buf;
}

FileFingerprint FingerprintBytes(std::string_view path, std::string_view contents) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : contents) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return FileFingerprint{std::string(path), contents.size(), h};
}

}  // namespace recproc
