// CEF parser, after "Implementing ArcSight Common Event Format (CEF)" rev. 25
// (header and extension sections). Grammar:
//
//   message   = [junk] "CEF:" version 6("|" hfield) "|" extension   ; junk: lenient only
//   hfield    = *(hchar / "\|" / "\\")                               ; hchar: any but '|' and '\'
//   extension = [SP] [pair *(1*SP pair)] *SP                         ; lenient: *SP in front
//   pair      = key "=" value
//   value     = *(vchar / "\=" / "\\" / "\n" / "\r" / "\|")
//
// A value has no terminator of its own: it runs until the next run of spaces
// followed by `key=`, which is how ArcSight's own parser reads values with
// spaces. Views point into the input unless an escape was decoded (arena).
#include "parse/cef.h"

#include <string>

namespace recproc {
namespace {

constexpr std::string_view kHeaderKeys[7] = {"cef.version",       "cef.deviceVendor", "cef.deviceProduct",
                                             "cef.deviceVersion", "cef.signatureId",  "cef.name",
                                             "cef.severity"};

Status AtColumn(std::string_view what, size_t pos) {
  return Status::InvalidArgument("cef: " + std::string(what) + " at byte " + std::to_string(pos + 1));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class CefParser final : public Parser {
 public:
  explicit CefParser(CefOptions o) : o_(o) {}
  Status Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const override;
  std::string_view name() const override { return "cef"; }

 private:
  bool IsKeyChar(char c) const {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '.') return true;
    return !o_.strict && (c == ',' || c == '[' || c == ']' || c == '-');
  }
  // Length of the key starting at text[i] if it is followed by '=', else 0.
  size_t KeyAt(std::string_view text, size_t i) const {
    size_t j = i;
    while (j < text.size() && IsKeyChar(text[j])) ++j;
    return (j > i && j < text.size() && text[j] == '=') ? j - i : 0;
  }
  Status ParseHeader(std::string_view text, size_t* pos, ParseContext& ctx, ParsedMessage* out) const;
  Status ParseExtension(std::string_view text, size_t pos, ParseContext& ctx, ParsedMessage* out) const;
  Status Emit(ParseContext& ctx, ParsedMessage* out, std::string_view key, std::string_view value) const;
  // Decodes the escapes of text[b, e) (all checked by the caller) into the arena.
  static std::string_view Unescape(std::string_view raw, bool extension, ParseContext& ctx);

  CefOptions o_;
};

Status CefParser::Emit(ParseContext& ctx, ParsedMessage* out, std::string_view key,
                       std::string_view value) const {
  if (out->fields.size() >= ctx.limits->max_fields)
    return Status::LimitExceeded("cef: more than " + std::to_string(ctx.limits->max_fields) + " fields");
  if (value.size() > ctx.limits->max_value_bytes || key.size() > ctx.limits->max_value_bytes)
    return Status::LimitExceeded("cef: value of '" + std::string(key.substr(0, 64)) + "' longer than " +
                                 std::to_string(ctx.limits->max_value_bytes) + " bytes");
  out->fields.push_back(Field{key, value, ValueKind::kString});
  return Status::Ok();
}

std::string_view CefParser::Unescape(std::string_view raw, bool extension, ParseContext& ctx) {
  if (raw.find('\\') == std::string_view::npos) return raw;
  char* buf = ctx.arena->Allocate(raw.size());
  size_t n = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      char e = raw[i + 1];
      if (e == '\\' || e == '|' || (extension && e == '=')) {
        c = e;
        ++i;
      } else if (extension && (e == 'n' || e == 'r')) {
        c = e == 'n' ? '\n' : '\r';
        ++i;
      }
      // Any other escape was rejected in strict mode and stays as written otherwise.
    }
    buf[n++] = c;
  }
  return std::string_view(buf, n);
}

Status CefParser::ParseHeader(std::string_view text, size_t* pos, ParseContext& ctx,
                              ParsedMessage* out) const {
  std::string_view values[7];
  size_t i = *pos + 4;  // past "CEF:"
  for (int f = 0; f < 7; ++f) {
    const size_t start = i;
    while (i < text.size() && text[i] != '|') {
      if (text[i] == '\\') {
        const bool known = i + 1 < text.size() && (text[i + 1] == '|' || text[i + 1] == '\\');
        if (!known && o_.strict) return AtColumn("invalid escape in header", i);
        if (known) ++i;
      }
      ++i;
    }
    if (i >= text.size()) return AtColumn("expected '|' after " + std::string(kHeaderKeys[f].substr(4)), i);
    values[f] = Unescape(text.substr(start, i - start), false, ctx);
    ++i;
  }
  std::string_view version = values[0];
  bool version_ok = !version.empty() && IsDigit(version[0]);
  for (char c : version) version_ok = version_ok && (IsDigit(c) || (!o_.strict && c == '.'));
  if (o_.strict) version_ok = version_ok && (version == "0" || version == "1");
  if (!version_ok) return AtColumn("unsupported CEF version '" + std::string(version) + "'", *pos + 4);
  for (int f = 0; f < 7; ++f)
    if (Status s = Emit(ctx, out, kHeaderKeys[f], values[f]); !s.ok()) return s;
  out->vendor = values[1];
  out->product = values[2];
  out->event_id = values[4];
  *pos = i;
  return Status::Ok();
}

