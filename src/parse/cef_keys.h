// The CEF extension dictionary: ArcSight's short keys (`src`, `dpt`, `suser`)
// and the full names they stand for (`sourceAddress`, `destinationPort`,
// `sourceUserName`), from the "Implementing ArcSight CEF" key tables. Kept as
// data so that explain output and conformance checks can translate names;
// the CEF parser itself emits keys as written.
#ifndef RECPROC_PARSE_CEF_KEYS_H_
#define RECPROC_PARSE_CEF_KEYS_H_

#include <span>
#include <string_view>

namespace recproc {

struct CefKey {
  std::string_view short_name;
  std::string_view full_name;
};

// Every entry, sorted by short_name. Lifetime: static.
std::span<const CefKey> CefKeyDictionary();

// The full name of a short key (`dst` -> `destinationAddress`), or empty when
// the key is not in the dictionary (vendor keys, or already a full name).
std::string_view CefFullKeyName(std::string_view short_name);

}  // namespace recproc

#endif  // RECPROC_PARSE_CEF_KEYS_H_
