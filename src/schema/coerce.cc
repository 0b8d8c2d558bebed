// Coercion: lookup, constant and format outputs are strings (the product
// writes "9" and "true" even for int and boolean targets), so every mapped
// value goes through here to reach its schema type. A value that does not fit
// is dropped rather than failing the record: one bad vendor field must not
// lose the rest of the event.
#include "schema/coerce.h"

#include <cctype>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "util/ascii_space.h"

namespace recproc {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

CoerceError ParseInt(std::string_view s, int64_t lo, int64_t hi, int64_t* out) {
  s = TrimAsciiSpace(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return CoerceError::kBadSyntax;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return CoerceError::kOutOfRange;
  if (ec != std::errc() || end != s.data() + s.size()) return CoerceError::kBadSyntax;
  if (v < lo || v > hi) return CoerceError::kOutOfRange;
  *out = v;
  return CoerceError::kNone;
}

CoerceError ParseDouble(std::string_view s, double limit, double* out) {
  s = TrimAsciiSpace(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return CoerceError::kBadSyntax;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return CoerceError::kOutOfRange;
  // from_chars also reads "inf" and "nan"; neither is a measurement.
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return CoerceError::kBadSyntax;
  if (std::fabs(v) > limit) return CoerceError::kOutOfRange;
  *out = v;
  return CoerceError::kNone;
}

CoerceError ParseBool(std::string_view s, bool* out) {
  s = TrimAsciiSpace(s);
  for (std::string_view t : {"true", "yes", "1"}) {
    if (EqualsIgnoreCase(s, t)) {
      *out = true;
      return CoerceError::kNone;
    }
  }
  for (std::string_view f : {"false", "no", "0"}) {
    if (EqualsIgnoreCase(s, f)) {
      *out = false;
      return CoerceError::kNone;
    }
  }
  return CoerceError::kBadSyntax;
}

CoerceError CoerceTo(const AttributeDef& attr, std::string_view text, Value* out) {
  const Enumeration* e = attr.enumeration;
  switch (attr.type) {
    case AttrType::kString: {
      if (e != nullptr && !e->is_range()) {
        std::string_view canon = e->Canonical(TrimAsciiSpace(text));
        if (canon.empty()) return CoerceError::kNotInEnumeration;
        *out = Value::String(canon);
        return CoerceError::kNone;
      }
      *out = Value::String(text);
      return CoerceError::kNone;
    }
    case AttrType::kInt:
    case AttrType::kLong: {
      int64_t lo = attr.type == AttrType::kInt ? std::numeric_limits<int32_t>::min()
                                               : std::numeric_limits<int64_t>::min();
      int64_t hi = attr.type == AttrType::kInt ? std::numeric_limits<int32_t>::max()
                                               : std::numeric_limits<int64_t>::max();
      int64_t v = 0;
      CoerceError err = ParseInt(text, lo, hi, &v);
      if (err != CoerceError::kNone) return err;
      if (e != nullptr && e->is_range() && (v < e->min || v > e->max)) return CoerceError::kNotInEnumeration;
      *out = Value::Int(v);
      return CoerceError::kNone;
    }
    case AttrType::kFloat:
    case AttrType::kDouble: {
      double v = 0;
      CoerceError err = ParseDouble(text, attr.type == AttrType::kFloat ? FLT_MAX : DBL_MAX, &v);
      if (err != CoerceError::kNone) return err;
      *out = Value::Double(v);
      return CoerceError::kNone;
    }
    case AttrType::kBoolean: {
      bool b = false;
      CoerceError err = ParseBool(text, &b);
      if (err != CoerceError::kNone) return err;
      *out = Value::Bool(b);
      return CoerceError::kNone;
    }
    case AttrType::kStringArray:
      // A one-item list is the item itself: the '\0' join has nothing to join.
      if (text.find('\0') != std::string_view::npos) return CoerceError::kBadSyntax;
      *out = Value::StringList(text);
      return CoerceError::kNone;
    default:
      return CoerceError::kNotCoercible;
  }
}

}  // namespace

bool CoerceToType(const AttributeDef& attr, std::string_view text, Arena* /*arena*/, Value* out,
                  CoerceError* error) {
  CoerceError err = CoerceTo(attr, text, out);
  if (error != nullptr) *error = err;
  return err == CoerceError::kNone;
}

}  // namespace recproc
