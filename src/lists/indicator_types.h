// Which list column an indicator belongs to, from its type. Indicator feeds
// mix value kinds in one file, so their items carry a column each instead of
// the list having one.
#ifndef RECPROC_LISTS_INDICATOR_TYPES_H_
#define RECPROC_LISTS_INDICATOR_TYPES_H_

#include <string_view>

namespace recproc {

// The column for an indicator type of the normalized indicator format: a STIX
// object type ("ipv4-addr", "domain-name", "url", "email-addr", "file",
// "user-account") or a STIX property path ("ipv4-addr:value",
// "file:hashes.MD5", "file:hashes.'SHA-256'"). Case-insensitive. Returns ""
// for types no column compares (mac-addr, process, x509-certificate, ...).
std::string_view ColumnForIndicatorType(std::string_view type);

// The column for a MISP attribute type ("ip-dst", "domain", "sha256", ...),
// or "" when none fits. For a composite type ("domain|ip") pass each half.
std::string_view ColumnForMispType(std::string_view type);

}  // namespace recproc

#endif  // RECPROC_LISTS_INDICATOR_TYPES_H_
