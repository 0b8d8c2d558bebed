// FieldValue: evaluates one field mapping against a parsed message — the
// per-attribute half of the map stage (reference/cloud-siem-pipeline.md §2.2).
#ifndef RECPROC_MAP_FIELD_VALUE_H_
#define RECPROC_MAP_FIELD_VALUE_H_

#include <cstdint>
#include <string_view>

#include "map/mapping.h"
#include "parse/message.h"
#include "util/arena.h"

namespace recproc {

enum class FieldOutcome : uint8_t {
  kMissing,  // nothing to write (no input, no default)
  kText,     // *text holds the value, to be coerced to the target type
  kTime,     // *time_ms holds the parsed time (time mappings)
  kBadTime,  // the input was present but did not match the time format
};

// Evaluates `f` (a field of mapping `m`) on `msg`:
//   standard  first present of value, alternate_values; with field_join, all
//             join fields joined by join_delimiter, else all alternates joined
//   constant  the literal value
//   lookup    the input translated through the table (first matching key)
//   split     the input split on split_delimiter, item split_index
//   format    the %s template filled from format_parameters
//   time      the input parsed with the compiled format and zone
// An input is missing when absent, null, or equal to a skipped value (the
// mapping's and the field's); an empty string is present. Whenever the
// outcome would be missing and a default_value exists, the default is used
// (as text, or parsed as a time for time mappings).
// Lifetime: *text views msg, the mapping, or `arena` (REQUIRES: non-null).
FieldOutcome EvaluateField(const FieldMapping& f, const Mapping& m, const ParsedMessage& msg, Arena* arena,
                           std::string_view* text, int64_t* time_ms);

}  // namespace recproc

#endif  // RECPROC_MAP_FIELD_VALUE_H_
