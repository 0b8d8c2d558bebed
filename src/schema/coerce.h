// Coercion of mapped text to an attribute's schema type.
#ifndef RECPROC_SCHEMA_COERCE_H_
#define RECPROC_SCHEMA_COERCE_H_

#include <string_view>

#include "record/record.h"
#include "schema/schema.h"
#include "util/arena.h"

namespace recproc {

// Why a value was not accepted.
enum class CoerceError : uint8_t { kNone, kBadSyntax, kOutOfRange, kNotInEnumeration, kNotCoercible };

// Coerce() below for every type; Coerce() takes plain strings inline.
bool CoerceToType(const AttributeDef& attr, std::string_view text, Arena* arena, Value* out,
                  CoerceError* error);

// Converts `text` to attr's type into *out:
//   int/long:  decimal integer, optional sign, surrounding blanks ignored; int
//              must fit 32 bits, long 64 bits.
//   float/double: decimal or exponent notation, finite, within range.
//   boolean:   true/false/yes/no/1/0, any case.
//   string:    as is; with an enumeration, a case-insensitive member, written
//              in the schema's spelling.
//   array[string]: a one-item list.
//   int with a range enumeration (normalizedSeverity): within min..max.
//   map and object types cannot be produced from text.
// Returns false (and sets *error when non-null) when the value must be
// dropped; the caller counts it and keeps the record.
// Lifetime: a string *out views `text` or the schema; `arena` holds derived
// text (REQUIRES: non-null).
inline bool Coerce(const AttributeDef& attr, std::string_view text, Arena* arena, Value* out,
                   CoerceError* error = nullptr) {
  // Most mapped attributes are plain strings: the text as is, without a call.
  if (attr.type == AttrType::kString && attr.enumeration == nullptr) {
    *out = Value::String(text);
    if (error != nullptr) *error = CoerceError::kNone;
    return true;
  }
  return CoerceToType(attr, text, arena, out, error);
}

}  // namespace recproc

#endif  // RECPROC_SCHEMA_COERCE_H_
