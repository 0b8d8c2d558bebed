// JsonWriter: RFC 8259 output. Strings are scanned once: printable ASCII is
// copied in runs; control characters get \uXXXX (or the short escapes);
// multi-byte UTF-8 is validated per RFC 3629 (no overlongs, no surrogates,
// nothing above U+10FFFF) and each maximal invalid subpart becomes U+FFFD.
#include "record/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace recproc {

namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// True when any byte of v is < 0x20, >= 0x80, '"' or '\\' (SWAR: the
// classic "has a byte less than n" and "has a zero byte" tricks).
inline bool NeedsAttention(uint64_t v) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  uint64_t below_space = (v - kOnes * 0x20) & ~v;
  uint64_t quote = v ^ (kOnes * '"');
  uint64_t backslash = v ^ (kOnes * '\\');
  uint64_t has_quote = (quote - kOnes) & ~quote;
  uint64_t has_backslash = (backslash - kOnes) & ~backslash;
  return ((below_space | has_quote | has_backslash) & kHigh) != 0 || (v & kHigh) != 0;
}

// Length of the valid UTF-8 sequence starting at p (1..4), or 0 if invalid.
size_t ValidUtf8Length(const unsigned char* p, size_t n) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

uint64_t JsonWriter::AppendQuoted(std::string* out, std::string_view s) {
  uint64_t invalid = 0;
  out->push_back('"');
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    size_t run = i;
    // Eight bytes at a time while none needs attention (control, non-ASCII,
    // quote, backslash): most log text is plain ASCII.
    while (run + 8 <= n) {
      uint64_t v;
      std::memcpy(&v, p + run, 8);
      if (NeedsAttention(v)) break;
      run += 8;
    }
    while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\') ++run;
    if (run > i) {
      out->append(s.data() + i, run - i);
      i = run;
      if (i >= n) break;
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        case '\b': out->append("\\b"); break;
        case '\f': out->append("\\f"); break;
        default:
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
      }
      ++i;
      continue;
    }
    size_t len = ValidUtf8Length(p + i, n - i);
    if (len == 0) {
      out->append(kReplacement);
      ++invalid;
      ++i;
      continue;
    }
    out->append(s.data() + i, len);
    i += len;
  }
  out->push_back('"');
  return invalid;
}

void JsonWriter::Key(std::string_view k) {
  Sep();
  invalid_utf8_ += AppendQuoted(out_, k);
  out_->push_back(':');
  pending_key_ = true;
}

void JsonWriter::TrustedKey(std::string_view k) {
  Sep();
  out_->push_back('"');
  out_->append(k);
  out_->append("\":", 2);
  pending_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  Sep();
  invalid_utf8_ += AppendQuoted(out_, s);
}

void JsonWriter::Int(int64_t v) {
  Sep();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_->append(buf, r.ptr);
}

void JsonWriter::Double(double v) {
  Sep();
  if (!std::isfinite(v)) {
    out_->append("null");
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_->append(buf, r.ptr);
}

void JsonWriter::Bool(bool v) {
  Sep();
  out_->append(v ? "true" : "false");
}

void JsonWriter::Null() {
  Sep();
  out_->append("null");
}

void JsonWriter::Raw(std::string_view json) {
  Sep();
  out_->append(json);
}

namespace {

void WriteValue(const Value& v, JsonWriter* w) {
  switch (v.kind) {
    case Value::Kind::kString:
      w->String(v.s);
      break;
    case Value::Kind::kInt:
      w->Int(v.i);
      break;
    case Value::Kind::kDouble:
      w->Double(v.d);
      break;
    case Value::Kind::kBool:
      w->Bool(v.b);
      break;
    case Value::Kind::kRawJson:
      w->Raw(v.s);
      break;
    case Value::Kind::kStringList: {
      w->BeginArray();
      std::string_view rest = v.s;
      if (!rest.empty()) {
        while (true) {
          size_t z = rest.find('\0');
          w->String(rest.substr(0, z));
          if (z == std::string_view::npos) break;
          rest.remove_prefix(z + 1);
        }
      }
      w->EndArray();
      break;
    }
  }
}

}  // namespace

void WriteRecordJson(const Record& record, JsonWriter* w, std::vector<const Attribute*>* sorted,
                     std::vector<const Field*>* fields) {
  w->BeginObject();
  w->TrustedKey("uid");
  w->String(record.uid());
  w->TrustedKey("timestamp");
  w->Int(record.timestamp_ms());
  w->TrustedKey("objectType");
  w->String(record.object_type());
  sorted->clear();
  for (const Attribute& a : record.attributes()) sorted->push_back(&a);
  std::sort(sorted->begin(), sorted->end(),
            [](const Attribute* a, const Attribute* b) { return a->name < b->name; });
  for (const Attribute* a : *sorted) {
    w->TrustedKey(a->name);
    WriteValue(a->value, w);
  }
  if (record.fields() != nullptr) {
    fields->clear();
    for (const Field& f : *record.fields()) fields->push_back(&f);
    // Stable, so the first of several equal keys comes first and wins.
    std::stable_sort(fields->begin(), fields->end(),
                     [](const Field* a, const Field* b) { return a->key < b->key; });
    w->TrustedKey("fields");
    w->BeginObject();
    std::string_view last;
    bool have_last = false;
    for (const Field* f : *fields) {
      if (have_last && f->key == last) continue;
      last = f->key;
      have_last = true;
      w->Key(f->key);
      if (f->kind == ValueKind::kNull)
        w->String("null");
      else
        w->String(f->value);
    }
    w->EndObject();
  }
  w->EndObject();
}

}  // namespace recproc
