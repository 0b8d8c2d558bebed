// The comparison key of a list value or record value for each match kind:
// hostnames, usernames, hashes and domains lowercased (domains also lose a
// trailing dot), URLs with only scheme and host lowercased, ASNs without an
// "AS" prefix, exact values unchanged. Written into a caller buffer so record
// lookups do not allocate.
#ifndef RECPROC_LISTS_LIST_KEY_H_
#define RECPROC_LISTS_LIST_KEY_H_

#include <cstddef>
#include <string_view>

#include "lists/list_columns.h"

namespace recproc {

// Longest value a list compares. The list API caps items at 2,000
// characters; a longer record value cannot equal any item.
inline constexpr size_t kMaxListKey = 4096;

// Writes the key of `value` for `kind` into buf and returns it (a view into
// buf, or into value when unchanged). Returns false when value is empty or
// longer than kMaxListKey. Surrounding spaces are trimmed.
// REQUIRES: kind != kIp (IPs compare as addresses); buf holds kMaxListKey.
bool ListKey(MatchKind kind, std::string_view value, char* buf, std::string_view* key);

}  // namespace recproc

#endif  // RECPROC_LISTS_LIST_KEY_H_
