// Delimited-text parser. Grammar (RFC 4180 §2, with any delimiter D and
// quote Q, and without its CRLF rules since the reader hands us one line):
//
//   line     = field *(D field)
//   field    = quoted / unquoted
//   quoted   = Q *(char / Q Q) Q
//   unquoted = *(any char but D)
//
// Values are views into the line unless a quoted value holds a doubled quote
// (arena). Extra values are named by position; those names are built once in
// the arena per message, never on the heap.
#include "parse/csv.h"

#include <cstdio>
#include <string>
#include <utility>

namespace recproc {
namespace {

Status AtColumn(std::string_view what, size_t pos) {
  return Status::InvalidArgument("csv: " + std::string(what) + " at byte " + std::to_string(pos + 1));
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Reads the value starting at text[*pos]; leaves *pos on the delimiter or at
// the end.
Status ReadField(std::string_view text, size_t* pos, const CsvOptions& o, Arena* arena,
                 std::string_view* value) {
  size_t i = *pos;
  if (o.trim_whitespace)
    while (i < text.size() && IsSpace(text[i]) && text[i] != o.delimiter) ++i;
  if (o.quote != '\0' && i < text.size() && text[i] == o.quote) {
    const size_t open = i;
    const size_t start = ++i;
    bool doubled = false;
    for (; i < text.size(); ++i) {
      if (text[i] != o.quote) continue;
      if (i + 1 < text.size() && text[i + 1] == o.quote) {
        doubled = true;
        ++i;
        continue;
      }
      break;
    }
    if (i >= text.size()) {
      if (o.strict) return AtColumn("unterminated quoted value", open);
      *value = text.substr(open);
      *pos = text.size();
      return Status::Ok();
    }
    std::string_view raw = text.substr(start, i - start);
    ++i;  // closing quote
    if (o.trim_whitespace)
      while (i < text.size() && IsSpace(text[i]) && text[i] != o.delimiter) ++i;
    if (i < text.size() && text[i] != o.delimiter) {
      if (o.strict) return AtColumn("expected a delimiter after the closing quote", i);
      // Lenient: keep the whole malformed field as written.
      while (i < text.size() && text[i] != o.delimiter) ++i;
      *value = text.substr(open, i - open);
      *pos = i;
      return Status::Ok();
    }
    if (doubled) {
      char* buf = arena->Allocate(raw.size());
      size_t n = 0;
      for (size_t j = 0; j < raw.size(); ++j) {
        buf[n++] = raw[j];
        if (raw[j] == o.quote) ++j;
      }
      raw = std::string_view(buf, n);
    }
    *value = raw;
    *pos = i;
    return Status::Ok();
  }
  const size_t start = i;
  for (; i < text.size() && text[i] != o.delimiter; ++i)
    if (o.strict && o.quote != '\0' && text[i] == o.quote)
      return AtColumn("quote inside an unquoted value", i);
  std::string_view v = text.substr(start, i - start);
  if (o.trim_whitespace)
    while (!v.empty() && IsSpace(v.back())) v.remove_suffix(1);
  *value = v;
  *pos = i;
  return Status::Ok();
}

class CsvParser final : public Parser {
 public:
  explicit CsvParser(CsvOptions o) : o_(std::move(o)) {}
  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override;
  std::string_view name() const override { return "csv"; }

 private:
  CsvOptions o_;
};

Status CsvParser::Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const {
  out->log_format = "CSV";
  out->parser = "csv";
  size_t pos = 0;
  size_t index = 0;
  while (true) {
    std::string_view value;
    if (Status s = ReadField(text, &pos, o_, ctx.arena, &value); !s.ok()) return s;
    if (out->fields.size() >= ctx.limits->max_fields)
      return Status::LimitExceeded("csv: more than " + std::to_string(ctx.limits->max_fields) + " fields");
    if (value.size() > ctx.limits->max_value_bytes)
      return Status::LimitExceeded("csv: value " + std::to_string(index + 1) + " longer than " +
                                   std::to_string(ctx.limits->max_value_bytes) + " bytes");
    std::string_view key;
    if (index < o_.columns.size()) {
      key = o_.columns[index];
    } else {
      char digits[24];
      int n = snprintf(digits, sizeof digits, "%zu", index + 1);
      key = ctx.arena->Copy(std::string_view(digits, n));
    }
    out->fields.push_back(Field{key, value, ValueKind::kString});
    ++index;
    if (pos >= text.size()) break;
    ++pos;  // the delimiter
  }
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Parser> MakeCsvParser(CsvOptions options) {
  return std::make_unique<CsvParser>(std::move(options));
}

Status CsvHeaderColumns(std::string_view line, const CsvOptions& options, std::vector<std::string>* columns) {
  Arena arena(1024);
  ParseLimits limits;
  ParseContext ctx{&arena, &limits, 0};
  ParsedMessage msg;
  CsvOptions o = options;
  o.columns.clear();
  if (Status s = MakeCsvParser(o)->Parse(line, ctx, &msg); !s.ok()) return s;
  columns->clear();
  for (const Field& f : msg.fields) {
    if (f.value.empty())
      return Status::InvalidArgument("csv header: column " + std::string(f.key) + " has no name");
    columns->emplace_back(f.value);
  }
  return Status::Ok();
}

bool LooksLikeCsv(std::string_view text, char delimiter) {
  if (text.empty() || text[0] == '{' || text[0] == '[' || text[0] == '<') return false;
  if (text.starts_with("CEF:") || text.starts_with("LEEF:")) return false;
  size_t n = 0;
  for (char c : text.substr(0, 4096))
    if (c == delimiter && ++n >= 2) return true;
  return false;
}

}  // namespace recproc
