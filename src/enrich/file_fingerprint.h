// FileFingerprint: identifies the exact contents of a data file an enricher
// loaded (Public Suffix List, rank list, suffix lists), so `recproc version`
// and --stats can say which data produced a record. Contents-based (size +
// 64-bit FNV-1a), not mtime: a copied or re-downloaded identical file keeps
// its fingerprint, and an edited file with a preserved mtime does not.
//
// Thread-safety: values.
#ifndef RECPROC_ENRICH_FILE_FINGERPRINT_H_
#define RECPROC_ENRICH_FILE_FINGERPRINT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace recproc {

struct FileFingerprint {
  std::string path;  // as given; "builtin:<name>" for compiled-in data
  uint64_t size = 0;
  uint64_t fnv1a64 = 0;
  // "size=<bytes> fnv1a64=<16 hex digits>"
  std::string ToString() const;
};

FileFingerprint FingerprintBytes(std::string_view path, std::string_view contents);

}  // namespace recproc

#endif  // RECPROC_ENRICH_FILE_FINGERPRINT_H_
