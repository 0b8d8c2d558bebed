// Field values: the value types of a field mapping. Semantics follow the
// product's documentation where it speaks (reference/cloud-siem-pipeline.md
// §2.2) and the recommendations of §7 where it does not: alternates are
// tried only for a missing or null input, never for an empty string (§7.15);
// skipped values count as missing after trimming blanks (§7.14). Derived
// text (joins, formats) goes to the arena; everything else is a view.
#include "map/field_value.h"

#include <cctype>
#include <cstring>

#include "util/ascii_case.h"
#include "util/ascii_space.h"

namespace recproc {

namespace {

bool IsSkipped(std::string_view v, const Mapping& m, const FieldMapping& f) {
  if (m.skipped_values.empty() && f.skipped_values.empty()) return false;
  const std::string_view t = TrimAsciiSpace(v);
  for (const std::string& s : m.skipped_values)
    if (t == s) return true;
  for (const std::string& s : f.skipped_values)
    if (t == s) return true;
  return false;
}

// The value of input field `key`, or false when it is missing.
bool Input(const ParsedMessage& msg, std::string_view key, const Mapping& m, const FieldMapping& f,
           std::string_view* out) {
  const Field* field = msg.Find(key);
  if (field == nullptr || field->kind == ValueKind::kNull || IsSkipped(field->value, m, f)) return false;
  *out = field->value;
  return true;
}

// The first present of `value` and the alternates.
bool Source(const ParsedMessage& msg, const Mapping& m, const FieldMapping& f, std::string_view* out) {
  if (!f.value.empty() && Input(msg, f.value, m, f, out)) return true;
  for (const std::string& alt : f.alternate_values)
    if (Input(msg, alt, m, f, out)) return true;
  return false;
}

// Joins the values of `keys` when every one is present.
bool Join(const ParsedMessage& msg, const std::vector<std::string>& keys, const Mapping& m,
          const FieldMapping& f, Arena* arena, std::string_view* out) {
  if (keys.empty()) return false;
  size_t total = 0;
  std::string_view v;
  for (const std::string& k : keys) {
    if (!Input(msg, k, m, f, &v)) return false;
    total += v.size();
  }
  total += f.join_delimiter.size() * (keys.size() - 1);
  char* buf = arena->Allocate(total == 0 ? 1 : total);  // never a null destination for memcpy
  char* p = buf;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) {
      std::memcpy(p, f.join_delimiter.data(), f.join_delimiter.size());
      p += f.join_delimiter.size();
    }
    Input(msg, keys[i], m, f, &v);
    std::memcpy(p, v.data(), v.size());
    p += v.size();
  }
  *out = std::string_view(buf, total);
  return true;
}

bool Split(std::string_view s, std::string_view delim, int64_t index, std::string_view* out) {
  size_t count = 1;
  for (size_t pos = s.find(delim); pos != std::string_view::npos; pos = s.find(delim, pos + delim.size()))
    ++count;
  int64_t i = index < 0 ? static_cast<int64_t>(count) + index : index;
  if (i < 0 || i >= static_cast<int64_t>(count)) return false;
  size_t start = 0;
  for (int64_t k = 0; k < i; ++k) start = s.find(delim, start) + delim.size();
  size_t end = s.find(delim, start);
  *out = s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  return true;
}

bool Format(const ParsedMessage& msg, const Mapping& m, const FieldMapping& f, Arena* arena,
            std::string_view* out) {
  size_t total = 0;
  std::string_view v;
  for (const std::string& p : f.format_parameters) {
    if (!Input(msg, p, m, f, &v)) return false;
    total += v.size();
  }
  total += f.value.size();                              // an upper bound: every directive shrinks
  char* buf = arena->Allocate(total == 0 ? 1 : total);  // never a null destination for memcpy
  char* p = buf;
  size_t param = 0;
  const std::string& t = f.value;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '%' && i + 1 < t.size() && t[i + 1] == 's' && param < f.format_parameters.size()) {
      Input(msg, f.format_parameters[param++], m, f, &v);
      std::memcpy(p, v.data(), v.size());
      p += v.size();
      ++i;
    } else if (t[i] == '%' && i + 1 < t.size() && t[i + 1] == '%') {
      *p++ = '%';
      ++i;
    } else {
      *p++ = t[i];
    }
  }
  *out = std::string_view(buf, static_cast<size_t>(p - buf));
  return true;
}

bool Produce(const FieldMapping& f, const Mapping& m, const ParsedMessage& msg, Arena* arena,
             std::string_view* text) {
  std::string_view src;
  switch (f.type) {
    case ValueType::kStandard:
      if (!f.field_join.empty())
        return Join(msg, f.field_join, m, f, arena, text) || Join(msg, f.alternate_values, m, f, arena, text);
      return Source(msg, m, f, text);
    case ValueType::kConstant:
      *text = f.value;
      return true;
    case ValueType::kLookup:
      if (!Source(msg, m, f, &src)) return false;
      for (const auto& [key, value] : f.lookup) {
        if (f.case_sensitive ? key == src : EqualsIgnoreAsciiCase(key, src)) {
          *text = value;
          return true;
        }
      }
      return false;
    case ValueType::kSplit:
      return Source(msg, m, f, &src) && Split(src, f.split_delimiter, f.split_index, text);
    case ValueType::kFormat:
      return Format(msg, m, f, arena, text);
    case ValueType::kTime:
      return Source(msg, m, f, text);
  }
  return false;
}

}  // namespace

FieldOutcome EvaluateField(const FieldMapping& f, const Mapping& m, const ParsedMessage& msg, Arena* arena,
                           std::string_view* text, int64_t* time_ms) {
  if (!Produce(f, m, msg, arena, text)) {
    if (!f.has_default) return FieldOutcome::kMissing;
    *text = f.default_value;
  }
  if (f.type != ValueType::kTime) return FieldOutcome::kText;
  return f.time.Parse(*text, time_ms) ? FieldOutcome::kTime : FieldOutcome::kBadTime;
}

}  // namespace recproc