Status CefParser::ParseExtension(std::string_view text, size_t pos, ParseContext& ctx,
                                 ParsedMessage* out) const {
  if (o_.strict) {
    if (pos < text.size() && text[pos] == ' ') ++pos;
  } else {
    while (pos < text.size() && text[pos] == ' ') ++pos;
  }
  while (pos < text.size()) {
    size_t key_len = KeyAt(text, pos);
    if (key_len == 0) {
      if (o_.strict) return AtColumn("expected an extension key followed by '='", pos);
      // Lenient: skip to the next ` key=`.
      out->notes.push_back("cef: skipped extension text without key");
      while (pos < text.size() && !(text[pos] == ' ' && KeyAt(text, pos + 1) != 0)) ++pos;
      while (pos < text.size() && text[pos] == ' ') ++pos;
      continue;
    }
    std::string_view key = text.substr(pos, key_len);
    const size_t vstart = pos + key_len + 1;
    size_t i = vstart;
    size_t vend = text.size();
    while (i < text.size()) {
      char c = text[i];
      if (c == '\\') {
        const bool known =
            i + 1 < text.size() && std::string_view("\\=nr|").find(text[i + 1]) != std::string_view::npos;
        if (!known && o_.strict) return AtColumn("invalid escape in extension value", i);
        i += known ? 2 : 1;
        continue;
      }
      if (c == '=' && o_.strict) return AtColumn("unescaped '=' in extension value", i);
      if (c == ' ') {
        size_t j = i;
        while (j < text.size() && text[j] == ' ') ++j;
        if (j < text.size() && KeyAt(text, j) != 0) {
          vend = i;
          i = j;
          break;
        }
        i = j;
        continue;
      }
      ++i;
    }
    std::string_view raw = text.substr(vstart, vend - vstart);
    if (vend == text.size())
      while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
    if (Status s = Emit(ctx, out, key, Unescape(raw, true, ctx)); !s.ok()) return s;
    pos = i;
  }
  return Status::Ok();
}

Status CefParser::Parse(std::string_view text, ParseContext& ctx, ParsedMessage* out) const {
  out->log_format = "CEF";
  out->parser = "cef";
  size_t pos = text.find("CEF:");
  if (pos == std::string_view::npos) return AtColumn("expected 'CEF:'", 0);
  if (pos != 0) {
    if (o_.strict) return AtColumn("expected 'CEF:'", 0);
    out->notes.push_back("cef: skipped text before 'CEF:'");
  }
  if (Status s = ParseHeader(text, &pos, ctx, out); !s.ok()) return s;
  const size_t extension_start = out->fields.size();
  if (Status s = ParseExtension(text, pos, ctx, out); !s.ok()) return s;
  if (!o_.collapse_custom_labels) return Status::Ok();
  const size_t end = out->fields.size();
  for (size_t l = extension_start; l < end; ++l) {
    std::string_view lk = out->fields[l].key;
    if (lk.size() <= 5 || !lk.ends_with("Label") || out->fields[l].value.empty()) continue;
    std::string_view base = lk.substr(0, lk.size() - 5);
    for (size_t b = extension_start; b < end; ++b) {
      if (out->fields[b].key != base) continue;
      if (Status s = Emit(ctx, out, out->fields[l].value, out->fields[b].value); !s.ok()) return s;
      break;
    }
  }
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Parser> MakeCefParser(CefOptions options) { return std::make_unique<CefParser>(options); }

bool LooksLikeCef(std::string_view text) {
  size_t pos = text.substr(0, 256).find("CEF:");
  if (pos == std::string_view::npos) return false;
  size_t i = pos + 4;
  if (i >= text.size() || !IsDigit(text[i])) return false;
  while (i < text.size() && (IsDigit(text[i]) || text[i] == '.')) ++i;
  return i < text.size() && text[i] == '|';
}

}  // namespace recproc
